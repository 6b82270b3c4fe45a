import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cluster, { Worker } from 'node:cluster';
import { join, resolve } from 'node:path';
import {
  AUDIT_HMAC_KEY_FILE,
  ConfigError,
  EnvironmentVariables,
  JWT_SECRET_FILE,
  loadEnvironment,
  persistentSecret,
  toAppConfig,
} from '../../../libs/core/src';
import { runMigrations, startEmbeddedPostgres } from '../../../libs/database/src';
import { migrations } from '../../../migrations';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { entities } from './entities';

const logger = new Logger('Registre RGPD');

/** SIGINT/SIGTERM: the longest wait for a clean stop before the process exits anyway. */
const STOP_TIMEOUT_MS = 10_000;

/** What every API process needs before it serves: a migrated database, the token secret, the audit key. */
interface Prepared {
  databaseUrl: string;
  secret: string;
  auditKey: string;
  stopEmbedded?: () => Promise<void>;
}

/** The embedded PostgreSQL when DATABASE_URL is unset, the secret, the migrations: done once. */
async function prepare(env: EnvironmentVariables): Promise<Prepared> {
  const dataDir = resolve(env.DATA_DIR);
  let databaseUrl = env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    logger.log(`DATABASE_URL is unset: starting the embedded PostgreSQL (data in ${join(dataDir, 'pg')})`);
    // supervised: a server that dies is started again (libs/database/src/embedded-postgres.ts)
    const embedded = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'pg'),
      port: env.EMBEDDED_PG_PORT,
      database: 'registre',
      log: (message) => {
        if (/exited|started again|did not start/.test(message)) logger.warn(message);
      },
    });
    databaseUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  // JWT_SECRET and AUDIT_HMAC_KEY when set; otherwise generated at first start and kept in DATA_DIR
  const secret = persistentSecret(dataDir, JWT_SECRET_FILE, env.JWT_SECRET);
  const auditKey = persistentSecret(dataDir, AUDIT_HMAC_KEY_FILE, env.AUDIT_HMAC_KEY);
  await runMigrations({ url: databaseUrl, entities, migrations });
  return { databaseUrl, secret, auditKey, stopEmbedded };
}

/** One API process: Nest on PORT until SIGINT or SIGTERM, then `cleanup` (the embedded PostgreSQL). */
async function serve(
  env: EnvironmentVariables,
  databaseUrl: string,
  secret: string,
  auditKey: string,
  cleanup?: () => Promise<void>,
): Promise<void> {
  const config = toAppConfig(env, secret, auditKey);
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl }), { bufferLogs: false });
  configureApp(app, config);
  app.enableShutdownHooks();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) logger.log(`${signal}: stopping`);
    // with the database down, closing may wait on connections that never answer: exit anyway
    setTimeout(() => {
      logger.error(`${signal}: not stopped after ${STOP_TIMEOUT_MS} ms, exiting`);
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    await app.close();
    await cleanup?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen(config.PORT);
  if (cluster.isPrimary) logger.log(`GraphQL ready at http://localhost:${config.PORT}/graphql`);
}

/**
 * API_WORKERS > 1: this process prepares the database once, then runs that many API processes
 * (node:cluster), which share PORT; connections are handed out in turn. Workers start one after the
 * other (the first creates the ADMIN_EMAIL account, the next find it), and a worker that dies is
 * replaced. What must be shared between them is in PostgreSQL: the data, the audit chains' locks,
 * the login lockout counters. Each keeps its own pool, PDF render threads and dashboard single flight.
 */
async function runCluster(env: EnvironmentVariables, prepared: Prepared): Promise<void> {
  const workerEnv = {
    DATABASE_URL: prepared.databaseUrl,
    JWT_SECRET: prepared.secret,
    AUDIT_HMAC_KEY: prepared.auditKey,
  };
  let stopping = false;
  const startWorker = () =>
    new Promise<Worker>((started, failed) => {
      const worker = cluster.fork(workerEnv);
      worker.once('listening', () => started(worker));
      worker.once('exit', (code) => failed(new Error(`API worker exited with code ${code} while starting`)));
    });
  for (let i = 0; i < env.API_WORKERS; i++) await startWorker();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error(`API worker ${worker.process.pid} exited (${signal ?? code}): starting another`);
    startWorker().catch((error: unknown) => logger.error(String(error)));
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping ${env.API_WORKERS} API workers`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((exited) => {
            if (worker.isDead()) return exited();
            worker.once('exit', () => exited());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    await prepared.stopEmbedded?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  logger.log(`GraphQL ready at http://localhost:${env.PORT}/graphql (${env.API_WORKERS} API workers)`);
}

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  if (cluster.isWorker) {
    // started by runCluster, with DATABASE_URL, JWT_SECRET and AUDIT_HMAC_KEY set and the migrations done
    await serve(env, env.DATABASE_URL as string, env.JWT_SECRET as string, env.AUDIT_HMAC_KEY as string);
    return;
  }
  const prepared = await prepare(env);
  if (env.API_WORKERS > 1) await runCluster(env, prepared);
  else await serve(env, prepared.databaseUrl, prepared.secret, prepared.auditKey, prepared.stopEmbedded);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
