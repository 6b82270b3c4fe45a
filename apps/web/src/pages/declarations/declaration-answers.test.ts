import { describe, expect, it } from 'vitest';
import { EMPTY_ANSWERS, riskOf, toInput, toPatch, withEntry } from './declaration-answers';

const safe = {
  ...EMPTY_ANSWERS,
  schoolId: 's',
  toolName: 'Digipad',
  purpose: 'Mur collaboratif',
  freeSoftware: 'YES' as const,
  institutional: true,
  hosting: 'EU' as const,
  commercialReuse: 'NO' as const,
  dataCategories: ['ASSESSMENT' as const],
  pseudonymsUsed: true,
  retentionMonths: '12',
  familiesInformed: true,
};

describe('the risk of the answers (the shared rules module)', () => {
  it('is low when every checklist question is answered safely', () => {
    expect(riskOf(safe)).toEqual({ flags: [], level: 'LOW' });
  });
  it('turns high when the data is hosted outside the EU', () => {
    expect(riskOf({ ...safe, hosting: 'NON_EU' })).toEqual({ flags: ['NON_EU_HOSTING'], level: 'HIGH' });
  });
  it('flags an empty retention as no limit', () => {
    expect(riskOf({ ...safe, retentionMonths: ' ' })).toEqual({
      flags: ['NO_RETENTION_LIMIT'],
      level: 'MEDIUM',
    });
  });
});

describe('toInput', () => {
  it('turns the typed texts into the API input', () => {
    expect(
      toInput({ ...safe, classes: '6e A, , 5e B ', approxStudentCount: '', vendor: '  ' }),
    ).toMatchObject({
      classes: ['6e A', '5e B'],
      approxStudentCount: null,
      vendor: null,
      retentionMonths: 12,
    });
  });
});

describe('a tool chosen in the académie’s catalogue', () => {
  const kahoot = {
    id: 'k',
    name: 'Kahoot!',
    vendor: 'Kahoot! ASA',
    url: null,
    hosting: 'NON_EU' as const,
    hostingCountry: 'Norvège',
    freeSoftware: 'NO' as const,
    institutional: false,
    commercialReuse: 'YES' as const,
    opinion: 'FORBIDDEN' as const,
    conditions: 'Publicité ciblée.',
    alternatives: [{ name: 'Capytale' }],
  };
  const chosen = withEntry({ ...safe, toolName: 'kahoot' }, kahoot);

  it('takes the entry’s facts and opinion: the risk is the server’s (forbidden: high)', () => {
    expect(chosen).toMatchObject({ toolName: 'Kahoot!', hosting: 'NON_EU', commercialReuse: 'YES' });
    expect(riskOf(chosen).flags).toContain('CATALOG_FORBIDDEN');
    expect(riskOf(chosen).level).toBe('HIGH');
  });
  it('is created from the entry, without the facts the API refuses from the author', () => {
    const input = toInput(chosen);
    expect(input.catalogToolId).toBe('k');
    for (const field of ['toolName', 'vendor', 'url', 'hosting', 'hostingCountry', 'freeSoftware']) {
      expect(input).not.toHaveProperty(field);
    }
    expect(input).toMatchObject({ purpose: 'Mur collaboratif', retentionMonths: 12 });
  });
  it('once linked, is updated without the entry’s facts; not linked yet, with its name', () => {
    expect(toPatch(chosen, true)).not.toHaveProperty('toolName');
    expect(toPatch(chosen, true)).toMatchObject({ purpose: 'Mur collaboratif' });
    expect(toPatch(chosen, false)).toMatchObject({ toolName: 'Kahoot!' });
  });
});
