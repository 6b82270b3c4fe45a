import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { useEntityEdit } from '../../components/useEntityEdit';
import { changedTexts, EditEntityForm, type Values } from './EditEntityForm';

const AcademyForEditQuery = graphql(`
  query AcademyForEdit {
    academies {
      id
      code
      name
      dpoName
      dpoEmail
      dpoPhone
      dpoAddress
      rssiEmail
      hierarchyEmail
      version
    }
  }
`);

const UpdateAcademyMutation = graphql(`
  mutation UpdateAcademy($id: ID!, $input: AcademyPatch!, $version: Int) {
    updateAcademy(id: $id, input: $input, version: $version) {
      id
      code
      name
      dpoName
      dpoEmail
      dpoPhone
      dpoAddress
      rssiEmail
      hierarchyEmail
      version
    }
  }
`);

const FIELDS = [
  { name: 'name', label: 'Nom' },
  { name: 'dpoName', label: 'Nom du DPD' },
  { name: 'dpoEmail', label: 'Adresse électronique du DPD', type: 'email' },
  { name: 'dpoPhone', label: 'Téléphone du DPD', type: 'tel' },
  { name: 'dpoAddress', label: 'Adresse postale du DPD' },
  { name: 'rssiEmail', label: 'Adresse électronique du RSSI', type: 'email' },
  {
    name: 'hierarchyEmail',
    label: 'Adresse électronique de la hiérarchie (rectorat ou DSDEN)',
    type: 'email',
  },
];

const valuesOf = (a: object): Values =>
  Object.fromEntries(FIELDS.map((f) => [f.name, (a as Record<string, string | null>)[f.name] ?? '']));

/** "Modifier une académie" (ADMIN): its name, DPD, RSSI and hierarchy, with the version it loaded. */
export function AcademyEditPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AcademyForEditQuery });
  const academy = data?.academies.find((a) => a.id === id);
  const edit = useEntityEdit(academy, valuesOf, () => refetch({ requestPolicy: 'network-only' }));
  const { loaded, form, failure } = edit;
  const [{ fetching: saving }, update] = useMutation(UpdateAcademyMutation);

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data) return <Alert severity="error" small description={toFailure(error)?.message ?? ''} />;
  if (!academy) return <h1>Académie introuvable</h1>;
  if (!loaded || !form) return <p aria-live="polite">Chargement…</p>;

  const submit = async () => {
    edit.setNotice(null);
    const patch = changedTexts(form, loaded.form);
    if (Object.keys(patch).length === 0) {
      edit.setNotice('Aucune modification à enregistrer.');
      return;
    }
    const result = await update({ id, input: patch, version: loaded.version });
    const f = toFailure(result.error);
    edit.setFailure(f);
    if (!f && result.data) {
      edit.saved(result.data.updateAcademy, `Académie ${result.data.updateAcademy.name} modifiée.`);
    }
  };
  return (
    <EditEntityForm
      title={`Modifier l’académie ${academy.name} (${academy.code})`}
      back={{ to: '/admin/academies', label: 'Revenir aux académies' }}
      fields={FIELDS}
      form={form}
      setForm={edit.setForm}
      failure={failure}
      notice={edit.notice}
      saving={saving}
      onSubmit={() => void submit()}
      onReload={edit.reload}
    />
  );
}
