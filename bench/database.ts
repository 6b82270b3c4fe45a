import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres } from '@app/database';

export interface Database {
  url: string;
  dispose(): Promise<void>;
}

/** Runs one statement on the server of `url`, connected to its "postgres" database. */
function onServer(url: string): (sql: string) => Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
}

/**
 * The database of a standalone bench: DATABASE_URL set, a temporary database on that server, dropped
 * at the end; otherwise an embedded PostgreSQL in a temporary folder, removed at the end.
 */
export async function benchDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const name = `registre_bench_${process.pid}_${Date.now()}`;
    const run = onServer(process.env.DATABASE_URL);
    await run(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return { url: url.toString(), dispose: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const parent = await mkdtemp(join(tmpdir(), 'registre-bench-pg-'));
  await chmod(parent, 0o755); // as root, the server runs as the postgres user
  const server = await startEmbeddedPostgres({
    dataDir: join(parent, 'data'),
    port: await freePort(),
    database: 'registre_bench',
  });
  return {
    url: server.url,
    dispose: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of a database on its own server (CREATE DATABASE … TEMPLATE), for the bench's writes: the
 * measured database is left as it was found, run after run. The copy needs the source to have no
 * other session (a running `npm start` on it, say): the error says so. Dropped by `dispose`.
 */
export async function copyDatabase(sourceUrl: string): Promise<Database> {
  const source = new URL(sourceUrl);
  const sourceName = decodeURIComponent(source.pathname.slice(1));
  // short and its own: PostgreSQL cuts names at 63 bytes
  const name = `registre_bench_writes_${process.pid}_${Date.now()}`;
  const run = onServer(sourceUrl);
  const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
  try {
    await run(`CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(sourceName)}`);
  } catch (error) {
    throw new Error(
      `bench: cannot copy ${sourceName} for the writes (${error instanceof Error ? error.message : String(error)}); ` +
        'is another process connected to it (npm start)? Stop it and run the bench again.',
    );
  }
  const url = new URL(sourceUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), dispose: () => run(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`) };
}
