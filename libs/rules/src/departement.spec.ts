import { departementCode, departementLabel } from './departement';
import { uaiFor } from './uai';

describe('the département of a UAI', () => {
  it('reads metropolitan, Corsican and overseas codes', () => {
    expect(departementCode(uaiFor(310_024))).toBe('31');
    expect(departementCode('0090012A')).toBe('09');
    expect(departementCode('6200001')).toBe('2A');
    expect(departementCode('7200001')).toBe('2B');
    expect(departementCode('9740001')).toBe('974');
  });
  it('names it, and says "Département" for a code it does not know', () => {
    expect(departementLabel('0310024H')).toBe('Haute-Garonne (31)');
    expect(departementLabel('009')).toBe('Ariège (09)');
    expect(departementLabel('720')).toBe('Haute-Corse (2B)');
    expect(departementLabel('974')).toBe('La Réunion (974)');
    expect(departementLabel('999')).toBe('Département 999');
  });
});
