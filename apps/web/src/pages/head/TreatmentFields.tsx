import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import {
  DATA_CATEGORY_LABELS,
  LEGAL_BASIS_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRANSFER_SAFEGUARD_LABELS,
} from '@app/pdf/labels';
import type { Failure } from '../../api/errors';
import type { DataCategory, LegalBasis, SubjectCategory, TransferSafeguard } from '../../api/gql/graphql';
import { fieldState } from '../../components/ServerForm';
import type { TreatmentForm } from './treatment-form';

const ONE_A_LINE = 'Un élément par ligne.';

function toggled<V>(list: readonly V[], value: V, on: boolean): V[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/** The art. 30 fields of a treatment, for creating one and for editing it. */
export function TreatmentFields({
  form,
  set,
  failure,
}: {
  form: TreatmentForm;
  set: (next: Partial<TreatmentForm>) => void;
  failure: Failure | null;
}) {
  const sensitive = form.dataCategories.some((c) => c === 'HEALTH' || c === 'OTHER_SENSITIVE');
  const text = (field: 'name' | 'retention', label: string, hintText?: string) => (
    <div className="fr-fieldset__element">
      <Input
        label={label}
        hintText={hintText}
        nativeInputProps={{
          name: field,
          value: form[field],
          onChange: (e) => set({ [field]: e.target.value }),
        }}
        {...fieldState(failure, field)}
      />
    </div>
  );
  const list = (
    field: 'purposes' | 'recipients' | 'processors' | 'securityMeasures',
    label: string,
    hint: string,
  ) => (
    <div className="fr-fieldset__element">
      <Input
        label={label}
        hintText={`${hint} ${ONE_A_LINE}`}
        textArea
        nativeTextAreaProps={{
          name: field,
          rows: 3,
          value: form[field],
          onChange: (e) => set({ [field]: e.target.value }),
        }}
        {...fieldState(failure, field)}
      />
    </div>
  );
  return (
    <>
      <fieldset className="fr-fieldset" aria-labelledby="legende-traitement">
        <legend id="legende-traitement" className="fr-fieldset__legend fr-h5">
          Le traitement
        </legend>
        {text('name', 'Nom du traitement', 'Par exemple : Padlet — murs collaboratifs en classe')}
        {list('purposes', 'Finalités', 'À quoi servent les données.')}
        <div className="fr-fieldset__element">
          <Select
            label="Base légale"
            hint="La mission d’intérêt public convient à la plupart des usages pédagogiques."
            nativeSelectProps={{
              name: 'legalBasis',
              value: form.legalBasis,
              onChange: (e) => set({ legalBasis: e.target.value as LegalBasis }),
            }}
            {...fieldState(failure, 'legalBasis')}
          >
            {Object.entries(LEGAL_BASIS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
      </fieldset>
      <fieldset className="fr-fieldset" aria-labelledby="legende-donnees">
        <legend id="legende-donnees" className="fr-fieldset__legend fr-h5">
          Les personnes et les données
        </legend>
        <div className="fr-fieldset__element">
          <Checkbox
            legend="Personnes concernées"
            options={(Object.keys(SUBJECT_CATEGORY_LABELS) as SubjectCategory[]).map((category) => ({
              label: SUBJECT_CATEGORY_LABELS[category],
              nativeInputProps: {
                name: 'subjectCategories',
                value: category,
                checked: form.subjectCategories.includes(category),
                onChange: (e) =>
                  set({ subjectCategories: toggled(form.subjectCategories, category, e.target.checked) }),
              },
            }))}
            {...fieldState(failure, 'subjectCategories')}
          />
        </div>
        <div className="fr-fieldset__element">
          <Checkbox
            legend="Catégories de données"
            hintText="Santé et autres données sensibles (art. 9) rendent l’analyse d’impact obligatoire."
            options={(Object.keys(DATA_CATEGORY_LABELS) as DataCategory[]).map((category) => ({
              label: DATA_CATEGORY_LABELS[category],
              nativeInputProps: {
                name: 'dataCategories',
                value: category,
                checked: form.dataCategories.includes(category),
                onChange: (e) =>
                  set({ dataCategories: toggled(form.dataCategories, category, e.target.checked) }),
              },
            }))}
            {...fieldState(failure, 'dataCategories')}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset" aria-labelledby="legende-destinataires">
        <legend id="legende-destinataires" className="fr-fieldset__legend fr-h5">
          Destinataires et transferts
        </legend>
        {list('recipients', 'Destinataires', 'Qui reçoit les données : enseignants, familles, académie…')}
        {list(
          'processors',
          'Sous-traitants',
          'Les éditeurs et hébergeurs qui traitent les données pour vous.',
        )}
        <div className="fr-fieldset__element">
          <p className="fr-text--bold fr-mb-1w" id="titre-transferts">
            Transferts hors de l’Union européenne
          </p>
          {form.transfers.length === 0 && <p className="fr-text--sm">Aucun transfert.</p>}
          {form.transfers.map((transfer, index) => {
            const update = (change: Partial<typeof transfer>) =>
              set({ transfers: form.transfers.map((t, i) => (i === index ? { ...t, ...change } : t)) });
            const n = index + 1;
            return (
              <div
                key={index}
                role="group"
                aria-label={`Transfert ${n}`}
                className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w"
              >
                <div className="fr-col-12 fr-col-md-3">
                  <Input
                    label={`Pays (transfert ${n})`}
                    nativeInputProps={{
                      value: transfer.country,
                      onChange: (e) => update({ country: e.target.value }),
                    }}
                    {...fieldState(failure, `transfers.${index}.country`)}
                  />
                </div>
                <div className="fr-col-12 fr-col-md-3">
                  <Input
                    label={`Destinataire (transfert ${n})`}
                    nativeInputProps={{
                      value: transfer.recipient,
                      onChange: (e) => update({ recipient: e.target.value }),
                    }}
                    {...fieldState(failure, `transfers.${index}.recipient`)}
                  />
                </div>
                <div className="fr-col-12 fr-col-md-4">
                  <Select
                    label={`Garantie (transfert ${n})`}
                    nativeSelectProps={{
                      value: transfer.safeguard,
                      onChange: (e) => update({ safeguard: e.target.value as TransferSafeguard }),
                    }}
                    {...fieldState(failure, `transfers.${index}.safeguard`)}
                  >
                    {Object.entries(TRANSFER_SAFEGUARD_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-2">
                  <Button
                    type="button"
                    priority="tertiary"
                    size="small"
                    onClick={() => set({ transfers: form.transfers.filter((_, i) => i !== index) })}
                  >
                    Retirer le transfert {n}
                  </Button>
                </div>
              </div>
            );
          })}
          <Button
            type="button"
            priority="secondary"
            size="small"
            iconId="fr-icon-add-line"
            onClick={() =>
              set({ transfers: [...form.transfers, { country: '', recipient: '', safeguard: 'OTHER' }] })
            }
          >
            Ajouter un transfert
          </Button>
        </div>
      </fieldset>
      <fieldset className="fr-fieldset" aria-labelledby="legende-conservation">
        <legend id="legende-conservation" className="fr-fieldset__legend fr-h5">
          Conservation et sécurité
        </legend>
        {text('retention', 'Durée de conservation', 'Par exemple : 12 mois après la fin de l’année scolaire')}
        <div className="fr-fieldset__element">
          <Input
            label="Durée de conservation en mois (facultatif)"
            hintText="Un nombre entier de 0 à 1 200."
            nativeInputProps={{
              name: 'retentionMonths',
              type: 'number',
              inputMode: 'numeric',
              min: 0,
              max: 1200,
              value: form.retentionMonths,
              onChange: (e) => set({ retentionMonths: e.target.value }),
            }}
            {...fieldState(failure, 'retentionMonths')}
          />
        </div>
        {list('securityMeasures', 'Mesures de sécurité', 'Comptes nominatifs, pseudonymes, chiffrement…')}
        <div className="fr-fieldset__element">
          <Checkbox
            options={[
              {
                label: 'Une analyse d’impact (AIPD) est requise',
                hintText: sensitive
                  ? 'Requise de toute façon : le traitement porte sur des données sensibles d’élèves mineurs.'
                  : undefined,
                nativeInputProps: {
                  name: 'dpiaRequired',
                  checked: form.dpiaRequired || sensitive,
                  disabled: sensitive,
                  onChange: (e) => set({ dpiaRequired: e.target.checked }),
                },
              },
            ]}
            {...fieldState(failure, 'dpiaRequired')}
          />
        </div>
      </fieldset>
    </>
  );
}
