import { isFinalRightsRequestStatus } from '@app/rules/rights-request-deadline';
import type { RiskLevel } from '../../api/gql/graphql';

const RISK_ORDER: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

interface BreachFacts {
  cnilDeadline: string;
  cnilNotificationRequired: boolean;
  cnilNotifiedAt?: string | null;
}

/** A breach whose 72 hours run (or have run out): the CNIL must be notified and has not been. */
export const awaitsNotification = (v: BreachFacts): boolean =>
  v.cnilNotificationRequired && !v.cnilNotifiedAt;

/**
 * Open breaches, most urgent first: those awaiting their CNIL notification by nearest deadline (past
 * ones first of all), then the others (to complete and close), oldest first.
 */
export function byUrgency<T extends BreachFacts>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      Number(awaitsNotification(b)) - Number(awaitsNotification(a)) ||
      Date.parse(a.cnilDeadline) - Date.parse(b.cnilDeadline),
  );
}

/** Declarations: the highest risk first, then the oldest submission. */
export function byRisk<T extends { riskLevel: RiskLevel; submittedAt?: string | null }>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) =>
      RISK_ORDER[a.riskLevel] - RISK_ORDER[b.riskLevel] ||
      (Date.parse(a.submittedAt ?? '') || 0) - (Date.parse(b.submittedAt ?? '') || 0),
  );
}

interface RequestFacts {
  status: string;
  dueAt: string;
}

/**
 * Rights requests whose month runs (not answered nor refused), nearest due date first (past ones
 * first of all); those paused waiting for the requester last, their clock stands still.
 */
export function runningRequests<T extends RequestFacts>(items: readonly T[]): T[] {
  return items
    .filter((r) => !isFinalRightsRequestStatus(r.status))
    .sort(
      (a, b) =>
        Number(a.status === 'AWAITING_REQUESTER') - Number(b.status === 'AWAITING_REQUESTER') ||
        Date.parse(a.dueAt) - Date.parse(b.dueAt),
    );
}
