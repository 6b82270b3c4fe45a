import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { DeclarationStatus, RiskLevel } from '../../api/gql/graphql';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { RiskBadge } from '../../components/RiskBadge';
import { FilterCell, SearchForm } from '../../components/SearchForm';
import { STATUS_LABELS, STATUS_SEVERITY } from '../declarations/labels';
import { SchoolScope } from './SchoolScope';

const QueueQuery = graphql(`
  query DpdDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {
    toolDeclarations(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        toolName
        vendor
        status
        riskLevel
        updatedAt
        school {
          id
          name
        }
      }
    }
  }
`);

const FILTERS = ['etat', 'risque', 'recherche', 'etablissement'] as const;
const RISKS = { HIGH: 'Risque élevé', MEDIUM: 'Risque modéré', LOW: 'Risque faible' } as const;

/** The académie's declarations across its schools, filtered by state, risk and search (in the URL). */
export function DeclarationsQueuePage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [{ data, fetching, error }] = useQuery({
    query: QueueQuery,
    variables: {
      first: 20,
      after,
      filter: {
        schoolId: values.etablissement || undefined,
        status: (values.etat || undefined) as DeclarationStatus | undefined,
        riskLevel: (values.risque || undefined) as RiskLevel | undefined,
        search: values.recherche || undefined,
      },
    },
  });
  const list = data?.toolDeclarations;
  return (
    <>
      <h1>Déclarations de l’académie</h1>
      <SchoolScope schoolId={values.etablissement} clear={() => setFilter('etablissement', '')} />
      <SearchForm
        label="Rechercher un outil ou un éditeur"
        value={values.recherche}
        onSearch={(v) => setFilter('recherche', v)}
      >
        <FilterCell>
          <Select
            label="État"
            nativeSelectProps={{ value: values.etat, onChange: (e) => setFilter('etat', e.target.value) }}
          >
            <option value="">Tous les états</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
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
            {Object.entries(RISKS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
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
          noun={['déclaration', 'déclarations']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucune déclaration ne correspond.</p>}
        >
          <DataTable
            caption="Déclarations d’outils des établissements, la plus récente en premier"
            columns={['Outil', 'Établissement', 'État', 'Risque', 'Mise à jour']}
            testId="dpd-declarations"
          >
            {list.nodes.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/dpd/declarations/${d.id}`}>{d.toolName}</Link>
                  {d.vendor && <div className="fr-text--xs fr-mb-0">{d.vendor}</div>}
                </td>
                <td>
                  <Link to={`/dpd/etablissements/${d.school.id}`}>{d.school.name}</Link>
                </td>
                <td>
                  <Badge severity={STATUS_SEVERITY[d.status]} small noIcon>
                    {STATUS_LABELS[d.status]}
                  </Badge>
                </td>
                <td>
                  <RiskBadge level={d.riskLevel} small />
                </td>
                <td>{formatDateTime(d.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        </PagedList>
      )}
    </>
  );
}
