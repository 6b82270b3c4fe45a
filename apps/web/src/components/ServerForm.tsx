import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { type Failure, fieldError } from '../api/errors';

/**
 * The DSFR state props for one field: its French message from the API (`extensions.fields`) beside
 * it, in the field's live message group, referenced by aria-describedby (react-dsfr does both).
 */
export function fieldState(
  failure: Failure | null,
  field: string,
): { state?: 'error'; stateRelatedMessage?: string } {
  const message = fieldError(failure, field);
  return message ? { state: 'error', stateRelatedMessage: message } : {};
}

/**
 * A form whose judge is the server: what was typed stays (the fields are the page's state); the
 * failure is summed up at the top, in an alert focused and announced; each refused field shows its
 * message beside it (see `fieldState`); a stale version offers to reload the entry.
 */
export function ServerForm({
  failure,
  onSubmit,
  onReload,
  children,
  labelledBy,
  fieldPlaces,
}: {
  failure: Failure | null;
  /** where each field is (a step of a long form), so that the summary can say where to look */
  fieldPlaces?: Record<string, string>;
  onSubmit: () => void;
  /** offered when the entry changed meanwhile (CONFLICT) */
  onReload?: () => void;
  children: ReactNode;
  labelledBy?: string;
}) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) summary.current?.focus();
  }, [failure]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby={labelledBy}>
      {/* focused on failure; the DSFR Alert inside carries role="alert", which announces it */}
      <div ref={summary} tabIndex={-1} className={failure ? 'fr-mb-4w' : undefined}>
        {failure && <FailureAlert failure={failure} onReload={onReload} fieldPlaces={fieldPlaces} />}
      </div>
      {children}
    </form>
  );
}

function FailureAlert({
  failure,
  onReload,
  fieldPlaces,
}: {
  failure: Failure;
  onReload?: () => void;
  fieldPlaces?: Record<string, string>;
}) {
  if (failure.kind === 'fields') {
    const fields = Object.entries(failure.fields);
    return (
      <Alert
        severity="error"
        title={fields.length > 1 ? `${fields.length} réponses sont à corriger` : 'Une réponse est à corriger'}
        description={
          <>
            <span>
              Le message est affiché sous chaque réponse concernée. Vos autres réponses sont conservées.
            </span>
            {fieldPlaces && (
              <ul>
                {fields.map(([field, message]) => (
                  <li key={field}>
                    {fieldPlaces[field] ?? field} : {message}
                  </li>
                ))}
              </ul>
            )}
          </>
        }
      />
    );
  }
  if (failure.kind === 'conflict') {
    return (
      <Alert
        severity="warning"
        title={failure.stale ? 'Quelqu’un d’autre a modifié cet élément' : 'L’action n’a pas abouti'}
        description={
          <>
            <span>{failure.message}</span>
            {onReload && (
              <span className="fr-mt-2w" style={{ display: 'block' }}>
                <Button type="button" priority="secondary" size="small" onClick={onReload}>
                  Recharger la version à jour
                </Button>
              </span>
            )}
          </>
        }
      />
    );
  }
  if (failure.kind === 'unavailable') {
    return <Alert severity="error" title="Service indisponible" description={failure.message} />;
  }
  return <Alert severity="error" title="L’action n’a pas abouti" description={failure.message} />;
}
