import { isValidUai, uaiFor } from './uai';

describe('isValidUai', () => {
  it('accepts 7 digits with their check letter, in either case', () => {
    expect(isValidUai('0310024H')).toBe(true);
    expect(isValidUai('0310024h')).toBe(true);
    expect(isValidUai(uaiFor(1234567))).toBe(true);
  });
  it('refuses a wrong check letter, a wrong length or something other than a string', () => {
    expect(isValidUai('0310024A')).toBe(false);
    expect(isValidUai('031002H')).toBe(false);
    expect(isValidUai('03100245H')).toBe(false);
    expect(isValidUai(310024)).toBe(false);
    expect(isValidUai('')).toBe(false);
  });
  it('computes the letter from the seven digits mod 23', () => {
    expect(uaiFor(0)).toBe('0000000A');
    expect(uaiFor(22)).toBe('0000022Z');
    expect(uaiFor(23)).toBe('0000023A');
  });
});
