import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { AUDIT_ACTION_LABELS, label } from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { readChanges } from '../../components/audit-history';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { ENTITY_TYPES, entityPath, sinceFilter } from './audit-trail';

const VerifyQuery = graphql(`
  query VerifyAuditTrail {
    verifyAuditTrail {
      valid
      checkedEvents
      checkedChains
      firstBrokenEventId
      problems {
        kind
        message
        chain
        seq
        eventId
      }
    }
  }
`);

const TrailQuery = graphql(`
  query AcademyTrail($first: Int!, $after: String, $filter: AuditFilter) {
    auditTrail(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        at
        action
        entityType
        entityId
        changes
        actor {
          displayName
        }
        school {
          id
          name
        }
      }
    }
  }
`);

const FILTERS = ['type', 'depuis', 'etablissement'] as const;

/** The académie's audit trail, filtered (in the URL), and "Vérifier l'intégrité" with what it found. */
export function AuditIntegrityPage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [{ data, fetching, error }, run] = useQuery({ query: VerifyQuery, pause: true });
  const [{ data: trailData, fetching: loadingTrail, error: trailError }] = useQuery({
    query: TrailQuery,
    variables: {
      first: 20,
      after,
      filter: {
        entityType: values.type || undefined,
        schoolId: values.etablissement || undefined,
        since: sinceFilter(values.depuis),
      },
    },
    requestPolicy: 'cache-and-network',
  });
  const result = data?.verifyAuditTrail;
  const trail = trailData?.auditTrail;
  return (
    <>
      <h1>Journal d’audit</h1>
      <section aria-labelledby="titre-integrite" className="fr-mb-6w">
        <h2 id="titre-integrite">Intégrité du journal</h2>
        <p>
          La vérification recalcule la chaîne des empreintes de chaque établissement et de l’académie, et
          signale chaque rupture : un événement modifié, supprimé ou réécrit.
        </p>
        <Button type="button" disabled={fetching} onClick={() => run({ requestPolicy: 'network-only' })}>
          Vérifier l’intégrité
        </Button>
        <div aria-live="polite" className="fr-mt-3w" data-testid="integrity">
          {fetching && <p>Vérification en cours…</p>}
          {error && <Alert severity="error" small description={toFailure(error)?.message ?? ''} />}
          {result && !fetching && (
            <Alert
              severity={result.valid ? 'success' : 'error'}
              title={result.valid ? 'Le journal est intègre' : 'Le journal a été altéré'}
              description={
                <>
                  <span>
                    {result.checkedEvents} événements vérifiés dans {result.checkedChains} chaînes.
                  </span>
                  {result.problems.length > 0 && (
                    <ul data-testid="integrity-problems">
                      {result.problems.map((p, i) => (
                        <li key={i}>
                          {p.message}
                          {p.chain && ` (chaîne ${p.chain}${p.seq != null ? `, événement n° ${p.seq}` : ''})`}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              }
            />
          )}
        </div>
      </section>
      <section aria-labelledby="titre-journal">
        <h2 id="titre-journal">Événements de l’académie</h2>
        <div
          className="fr-grid-row fr-grid-row--gutters fr-mb-2w"
          role="search"
          aria-label="Filtrer le journal"
        >
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label="Type d’entrée"
              nativeSelectProps={{ value: values.type, onChange: (e) => setFilter('type', e.target.value) }}
            >
              <option value="">Toutes les entrées</option>
              {Object.entries(ENTITY_TYPES).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Depuis le"
              nativeInputProps={{
                type: 'date',
                value: values.depuis,
                onChange: (e) => setFilter('depuis', e.target.value),
              }}
            />
          </div>
        </div>
        {trailError && <Alert severity="error" small description={toFailure(trailError)?.message ?? ''} />}
        {loadingTrail && !trail && <p aria-live="polite">Chargement…</p>}
        {trail && (
          <PagedList
            totalCount={trail.totalCount}
            noun={['événement', 'événements']}
            pageInfo={trail.pageInfo}
            after={after}
            goTo={goTo}
            empty={<p>Aucun événement ne correspond.</p>}
          >
            <DataTable
              caption="Événements du journal, le plus récent en premier"
              columns={['Date', 'Auteur', 'Action', 'Entrée', 'Établissement', 'Changements']}
              testId="audit-trail"
            >
              {trail.nodes.map((e) => {
                const path = entityPath(e.entityType, e.entityId);
                const changes = readChanges(e.entityType, e.changes);
                const name = ENTITY_TYPES[e.entityType as keyof typeof ENTITY_TYPES] ?? e.entityType;
                return (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.actor?.displayName ?? 'le système'}</td>
                    <td>{label(AUDIT_ACTION_LABELS, e.action)}</td>
                    <td>{path ? <Link to={path}>{name}</Link> : name}</td>
                    <td>
                      {e.school ? (
                        <Link to={`/dpd/etablissements/${e.school.id}`}>{e.school.name}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="fr-text--sm">
                      {changes.length === 0
                        ? '—'
                        : changes
                            .slice(0, 4)
                            .map((c) => `${c.label} : ${c.before} → ${c.after}`)
                            .join(' ; ') +
                          (changes.length > 4 ? ` ; et ${changes.length - 4} autres champs` : '')}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </PagedList>
        )}
      </section>
    </>
  );
}
