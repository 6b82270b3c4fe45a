import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { SCHOOL_KIND_LABELS } from '@app/pdf/labels';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import type { SchoolKind } from '../../api/gql/graphql';
import { fieldState } from '../../components/ServerForm';
import { useEntityEdit } from '../../components/useEntityEdit';
import { changedTexts, EditEntityForm, type Values } from './EditEntityForm';

const SchoolForEditQuery = graphql(`
  query SchoolForEdit($id: ID!) {
    school(id: $id) {
      id
      uai
      name
      kind
      city
      address
      email
      phone
      version
    }
  }
`);

const UpdateSchoolMutation = graphql(`
  mutation UpdateSchool($id: ID!, $input: SchoolPatch!, $version: Int) {
    updateSchool(id: $id, input: $input, version: $version) {
      id
      uai
      name
      kind
      city
      address
      email
      phone
      version
    }
  }
`);

const FIELDS = [
  { name: 'name', label: 'Nom' },
  { name: 'city', label: 'Commune' },
  { name: 'address', label: 'Adresse postale' },
  { name: 'email', label: 'Adresse électronique', type: 'email' },
  { name: 'phone', label: 'Téléphone', type: 'tel' },
];

const valuesOf = (s: object): Values =>
  Object.fromEntries(
    [...FIELDS.map((f) => f.name), 'kind'].map((n) => [n, (s as Record<string, string | null>)[n] ?? '']),
  );

/** "Modifier un établissement" (ADMIN): its name, kind, city and contacts, with the version it loaded. */
export function SchoolEditPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SchoolForEditQuery, variables: { id } });
  const school = data?.school;
  const edit = useEntityEdit(school, valuesOf, () => refetch({ requestPolicy: 'network-only' }));
  const { loaded, form, setForm, failure } = edit;
  const [{ fetching: saving }, update] = useMutation(UpdateSchoolMutation);

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data) return <Alert severity="error" small description={toFailure(error)?.message ?? ''} />;
  if (!school) return <h1>Établissement introuvable</h1>;
  if (!loaded || !form) return <p aria-live="polite">Chargement…</p>;

  const submit = async () => {
    edit.setNotice(null);
    const { kind, ...texts } = changedTexts(form, loaded.form);
    const patch = { ...texts, ...(kind ? { kind: kind as SchoolKind } : {}) };
    if (Object.keys(patch).length === 0) {
      edit.setNotice('Aucune modification à enregistrer.');
      return;
    }
    const result = await update({ id, input: patch, version: loaded.version });
    const f = toFailure(result.error);
    edit.setFailure(f);
    if (!f && result.data) {
      const s = result.data.updateSchool;
      edit.saved(s, `Établissement ${s.name} (UAI ${s.uai}) modifié.`);
    }
  };
  return (
    <EditEntityForm
      title={`Modifier l’établissement ${school.name} (UAI ${school.uai})`}
      back={{ to: '/admin/etablissements', label: 'Revenir aux établissements' }}
      fields={FIELDS}
      form={form}
      setForm={setForm}
      failure={failure}
      notice={edit.notice}
      saving={saving}
      onSubmit={() => void submit()}
      onReload={edit.reload}
      extra={
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Type"
            nativeSelectProps={{
              value: form.kind,
              onChange: (e) => setForm({ ...form, kind: e.target.value }),
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
      }
    />
  );
}
