import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppConfig, ErrorCode } from '@app/core';
import { describeCode, httpErrorBody } from './common/format-error';
import { graphqlRequestBounds } from './common/graphql-limits';
import { graphiqlRouter } from './graphiql/graphiql.middleware';
import { loginHint } from './graphiql/login-hint';
import { requestLogger, ROOT_LOGGER } from './observability/logging';
import { Metrics } from './observability/metrics';
import { Readiness } from './observability/readiness';
import { webAppRouter } from './web-app.middleware';

/** Largest JSON body accepted: a GraphQL operation with its variables is a few kilobytes. */
export const BODY_LIMIT = '1mb';

function refuse(res: Response, code: ErrorCode, message: string, limit?: string): void {
  res.status(describeCode(code).status).json(httpErrorBody(code, message, limit));
}

/**
 * A body the parser refuses (too large, not JSON) is answered here, in the shape of a GraphQL error,
 * as a client's mistake: 413 or 400, French message, nothing logged as a server failure.
 */
function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') {
    refuse(
      res,
      'PAYLOAD_TOO_LARGE',
      'Requête trop volumineuse : le corps d’une requête ne dépasse pas 1 Mo.',
    );
    return;
  }
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    refuse(res, 'BAD_REQUEST', 'Corps de requête illisible : un objet JSON encodé en UTF-8 est attendu.');
    return;
  }
  next(error);
}

/** HTTP-level settings shared by main.ts and the tests. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  // a number is a hop count; anything else, addresses or names (loopback, 10.0.0.0/8…)
  express.set(
    'trust proxy',
    /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY,
  );
  // first of all: every request's duration (METRICS) and its log line (LOG_REQUESTS), and a stopping
  // process's answers close their connection, so that a client's next request goes to another
  // process (main.ts, graceful stop)
  const readiness = app.get(Readiness);
  express.use((_req: Request, res: Response, next: NextFunction) => {
    if (readiness.isStopping) res.setHeader('Connection', 'close');
    next();
  });
  if (config.METRICS) express.use(app.get(Metrics).observe());
  // one line per request (LOG_REQUESTS), refusals and the web app's files included
  const requests = requestLogger(config, app.get(ROOT_LOGGER));
  if (requests) express.use(requests);
  // headers first, so that every answer carries them, refusals included; the CSP stays on in
  // development too (the GraphiQL page loads its scripts from files), only without
  // upgrade-insecure-requests, which would send a browser on http://localhost to https
  express.use(
    helmet({
      contentSecurityPolicy: {
        directives: config.NODE_ENV === 'production' ? {} : { upgradeInsecureRequests: null },
      },
    }),
  );
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  express.enableCors({ origin: origins.length ? origins : false, credentials: false });
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.use(bodyParserErrors);
  // the cheap bounds of a GraphQL request (nesting, tokens, repeated selections), before Apollo
  express.use('/graphql', graphqlRequestBounds(refuse));
  // a browser client served from node_modules, in development (with introspection) only
  if (config.introspection) {
    express.use(graphiqlRouter(() => loginHint(app.get(DataSource), config)));
  }
  // the web app at / (built by `npm run build:web`, which `npm start` runs)
  express.use(webAppRouter());
}
