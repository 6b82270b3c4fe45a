/**
 * The clock of a request to exercise data-protection rights (GDPR art. 12.3; RULES.md, "Rights
 * requests"), in one pure file: the API stores and filters by it, the web app imports it to show
 * the countdown. No Node or Nest import; dates are computed in Europe/Paris with Intl only.
 *
 * - The period ends at the end of the day (23:59:59.999, Paris time) that falls one calendar month
 *   after the day of receipt: 15 March → 15 April; a day the month does not have is clamped to its
 *   last day (31 January → 28 or 29 February, 31 March → 30 April). This is the rule of regulation
 *   (EEC, Euratom) No 1182/71 on periods expressed in months.
 * - EXTENDED: three calendar months from receipt (the month plus the two of art. 12.3), clamped the
 *   same way (31 January → 30 April).
 * - Paused days: each stay in AWAITING_REQUESTER counts the calendar days (Paris) between the day it
 *   began and the day it ended (paused on the 3rd, resumed on the 13th: 10 days; paused and resumed
 *   on the same day: 0); the due day moves forward by their sum. An ongoing pause counts up to now,
 *   so a paused request never becomes overdue unless it already was when the pause began.
 * Calendar days, not 24-hour spans: a pause across a change of summer time counts like any other.
 *
 * The database stores `due_at` (the ended pauses only) and filters with `rightsRequestOverdueSql`,
 * below, next to the TypeScript form; tests/integration/rights-requests.spec.ts checks that the
 * `overdue: true` filter lists exactly the requests whose `overdue` field is true.
 */

export const RIGHTS_REQUEST_TIME_ZONE = 'Europe/Paris';

/** The statuses after which the clock no longer runs: the answer (or the refusal) was given. */
export const FINAL_RIGHTS_REQUEST_STATUSES = ['ANSWERED', 'REFUSED'] as const;

/** A rights request's status (registered with GraphQL in apps/api/src/common/enums.ts). */
export const RightsRequestStatus = {
  RECEIVED: 'RECEIVED',
  AWAITING_REQUESTER: 'AWAITING_REQUESTER',
  IN_PROGRESS: 'IN_PROGRESS',
  ANSWERED: 'ANSWERED',
  REFUSED: 'REFUSED',
} as const;
export type RightsRequestStatus = (typeof RightsRequestStatus)[keyof typeof RightsRequestStatus];

export function isFinalRightsRequestStatus(status: string): boolean {
  return (FINAL_RIGHTS_REQUEST_STATUSES as readonly string[]).includes(status);
}

/** A calendar date (Paris), month 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const PARIS = new Intl.DateTimeFormat('en-US', {
  timeZone: RIGHTS_REQUEST_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

function parisWallClock(instant: Date): CalendarDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of PARIS.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The Paris calendar date of an instant. */
export function parisDate(instant: Date): CalendarDate {
  const { year, month, day } = parisWallClock(instant);
  return { year, month, day };
}

/** Days since 1970-01-01 of a calendar date (no time zone involved). */
function dayNumber(d: CalendarDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

function fromDayNumber(n: number): CalendarDate {
  const date = new Date(n * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day `months` calendar months later, clamped to the last day of a shorter month. */
export function addCalendarMonths(d: CalendarDate, months: number): CalendarDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function addCalendarDays(d: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(d) + days);
}

/** Offset of Paris from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffset(instant: number): number {
  const w = parisWallClock(new Date(instant));
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The last millisecond of a calendar day in Paris (23:59:59.999, summer or winter time). */
export function endOfParisDay(d: CalendarDate): Date {
  const wall = Date.UTC(d.year, d.month - 1, d.day, 23, 59, 59, 999);
  // 23:59 is never inside a change of time in Paris (they happen at 02:00 and 03:00)
  let instant = wall - parisOffset(wall);
  instant = wall - parisOffset(instant);
  return new Date(instant);
}

/** Calendar days (Paris) from the day of `from` to the day of `to`; 0 when `to` is not later. */
export function pauseDays(from: Date, to: Date): number {
  return Math.max(0, dayNumber(parisDate(to)) - dayNumber(parisDate(from)));
}

/** The due instant: end of (receipt day + 1 or 3 calendar months + paused days), Paris time. */
export function rightsRequestDueAt(input: { receivedAt: Date; extended: boolean; pausedDays: number }): Date {
  const due = addCalendarMonths(parisDate(input.receivedAt), input.extended ? 3 : 1);
  return endOfParisDay(addCalendarDays(due, input.pausedDays));
}

/** What is stored of a request's clock: enough to compute it at any instant. */
export interface RightsRequestClockState {
  status: string;
  receivedAt: Date;
  extended: boolean;
  /** days of the pauses already ended */
  pausedDays: number;
  /** when the ongoing pause began (status AWAITING_REQUESTER), else null */
  awaitingSince: Date | null;
  /** when the request was answered or refused, else null */
  answeredAt: Date | null;
}

export interface RightsRequestClock {
  /** the deadline as of `now` (an ongoing pause counted up to now) */
  dueAt: Date;
  /** the deadline with only the ended pauses: what the database stores and filters by */
  storedDueAt: Date;
  /** every paused day, the ongoing pause included */
  pausedDays: number;
  overdue: boolean;
  /** the un-extended deadline as of `now`: an extension must be decided and told before it */
  originalDueAt: Date;
}

/**
 * The clock as of `now`. `overdue`: not final and now > dueAt, or answered/refused after dueAt.
 */
export function rightsRequestClock(
  state: RightsRequestClockState,
  now: Date = new Date(),
): RightsRequestClock {
  const ongoing =
    state.status === 'AWAITING_REQUESTER' && state.awaitingSince ? pauseDays(state.awaitingSince, now) : 0;
  const pausedDays = state.pausedDays + ongoing;
  const dueAt = rightsRequestDueAt({ receivedAt: state.receivedAt, extended: state.extended, pausedDays });
  const storedDueAt = rightsRequestDueAt({
    receivedAt: state.receivedAt,
    extended: state.extended,
    pausedDays: state.pausedDays,
  });
  const originalDueAt = rightsRequestDueAt({ receivedAt: state.receivedAt, extended: false, pausedDays });
  const settledAt = isFinalRightsRequestStatus(state.status) ? state.answeredAt : null;
  const overdue = (settledAt ?? now).getTime() > dueAt.getTime();
  return { dueAt, storedDueAt, pausedDays, overdue, originalDueAt };
}

/** Whole days left before dueAt (negative once past), for a countdown: 0 on the due day itself. */
export function daysLeft(dueAt: Date, now: Date = new Date()): number {
  return dayNumber(parisDate(dueAt)) - dayNumber(parisDate(now));
}

// ---- the same rule in SQL ----

/**
 * `overdue` in SQL (rights_request alias `alias`), as of the statement's now(), on the stored columns
 * (`due_at` holds the ended pauses only): answered or refused after due_at; paused since after due_at
 * (an ongoing pause moves the deadline forward a day per day, so a pause that began in time never
 * becomes late); otherwise now() past due_at. Never NULL (the table's CHECKs tie answered_at and
 * awaiting_since to the status), so NOT() is its negation.
 */
export function rightsRequestOverdueSql(alias = 'r'): string {
  return `(CASE WHEN ${alias}.status IN ('ANSWERED','REFUSED') THEN ${alias}.answered_at > ${alias}.due_at
    WHEN ${alias}.status = 'AWAITING_REQUESTER' THEN ${alias}.awaiting_since > ${alias}.due_at
    ELSE now() > ${alias}.due_at END)`;
}

/** The counters' overdueRightsRequests in SQL: not final and past its deadline. */
export function openOverdueRightsRequestSql(alias = 'r'): string {
  return `((${alias}.status IN ('RECEIVED','IN_PROGRESS') AND now() > ${alias}.due_at)
    OR (${alias}.status = 'AWAITING_REQUESTER' AND ${alias}.awaiting_since > ${alias}.due_at))`;
}
