import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Link } from 'react-router';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { CATALOG_OPINION_LABELS } from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { CatalogOpinion } from '../../api/gql/graphql';
import { DataTable } from '../../components/DataTable';
import { PagedList, useListParams } from '../../components/PagedList';
import { RiskBadge } from '../../components/RiskBadge';
import { FilterCell, SearchForm } from '../../components/SearchForm';
import { OpinionBadge } from './catalog-opinion';

const CatalogToolsQuery = graphql(`
  query CatalogTools($first: Int!, $after: String, $filter: CatalogFilter) {
    catalogTools(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        vendor
        opinion
        riskLevel
        schoolCount
        declarationCount
      }
    }
  }
`);

const CatalogCandidatesQuery = graphql(`
  query CatalogCandidates($first: Int!, $after: String) {
    catalogCandidates(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        toolName
        vendor
        schoolCount
        declarationCount
        highestRisk
      }
    }
  }
`);

// `vue` picks the list; both lists share the URL's cursor (changing the view goes back to page 1)
const FILTERS = ['vue', 'avis', 'recherche'] as const;
// a list that may be empty names no type: an entry created or changed makes both stale
const STALE_ON = ['CatalogTool'];
const CANDIDATES = 'a-examiner';

/**
 * "Catalogue de l'académie": the DPD's entries (search, opinion), and the tools declared in the
 * schools that no entry covers yet, most used first, each a click away from its entry's form.
 */
export function CatalogPage() {
  const params = useListParams(FILTERS);
  const candidates = params.values.vue === CANDIDATES;
  return (
    <>
      <h1>Catalogue de l’académie</h1>
      <p>
        Un outil examiné une fois vaut pour tous les établissements : les déclarations de cet outil suivent
        l’avis et les caractéristiques de sa fiche.
      </p>
      <div className="fr-grid-row fr-grid-row--middle fr-mb-3w">
        <nav aria-label="Listes du catalogue" className="fr-col">
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Link
                to="/dpd/catalogue"
                className={`fr-btn${candidates ? ' fr-btn--secondary' : ''}`}
                aria-current={candidates ? undefined : 'page'}
              >
                Outils du catalogue
              </Link>
            </li>
            <li>
              <Link
                to={`/dpd/catalogue?vue=${CANDIDATES}`}
                className={`fr-btn${candidates ? '' : ' fr-btn--secondary'}`}
                aria-current={candidates ? 'page' : undefined}
              >
                Outils à examiner
              </Link>
            </li>
          </ul>
        </nav>
        {/* a buttons group too, so that its margins align it with the lists' links */}
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
          <li>
            <Link
              to="/dpd/catalogue/nouveau"
              className="fr-btn fr-btn--tertiary fr-icon-add-line fr-btn--icon-left"
            >
              Ajouter un outil
            </Link>
          </li>
        </ul>
      </div>
      {candidates ? <CandidatesList {...params} /> : <ToolsList {...params} />}
    </>
  );
}

type Params = ReturnType<typeof useListParams<(typeof FILTERS)[number]>>;

function ToolsList({ values, after, setFilter, goTo }: Params) {
  const context = useMemo(() => ({ additionalTypenames: STALE_ON }), []);
  const [{ data, fetching, error }] = useQuery({
    query: CatalogToolsQuery,
    context,
    variables: {
      first: 20,
      after,
      filter: {
        opinion: (values.avis || undefined) as CatalogOpinion | undefined,
        search: values.recherche || undefined,
      },
    },
  });
  const list = data?.catalogTools;
  return (
    <section aria-labelledby="titre-outils">
      <h2 id="titre-outils" className="fr-h4">
        Outils du catalogue
      </h2>
      <SearchForm
        label="Rechercher un outil, un alias ou un éditeur"
        value={values.recherche}
        onSearch={(v) => setFilter('recherche', v)}
      >
        <FilterCell>
          <Select
            label="Avis"
            nativeSelectProps={{ value: values.avis, onChange: (e) => setFilter('avis', e.target.value) }}
          >
            <option value="">Tous les avis</option>
            {Object.entries(CATALOG_OPINION_LABELS).map(([value, label]) => (
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
          noun={['outil', 'outils']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucun outil du catalogue ne correspond.</p>}
        >
          <DataTable
            caption="Outils du catalogue de l’académie, par nom"
            columns={['Outil', 'Éditeur', 'Avis', 'Risque', 'Établissements', 'Déclarations']}
            testId="catalog-tools"
            hideCaption
          >
            {list.nodes.map((tool) => (
              <tr key={tool.id}>
                <td>
                  <Link to={`/dpd/catalogue/${tool.id}`}>{tool.name}</Link>
                </td>
                <td>{tool.vendor ?? '—'}</td>
                <td>
                  <OpinionBadge opinion={tool.opinion} />
                </td>
                <td>
                  <RiskBadge level={tool.riskLevel} small />
                </td>
                <td>{tool.schoolCount}</td>
                <td>{tool.declarationCount}</td>
              </tr>
            ))}
          </DataTable>
        </PagedList>
      )}
    </section>
  );
}

function CandidatesList({ after, goTo }: Params) {
  const context = useMemo(() => ({ additionalTypenames: STALE_ON }), []);
  const [{ data, fetching, error }] = useQuery({
    query: CatalogCandidatesQuery,
    context,
    variables: { first: 20, after },
  });
  const list = data?.catalogCandidates;
  return (
    <section aria-labelledby="titre-candidats">
      <h2 id="titre-candidats" className="fr-h4">
        Outils à examiner
      </h2>
      <p className="fr-text--sm">
        Les outils déclarés dans les établissements qu’aucune fiche du catalogue ne couvre encore, les plus
        répandus en premier. Les déclarations d’un outil ajouté au catalogue sont rattachées à sa fiche.
      </p>
      {error && (
        <Alert severity="error" small className="fr-mb-2w" description={toFailure(error)?.message ?? ''} />
      )}
      {fetching && !list && <p aria-live="polite">Chargement…</p>}
      {list && (
        <PagedList
          totalCount={list.totalCount}
          noun={['outil à examiner', 'outils à examiner']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Tous les outils déclarés sont au catalogue.</p>}
        >
          <DataTable
            caption="Outils déclarés hors catalogue, le plus répandu en premier"
            columns={['Outil', 'Éditeur', 'Établissements', 'Déclarations', 'Risque le plus élevé', 'Action']}
            testId="catalog-candidates"
            hideCaption
          >
            {list.nodes.map((c) => {
              const query = new URLSearchParams({
                nom: c.toolName,
                ...(c.vendor ? { editeur: c.vendor } : {}),
              });
              return (
                <tr key={c.toolName}>
                  <td>{c.toolName}</td>
                  <td>{c.vendor ?? '—'}</td>
                  <td>{c.schoolCount}</td>
                  <td>{c.declarationCount}</td>
                  <td>
                    <RiskBadge level={c.highestRisk} small />
                  </td>
                  <td>
                    <Link
                      to={`/dpd/catalogue/nouveau?${query.toString()}`}
                      className="fr-btn fr-btn--sm fr-btn--secondary"
                    >
                      Ajouter au catalogue
                      {/* each row's link says which tool, for a screen reader's list of links */}
                      <span className="fr-sr-only"> : {c.toolName}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </PagedList>
      )}
    </section>
  );
}
