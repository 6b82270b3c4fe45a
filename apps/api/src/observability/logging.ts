import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Params } from 'nestjs-pino';
import pino, { DestinationStream, Logger as PinoInstance, LoggerOptions } from 'pino';
import { pinoHttp, type Options as PinoHttpOptions } from 'pino-http';
import { AppConfig } from '@app/core';
import { ObservedRequest, operationOf, outcomeOf, topRole } from './request-fields';

/** The configuration the logs depend on. */
export type LogConfig = Pick<AppConfig, 'NODE_ENV' | 'LOG_LEVEL' | 'LOG_REQUESTS'>;

/** A request id a client may hand us (X-Request-Id): short, printable, no spaces. */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** LOG_LEVEL, or info. */
export function logLevel(config: Pick<AppConfig, 'LOG_LEVEL'>): string {
  return config.LOG_LEVEL ?? 'info';
}

/** pino-pretty when it is installed (a dev dependency) and not in production. */
function prettyTransport(config: Pick<AppConfig, 'NODE_ENV'>): LoggerOptions['transport'] {
  if (config.NODE_ENV !== 'development') return undefined;
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } };
}

/**
 * The process's one pino logger: JSON lines on stdout (pretty in development), ISO times, never
 * a header that authenticates (the request serializer below keeps none anyway).
 */
export function createRootLogger(
  config: Pick<AppConfig, 'NODE_ENV' | 'LOG_LEVEL'>,
  stream?: DestinationStream,
): PinoInstance {
  const options: LoggerOptions = {
    level: logLevel(config),
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    transport: stream ? undefined : prettyTransport(config),
  };
  return stream ? pino(options, stream) : pino(options);
}

/** Who asked what, and how it ended: added to the request's line when the response ends. */
function requestFields(req: IncomingMessage, res: ServerResponse): Record<string, unknown> {
  const observed = req as ObservedRequest;
  const caller = observed.caller;
  return {
    operation: operationOf(observed),
    userId: caller?.userId,
    role: topRole(caller),
    outcome: outcomeOf(observed, res as Response),
  };
}

/**
 * The request as logged: method, path (never the query string: GET /graphql carries variables there),
 * the client's address as Express sees it (TRUST_PROXY). Read from the raw request (no copy of its
 * headers is ever made, so none can leak).
 */
function serializeRequest(req: IncomingMessage) {
  const express = req as IncomingMessage & { originalUrl?: string; ip?: string };
  return {
    method: req.method,
    path: (express.originalUrl ?? req.url ?? '').split('?')[0],
    address: express.ip ?? req.socket?.remoteAddress,
  };
}

/** The process's root pino logger, as a provider (app.setup.ts mounts the request logger with it). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * nestjs-pino's parameters: the application's own lines (Nest's Logger: start-up, security events,
 * SQL failures) go through `root`. Its request middleware is not mounted (`forRoutes: []`): it runs
 * every request inside an AsyncLocalStorage, which on Node 20 hooks every promise of the process
 * (13–18 % of a register page's CPU when this API last had one, docs/security.md). So those lines do
 * not carry the request id; they carry the user id or the address. The request lines come from
 * pino-http itself (`requestLogger`).
 */
export function loggerParams(root: PinoInstance): Params {
  return { pinoHttp: { logger: root }, forRoutes: [] };
}

/**
 * The request logger (pino-http), mounted first by app.setup.ts: one line per request with its id
 * (X-Request-Id, taken when well-formed, generated otherwise, and returned), the operation, the
 * caller, the duration and the outcome; no header, no body, no query string.
 * LOG_REQUESTS=false: none (no request line, no request id).
 */
export function requestLogger(config: LogConfig, root: PinoInstance): RequestHandler | null {
  if (!config.LOG_REQUESTS) return null;
  const http: PinoHttpOptions = {
    logger: root,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // the raw objects go to these serializers: pino-http's default ones would copy every header first
    wrapSerializers: false,
    serializers: {
      req: serializeRequest,
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    // the probes and the scrapes would drown the requests
    autoLogging: { ignore: (req) => req.url === '/metrics' || !!req.url?.startsWith('/health') },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, value: object) => ({ ...value, ...requestFields(req, res) }),
    customErrorObject: (req, res, _error, value: object) => ({ ...value, ...requestFields(req, res) }),
  };
  return pinoHttp(http) as unknown as RequestHandler;
}
