import { REVIEW_VERDICT_LABELS } from '@app/pdf/labels';
import type { ReviewVerdict } from '../api/gql/graphql';
import { formatDateTime } from './format';

export interface ReviewItem {
  id: string;
  verdict: ReviewVerdict;
  comment?: string | null;
  createdAt: string;
  reviewer: { displayName: string };
}

/** The DPD's reviews of an entry, newest first, with their comments. */
export function Reviews({
  reviews,
  headingId,
  heading = 'Avis du DPD',
  level = 'h2',
}: {
  reviews: readonly ReviewItem[];
  headingId: string;
  heading?: string;
  level?: 'h2' | 'h3';
}) {
  const Heading = level;
  return (
    <section aria-labelledby={headingId} className="fr-mt-4w" data-testid="reviews">
      <Heading id={headingId} className={level === 'h2' ? undefined : 'fr-h6'}>
        {heading}
      </Heading>
      {reviews.length === 0 ? (
        <p className="fr-text--sm">Aucun avis du délégué à la protection des données pour l’instant.</p>
      ) : (
        <ul className="fr-raw-list">
          {reviews.map((r) => (
            <li key={r.id} className="fr-mb-2w">
              <p className="fr-mb-0">
                <strong>{REVIEW_VERDICT_LABELS[r.verdict]}</strong> — {r.reviewer.displayName}, le{' '}
                {formatDateTime(r.createdAt)}
              </p>
              {r.comment && <p className="fr-text--sm fr-mb-0">{r.comment}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
