import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { DomainError } from '../../../../libs/core/src';

const logger = new Logger('GraphQL');

/** Codes Apollo itself gives to malformed requests: their messages describe the request, not the server. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Apollo's own refusals of a malformed HTTP request, said in French. */
const REQUEST_MESSAGES: Record<string, string> = {
  'Operation batching disabled.':
    'Les opérations groupées (un tableau JSON de requêtes) ne sont pas acceptées : envoyez une opération par requête.',
  // the parser recurses once per level: thousands of nested braces exhaust its stack
  'Maximum call stack size exceeded': 'Requête trop imbriquée pour être analysée.',
};

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

/**
 * The one mapping from errors to what a client sees (DESIGN.md, pattern 3): a DomainError keeps its
 * code, message and fields; a malformed request keeps Apollo's code; anything else is logged here and
 * reaches the client as INTERNAL_SERVER_ERROR with no stack trace, SQL or internal detail.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = thrownValue(unwrapResolverError(error));
  const base = { path: formatted.path, locations: formatted.locations };
  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...(original.fields ? { fields: original.fields } : {}) },
    };
  }
  if (formatted.message === TOO_MANY_VARIABLE_ERRORS) {
    return {
      ...base,
      message: 'Trop de valeurs invalides dans les variables : la requête est abandonnée.',
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    // an abuse limit (common/graphql-limits.ts) names itself, so a client can tell which one it hit
    const limit = formatted.extensions?.limit;
    return {
      ...base,
      message: REQUEST_MESSAGES[formatted.message] ?? formatted.message,
      extensions: { code, ...(typeof limit === 'string' ? { limit } : {}) },
    };
  }
  if (isDatabaseUnavailable(original)) {
    logger.warn(`Database unavailable: ${(original as Error)?.message}`);
    return {
      ...base,
      message:
        'Service momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  const sqlState =
    original instanceof QueryFailedError ? (original.driverError as { code?: string }).code : undefined;
  if (sqlState && INVALID_VALUE_SQLSTATES.has(sqlState)) {
    logger.warn(`Invalid input reached SQL (${sqlState}): ${(original as Error).message}`);
    return { ...base, message: INVALID_VALUE_MESSAGE, extensions: { code: 'BAD_USER_INPUT' } };
  }
  logger.error((original as Error)?.stack ?? String(original));
  return { ...base, message: 'Erreur interne du serveur.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
