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
import { formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { SchoolPicker, useHeadSchools } from './schools';
import { awaitsNotification } from './to-do';
import { deadlineLabel } from './violation-state';

const ViolationsQuery = graphql(`
  query HeadViolations($first: Int!, $after: String, $filter: ViolationFilter) {
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
        reportedBy {
          displayName
        }
      }
    }
  }
`);

const FILTERS = ['etat', 'risque', 'retard'] as const;
const SHORT_RISK: Record<BreachRisk, string> = {
  UNLIKELY: 'Risque improbable',
  RISK: 'Risque',
  HIGH_RISK: 'Risque élevé',
};

/** "Registre des violations": every breach, with the live countdown to the CNIL's 72 hours. */
export function ViolationsPage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const heads = useHeadSchools();
  const [{ data, fetching, error }] = useQuery({
    query: ViolationsQuery,
    variables: {
      first: 20,
      after,
      filter: {
        schoolId: heads.school?.id,
        status: (values.etat || undefined) as ViolationStatus | undefined,
        risk: (values.risque || undefined) as BreachRisk | undefined,
        cnilOverdue: values.retard === 'oui' ? true : undefined,
      },
    },
    pause: !heads.school,
  });
  const list = data?.violations;
  return (
    <>
      <h1>Registre des violations</h1>
      <p>
        Le registre des violations de données personnelles (article 33.5 du RGPD) de{' '}
        {heads.school?.name ?? 'votre établissement'} : chaque violation y est inscrite, notifiée ou non.
      </p>
      <SchoolPicker {...heads} />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
        <li>
          <Link
            className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
            to="/incidents/nouveau"
          >
            Signaler une violation
          </Link>
        </li>
      </ul>
      <div
        className="fr-grid-row fr-grid-row--gutters fr-mb-2w"
        role="search"
        aria-label="Filtrer le registre"
      >
        <div className="fr-col-12 fr-col-md-4">
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
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Risque"
            nativeSelectProps={{ value: values.risque, onChange: (e) => setFilter('risque', e.target.value) }}
          >
            <option value="">Tous les risques</option>
            {Object.entries(SHORT_RISK).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Délai de 72 heures"
            nativeSelectProps={{ value: values.retard, onChange: (e) => setFilter('retard', e.target.value) }}
          >
            <option value="">Toutes</option>
            <option value="oui">En retard de notification</option>
          </Select>
        </div>
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
          <div className="fr-table fr-table--no-scroll">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table data-testid="violations">
                    <caption>Violations de données personnelles</caption>
                    <thead>
                      <tr>
                        <th scope="col">Référence</th>
                        <th scope="col">Violation</th>
                        <th scope="col">État</th>
                        <th scope="col">Notification à la CNIL</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.nodes.map((v) => (
                        <tr key={v.id}>
                          <td>{v.reference}</td>
                          <td>
                            <Link to={`/violations/${v.id}`}>{v.title}</Link>
                            <div className="fr-text--xs fr-mb-0">
                              {BREACH_RISK_LABELS[v.risk]} — découverte le {formatDateTime(v.discoveredAt)},
                              signalée par {v.reportedBy.displayName}
                            </div>
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
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        </PagedList>
      )}
    </>
  );
}
