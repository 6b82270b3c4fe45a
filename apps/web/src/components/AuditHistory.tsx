import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { AUDIT_ACTION_LABELS, label } from '@app/pdf/labels';
import { toFailure } from '../api/errors';
import { graphql } from '../api/gql';
import { readChanges } from './audit-history';
import { formatDateTime } from './format';

const HistoryQuery = graphql(`
  query EntryHistory($filter: AuditFilter!, $first: Int!) {
    auditTrail(filter: $filter, first: $first) {
      totalCount
      nodes {
        id
        at
        action
        changes
        actor {
          displayName
        }
      }
    }
  }
`);

const SHOWN = 50;

/**
 * An entry's history from the audit trail, newest first: who, when, what kind of change, and for each
 * field its value before → after. A creation's values are folded (the entry shows them above).
 */
export function AuditHistory({
  entityType,
  entityId,
  headingId = 'titre-historique',
}: {
  /** the audit trail's entity type: 'Treatment', 'Violation' */
  entityType: string;
  entityId: string;
  headingId?: string;
}) {
  // refetched when a mutation answers an entry of this type (the document cache knows its typename)
  const context = useMemo(() => ({ additionalTypenames: [entityType] }), [entityType]);
  const [{ data, error, fetching }] = useQuery({
    query: HistoryQuery,
    variables: { filter: { entityType, entityId }, first: SHOWN },
    requestPolicy: 'cache-and-network',
    context,
  });
  const trail = data?.auditTrail;
  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId}>Historique</h2>
      {error && <Alert severity="error" small description={toFailure(error)?.message ?? ''} />}
      {fetching && !trail && <p aria-live="polite">Chargement de l’historique…</p>}
      {trail && trail.nodes.length === 0 && <p>Aucun événement enregistré.</p>}
      {trail && trail.nodes.length > 0 && (
        <ol className="fr-raw-list" data-testid="history">
          {trail.nodes.map((event) => {
            const changes = readChanges(entityType, event.changes);
            const title = `${formatDateTime(event.at)} — ${event.actor?.displayName ?? 'le système'} — ${label(
              AUDIT_ACTION_LABELS,
              event.action,
            )}`;
            const table = (
              <div className="fr-table fr-table--sm fr-table--no-scroll fr-mb-0">
                <div className="fr-table__wrapper">
                  <div className="fr-table__container">
                    <div className="fr-table__content">
                      <table>
                        <caption className="fr-sr-only">{title}</caption>
                        <thead>
                          <tr>
                            <th scope="col">Champ</th>
                            <th scope="col">Avant</th>
                            <th scope="col">Après</th>
                          </tr>
                        </thead>
                        <tbody>
                          {changes.map((c) => (
                            <tr key={c.field}>
                              <th scope="row">{c.label}</th>
                              <td>{c.before}</td>
                              <td>{c.after}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </div>
                </div>
              </div>
            );
            return (
              <li key={event.id} className="fr-mb-3w">
                <p className="fr-text--bold fr-mb-1w">{title}</p>
                {changes.length === 0 ? null : event.action === 'CREATE' ? (
                  <details>
                    <summary className="fr-text--sm">Voir les valeurs à la création</summary>
                    {table}
                  </details>
                ) : (
                  table
                )}
              </li>
            );
          })}
        </ol>
      )}
      {trail && trail.totalCount > trail.nodes.length && (
        <p className="fr-text--sm">
          Les {SHOWN} événements les plus récents sont affichés sur {trail.totalCount}.
        </p>
      )}
    </section>
  );
}
