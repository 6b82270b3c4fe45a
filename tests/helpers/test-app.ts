import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Client } from 'pg';
import { DataSource, Logger as TypeormLogger } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';
import { createRootLogger } from '../../apps/api/src/observability/logging';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig, loadEnvironment, toAppConfig } from '@app/core';

export const TEST_JWT_SECRET = 'secret-de-test-registre-rgpd-0123456789abcdef';
export const TEST_AUDIT_HMAC_KEY = 'cle-hmac-du-journal-de-test-0123456789abcdef';

/**
 * The run's audit checkpoints (jest global setup), shared by the test apps on the run's database;
 * an app on another database gets a folder of its own.
 */
export function testCheckpointDir(): string {
  const dir = process.env.TEST_AUDIT_CHECKPOINT_DIR;
  if (!dir)
    throw new Error('TEST_AUDIT_CHECKPOINT_DIR is unset: run the tests with `npm test` (jest global setup).');
  return dir;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is unset: run the tests with `npm test` (jest global setup).');
  return url;
}

/**
 * A checkpoint folder of a test's own (another database, or a test of the checkpoints themselves),
 * inside the run's (TEST_AUDIT_CHECKPOINT_DIR), which the global teardown removes: nothing is left in /tmp.
 */
export function ownCheckpointDir(): string {
  return mkdtempSync(join(process.env.TEST_AUDIT_CHECKPOINT_DIR ?? tmpdir(), 'own-'));
}

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return toAppConfig(
    loadEnvironment({
      NODE_ENV: 'test',
      ARGON2_MEMORY_KIB: '1024',
      LOGIN_MAX_FAILURES: '1000',
      // the reminders and digests run only in the tests that ask for them (notifications.spec.ts)
      SCHEDULER_INTERVAL_SECONDS: '0',
      AUDIT_CHECKPOINT_DIR: testCheckpointDir(),
      ...env,
    }),
    TEST_JWT_SECRET,
    env.AUDIT_HMAC_KEY ?? TEST_AUDIT_HMAC_KEY,
  );
}

export interface TestApp {
  app: INestApplication;
  dataSource: DataSource;
  config: AppConfig;
  /** POST /graphql through supertest, as a real client would */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface GqlError {
  message: string;
  extensions?: { code?: string; fields?: Record<string, string>; reason?: string };
}

export interface GqlResult<T> {
  status: number;
  data: T;
  errors?: GqlError[];
}

/** The real AppModule on the test database, served through its HTTP server. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    sqlLogger?: TypeormLogger;
    /** another database than the run's (the fault test stops its own PostgreSQL) */
    databaseUrl?: string;
    /** extra Nest controllers, mounted beside the API's (the guard's tests) */
    controllers?: Type<unknown>[];
    /**
     * the server's log, as main.ts writes it (pino at LOG_LEVEL, info by default, every Nest logger
     * through it), into this stream; default: a silent test application
     */
    logStream?: DestinationStream;
  } = {},
): Promise<TestApp> {
  const ownCheckpoints: Record<string, string> = options.databaseUrl
    ? { AUDIT_CHECKPOINT_DIR: ownCheckpointDir() }
    : {};
  const config = testConfig({ ...ownCheckpoints, ...options.env });
  const databaseUrl = options.databaseUrl ?? testDatabaseUrl();
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        config,
        databaseUrl,
        sqlLogger: options.sqlLogger,
        logger: options.logStream
          ? createRootLogger({ ...config, LOG_LEVEL: config.LOG_LEVEL ?? 'info' }, options.logStream)
          : undefined,
      }),
    ],
    controllers: options.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication(
    options.logStream ? { bufferLogs: true } : { logger: ['error', 'warn'] },
  );
  if (options.logStream) app.useLogger(app.get(NestPinoLogger));
  configureApp(app, config);
  await startWithin(app, databaseUrl);
  const server = app.getHttpServer();
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    async gql<T>(query: string, variables?: Record<string, unknown>, token?: string) {
      const req = request(server).post('/graphql').set('Content-Type', 'application/json');
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return {
        status: res.status,
        data: res.body.data as T,
        errors: res.body.errors as GqlError[] | undefined,
      };
    },
    async close() {
      // The login lockout is kept in the database, which every test app of the run shares (on the
      // loopback address, too): a closed app leaves it empty, as a process's memory used to be, so
      // a later test (a low per-address limit, another process) does not inherit earlier failures.
      if (!options.databaseUrl) await app.get(DataSource).query('DELETE FROM login_throttle');
      await app.close();
    },
  };
}

/** How long an app may take to start before its start fails with what the database is doing. */
const START_TIMEOUT_MS = 30_000;

/**
 * `app.init()`, failed after START_TIMEOUT_MS with the database's sessions that are not idle (what
 * a start waiting on a lock waits for), instead of a silent hook timeout: the next run says why.
 */
async function startWithin(app: INestApplication, databaseUrl: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, failed) => {
    timer = setTimeout(() => {
      void databaseActivity(databaseUrl).then((activity) =>
        failed(
          new Error(`the test app did not start within ${START_TIMEOUT_MS} ms; the database:\n${activity}`),
        ),
      );
    }, START_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.init(), stuck]);
  } finally {
    clearTimeout(timer);
  }
}

async function databaseActivity(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query(
      `SELECT pid, application_name, state, wait_event_type, wait_event, left(query, 200) AS query
         FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
    );
    return rows.map((row) => JSON.stringify(row)).join('\n') || '(no session at work)';
  } catch (error) {
    return `(not read: ${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The error code of the first error, or undefined when the call succeeded. */
export function errorCode(result: GqlResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** Fails with the errors when the call did not succeed; returns the data. */
export function ok<T>(result: GqlResult<T>): T {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

interface Connection<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: N[];
}

/**
 * Follows `pageInfo.endCursor` from the first page to the last of the connection `field` of `query`
 * (which takes `$first` and `$after`), as a client scrolling a list would.
 */
export async function walkPages<N>(
  t: TestApp,
  query: string,
  field: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<{ pages: number; nodes: N[]; totalCounts: number[] }> {
  const nodes: N[] = [];
  const totalCounts: number[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page: Connection<N> = ok(
      await t.gql<Record<string, Connection<N>>>(query, { ...variables, after }, token),
    )[field];
    totalCounts.push(page.totalCount);
    nodes.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    pages += 1;
  } while (after);
  return { pages, nodes, totalCounts };
}
