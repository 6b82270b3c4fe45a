import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { RIGHT_TYPE_LABELS, RIGHTS_REQUEST_STATUS_LABELS } from '@app/pdf/labels';
import { isFinalRightsRequestStatus } from '@app/rules/rights-request-deadline';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { RightsRequestStatus } from '../../api/gql/graphql';
import { Countdown } from '../../components/Countdown';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { FilterCell, SearchForm } from '../../components/SearchForm';
import { SchoolScope } from '../dpd/SchoolScope';
import { SchoolPicker, useHeadSchools } from '../head/schools';

const RequestsQuery = graphql(`
  query RightsRequests($first: Int!, $after: String, $filter: RightsRequestFilter) {
    rightsRequests(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        reference
        status
        rightTypes
        requesterName
        receivedAt
        dueAt
        overdue
        extended
        answeredAt
        school {
          id
          name
        }
      }
    }
  }
`);

const FILTERS = ['etat', 'retard', 'recherche', 'etablissement'] as const;

export const STATUS_SEVERITY: Record<RightsRequestStatus, 'info' | 'success' | 'warning' | 'error' | 'new'> =
  {
    RECEIVED: 'info',
    IN_PROGRESS: 'info',
    AWAITING_REQUESTER: 'warning',
    ANSWERED: 'success',
    REFUSED: 'new',
  };

/** The due date and the time left ("Délai dépassé" once past); for a closed request, whether it was met. */
export function DueCell({
  r,
}: {
  r: { status: RightsRequestStatus; dueAt: string; overdue: boolean; answeredAt?: string | null };
}) {
  if (!isFinalRightsRequestStatus(r.status))
    return r.status === 'AWAITING_REQUESTER' ? (
      <p className="fr-mb-0">Délai suspendu (échéance au moins le {formatDateTime(r.dueAt)})</p>
    ) : (
      <Countdown deadline={r.dueAt} label="Échéance" overdueLabel="Délai dépassé" />
    );
  return (
    <span className={r.overdue ? 'fr-text-default--error' : undefined}>
      {r.overdue ? 'Répondue après l’échéance' : 'Répondue dans le délai'} ({formatDate(r.dueAt)})
    </span>
  );
}

/**
 * "Demandes de droits": the head's register of its school (`dpd`: the académie's requests across its
 * schools, the DPD's queue, `?retard=oui` the overdue ones). Filters and cursor in the URL.
 */
export function RightsRequestsPage({ dpd = false }: { dpd?: boolean }) {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const heads = useHeadSchools();
  const schoolId = dpd ? values.etablissement || undefined : heads.school?.id;
  const [{ data, fetching, error }] = useQuery({
    query: RequestsQuery,
    variables: {
      first: 20,
      after,
      filter: {
        schoolId,
        status: (values.etat || undefined) as RightsRequestStatus | undefined,
        overdue: values.retard === 'oui' ? true : undefined,
        search: values.recherche || undefined,
      },
    },
    pause: !dpd && !heads.school,
    requestPolicy: 'cache-and-network',
  });
  const list = data?.rightsRequests;
  const base = dpd ? '/dpd/demandes' : '/demandes';
  return (
    <>
      <h1>{dpd ? 'Demandes de droits de l’académie' : 'Demandes de droits'}</h1>
      {dpd ? (
        <SchoolScope schoolId={values.etablissement} clear={() => setFilter('etablissement', '')} />
      ) : (
        <>
          <p>
            Le registre des demandes d’exercice des droits (accès, rectification, effacement…) de{' '}
            {heads.school?.name ?? 'votre établissement'} : un mois pour répondre à compter de la réception,
            prolongeable de deux mois si le demandeur en est informé dans le premier mois.
          </p>
          <SchoolPicker {...heads} />
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
            <li>
              <Link
                className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
                to={`/demandes/nouvelle${heads.school ? `?etablissement=${heads.school.id}` : ''}`}
              >
                Enregistrer une demande
              </Link>
            </li>
          </ul>
        </>
      )}
      <SearchForm
        label="Rechercher une référence ou un nom"
        value={values.recherche}
        onSearch={(v) => setFilter('recherche', v)}
      >
        <FilterCell>
          <Select
            label="État"
            nativeSelectProps={{ value: values.etat, onChange: (e) => setFilter('etat', e.target.value) }}
          >
            <option value="">Tous les états</option>
            {Object.entries(RIGHTS_REQUEST_STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </FilterCell>
        <FilterCell>
          <Select
            label="Délai d’un mois"
            nativeSelectProps={{ value: values.retard, onChange: (e) => setFilter('retard', e.target.value) }}
          >
            <option value="">Toutes</option>
            <option value="oui">En retard</option>
          </Select>
        </FilterCell>
      </SearchForm>
      {error && (
        <Alert severity="error" small className="fr-mb-2w" description={toFailure(error)?.message ?? ''} />
      )}
      {fetching && !list && <p aria-live="polite">Chargement…</p>}
      {list && (
        <PagedList
          totalCount={list.totalCount}
          noun={['demande', 'demandes']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucune demande ne correspond.</p>}
        >
          <DataTable
            caption="Demandes d’exercice des droits, la plus récente en premier"
            columns={dpd ? ['Demande', 'Établissement', 'État', 'Échéance'] : ['Demande', 'État', 'Échéance']}
            testId="rights-requests"
          >
            {list.nodes.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`${base}/${r.id}`}>
                    {r.reference} — {r.requesterName}
                  </Link>
                  <div className="fr-text--xs fr-mb-0">
                    {r.rightTypes.map((t) => RIGHT_TYPE_LABELS[t]).join(', ')} — reçue le{' '}
                    {formatDateTime(r.receivedAt)}
                  </div>
                </td>
                {dpd && (
                  <td>
                    <Link to={`/dpd/etablissements/${r.school.id}`}>{r.school.name}</Link>
                  </td>
                )}
                <td>
                  <Badge severity={STATUS_SEVERITY[r.status]} small noIcon>
                    {RIGHTS_REQUEST_STATUS_LABELS[r.status]}
                  </Badge>
                  {r.extended && <div className="fr-text--xs fr-mb-0">Délai prolongé</div>}
                </td>
                <td>
                  <DueCell r={r} />
                </td>
              </tr>
            ))}
          </DataTable>
        </PagedList>
      )}
    </>
  );
}
