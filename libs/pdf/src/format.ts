import { fontCovers } from './fonts';
/**
 * French formats for documents: dates in Europe/Paris, yes/no, counts, and text made safe for the
 * embedded font.
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

interface ParisParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// numeric parts only, from a locale every Node.js build carries: no dependency on French ICU data
const PARIS_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

function parisParts(date: Date): ParisParts {
  const parts = Object.fromEntries(
    PARIS_PARTS.formatToParts(date)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** 25/11/2026 (Paris). */
export function formatDate(date: Date): string {
  const p = parisParts(date);
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** 25/11/2026 à 14:03 (Paris). */
export function formatDateTime(date: Date): string {
  const p = parisParts(date);
  return `${two(p.day)}/${two(p.month)}/${p.year} à ${two(p.hour)}:${two(p.minute)}`;
}

/** 25/11/2026 14:03 (Paris): the spreadsheets' CSV form, JJ/MM/AAAA HH:MM. */
export function formatSheetDateTime(date: Date): string {
  const p = parisParts(date);
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The Paris wall-clock time as a UTC instant: a workbook's dates have no time zone, and a cell shows
 * the date it is given in UTC, so this is what makes it show the time of Paris.
 */
export function parisWallClock(date: Date): Date {
  const p = parisParts(date);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
}

/** 1er décembre 2026 à 09:05 (heure de Paris). */
export function formatLongDateTime(date: Date): string {
  const p = parisParts(date);
  const day = p.day === 1 ? '1er' : String(p.day);
  return `${day} ${MONTHS[p.month - 1]} ${p.year} à ${two(p.hour)}:${two(p.minute)} (heure de Paris)`;
}

/** 2026-11-25: the Paris calendar date, for file names. */
export function parisDateStamp(date: Date): string {
  const p = parisParts(date);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

export const NOT_PROVIDED = 'Non renseigné';

export function yesNo(value: boolean): string {
  return value ? 'Oui' : 'Non';
}

export function orNotProvided(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === '' ? NOT_PROVIDED : value;
}

export function dateOrNotProvided(value: Date | null | undefined): string {
  return value ? formatDateTime(value) : NOT_PROVIDED;
}

/** 1 234 (a plain space as thousands separator: it survives text extraction unchanged). */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return NOT_PROVIDED;
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** "3 traitements", "1 traitement", "0 traitement" (French: 0 and 1 take the singular). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count > 1 ? pluralForm : singular}`;
}

/** Durations between two instants, in whole hours and minutes: "5 h 20 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} j`);
  if (hours) parts.push(`${hours} h`);
  if (rest || parts.length === 0) parts.push(`${rest} min`);
  return parts.join(' ');
}

/*
 * The documents embed DejaVu Sans (fonts.ts): every character it draws prints as typed (Łódź,
 * Nguyễn, Кузнецова, « », œ, —, €). Invisible characters (soft hyphen, zero-width spaces) and
 * controls are dropped; a character the font lacks is replaced by its nearest equivalent, else by
 * its base letter (compatibility decomposition, marks dropped), else by "?". The database keeps
 * the original text; the document says what it could print.
 */
const DROPPED = new Set(['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);
const REPLACEMENTS: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space (French typography before ; : ! ?)
  '\u2009': ' ',
  '\u2007': ' ',
  '\u200a': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u21d2': '=>',
  '\u2713': 'v',
  '\u2714': 'v',
};

const isControl = (code: number): boolean => code < 0x20 || (code >= 0x7f && code < 0xa0);
const drawn = (char: string): boolean => fontCovers(char.codePointAt(0) ?? 0);

/** Text the embedded font prints faithfully (see above); line breaks kept, other controls dropped. */
export function printable(value: string): string {
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
  let out = '';
  for (const char of text) {
    if (char === '\n') {
      out += char;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (isControl(code) || DROPPED.has(char)) continue;
    if (drawn(char)) {
      out += char;
      continue;
    }
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const decomposed = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += decomposed && [...decomposed].every(drawn) ? decomposed : '?';
  }
  return out;
}
