import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { ANSWER_LABELS, CATALOG_OPINION_LABELS, DATA_CATEGORY_LABELS, HOSTING_LABELS } from '@app/pdf/labels';
import type { Failure } from '../../api/errors';
import type { Answer, CatalogOpinion, DataCategory, Hosting } from '../../api/gql/graphql';
import { fieldState } from '../../components/ServerForm';
import { CatalogAlternativesField } from './CatalogAlternativesField';
import type { CatalogForm } from './catalog-form';
import { NEEDS_CONDITIONS } from './catalog-opinion';

const OPINION_HINTS: Record<CatalogOpinion, string> = {
  PENDING: 'Pas encore examiné.',
  RECOMMENDED: 'Outil institutionnel ou examiné : à utiliser.',
  ALLOWED_WITH_CONDITIONS: 'Utilisable si les conditions ci-dessous sont respectées.',
  DISCOURAGED: 'Préférer une alternative ; le chef d’établissement doit motiver son approbation.',
  FORBIDDEN: 'Ne pas utiliser dans les établissements : les déclarations ne peuvent plus être approuvées.',
};

// one field for both: what the API calls `conditions` is the reason of a negative opinion
const CONDITIONS_LABELS: Record<CatalogOpinion, string> = {
  PENDING: 'Conditions ou motif',
  RECOMMENDED: 'Conditions ou motif',
  ALLOWED_WITH_CONDITIONS: 'Conditions d’utilisation',
  DISCOURAGED: 'Motif de l’avis',
  FORBIDDEN: 'Motif de l’avis',
};

/**
 * The entry's fields: the tool-level facts every linked declaration follows, then the DPD's opinion.
 * Each shows the API's message beside it (fieldState).
 */
export function CatalogToolFields({
  form,
  set,
  failure,
}: {
  form: CatalogForm;
  set: (next: Partial<CatalogForm>) => void;
  failure: Failure | null;
}) {
  const text = (field: keyof CatalogForm) => ({
    value: form[field] as string,
    onChange: (e: { target: { value: string } }) => set({ [field]: e.target.value }),
  });
  const toggle = (category: DataCategory, on: boolean) =>
    set({
      dataCategories: on
        ? [...form.dataCategories, category]
        : form.dataCategories.filter((c) => c !== category),
    });
  const answer = (field: 'freeSoftware' | 'commercialReuse', legend: string) => (
    <RadioButtons
      legend={legend}
      name={field}
      orientation="horizontal"
      options={(Object.keys(ANSWER_LABELS) as Answer[]).map((value) => ({
        label: ANSWER_LABELS[value],
        nativeInputProps: { value, checked: form[field] === value, onChange: () => set({ [field]: value }) },
      }))}
      {...fieldState(failure, field)}
    />
  );
  const conditionsNeeded = NEEDS_CONDITIONS.includes(form.opinion);
  return (
    <>
      <fieldset className="fr-fieldset" aria-labelledby="titre-outil">
        <legend id="titre-outil" className="fr-fieldset__legend fr-h4">
          L’outil
        </legend>
        <div className="fr-fieldset__content" style={{ width: '100%' }}>
          <Input label="Nom" nativeInputProps={text('name')} {...fieldState(failure, 'name')} />
          <Input
            label="Autres noms (alias)"
            hintText="Les noms que les enseignants écrivent aussi, séparés par des virgules ou un par ligne (Kahoot!, kahoot.it). Majuscules, accents et ponctuation ne comptent pas."
            textArea
            nativeTextAreaProps={{ ...text('aliases'), rows: 2 }}
            {...fieldState(failure, 'aliases')}
          />
          <Input label="Éditeur" nativeInputProps={text('vendor')} {...fieldState(failure, 'vendor')} />
          <Input
            label="Adresse du site"
            hintText="Par exemple https://kahoot.com"
            nativeInputProps={{ ...text('url'), type: 'url' }}
            {...fieldState(failure, 'url')}
          />
          <Input
            label="Description"
            textArea
            nativeTextAreaProps={text('description')}
            {...fieldState(failure, 'description')}
          />
          <Checkbox
            legend="Données des élèves que l’outil reçoit"
            options={(Object.keys(DATA_CATEGORY_LABELS) as DataCategory[]).map((category) => ({
              label: DATA_CATEGORY_LABELS[category],
              nativeInputProps: {
                name: 'dataCategories',
                value: category,
                checked: form.dataCategories.includes(category),
                onChange: (e) => toggle(category, e.target.checked),
              },
            }))}
            {...fieldState(failure, 'dataCategories')}
          />
          <RadioButtons
            legend="Hébergement des données"
            name="hosting"
            orientation="horizontal"
            options={(Object.keys(HOSTING_LABELS) as Hosting[]).map((value) => ({
              label: HOSTING_LABELS[value],
              nativeInputProps: {
                value,
                checked: form.hosting === value,
                onChange: () => set({ hosting: value }),
              },
            }))}
            {...fieldState(failure, 'hosting')}
          />
          <Input
            label="Pays d’hébergement"
            nativeInputProps={text('hostingCountry')}
            {...fieldState(failure, 'hostingCountry')}
          />
          {answer('freeSoftware', 'Logiciel libre')}
          <RadioButtons
            legend="Outil institutionnel (ministère, académie, collectivité)"
            name="institutional"
            orientation="horizontal"
            options={[true, false].map((value) => ({
              label: value ? 'Oui' : 'Non',
              nativeInputProps: {
                checked: form.institutional === value,
                onChange: () => set({ institutional: value }),
              },
            }))}
            {...fieldState(failure, 'institutional')}
          />
          {answer('commercialReuse', 'Réutilisation commerciale des données')}
          <Input
            label="Durée de conservation (en mois)"
            hintText="Vide si l’éditeur n’en annonce aucune."
            nativeInputProps={{ ...text('retentionMonths'), inputMode: 'numeric' }}
            {...fieldState(failure, 'retentionMonths')}
          />
          <Input
            label="Mesures de sécurité"
            textArea
            nativeTextAreaProps={text('securityMeasures')}
            {...fieldState(failure, 'securityMeasures')}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset" aria-labelledby="titre-avis-catalogue">
        <legend id="titre-avis-catalogue" className="fr-fieldset__legend fr-h4">
          L’avis du DPD
        </legend>
        <div className="fr-fieldset__content" style={{ width: '100%' }}>
          <RadioButtons
            legend="Avis"
            name="opinion"
            options={(Object.keys(CATALOG_OPINION_LABELS) as CatalogOpinion[]).map((value) => ({
              label: CATALOG_OPINION_LABELS[value],
              hintText: OPINION_HINTS[value],
              nativeInputProps: {
                value,
                checked: form.opinion === value,
                onChange: () => set({ opinion: value }),
              },
            }))}
            {...fieldState(failure, 'opinion')}
          />
          <Input
            label={CONDITIONS_LABELS[form.opinion]}
            hintText={
              conditionsNeeded
                ? 'Obligatoire pour cet avis : les chefs d’établissement et les enseignants le lisent.'
                : 'Facultatif pour cet avis.'
            }
            textArea
            nativeTextAreaProps={text('conditions')}
            {...fieldState(failure, 'conditions')}
          />
          <CatalogAlternativesField
            chosen={form.alternatives}
            onChange={(alternatives) => set({ alternatives })}
            failure={failure}
          />
        </div>
      </fieldset>
    </>
  );
}
