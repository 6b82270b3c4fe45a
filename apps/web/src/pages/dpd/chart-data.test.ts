import { describe, expect, it } from 'vitest';
import { groupBars, schoolBars } from './chart-data';

describe('schoolBars', () => {
  it('splits the schools by whether they hold a treatment, with their shares', () => {
    expect(schoolBars({ schools: 8, schoolsWithoutTreatments: 2 })).toEqual([
      { key: 'withTreatments', label: 'Avec au moins un traitement', value: 6, percent: 75 },
      { key: 'withoutTreatments', label: 'Sans aucun traitement', value: 2, percent: 25 },
    ]);
  });
  it('gives zero shares for an académie without schools, and never more than all schools', () => {
    expect(schoolBars({ schools: 0, schoolsWithoutTreatments: 0 }).map((b) => b.percent)).toEqual([0, 0]);
    expect(schoolBars({ schools: 3, schoolsWithoutTreatments: 5 }).map((b) => b.value)).toEqual([0, 3]);
  });
  it('rounds the shares', () => {
    expect(schoolBars({ schools: 3, schoolsWithoutTreatments: 1 }).map((b) => b.percent)).toEqual([67, 33]);
  });
});

describe('groupBars', () => {
  const g = (key: string, schools: number, schoolsWithoutTreatments: number) => ({
    key,
    label: key,
    schools,
    schoolsWithoutTreatments,
  });
  it('puts the largest group first and scales the bars on it', () => {
    const bars = groupBars([
      g('Ariège (09)', 50, 10),
      g('Haute-Garonne (31)', 200, 20),
      g('Gers (32)', 50, 0),
    ]);
    expect(
      bars.map((b) => [b.label, b.scale, b.withTreatments, b.withoutTreatments, b.percentWithout]),
    ).toEqual([
      ['Haute-Garonne (31)', 100, 180, 20, 10],
      ['Ariège (09)', 25, 40, 10, 20],
      ['Gers (32)', 25, 50, 0, 0],
    ]);
  });
  it('survives empty groups and counts that disagree', () => {
    expect(groupBars([])).toEqual([]);
    const [empty] = groupBars([g('x', 0, 0)]);
    expect([empty.scale, empty.percentWithout]).toEqual([0, 0]);
    const [odd] = groupBars([g('y', 2, 5)]);
    expect([odd.withTreatments, odd.withoutTreatments]).toEqual([0, 2]);
  });
});
