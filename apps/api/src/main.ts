import 'reflect-metadata';
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
} from '@app/core';
import { runMigrations, SqlLogger, startEmbeddedPostgres } from '@app/database';
import { migrations } from '../../../migrations';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { entities } from './entities';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger as PinoInstance } from 'pino';
import { createRootLogger } from './observability/logging';
import { serveClusterMetrics } from './observability/metrics';
import { Readiness } from './observability/readiness';
import { gracefulStopper } from './observability/shutdown';

/** A worker that has not exited this long after its grace period is killed by the primary. */
const WORKER_KILL_AFTER_GRACE_MS = 10_000;

/** With the database down, closing may wait on connections that never answer: past the grace and this, exit anyway. */
const STOP_TIMEOUT_AFTER_GRACE_MS = 10_000;

/** What every API process needs before it serves: a migrated database, the token secret, the audit key. */
interface Prepared {
  databaseUrl: string;
  secret: string;
  auditKey: string;
  stopEmbedded?: () => Promise<void>;
}

/** The embedded PostgreSQL when DATABASE_URL is unset, the secret, the migrations: done once. */
async function prepare(env: EnvironmentVariables, logger: PinoInstance): Promise<Prepared> {
  const dataDir = resolve(env.DATA_DIR);
  let databaseUrl = env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    logger.info(`DATABASE_URL is unset: starting the embedded PostgreSQL (data in ${join(dataDir, 'pg')})`);
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
  const sqlLines = {
    log: (line: object | string) => logger.info(line),
    warn: (line: object | string) => logger.warn(line),
  };
  await runMigrations({
    url: databaseUrl,
    entities,
    migrations,
    logger: new SqlLogger(env.LOG_SQL, sqlLines),
  });
  return { databaseUrl, secret, auditKey, stopEmbedded };
}

/**
 * One API process: Nest on PORT until SIGINT or SIGTERM, then a graceful stop: /health/ready answers
 * 503, the connections already on their way are accepted, then no new one (observability/shutdown.ts),
 * the requests in flight finish (SHUTDOWN_GRACE_SECONDS at most, then their connections are cut), the
 * modules close (the PDF renders in progress finish, the database pool closes), then `cleanup` (the
 * embedded PostgreSQL), and the process exits 0.
 */
async function serve(
  env: EnvironmentVariables,
  logger: PinoInstance,
  databaseUrl: string,
  secret: string,
  auditKey: string,
  cleanup?: () => Promise<void>,
): Promise<void> {
  const config = toAppConfig(env, secret, auditKey);
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl, logger }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(NestPinoLogger));
  configureApp(app, config);
  const closeGracefully = gracefulStopper(app.getHttpServer());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping, requests in flight have ${config.SHUTDOWN_GRACE_SECONDS} s to finish`);
    app.get(Readiness).markStopping();
    setTimeout(
      () => {
        logger.error(
          `${signal}: not stopped after the grace period and ${STOP_TIMEOUT_AFTER_GRACE_MS} ms, exiting`,
        );
        logger.flush();
        process.exit(1);
      },
      config.SHUTDOWN_GRACE_SECONDS * 1000 + STOP_TIMEOUT_AFTER_GRACE_MS,
    ).unref();
    await closeGracefully(config.SHUTDOWN_GRACE_SECONDS * 1000, (open) =>
      logger.warn(`${signal}: grace period over, closing ${open} connections still open`),
    );
    await app.close();
    await cleanup?.();
    logger.info(`${signal}: stopped`);
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen(config.PORT);
  if (cluster.isPrimary) logger.info(`GraphQL ready at http://localhost:${config.PORT}/graphql`);
}

/**
 * API_WORKERS > 1: this process prepares the database once, then runs that many API processes
 * (node:cluster), which share PORT; connections are handed out in turn. Workers start one after the
 * other (the first creates the ADMIN_EMAIL account, the next find it), and a worker that dies is
 * replaced. What must be shared between them is in PostgreSQL: the data, the audit chains' locks,
 * the login lockout counters. Each keeps its own pool, PDF render threads and dashboard single flight.
 */
async function runCluster(
  env: EnvironmentVariables,
  logger: PinoInstance,
  prepared: Prepared,
): Promise<void> {
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
  // GET /metrics, whichever worker answers it, shows the sum of them all
  serveClusterMetrics();
  for (let i = 0; i < env.API_WORKERS; i++) await startWorker();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error(`API worker ${worker.process.pid} exited (${signal ?? code}): starting another`);
    startWorker().catch((error: unknown) => logger.error(String(error)));
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping ${env.API_WORKERS} API workers, each gracefully`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((exited) => {
            if (worker.isDead()) return exited();
            // each worker stops as a single process does (serve); one that hangs is killed
            const kill = setTimeout(
              () => worker.process.kill('SIGKILL'),
              env.SHUTDOWN_GRACE_SECONDS * 1000 + WORKER_KILL_AFTER_GRACE_MS,
            );
            worker.once('exit', () => {
              clearTimeout(kill);
              exited();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    await prepared.stopEmbedded?.();
    logger.info(`${signal}: stopped`);
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  logger.info(`GraphQL ready at http://localhost:${env.PORT}/graphql (${env.API_WORKERS} API workers)`);
}

/** The one pino logger of this process (JSON lines; pretty in development when pino-pretty is there). */
let logger: PinoInstance | undefined;

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  logger = createRootLogger(env);
  if (cluster.isWorker) {
    // started by runCluster, with DATABASE_URL, JWT_SECRET and AUDIT_HMAC_KEY set and the migrations done
    await serve(
      env,
      logger,
      env.DATABASE_URL as string,
      env.JWT_SECRET as string,
      env.AUDIT_HMAC_KEY as string,
    );
    return;
  }
  const prepared = await prepare(env, logger);
  if (env.API_WORKERS > 1) await runCluster(env, logger, prepared);
  else
    await serve(env, logger, prepared.databaseUrl, prepared.secret, prepared.auditKey, prepared.stopEmbedded);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || !logger) {
    console.error(error instanceof Error ? error.message : String(error));
  } else {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    logger.flush();
  }
  process.exit(1);
});
