import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatRemaining } from './format';

describe('French dates, Europe/Paris', () => {
  it('writes "3 décembre 2026 à 14 h 05" in winter time (UTC+1)', () => {
    expect(formatDateTime('2026-12-03T13:05:00Z')).toBe('3 décembre 2026 à 14 h 05');
  });
  it('follows summer time (UTC+2), writes the 1st as "1er" and the hour without a leading zero', () => {
    expect(formatDateTime('2026-07-01T07:09:00Z')).toBe('1er juillet 2026 à 9 h 09');
  });
  it('uses the Paris calendar day near midnight', () => {
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('1er janvier 2027');
  });
  it('writes what remains of a delay', () => {
    expect(formatRemaining(72 * 3600_000 - 60_000)).toBe('2 j 23 h 59 min');
    expect(formatRemaining(65 * 60_000)).toBe('1 h 05 min');
    expect(formatRemaining(-5)).toBe('0 min');
  });
});

describe('file sizes, in French units', () => {
  it('writes octets, ko and Mo with a decimal comma', () => {
    expect(formatBytes(1)).toBe('1 octet');
    expect(formatBytes(820)).toBe('820 octets');
    expect(formatBytes(61_880)).toBe('61,9 ko');
    expect(formatBytes(1_234_567)).toBe('1,2 Mo');
  });
});
