/**
 * The CNIL notification deadline (GDPR art. 33.1, RULES.md "Violations"), the one definition of the
 * rule: the API (violation model, filters, dashboard counts), the PDF documents and the web app use
 * it. Pure TypeScript, no Node or Nest import: the browser imports this file too.
 *
 * - a notification is required unless the risk is UNLIKELY;
 * - the deadline is 72 hours after the discovery;
 * - a required notification is overdue when it was made after the deadline, or, not made yet, once
 *   the deadline has passed.
 *
 * The database computes the same columns (`cnil_notification_required`, `cnil_deadline`, generated
 * by the initial migration) and filters with `cnilOverdueSql`: the SQL forms are below, next to the
 * TypeScript ones, and tests/integration/cnil-deadline.spec.ts proves both agree on every case.
 */

export const CNIL_DEADLINE_HOURS = 72;
const CNIL_DEADLINE_MS = CNIL_DEADLINE_HOURS * 60 * 60 * 1000;

/** The risk that needs no notification. */
export const RISK_NEEDING_NO_NOTIFICATION = 'UNLIKELY';

export type CnilDeadlineStatus =
  'NOT_REQUIRED' | 'NOTIFIED_IN_TIME' | 'NOTIFIED_LATE' | 'NOT_NOTIFIED_OVERDUE' | 'NOT_NOTIFIED_PENDING';

/** What the rule reads of a violation. */
export interface CnilNotificationFacts {
  cnilNotificationRequired: boolean;
  cnilDeadline: Date;
  cnilNotifiedAt: Date | null;
}

export function cnilNotificationRequired(risk: string): boolean {
  return risk !== RISK_NEEDING_NO_NOTIFICATION;
}

export function cnilDeadline(discoveredAt: Date): Date {
  return new Date(discoveredAt.getTime() + CNIL_DEADLINE_MS);
}

/** Where a violation stands against its deadline, as of `now` (the documents' wording). */
export function cnilDeadlineStatus(v: CnilNotificationFacts, now: Date): CnilDeadlineStatus {
  if (!v.cnilNotificationRequired) return 'NOT_REQUIRED';
  if (v.cnilNotifiedAt) {
    return v.cnilNotifiedAt.getTime() <= v.cnilDeadline.getTime() ? 'NOTIFIED_IN_TIME' : 'NOTIFIED_LATE';
  }
  return now.getTime() > v.cnilDeadline.getTime() ? 'NOT_NOTIFIED_OVERDUE' : 'NOT_NOTIFIED_PENDING';
}

/** Required and not made in time: notified late, or not notified past the deadline. */
export function isCnilOverdue(v: CnilNotificationFacts, now: Date = new Date()): boolean {
  const status = cnilDeadlineStatus(v, now);
  return status === 'NOTIFIED_LATE' || status === 'NOT_NOTIFIED_OVERDUE';
}

// ---- the same rule in SQL ----

/** `cnil_notification_required`'s expression, on a violation's `risk` column. */
export const CNIL_NOTIFICATION_REQUIRED_SQL = `risk <> '${RISK_NEEDING_NO_NOTIFICATION}'`;

/** `cnil_deadline(discovered_at)`'s body (an immutable SQL function: 72 hours in every time zone). */
export const CNIL_DEADLINE_SQL = `$1 + interval '${CNIL_DEADLINE_HOURS} hours'`;

/**
 * `isCnilOverdue` in SQL, on violation alias `alias`, as of the statement's `now()`. Both branches
 * compare non-null columns, so the expression is never NULL and NOT() is its negation.
 */
export function cnilOverdueSql(alias = 'v'): string {
  return `(${alias}.cnil_notification_required AND CASE WHEN ${alias}.cnil_notified_at IS NULL
    THEN now() > ${alias}.cnil_deadline ELSE ${alias}.cnil_notified_at > ${alias}.cnil_deadline END)`;
}
