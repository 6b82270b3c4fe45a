import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { REVIEW_STATE_LABELS, TREATMENT_STATUS_LABELS } from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { TreatmentStatus } from '../../api/gql/graphql';
import { formatDateTime } from '../../components/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { SchoolPicker, useHeadSchools } from './schools';

const TreatmentsQuery = graphql(`
  query HeadTreatments($first: Int!, $after: String, $filter: TreatmentFilter) {
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
        purposes
        status
        reviewState
        sensitiveData
        updatedAt
      }
    }
  }
`);

const FILTERS = ['statut', 'recherche'] as const;
export const PAGE_SIZE = 20;

/** "Registre des traitements": the school's register, searched and filtered (the URL keeps both). */
export function TreatmentsPage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const heads = useHeadSchools();
  const [search, setSearch] = useState(values.recherche);
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [{ data, fetching, error }] = useQuery({
    query: TreatmentsQuery,
    variables: {
      first: PAGE_SIZE,
      after,
      filter: {
        schoolId: heads.school?.id,
        status: (values.statut || undefined) as TreatmentStatus | undefined,
        search: values.recherche || undefined,
      },
    },
    pause: !heads.school,
  });
  const list = data?.treatments;
  const school = heads.school;
  return (
    <>
      <h1>Registre des traitements</h1>
      <p>
        Le registre des activités de traitement (article 30 du RGPD) de{' '}
        {school?.name ?? 'votre établissement'}.
      </p>
      {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
      <SchoolPicker {...heads} />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
        <li>
          <Link
            className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
            to={`/registre/nouveau${school ? `?etablissement=${school.id}` : ''}`}
          >
            Créer un traitement
          </Link>
        </li>
        <li>
          <Link
            className="fr-btn fr-btn--tertiary fr-icon-upload-line fr-btn--icon-left"
            to={`/registre/importer${school ? `?etablissement=${school.id}` : ''}`}
          >
            Importer des traitements
          </Link>
        </li>
      </ul>
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w"
        role="search"
        aria-label="Filtrer le registre"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('recherche', search.trim());
        }}
      >
        <div className="fr-col-12 fr-col-md-3">
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
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Rechercher un nom ou une finalité"
            nativeInputProps={{ type: 'search', value: search, onChange: (e) => setSearch(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
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
          noun={['traitement', 'traitements']}
          pageInfo={list.pageInfo}
          after={after}
          goTo={goTo}
          empty={<p>Aucun traitement ne correspond.</p>}
        >
          <div className="fr-table">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table data-testid="treatments">
                    <caption>Traitements du registre</caption>
                    <thead>
                      <tr>
                        <th scope="col">Référence</th>
                        <th scope="col">Traitement</th>
                        <th scope="col">Statut</th>
                        <th scope="col">Revue du DPD</th>
                        <th scope="col">Mise à jour</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.nodes.map((t) => (
                        <tr key={t.id}>
                          <td>{t.reference}</td>
                          <td>
                            <Link to={`/registre/${t.id}`}>{t.name}</Link>
                            <div className="fr-text--xs fr-mb-0">{t.purposes.join(' ; ')}</div>
                            {t.sensitiveData && (
                              <Badge severity="warning" small noIcon>
                                Données sensibles
                              </Badge>
                            )}
                          </td>
                          <td>
                            <Badge severity={t.status === 'ACTIVE' ? 'success' : 'new'} small noIcon>
                              {TREATMENT_STATUS_LABELS[t.status]}
                            </Badge>
                          </td>
                          <td>{REVIEW_STATE_LABELS[t.reviewState]}</td>
                          <td>{formatDateTime(t.updatedAt)}</td>
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
