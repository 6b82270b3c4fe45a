import { isValidUai, uaiFor } from './validation';

describe('UAI', () => {
  it('accepts 7 digits with the right check letter, in either case', () => {
    expect(isValidUai('0310024H')).toBe(true);
    expect(isValidUai('0310024h')).toBe(true);
  });

  it('refuses a wrong letter, a wrong length, and letters in the digits', () => {
    for (const uai of ['0310024A', '031002H', '03100245H', '03A0024H', '', null])
      expect(isValidUai(uai)).toBe(false);
  });

  it('computes the letter as the digits modulo 23 in ABCDEFGHJKLMNPRSTUVWXYZ', () => {
    expect(uaiFor(310024)).toBe('0310024H');
    expect(uaiFor(0)).toBe('0000000A');
    expect(uaiFor(22)).toBe('0000022Z');
    for (let n = 1; n < 500; n += 7) expect(isValidUai(uaiFor(n * 12345))).toBe(true);
  });
});
