import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Logger as TypeormLogger } from 'typeorm';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/app.setup';
import { loadEnvironment, toAppConfig } from '@app/core';
import { benchCheckpointDir } from './checkpoints';

/** The key of the bench API's audit chains (bench/audit-check.ts recomputes them with it). */
export const BENCH_AUDIT_HMAC_KEY = 'cle-hmac-du-journal-du-banc-0123456789abcdef';

/** One SQL statement the API sent, with its parameters. */
export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/**
 * A TypeORM logger that records the statements of one request when armed (TypeORM calls logQuery
 * for every statement, whatever `logging` says); idle, it costs a function call per statement.
 */
export class SqlCapture implements TypeormLogger {
  private captured: CapturedQuery[] | null = null;

  arm(): void {
    this.captured = [];
  }
  disarm(): CapturedQuery[] {
    const captured = this.captured ?? [];
    this.captured = null;
    return captured;
  }
  logQuery(query: string, parameters?: unknown[]): void {
    this.captured?.push({ sql: query, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface RunningApi {
  /** http://127.0.0.1:port */
  origin: string;
  app: INestApplication;
  close(): Promise<void>;
}

/**
 * The API in this process, as main.ts builds it (AppModule.forRoot, configureApp), in production mode,
 * on a free port of the loopback interface. Migrations have been run by the caller.
 */
export async function startApi(databaseUrl: string, capture: SqlCapture): Promise<RunningApi> {
  const env = loadEnvironment({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    LOG_SQL: 'false',
    // one line per request would flood the bench's output; their cost is measured by bench:observability
    LOG_REQUESTS: process.env.LOG_REQUESTS ?? 'false',
    // the bench logs a few accounts in, always with the right password
    LOGIN_MAX_FAILURES: '1000',
    AUDIT_CHECKPOINT_DIR: benchCheckpointDir(),
  });
  const config = toAppConfig(env, randomBytes(48).toString('base64url'), BENCH_AUDIT_HMAC_KEY);
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl, sqlLogger: capture }), {
    logger: ['error', 'warn'],
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

export interface GqlAnswer<T> {
  data: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POST /graphql; throws on an HTTP error or a GraphQL error. */
export async function gql<T>(
  origin: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as GqlAnswer<T>;
  if (!response.ok || answer.errors?.length) {
    throw new Error(`GraphQL ${response.status}: ${JSON.stringify(answer.errors ?? answer)}`);
  }
  return answer.data;
}

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

/** A real token, through the login mutation. */
export async function login(origin: string, email: string, password: string): Promise<string> {
  const data = await gql<{ login: { token: string } }>(origin, LOGIN, { email, password });
  return data.login.token;
}
