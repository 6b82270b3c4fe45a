import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Failure } from '../../api/errors';
import { fieldState, ServerForm } from '../../components/ServerForm';

export type Values = Record<string, string>;

/** Only what changed, empty texts as null (the API clears an optional field with null). */
export function changedFields(form: Values, loaded: Values): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const key of Object.keys(form)) {
    if (form[key].trim() !== loaded[key].trim()) patch[key] = form[key].trim() || null;
  }
  return patch;
}

/**
 * The state of an edit form over an entry read with a version: the form takes the entry's values
 * once, and again after "Recharger la version à jour" (waiting for the newer version: the cache
 * still holds the stale one); `saved` takes the mutation's answer as the new starting point.
 */
export function useEntityEdit<E extends { version: number }>(
  entry: E | null | undefined,
  valuesOf: (entry: E) => Values,
  refetch: () => void,
) {
  const [loaded, setLoaded] = useState<{ values: Values; version: number } | null>(null);
  const [form, setForm] = useState<Values>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reloading = useRef(false);
  useEffect(() => {
    if (!entry || (loaded && !reloading.current)) return;
    if (reloading.current && loaded && entry.version === loaded.version) return;
    reloading.current = false;
    const values = valuesOf(entry);
    setForm(values);
    setLoaded({ values, version: entry.version });
  }, [entry, loaded]);
  return {
    loaded,
    form,
    setForm,
    failure,
    setFailure,
    notice,
    setNotice,
    saved(next: E, message: string) {
      const values = valuesOf(next);
      setForm(values);
      setLoaded({ values, version: next.version });
      setNotice(message);
    },
    reload() {
      setFailure(null);
      reloading.current = true;
      refetch();
    },
  };
}

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
