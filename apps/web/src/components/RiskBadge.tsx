import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { RiskLevel } from '../api/gql/graphql';

const LABELS: Record<RiskLevel, string> = {
  LOW: 'Risque faible',
  MEDIUM: 'Risque modéré',
  HIGH: 'Risque élevé',
};
const SEVERITY = { LOW: 'success', MEDIUM: 'warning', HIGH: 'error' } as const;

export function riskLabel(level: RiskLevel): string {
  return LABELS[level];
}

/** "Risque faible / modéré / élevé", coloured (the word carries the meaning, not only the colour). */
export function RiskBadge({ level, small }: { level: RiskLevel; small?: boolean }) {
  return (
    <Badge severity={SEVERITY[level]} small={small} noIcon={false}>
      {LABELS[level]}
    </Badge>
  );
}
