import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { changedFields, EditEntityForm, type Values } from './EditEntityForm';

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
  const [loaded, setLoaded] = useState<{ values: Values; version: number } | null>(null);
  const [form, setForm] = useState<Values>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reloading = useRef(false);
  const [{ fetching: saving }, update] = useMutation(UpdateAcademyMutation);

  // the form takes the entry's values once, and again after "Recharger la version à jour"
  useEffect(() => {
    if (!academy || (loaded && !reloading.current)) return;
    // a reload waits for the newer version: the cache still holds the stale one
    if (reloading.current && loaded && academy.version === loaded.version) return;
    reloading.current = false;
    const values = valuesOf(academy);
    setForm(values);
    setLoaded({ values, version: academy.version });
  }, [academy, loaded]);

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data) return <Alert severity="error" small description={toFailure(error)?.message ?? ''} />;
  if (!academy) return <h1>Académie introuvable</h1>;
  if (!loaded) return <p aria-live="polite">Chargement…</p>;

  const submit = async () => {
    setNotice(null);
    const patch = changedFields(form, loaded.values);
    if (Object.keys(patch).length === 0) {
      setNotice('Aucune modification à enregistrer.');
      return;
    }
    const result = await update({ id, input: patch, version: loaded.version });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      const a = result.data.updateAcademy;
      const values = valuesOf(a);
      setForm(values);
      setLoaded({ values, version: a.version });
      setNotice(`Académie ${a.name} modifiée.`);
    }
  };
  const reload = () => {
    setFailure(null);
    reloading.current = true;
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <EditEntityForm
      title={`Modifier l’académie ${academy.name} (${academy.code})`}
      back={{ to: '/admin/academies', label: 'Revenir aux académies' }}
      fields={FIELDS}
      form={form}
      setForm={setForm}
      failure={failure}
      notice={notice}
      saving={saving}
      onSubmit={() => void submit()}
      onReload={reload}
    />
  );
}
