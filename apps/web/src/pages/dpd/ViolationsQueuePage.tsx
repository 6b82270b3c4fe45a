import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { BREACH_RISK_LABELS, VIOLATION_STATUS_LABELS } from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { BreachRisk, ViolationStatus } from '../../api/gql/graphql';
import { Countdown } from '../../components/Countdown';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { SchoolScope } from './SchoolScope';
import { FilterCell } from '../../components/SearchForm';
import { awaitsNotification } from '../head/to-do';
import { deadlineLabel } from '../head/violation-state';

const QueueQuery = graphql(`
  query DpdViolations($first: Int!, $after: String, $filter: ViolationFilter) {
    violations(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        reference
        title
        risk
        status
        discoveredAt
        cnilDeadline
        cnilNotificationRequired
        cnilNotifiedAt
        cnilOverdue
        school {
          id
          name
        }
      }
    }
  }
`);

const FILTERS = ['etat', 'risque', 'retard', 'etablissement'] as const;

/** The académie's breaches across its schools; `?retard=oui`: the overdue CNIL notifications. */
export function ViolationsQueuePage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [{ data, fetching, error }] = useQuery({
    query: QueueQuery,
    variables: {
      first: 20,
      after,
      filter: {
        schoolId: values.etablissement || undefined,
        status: (values.etat || undefined) as ViolationStatus | undefined,
        risk: (values.risque || undefined) as BreachRisk | undefined,
        cnilOverdue: values.retard === 'oui' ? true : undefined,
      },
    },
  });
  const list = data?.violations;
  return (
    <>
      <h1>Violations de l’académie</h1>
      <SchoolScope schoolId={values.etablissement} clear={() => setFilter('etablissement', '')} />
      <div
        className="fr-grid-row fr-grid-row--gutters fr-mb-2w"
        role="search"
        aria-label="Filtrer les violations"
      >
        <FilterCell>
          <Select
            label="État"
            nativeSelectProps={{ value: values.etat, onChange: (e) => setFilter('etat', e.target.value) }}
          >
            <option value="">Toutes</option>
            {Object.entries(VIOLATION_STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </FilterCell>
        <FilterCell>
          <Select
            label="Risque"
            nativeSelectProps={{ value: values.risque, onChange: (e) => setFilter('risque', e.target.value) }}
          >
            <option value="">Tous les risques</option>
            {Object.entries(BREACH_RISK_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </FilterCell>
        <FilterCell>
          <Select
            label="Délai de 72 heures"
            nativeSelectProps={{ value: values.retard, onChange: (e) => setFilter('retard', e.target.value) }}
          >
            <option value="">Toutes</option>
            <option value="oui">Notification à la CNIL en retard</option>
          </Select>
        </FilterCell>
      </div>
      {error && (
        <Alert severity="error" small className="fr-mb-2w" description={toFailure(error)?.message ?? ''} />
      )}
      {fetching && !list && <p aria-live="polite">Chargement…</p>}
      {list && (
        <PagedList
          totalCount={list.totalCount}
          noun={['violation', 'violations']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucune violation ne correspond.</p>}
        >
          <DataTable
            caption="Violations de données des établissements, la plus récente en premier"
            columns={['Violation', 'Établissement', 'État', 'Notification à la CNIL']}
            testId="dpd-violations"
          >
            {list.nodes.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link to={`/dpd/violations/${v.id}`}>
                    {v.reference} — {v.title}
                  </Link>
                  <div className="fr-text--xs fr-mb-0">
                    {BREACH_RISK_LABELS[v.risk]} — découverte le {formatDateTime(v.discoveredAt)}
                  </div>
                </td>
                <td>
                  <Link to={`/dpd/etablissements/${v.school.id}`}>{v.school.name}</Link>
                </td>
                <td>
                  <Badge severity={v.status === 'OPEN' ? 'warning' : 'success'} small noIcon>
                    {VIOLATION_STATUS_LABELS[v.status]}
                  </Badge>
                </td>
                <td>
                  {v.status === 'OPEN' && awaitsNotification(v) ? (
                    <Countdown
                      deadline={v.cnilDeadline}
                      label="Échéance CNIL"
                      overdueLabel="Échéance CNIL dépassée"
                    />
                  ) : (
                    <span className={v.cnilOverdue ? 'fr-text-default--error' : undefined}>
                      {deadlineLabel(v)}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </PagedList>
      )}
    </>
  );
}
