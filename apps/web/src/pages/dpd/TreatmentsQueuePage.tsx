import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { REVIEW_STATE_LABELS, TREATMENT_STATUS_LABELS } from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { ReviewState, TreatmentStatus } from '../../api/gql/graphql';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { SchoolScope } from './SchoolScope';
import { FilterCell, SearchForm } from '../../components/SearchForm';

const QueueQuery = graphql(`
  query DpdTreatments($first: Int!, $after: String, $filter: TreatmentFilter) {
    treatments(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        reference
        name
        status
        reviewState
        sensitiveData
        updatedAt
        school {
          id
          name
        }
      }
    }
  }
`);

const FILTERS = ['revue', 'statut', 'sensible', 'recherche', 'etablissement'] as const;
export const REVIEW_STATE_SEVERITY: Record<ReviewState, 'success' | 'warning' | 'info'> = {
  APPROVED: 'success',
  CHANGES_REQUESTED: 'warning',
  NOT_REVIEWED: 'info',
};

/** The académie's treatments across its schools: those awaiting review first of all (`?revue=`). */
export function TreatmentsQueuePage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [{ data, fetching, error }] = useQuery({
    query: QueueQuery,
    variables: {
      first: 20,
      after,
      filter: {
        schoolId: values.etablissement || undefined,
        reviewState: (values.revue || undefined) as ReviewState | undefined,
        status: (values.statut || undefined) as TreatmentStatus | undefined,
        sensitiveData: values.sensible === 'oui' ? true : undefined,
        search: values.recherche || undefined,
      },
    },
  });
  const list = data?.treatments;
  return (
    <>
      <h1>Traitements de l’académie</h1>
      <SchoolScope schoolId={values.etablissement} clear={() => setFilter('etablissement', '')} />
      <SearchForm
        label="Rechercher un nom ou une finalité"
        value={values.recherche}
        onSearch={(v) => setFilter('recherche', v)}
      >
        <FilterCell>
          <Select
            label="Avis du DPD"
            nativeSelectProps={{ value: values.revue, onChange: (e) => setFilter('revue', e.target.value) }}
          >
            <option value="">Tous</option>
            {Object.entries(REVIEW_STATE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </FilterCell>
        <FilterCell>
          <Select
            label="Statut"
            nativeSelectProps={{ value: values.statut, onChange: (e) => setFilter('statut', e.target.value) }}
          >
            <option value="">Tous les statuts</option>
            {Object.entries(TREATMENT_STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </FilterCell>
        <FilterCell>
          <Select
            label="Données sensibles"
            nativeSelectProps={{
              value: values.sensible,
              onChange: (e) => setFilter('sensible', e.target.value),
            }}
          >
            <option value="">Tous les traitements</option>
            <option value="oui">Avec données sensibles (art. 9)</option>
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
          noun={['traitement', 'traitements']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucun traitement ne correspond.</p>}
        >
          <DataTable
            caption="Traitements des établissements, le plus récent en premier"
            columns={['Traitement', 'Établissement', 'Statut', 'Avis du DPD', 'Mise à jour']}
            testId="dpd-treatments"
          >
            {list.nodes.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/dpd/traitements/${t.id}`}>
                    {t.reference} — {t.name}
                  </Link>
                  {t.sensitiveData && <div className="fr-text--xs fr-mb-0">Données sensibles (art. 9)</div>}
                </td>
                <td>
                  <Link to={`/dpd/etablissements/${t.school.id}`}>{t.school.name}</Link>
                </td>
                <td>{TREATMENT_STATUS_LABELS[t.status]}</td>
                <td>
                  <Badge severity={REVIEW_STATE_SEVERITY[t.reviewState]} small noIcon>
                    {REVIEW_STATE_LABELS[t.reviewState]}
                  </Badge>
                </td>
                <td>{formatDateTime(t.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        </PagedList>
      )}
    </>
  );
}
