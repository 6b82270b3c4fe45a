import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { DeclarationStatus } from '../../api/gql/graphql';
import { formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { RiskBadge } from '../../components/RiskBadge';
import { EDITABLE, STATUS_LABELS, STATUS_SEVERITY, WITHDRAWABLE } from './labels';

const MyDeclarationsQuery = graphql(`
  query MyDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {
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
        decisionComment
        decidedAt
        updatedAt
        school {
          id
          name
        }
      }
    }
  }
`);

const WithdrawMutation = graphql(`
  mutation WithdrawDeclaration($id: ID!) {
    withdrawToolDeclaration(id: $id) {
      id
      status
      version
    }
  }
`);

const FILTERS = ['etat', 'recherche'] as const;
const PAGE_SIZE = 20;

/** "Mes déclarations": the teacher's declarations, their state, risk and the head's comment. */
export function MyDeclarationsPage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const [search, setSearch] = useState(values.recherche);
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [{ data, fetching, error }] = useQuery({
    query: MyDeclarationsQuery,
    variables: {
      first: PAGE_SIZE,
      after,
      filter: {
        status: (values.etat || undefined) as DeclarationStatus | undefined,
        search: values.recherche || undefined,
      },
    },
  });
  const [, withdraw] = useMutation(WithdrawMutation);
  const [failure, setFailure] = useState<Failure | null>(null);
  const list = data?.toolDeclarations;

  return (
    <>
      <h1>Mes déclarations</h1>
      {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      <p>
        <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/declarations/nouvelle">
          Déclarer un outil
        </Link>
      </p>
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('recherche', search.trim());
        }}
      >
        <div className="fr-col-12 fr-col-md-4">
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
        <div className="fr-col-12 fr-col-md-5">
          <Input
            label="Rechercher un outil ou un éditeur"
            nativeInputProps={{ type: 'search', value: search, onChange: (e) => setSearch(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Button type="submit" priority="secondary" iconId="fr-icon-search-line">
            Rechercher
          </Button>
        </div>
      </form>
      {(failure || error) && (
        <Alert
          severity="error"
          small
          className="fr-mb-2w"
          description={(failure ?? toFailure(error))?.message ?? ''}
        />
      )}
      {fetching && !list && <p aria-live="polite">Chargement…</p>}
      {list && (
        <PagedList
          totalCount={list.totalCount}
          noun={['déclaration', 'déclarations']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucune déclaration pour l’instant.</p>}
        >
          <div className="fr-table fr-table--no-caption">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table data-testid="declarations">
                    <caption>Mes déclarations d’outils</caption>
                    <thead>
                      <tr>
                        <th scope="col">Outil</th>
                        <th scope="col">État</th>
                        <th scope="col">Risque</th>
                        <th scope="col">Décision du chef d’établissement</th>
                        <th scope="col">Mise à jour</th>
                        <th scope="col">Actions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.nodes.map((d) => (
                        <tr key={d.id}>
                          <td>
                            <strong>{d.toolName}</strong>
                            {d.vendor && <div className="fr-text--xs fr-mb-0">{d.vendor}</div>}
                          </td>
                          <td>
                            <Badge severity={STATUS_SEVERITY[d.status]} small noIcon>
                              {STATUS_LABELS[d.status]}
                            </Badge>
                          </td>
                          <td>
                            <RiskBadge level={d.riskLevel} small />
                          </td>
                          <td>
                            {d.decisionComment ?? '—'}
                            {d.decidedAt && (
                              <div className="fr-text--xs fr-mb-0">le {formatDateTime(d.decidedAt)}</div>
                            )}
                          </td>
                          <td>{formatDateTime(d.updatedAt)}</td>
                          <td>
                            <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                              {EDITABLE.includes(d.status) && (
                                <li>
                                  <Link
                                    className="fr-btn fr-btn--sm fr-btn--secondary"
                                    to={`/declarations/${d.id}`}
                                    aria-label={`Modifier la déclaration ${d.toolName}`}
                                  >
                                    Modifier
                                  </Link>
                                </li>
                              )}
                              {WITHDRAWABLE.includes(d.status) && (
                                <li>
                                  <Button
                                    size="small"
                                    priority="tertiary"
                                    aria-label={`Retirer la déclaration ${d.toolName}`}
                                    onClick={async () => {
                                      if (!window.confirm(`Retirer la déclaration « ${d.toolName} » ?`))
                                        return;
                                      setFailure(toFailure((await withdraw({ id: d.id })).error));
                                    }}
                                  >
                                    Retirer
                                  </Button>
                                </li>
                              )}
                            </ul>
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
