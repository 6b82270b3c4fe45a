import { realpath } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

/** The database `npm start` serves from the embedded PostgreSQL. */
export const EMBEDDED_DATABASE = 'registre';

export interface AppDatabase {
  url: string;
  /** where the data is, for messages */
  description: string;
  /** stops the embedded PostgreSQL when this process started it; otherwise does nothing */
  stop(): Promise<void>;
}

/** The database `npm start` uses cannot be reached as configured: the message says what to set. */
export class AppDatabaseError extends Error {}

/** Does something accept TCP connections on 127.0.0.1:port? */
export function portAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolveAnswer(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The database `npm start` uses, for the scripts that work beside it (seeds): DATABASE_URL when set;
 * otherwise the embedded PostgreSQL of `DATA_DIR/pg` on `EMBEDDED_PG_PORT`, database "registre".
 * When that port already answers (`npm start` is running on the same data), this connects to it
 * instead of starting a second server on the same data directory, which PostgreSQL would refuse;
 * it checks first that the running server is the one of `DATA_DIR/pg`.
 * The caller runs the migrations.
 */
export async function openAppDatabase(
  env: { DATABASE_URL?: string; DATA_DIR: string; EMBEDDED_PG_PORT: number },
  log: (message: string) => void = () => undefined,
): Promise<AppDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, description: 'DATABASE_URL', stop: async () => undefined };
  }
  const dataDir = join(resolve(env.DATA_DIR), 'pg');
  const port = env.EMBEDDED_PG_PORT;
  const base = `postgresql://postgres:postgres@127.0.0.1:${port}`;
  if (await portAnswers(port)) {
    log(`The embedded PostgreSQL already runs on port ${port} (npm start?): connecting to it.`);
    await assertServesDataDir(`${base}/postgres`, dataDir, port);
    await ensureDatabase(`${base}/postgres`, EMBEDDED_DATABASE);
    return {
      url: `${base}/${EMBEDDED_DATABASE}`,
      description: `embedded PostgreSQL already running (${dataDir}, port ${port})`,
      stop: async () => undefined,
    };
  }
  log(`DATABASE_URL is unset: starting the embedded PostgreSQL (data in ${dataDir}, port ${port}).`);
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: EMBEDDED_DATABASE });
  return {
    url: embedded.url,
    description: `embedded PostgreSQL (${dataDir}, port ${port})`,
    stop: embedded.stop,
  };
}

/** Refuses a server on that port that is not the embedded PostgreSQL of `dataDir`. */
async function assertServesDataDir(adminUrl: string, dataDir: string, port: number): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    const served = await realpath(rows[0].data_directory).catch(() => rows[0].data_directory);
    const expected = await realpath(dataDir).catch(() => dataDir);
    if (served !== expected) {
      throw new AppDatabaseError(
        `Port ${port} is served by the PostgreSQL of ${served}, not by the one of ${expected}: ` +
          'set EMBEDDED_PG_PORT (or DATA_DIR) as for npm start, or DATABASE_URL.',
      );
    }
  } catch (error) {
    if (error instanceof AppDatabaseError) throw error;
    throw new AppDatabaseError(
      `Port ${port} answers, but not as the embedded PostgreSQL of ${dataDir} (${String(error)}): ` +
        'set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
