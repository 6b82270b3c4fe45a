import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Failure } from '../../api/errors';
import { fieldState, ServerForm } from '../../components/ServerForm';
import { changedFields } from '../../components/useEntityEdit';

export type Values = Record<string, string>;

/** The texts as the API takes them: trimmed, empty as null (the API clears an optional field with null). */
const texts = (values: Values): Record<string, string | null> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim() || null]));

/** Only the texts that changed since the form was loaded. */
export const changedTexts = (form: Values, loaded: Values) => changedFields(texts(form), texts(loaded));

/**
 * The edit form shared by an académie and a school: text fields whose judge is the API, the version
 * they were loaded at sent with them; a CONFLICT offers to reload.
 */
export function EditEntityForm({
  title,
  back,
  fields,
  form,
  setForm,
  failure,
  notice,
  saving,
  onSubmit,
  onReload,
  extra,
}: {
  title: string;
  back: { to: string; label: string };
  fields: { name: string; label: string; type?: string }[];
  form: Values;
  setForm: (next: Values) => void;
  failure: Failure | null;
  notice: string | null;
  saving: boolean;
  onSubmit: () => void;
  onReload: () => void;
  extra?: ReactNode;
}) {
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <p className="fr-mb-1w">
          <Link to={back.to} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
            {back.label}
          </Link>
        </p>
        <h1 id="titre-modification">{title}</h1>
        <div aria-live="polite">
          {notice && <Alert severity="success" small description={notice} className="fr-mb-3w" />}
        </div>
        <ServerForm failure={failure} onSubmit={onSubmit} onReload={onReload} labelledBy="titre-modification">
          <div className="fr-grid-row fr-grid-row--gutters">
            {extra}
            {fields.map((f) => (
              <div className="fr-col-12 fr-col-md-6" key={f.name}>
                <Input
                  label={f.label}
                  nativeInputProps={{
                    type: f.type ?? 'text',
                    value: form[f.name] ?? '',
                    onChange: (e) => setForm({ ...form, [f.name]: e.target.value }),
                  }}
                  {...fieldState(failure, f.name)}
                />
              </div>
            ))}
          </div>
          <Button type="submit" iconId="fr-icon-save-line" disabled={saving} className="fr-mt-3w">
            Enregistrer les modifications
          </Button>
        </ServerForm>
      </div>
    </div>
  );
}
