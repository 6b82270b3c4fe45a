import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { assertUnreachable, DomainError, ErrorCode, isErrorCode } from '@app/core';
import { limitOfParseError } from './graphql-limits';
import { inFrench, withoutSuggestions } from './graphql-messages';

const logger = new Logger('GraphQL');

/** What a client finds in `extensions`: the code always, the fields of a bad input, the limit hit. */
export interface ClientErrorExtensions {
  code: ErrorCode;
  fields?: Record<string, string>;
  limit?: string;
  /** CONFLICT only: STALE_VERSION when the entry changed since the client read it */
  reason?: 'STALE_VERSION';
}

/** Where a code comes from: it decides the HTTP status outside GraphQL and whether the message is kept. */
type CodeKind = 'refusal' | 'request' | 'server';

/**
 * Every code, exhaustively: its HTTP status (for the answers given outside GraphQL, the download
 * and the body parser; GraphQL answers keep Apollo's status) and its kind. A new code does not
 * compile until it is placed here.
 */
export function describeCode(code: ErrorCode): { status: number; kind: CodeKind } {
  switch (code) {
    case 'UNAUTHENTICATED':
      return { status: 401, kind: 'refusal' };
    case 'FORBIDDEN':
      return { status: 403, kind: 'refusal' };
    case 'NOT_FOUND':
      return { status: 404, kind: 'refusal' };
    case 'CONFLICT':
      return { status: 409, kind: 'refusal' };
    case 'TOO_MANY_REQUESTS':
      return { status: 429, kind: 'refusal' };
    case 'BAD_USER_INPUT':
    case 'BAD_REQUEST':
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'OPERATION_RESOLUTION_FAILURE':
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
      return { status: 400, kind: 'request' };
    case 'PAYLOAD_TOO_LARGE':
      return { status: 413, kind: 'request' };
    case 'SERVICE_UNAVAILABLE':
      return { status: 503, kind: 'server' };
    case 'INTERNAL_SERVER_ERROR':
      return { status: 500, kind: 'server' };
    default:
      return assertUnreachable(code);
  }
}

/** The body of an answer given outside GraphQL, in the shape of a GraphQL error. */
export function httpErrorBody(
  code: ErrorCode,
  message: string,
  limit?: string,
): { errors: { message: string; extensions: ClientErrorExtensions }[] } {
  return { errors: [{ message, extensions: { code, ...(limit ? { limit } : {}) } }] };
}

/** Connection-level failures: the database is away, not the request wrong. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/**
 * graphql-js stops coercing variables after 50 errors with this message, and Apollo, which does not
 * recognise it as a variables error, would call it internal: it is the client's invalid input.
 */
const TOO_MANY_VARIABLE_ERRORS =
  'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * Last resort: PostgreSQL refusing a value (invalid text representation, datetime format or field
 * overflow, numeric out of range, character not in repertoire) means invalid input that a service
 * let through; the fix belongs in its validation, but the client is told it is its input.
 */
const INVALID_VALUE_SQLSTATES = new Set(['22P02', '22007', '22008', '22003', '22021']);
export const INVALID_VALUE_MESSAGE = 'Saisie invalide : une valeur n’a pas le format attendu.';

function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection fails between two statements;
  // the transaction's next statement then meets a released runner (and PostgreSQL rolls it back)
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    return true;
  }
  const candidate = (error instanceof QueryFailedError ? error.driverError : error) as {
    code?: string;
    message?: string;
  };
  if (!candidate) return false;
  if (candidate.code && UNAVAILABLE_CODES.has(candidate.code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    candidate.message ?? '',
  );
}

/**
 * graphql-js wraps what is not `instanceof Error` in its own realm in a NonErrorThrown error; the
 * driver's errors can be such values (created by Node's networking, under jest's module sandbox).
 */
function thrownValue(error: unknown): unknown {
  if (error instanceof Error && error.name === 'NonErrorThrown' && 'thrownValue' in error) {
    return (error as { thrownValue: unknown }).thrownValue;
  }
  return error;
}

export interface FormatOptions {
  /** production: no "Did you mean …?" (it would map the schema for someone refused introspection) */
  hideSuggestions?: boolean;
}

/**
 * The one mapping from errors to what a client sees (DESIGN.md, pattern 3): a DomainError keeps its
 * code, message and fields; a malformed request keeps Apollo's code, its message said in French
 * (graphql-messages.ts); anything else is logged here and reaches the client as
 * INTERNAL_SERVER_ERROR with no stack trace, SQL or internal detail. The HTTP layer (the body parser,
 * the download, the guard of a Nest route) answers with the same codes through `describeCode`.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatOptions = {},
): GraphQLFormattedError {
  const original = thrownValue(unwrapResolverError(error));
  const base = { path: formatted.path, locations: formatted.locations };
  if (original instanceof DomainError) {
    const extensions: ClientErrorExtensions = {
      code: original.code,
      ...(original.fields ? { fields: original.fields } : {}),
      ...(original.reason ? { reason: original.reason } : {}),
    };
    return { ...base, message: original.message, extensions: { ...extensions } };
  }
  if (formatted.message === TOO_MANY_VARIABLE_ERRORS) {
    return {
      ...base,
      message: 'Trop de valeurs invalides dans les variables : la requête est abandonnée.',
      extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode },
    };
  }
  const code = formatted.extensions?.code;
  if (isErrorCode(code) && describeCode(code).kind === 'request') {
    // an abuse limit (common/graphql-limits.ts) names itself, so a client can tell which one it hit
    const limit = formatted.extensions?.limit ?? limitOfParseError(formatted.message);
    const message = options.hideSuggestions ? withoutSuggestions(formatted.message) : formatted.message;
    const extensions: ClientErrorExtensions = { code, ...(typeof limit === 'string' ? { limit } : {}) };
    return { ...base, message: inFrench(message), extensions: { ...extensions } };
  }
  if (isDatabaseUnavailable(original)) {
    logger.warn(`Database unavailable: ${(original as Error)?.message}`);
    return {
      ...base,
      message:
        'Service momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant.',
      extensions: { code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode },
    };
  }
  const sqlState =
    original instanceof QueryFailedError ? (original.driverError as { code?: string }).code : undefined;
  if (sqlState && INVALID_VALUE_SQLSTATES.has(sqlState)) {
    // not the message: a data exception quotes the value, which may be anything a client typed
    logger.warn(`Invalid input reached SQL (${sqlState})`);
    return {
      ...base,
      message: INVALID_VALUE_MESSAGE,
      extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode },
    };
  }
  logger.error((original as Error)?.stack ?? String(original));
  return {
    ...base,
    message: 'Erreur interne du serveur.',
    extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
  };
}
