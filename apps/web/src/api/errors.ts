import type { CombinedError } from 'urql';

/** What went wrong with an operation, as a form shows it. */
export type Failure =
  /** the API refused some fields (BAD_USER_INPUT): French message per field */
  | { kind: 'fields'; message: string; fields: Record<string, string> }
  /**
   * someone else changed the entry (`stale`: the version sent is not current, a reload cures it), or
   * its state or a duplicate forbids the action
   */
  | { kind: 'conflict'; message: string; stale: boolean }
  /** the network or the database is down: nothing was saved, the form is kept */
  | { kind: 'unavailable'; message: string }
  | { kind: 'error'; message: string };

export const UNAVAILABLE_MESSAGE =
  'Le service est momentanément indisponible : rien n’a été enregistré. Vos réponses sont conservées, réessayez dans quelques instants.';

/** The failure of an urql result, or null when it succeeded. */
export function toFailure(error: CombinedError | undefined): Failure | null {
  if (!error) return null;
  if (error.networkError && error.graphQLErrors.length === 0) {
    return { kind: 'unavailable', message: UNAVAILABLE_MESSAGE };
  }
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  const message = first?.message ?? 'Une erreur est survenue.';
  switch (code) {
    case 'BAD_USER_INPUT': {
      const fields = (first.extensions.fields ?? {}) as Record<string, string>;
      return { kind: 'fields', message, fields };
    }
    case 'CONFLICT':
      return { kind: 'conflict', message, stale: first.extensions.reason === 'STALE_VERSION' };
    case 'SERVICE_UNAVAILABLE':
      return { kind: 'unavailable', message: UNAVAILABLE_MESSAGE };
    default:
      return { kind: 'error', message };
  }
}

/** The French message the API gave for one field (keys as in the input: `toolName`, `input.toolName`). */
export function fieldError(failure: Failure | null, field: string): string | undefined {
  if (failure?.kind !== 'fields') return undefined;
  return failure.fields[field] ?? failure.fields[`input.${field}`];
}
