import type { RiskLevel } from '../../api/gql/graphql';

const RISK_ORDER: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** Breaches: the nearest CNIL deadline first (those past come first of all). */
export function byDeadline<T extends { cnilDeadline: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Date.parse(a.cnilDeadline) - Date.parse(b.cnilDeadline));
}

/** Declarations: the highest risk first, then the oldest submission. */
export function byRisk<T extends { riskLevel: RiskLevel; submittedAt?: string | null }>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) =>
      RISK_ORDER[a.riskLevel] - RISK_ORDER[b.riskLevel] ||
      Date.parse(a.submittedAt ?? '') - Date.parse(b.submittedAt ?? ''),
  );
}
