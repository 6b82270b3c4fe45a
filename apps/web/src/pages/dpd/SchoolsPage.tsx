import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { SCHOOL_KIND_LABELS } from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { SchoolKind } from '../../api/gql/graphql';
import { DataTable } from '../../components/DataTable';
import { PagedList, useListParams } from '../../components/PagedList';
import { FilterCell, SearchForm } from '../../components/SearchForm';

const SchoolsQuery = graphql(`
  query DpdSchools($first: Int!, $after: String, $filter: SchoolFilter) {
    schools(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        uai
        name
        city
        kind
        stats {
          activeTreatments
          pendingDeclarations
          openViolations
          overdueCnilNotifications
          openRightsRequests
          overdueRightsRequests
        }
      }
    }
  }
`);

const FILTERS = ['type', 'recherche', 'traitements'] as const;

/** The académie's schools, searched by name, city or UAI (accents ignored), with their counters. */
export function SchoolsPage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [{ data, fetching, error }] = useQuery({
    query: SchoolsQuery,
    variables: {
      first: 20,
      after,
      filter: {
        kind: (values.type || undefined) as SchoolKind | undefined,
        search: values.recherche || undefined,
        withoutTreatments:
          values.traitements === 'aucun' ? true : values.traitements === 'oui' ? false : undefined,
      },
    },
  });
  const list = data?.schools;
  return (
    <>
      <h1>Établissements</h1>
      <SearchForm
        label="Rechercher un nom, une ville ou un UAI"
        value={values.recherche}
        onSearch={(v) => setFilter('recherche', v)}
      >
        <FilterCell>
          <Select
            label="Type d’établissement"
            nativeSelectProps={{ value: values.type, onChange: (e) => setFilter('type', e.target.value) }}
          >
            <option value="">Tous les types</option>
            {Object.entries(SCHOOL_KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </FilterCell>
        <FilterCell>
          <Select
            label="Registre des traitements"
            nativeSelectProps={{
              value: values.traitements,
              onChange: (e) => setFilter('traitements', e.target.value),
            }}
          >
            <option value="">Tous les établissements</option>
            <option value="aucun">Sans traitement actif</option>
            <option value="oui">Avec au moins un traitement actif</option>
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
          noun={['établissement', 'établissements']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucun établissement ne correspond.</p>}
        >
          <DataTable
            caption="Établissements de l’académie"
            columns={[
              'Établissement',
              'UAI',
              'Traitements actifs',
              'Déclarations à décider',
              'Violations ouvertes',
              'Demandes de droits ouvertes',
            ]}
            testId="dpd-schools"
          >
            {list.nodes.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/dpd/etablissements/${s.id}`}>{s.name}</Link>
                  <div className="fr-text--xs fr-mb-0">
                    {SCHOOL_KIND_LABELS[s.kind]}
                    {s.city ? `, ${s.city}` : ''}
                  </div>
                </td>
                <td>{s.uai}</td>
                <td className={s.stats.activeTreatments === 0 ? 'fr-text-default--error' : undefined}>
                  {s.stats.activeTreatments}
                </td>
                <td>{s.stats.pendingDeclarations}</td>
                <td>
                  {s.stats.openViolations}
                  {s.stats.overdueCnilNotifications > 0 && ` (${s.stats.overdueCnilNotifications} en retard)`}
                </td>
                <td>
                  {s.stats.openRightsRequests}
                  {s.stats.overdueRightsRequests > 0 && ` (${s.stats.overdueRightsRequests} en retard)`}
                </td>
              </tr>
            ))}
          </DataTable>
        </PagedList>
      )}
    </>
  );
}
