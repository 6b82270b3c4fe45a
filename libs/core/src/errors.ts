/**
 * Every code a client can find in `extensions.code` (docs/errors.md), from a service, from the GraphQL
 * server or from the HTTP layer. apps/api/src/common/format-error.ts maps each one, exhaustively.
 */
export const ERROR_CODES = [
  // what a service refuses (DomainError)
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  // a request the server cannot read or run
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // the server's own failures
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes a service may throw (RULES.md, "Errors"); the others belong to the transport. */
export type DomainErrorCode = Extract<
  ErrorCode,
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'TOO_MANY_REQUESTS'
>;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export type FieldErrors = Record<string, string>;

/**
 * The one error a service throws. The GraphQL layer maps it to `extensions.code`;
 * services never build GraphQL errors themselves.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** STALE_VERSION: a CONFLICT a reload cures (the client offers it), unlike a state or a duplicate */
    readonly reason?: 'STALE_VERSION',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message = 'Authentification requise.') =>
  new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Action non autorisée pour votre rôle.') =>
  new DomainError('FORBIDDEN', message);
export const notFound = (what = 'Élément') => new DomainError('NOT_FOUND', `${what} introuvable.`);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const staleVersion = () =>
  new DomainError(
    'CONFLICT',
    "Cet élément a été modifié entre-temps : rechargez-le avant d'enregistrer vos changements.",
    undefined,
    'STALE_VERSION',
  );
export const badInput = (fields: FieldErrors, message = 'Saisie invalide.') =>
  new DomainError('BAD_USER_INPUT', message, fields);
export const tooManyRequests = (message = 'Trop de tentatives : réessayez plus tard.') =>
  new DomainError('TOO_MANY_REQUESTS', message);

/** Throws BAD_USER_INPUT when `fields` is not empty. */
export function assertNoFieldErrors(fields: FieldErrors, message?: string): void {
  if (Object.keys(fields).length > 0) throw badInput(fields, message);
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
