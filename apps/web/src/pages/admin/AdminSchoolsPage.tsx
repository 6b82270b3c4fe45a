import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { SCHOOL_KIND_LABELS } from '@app/pdf/labels';
import { type Failure, fieldError, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { SchoolKind } from '../../api/gql/graphql';
import { DataTable } from '../../components/DataTable';
import { PagedList, useListParams } from '../../components/PagedList';
import { FilterCell, SearchForm } from '../../components/SearchForm';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { AcademiesQuery } from './AcademiesPage';
import { uaiState } from './uai-check';

const SchoolsQuery = graphql(`
  query AdminSchools($first: Int!, $after: String, $filter: SchoolFilter) {
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
        academy {
          name
        }
        heads {
          id
          displayName
        }
      }
    }
  }
`);

const CreateSchoolMutation = graphql(`
  mutation CreateSchool($input: CreateSchoolInput!) {
    createSchool(input: $input) {
      id
      uai
      name
    }
  }
`);

const FILTERS = ['academie', 'recherche'] as const;

/** "Établissements" (ADMIN): the schools of every académie, and "Créer un établissement" (UAI checked as typed). */
export function AdminSchoolsPage() {
  const { values, after, setFilter, goTo } = useListParams(FILTERS);
  const context = useMemo(() => ({ additionalTypenames: ['School'] }), []);
  const [{ data: academies }] = useQuery({ query: AcademiesQuery });
  const [{ data, fetching, error }] = useQuery({
    query: SchoolsQuery,
    variables: {
      first: 20,
      after,
      filter: { academyId: values.academie || undefined, search: values.recherche || undefined },
    },
    context,
  });
  const list = data?.schools;
  const [form, setForm] = useState({
    academyId: '',
    uai: '',
    name: '',
    kind: 'COLLEGE' as SchoolKind,
    city: '',
  });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [{ fetching: creating }, create] = useMutation(CreateSchoolMutation);
  const academyId = form.academyId || academies?.academies[0]?.id || '';
  const submit = async () => {
    setNotice(null);
    const result = await create({
      input: {
        academyId,
        uai: form.uai.trim(),
        name: form.name,
        kind: form.kind,
        city: form.city || undefined,
      },
    });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      const s = result.data.createSchool;
      setNotice(
        `${s.name} (UAI ${s.uai}) créé. Créez maintenant le compte de son chef d’établissement dans « Comptes ».`,
      );
      setForm({ ...form, uai: '', name: '', city: '' });
    }
  };
  // the API's message wins once the form was sent; the live check while typing otherwise
  const uaiField = fieldError(failure, 'uai') ? fieldState(failure, 'uai') : uaiState(form.uai);
  return (
    <>
      <h1>Établissements</h1>
      <section aria-labelledby="titre-creer-etablissement" className="fr-mb-6w">
        <h2 id="titre-creer-etablissement">Créer un établissement</h2>
        <div aria-live="polite">
          {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
        </div>
        <ServerForm failure={failure} onSubmit={() => void submit()} labelledBy="titre-creer-etablissement">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <Select
                label="Académie"
                nativeSelectProps={{
                  value: academyId,
                  onChange: (e) => setForm({ ...form, academyId: e.target.value }),
                }}
                {...fieldState(failure, 'academyId')}
              >
                {(academies?.academies ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label="UAI"
                hintText="7 chiffres et la lettre de contrôle, par exemple 0310024H : vérifié pendant la saisie."
                nativeInputProps={{
                  value: form.uai,
                  autoComplete: 'off',
                  onChange: (e) => {
                    setForm({ ...form, uai: e.target.value.toUpperCase() });
                    if (fieldError(failure, 'uai')) setFailure(null);
                  },
                }}
                {...uaiField}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label="Nom"
                nativeInputProps={{
                  value: form.name,
                  onChange: (e) => setForm({ ...form, name: e.target.value }),
                }}
                {...fieldState(failure, 'name')}
              />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Select
                label="Type"
                nativeSelectProps={{
                  value: form.kind,
                  onChange: (e) => setForm({ ...form, kind: e.target.value as SchoolKind }),
                }}
                {...fieldState(failure, 'kind')}
              >
                {Object.entries(SCHOOL_KIND_LABELS).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Input
                label="Commune"
                nativeInputProps={{
                  value: form.city,
                  onChange: (e) => setForm({ ...form, city: e.target.value }),
                }}
                {...fieldState(failure, 'city')}
              />
            </div>
          </div>
          <Button type="submit" disabled={creating}>
            Créer l’établissement
          </Button>
        </ServerForm>
      </section>
      <section aria-labelledby="titre-liste-etablissements">
        <h2 id="titre-liste-etablissements">Liste des établissements</h2>
        <SearchForm
          label="Rechercher un nom, une ville ou un UAI"
          value={values.recherche}
          onSearch={(v) => setFilter('recherche', v)}
        >
          <FilterCell>
            <Select
              label="Filtrer par académie"
              nativeSelectProps={{
                value: values.academie,
                onChange: (e) => setFilter('academie', e.target.value),
              }}
            >
              <option value="">Toutes les académies</option>
              {(academies?.academies ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </FilterCell>
        </SearchForm>
        {error && <Alert severity="error" small description={toFailure(error)?.message ?? ''} />}
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
              caption="Établissements"
              columns={['UAI', 'Nom', 'Type', 'Académie', 'Chefs d’établissement', 'Actions']}
              testId="admin-schools"
            >
              {list.nodes.map((s) => (
                <tr key={s.id}>
                  <td>{s.uai}</td>
                  <td>
                    {s.name}
                    {s.city && <div className="fr-text--xs fr-mb-0">{s.city}</div>}
                  </td>
                  <td>{SCHOOL_KIND_LABELS[s.kind]}</td>
                  <td>{s.academy.name}</td>
                  <td>{s.heads.map((h) => h.displayName).join(', ') || 'Aucun'}</td>
                  <td>
                    <Link to={`/admin/etablissements/${s.id}`} className="fr-link">
                      Modifier<span className="fr-sr-only"> {s.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </DataTable>
          </PagedList>
        )}
      </section>
    </>
  );
}
