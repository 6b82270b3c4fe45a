/** French formats for the pages: dates and times in Europe/Paris, whatever the computer's zone. */
const PARTS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** "3 décembre 2026 à 14 h 05" (heure de Paris), from an ISO string or a Date. */
export function formatDateTime(value: string | Date): string {
  const parts = PARTS.formatToParts(new Date(value));
  const day = part(parts, 'day');
  return `${day === '1' ? '1er' : day} ${part(parts, 'month')} ${part(parts, 'year')} à ${Number(
    part(parts, 'hour'),
  )} h ${part(parts, 'minute')}`;
}

/** "3 décembre 2026" (Paris). */
export function formatDate(value: string | Date): string {
  const parts = DAY.formatToParts(new Date(value));
  const day = part(parts, 'day');
  return `${day === '1' ? '1er' : day} ${part(parts, 'month')} ${part(parts, 'year')}`;
}

/** "2 j 5 h 07 min", "45 min": what remains of a delay in milliseconds (0 and below: "0 min"). */
export function formatRemaining(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} j ${hours} h ${String(rest).padStart(2, '0')} min`;
  if (hours > 0) return `${hours} h ${String(rest).padStart(2, '0')} min`;
  return `${rest} min`;
}

const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** "820 octets", "61,9 ko", "1,2 Mo" (French units, powers of 1,000 as the DSFR's download links). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} octet${bytes > 1 ? 's' : ''}`;
  if (bytes < 1_000_000) return `${DECIMAL.format(bytes / 1000)} ko`;
  return `${DECIMAL.format(bytes / 1_000_000)} Mo`;
}
