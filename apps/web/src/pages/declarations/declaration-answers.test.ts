import { describe, expect, it } from 'vitest';
import { EMPTY_ANSWERS, riskOf, toInput } from './declaration-answers';

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
