import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { DeclarationStatus, RiskLevel } from '../../api/gql/graphql';
import { formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { RiskBadge } from '../../components/RiskBadge';
import { STATUS_LABELS, STATUS_SEVERITY } from '../declarations/labels';

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

const FILTERS = ['etat', 'risque', 'recherche'] as const;
const RISKS = { HIGH: 'Risque élevé', MEDIUM: 'Risque modéré', LOW: 'Risque faible' } as const;

/** The académie's declarations across its schools, filtered by state, risk and search (in the URL). */
export function DeclarationsQueuePage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [search, setSearch] = useState(values.recherche);
  const [{ data, fetching, error }] = useQuery({
    query: QueueQuery,
    variables: {
      first: 20,
      after,
      filter: {
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
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('recherche', search.trim());
        }}
      >
        <div className="fr-col-12 fr-col-md-3">
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
        </div>
        <div className="fr-col-12 fr-col-md-3">
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
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Rechercher un outil ou un éditeur"
            nativeInputProps={{ type: 'search', value: search, onChange: (e) => setSearch(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Button type="submit" priority="secondary" iconId="fr-icon-search-line">
            Rechercher
          </Button>
        </div>
      </form>
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
          <div className="fr-table">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table data-testid="dpd-declarations">
                    <caption>Déclarations d’outils des établissements</caption>
                    <thead>
                      <tr>
                        <th scope="col">Outil</th>
                        <th scope="col">Établissement</th>
                        <th scope="col">État</th>
                        <th scope="col">Risque</th>
                        <th scope="col">Mise à jour</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.nodes.map((d) => (
                        <tr key={d.id}>
                          <td>
                            <strong>{d.toolName}</strong>
                            {d.vendor && <div className="fr-text--xs fr-mb-0">{d.vendor}</div>}
                          </td>
                          <td>{d.school.name}</td>
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
