import { deadlineStatus } from './deadline';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatLongDateTime,
  parisDateStamp,
  plural,
  printable,
} from './format';
import { exportFileName } from './documents';
import { splitText } from './layout';

describe('French formats', () => {
  it('writes dates in Paris time, winter (UTC+1) and summer (UTC+2)', () => {
    expect(formatDateTime(new Date('2026-03-12T08:30:00Z'))).toBe('12/03/2026 à 09:30');
    expect(formatDateTime(new Date('2026-07-01T10:15:00Z'))).toBe('01/07/2026 à 12:15');
    expect(formatDate(new Date('2026-07-01T10:15:00Z'))).toBe('01/07/2026');
    // the last hour of a UTC day is already the next day in Paris
    expect(formatDateTime(new Date('2026-12-31T23:30:00Z'))).toBe('01/01/2027 à 00:30');
    expect(parisDateStamp(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(parisDateStamp(new Date('2026-11-25T10:00:00Z'))).toBe('2026-11-25');
  });

  it('writes long dates with French month names and "1er"', () => {
    expect(formatLongDateTime(new Date('2026-11-25T13:03:00Z'))).toBe(
      '25 novembre 2026 à 14:03 (heure de Paris)',
    );
    expect(formatLongDateTime(new Date('2026-08-01T07:05:00Z'))).toBe(
      '1er août 2026 à 09:05 (heure de Paris)',
    );
    expect(formatLongDateTime(new Date('2026-02-28T23:00:00Z'))).toBe(
      '1er mars 2026 à 00:00 (heure de Paris)',
    );
  });

  it('writes counts, plurals and durations the French way', () => {
    expect(formatCount(1234567)).toBe('1 234 567');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('Non renseigné');
    expect(plural(0, 'violation')).toBe('0 violation');
    expect(plural(1, 'violation')).toBe('1 violation');
    expect(plural(2, 'traitement actif', 'traitements actifs')).toBe('2 traitements actifs');
    expect(formatDuration(26 * 3600_000)).toBe('1 j 2 h');
    expect(formatDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(0)).toBe('0 min');
  });

  it('names files in French with the UAI and the Paris date', () => {
    const at = new Date('2026-11-25T10:00:00Z');
    expect(exportFileName('TREATMENT_REGISTER', '0310024H', at)).toBe(
      'registre-des-traitements-0310024H-2026-11-25.pdf',
    );
    expect(exportFileName('VIOLATION_REGISTER', '0310024H', at)).toBe(
      'registre-des-violations-0310024H-2026-11-25.pdf',
    );
    expect(exportFileName('CNIL_DOSSIER', '0310024H', at)).toBe('dossier-cnil-0310024H-2026-11-25.pdf');
  });
});

describe('printable', () => {
  it('keeps French text as it is', () => {
    const french = "« Élèves » — l'œuvre, Ça, ŒUF, déjà… “guillemets” ‘simples’ 12 € – fin";
    expect(printable(french)).toBe(french);
  });

  it('keeps every character the embedded font draws: names print as typed', () => {
    for (const text of [
      'Łódź Quiz — Nguyễn',
      'Łódź, Ōsaka, Kővári',
      'Анна Кузнецова',
      'Ελένη',
      'a ≥ b → c',
      'Prix\u202f: 3\u00a0€',
    ]) {
      expect(printable(text)).toBe(text);
    }
  });

  it('replaces what the embedded font cannot draw: its base letter, else "?"', () => {
    expect(printable('𝐀bc')).toBe('Abc'); // mathematical bold A: its compatibility decomposition
    expect(printable('中文')).toBe('??');
  });

  it('composes accents, keeps line breaks and drops control characters', () => {
    expect(printable('e\u0301le\u0300ve')).toBe('élève');
    expect(printable('un\r\ndeux\rtrois\tquatre')).toBe('un\ndeux\ntrois    quatre');
    expect(printable('a\u0000b\u0007c\u200bd')).toBe('abcd');
  });
});

describe('splitText', () => {
  it('cuts a long text after spaces into pieces that join back to it', () => {
    const text = Array.from({ length: 500 }, (_, i) => `mot${i}`).join(' ');
    const pieces = splitText(text, 400);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.endsWith(' ')).toBe(true);
      expect(piece.length).toBeLessThanOrEqual(600);
    }
  });

  it('leaves a short text, or one without spaces, whole', () => {
    expect(splitText('court', 400)).toEqual(['court']);
    const word = 'x'.repeat(2000);
    expect(splitText(word, 400).join('')).toBe(word);
  });
});

describe('deadlineStatus', () => {
  const discovered = new Date('2026-02-01T10:00:00Z');
  const deadline = new Date('2026-02-04T10:00:00Z');
  const at = (h: number) => new Date(discovered.getTime() + h * 3600_000);
  const violation = (required: boolean, notifiedAt: Date | null) => ({
    cnilNotificationRequired: required,
    cnilDeadline: deadline,
    cnilNotifiedAt: notifiedAt,
  });

  it('tells the five cases apart', () => {
    expect(deadlineStatus(violation(false, null), at(500))).toBe('NOT_REQUIRED');
    expect(deadlineStatus(violation(true, at(72)), at(500))).toBe('NOTIFIED_IN_TIME');
    expect(deadlineStatus(violation(true, at(72.01)), at(500))).toBe('NOTIFIED_LATE');
    expect(deadlineStatus(violation(true, null), at(72.01))).toBe('NOT_NOTIFIED_OVERDUE');
    expect(deadlineStatus(violation(true, null), at(72))).toBe('NOT_NOTIFIED_PENDING');
  });
});
