import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { type Failure, toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { ServerForm } from '../../components/ServerForm';
import { useEntityEdit } from '../../components/useEntityEdit';
import { SchoolPicker, useHeadSchools } from './schools';
import {
  EMPTY_TREATMENT,
  formOf,
  toInput,
  toPatch,
  treatmentFieldPlaces,
  type TreatmentForm,
} from './treatment-form';
import { TreatmentFields } from './TreatmentFields';

const TreatmentForEditQuery = graphql(`
  query TreatmentForEdit($id: ID!) {
    treatment(id: $id) {
      ...TreatmentDetail
      school {
        id
        name
      }
    }
  }
`);

const UpdateTreatmentMutation = graphql(`
  mutation UpdateTreatment($id: ID!, $input: TreatmentPatch!, $version: Int!) {
    updateTreatment(id: $id, input: $input, version: $version) {
      ...TreatmentDetail
    }
  }
`);

const CreateTreatmentMutation = graphql(`
  mutation CreateTreatment($input: TreatmentInput!) {
    createTreatment(input: $input) {
      ...TreatmentDetail
    }
  }
`);

/** "Créer un traitement": an entry written by hand, in the register of the chosen school. */
export function TreatmentCreatePage() {
  const heads = useHeadSchools();
  const navigate = useNavigate();
  const [form, setForm] = useState<TreatmentForm>(EMPTY_TREATMENT);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [{ fetching }, create] = useMutation(CreateTreatmentMutation);
  const submit = async () => {
    const result = await create({ input: { ...toInput(form), schoolId: heads.school?.id ?? '' } });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      const t = result.data.createTreatment;
      void navigate(`/registre/${t.id}`, {
        state: { notice: `Traitement ${t.reference} inscrit au registre.` },
      });
    }
  };
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <h1 id="titre-creation">Créer un traitement</h1>
        <p>
          Inscrivez au registre de {heads.school?.name ?? 'votre établissement'} un traitement qui ne vient
          pas d’une déclaration d’enseignant (vie scolaire, cantine, site de l’établissement…).
        </p>
        <SchoolPicker {...heads} />
        <ServerForm
          failure={failure}
          fieldPlaces={treatmentFieldPlaces(failure?.kind === 'fields' ? failure.fields : undefined)}
          onSubmit={() => void submit()}
          labelledBy="titre-creation"
        >
          <TreatmentFields form={form} set={(next) => setForm({ ...form, ...next })} failure={failure} />
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <Button type="submit" iconId="fr-icon-save-line" disabled={fetching}>
                Inscrire au registre
              </Button>
            </li>
            <li>
              <Link className="fr-btn fr-btn--tertiary" to="/registre">
                Annuler
              </Link>
            </li>
          </ul>
        </ServerForm>
      </div>
    </div>
  );
}

/**
 * "Modifier": the entry's fields, saved with the version they were loaded at. When someone else saved
 * in between, the API refuses (CONFLICT): the page says so and offers to reload; nothing is overwritten.
 */
export function TreatmentEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }, refetch] = useQuery({ query: TreatmentForEditQuery, variables: { id } });
  const [{ fetching: saving }, update] = useMutation(UpdateTreatmentMutation);
  const t = data?.treatment;
  const { loaded, form, setForm, failure, setFailure, reload } = useEntityEdit(t, formOf, () =>
    refetch({ requestPolicy: 'network-only' }),
  );

  if (fetching && !data) return <p aria-live="polite">Chargement…</p>;
  if (error && !data)
    return <Alert severity="error" title="Erreur" description={toFailure(error)?.message ?? ''} />;
  if (!t)
    return (
      <>
        <h1>Traitement introuvable</h1>
        <Alert
          severity="warning"
          small
          description="Il n’existe pas ou n’est pas au registre d’un établissement que vous dirigez."
        />
      </>
    );
  if (t.status === 'ARCHIVED')
    return (
      <>
        <h1>
          Modifier {t.reference} — {t.name}
        </h1>
        <Alert
          severity="info"
          small
          description="Ce traitement est archivé : il n’est plus modifiable."
          className="fr-mb-3w"
        />
        <Link to={`/registre/${t.id}`}>Revenir à la fiche</Link>
      </>
    );
  if (!form || !loaded) return <p aria-live="polite">Chargement…</p>;

  const submit = async () => {
    const patch = toPatch(form, loaded.form);
    if (Object.keys(patch).length === 0) {
      void navigate(`/registre/${id}`, { state: { notice: 'Aucune modification à enregistrer.' } });
      return;
    }
    const result = await update({ id, input: patch, version: loaded.version });
    const f = toFailure(result.error);
    setFailure(f);
    if (!f && result.data) {
      void navigate(`/registre/${id}`, {
        state: {
          notice:
            'Modifications enregistrées. Le délégué à la protection des données reverra la nouvelle version de la fiche.',
        },
      });
    }
  };

  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <p className="fr-mb-1w">
          <Link to={`/registre/${t.id}`} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
            Revenir à la fiche
          </Link>
        </p>
        <h1 id="titre-modification">
          Modifier {t.reference} — {t.name}
        </h1>
        <p className="fr-text--sm">
          Une fiche modifiée repasse « non revue » : le DPD la relira. Chaque changement est tracé dans
          l’historique.
        </p>
        <ServerForm
          failure={failure}
          fieldPlaces={treatmentFieldPlaces(failure?.kind === 'fields' ? failure.fields : undefined)}
          onSubmit={() => void submit()}
          onReload={reload}
          labelledBy="titre-modification"
        >
          <TreatmentFields form={form} set={(next) => setForm({ ...form, ...next })} failure={failure} />
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <Button type="submit" iconId="fr-icon-save-line" disabled={saving}>
                Enregistrer les modifications
              </Button>
            </li>
            <li>
              <Link className="fr-btn fr-btn--tertiary" to={`/registre/${t.id}`}>
                Annuler
              </Link>
            </li>
          </ul>
        </ServerForm>
      </div>
    </div>
  );
}
