import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { CATALOG_OPINION_LABELS } from '@app/pdf/labels';
import type { CatalogOpinion } from '../../api/gql/graphql';

/** The badge's colour per opinion; the word carries the meaning, the colour only repeats it. */
export const OPINION_SEVERITY = {
  PENDING: 'new',
  RECOMMENDED: 'success',
  ALLOWED_WITH_CONDITIONS: 'info',
  DISCOURAGED: 'warning',
  FORBIDDEN: 'error',
} as const satisfies Record<CatalogOpinion, string>;

/** The opinions that need `conditions` (the conditions of use, or the reason), as the API requires. */
export const NEEDS_CONDITIONS: readonly CatalogOpinion[] = [
  'ALLOWED_WITH_CONDITIONS',
  'DISCOURAGED',
  'FORBIDDEN',
];

export function OpinionBadge({ opinion }: { opinion: CatalogOpinion }) {
  return (
    <Badge severity={OPINION_SEVERITY[opinion]} small noIcon>
      {CATALOG_OPINION_LABELS[opinion]}
    </Badge>
  );
}
