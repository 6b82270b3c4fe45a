import { describe, expect, it } from 'vitest';
import { schoolBars } from './chart-data';

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
