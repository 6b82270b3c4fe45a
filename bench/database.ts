import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerDatabase, freePort, startEmbeddedPostgres } from '@app/database';

export interface Database {
  url: string;
  dispose(): Promise<void>;
}

/**
 * The database of a standalone bench: DATABASE_URL set, a temporary database on that server, dropped
 * at the end; otherwise an embedded PostgreSQL in a temporary folder, removed at the end.
 */
export async function benchDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const name = `registre_bench_${process.pid}_${Date.now()}`;
    const { url, drop } = await createServerDatabase(process.env.DATABASE_URL, name);
    return { url, dispose: drop };
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
  const source = decodeURIComponent(new URL(sourceUrl).pathname.slice(1));
  // short and its own: PostgreSQL cuts names at 63 bytes
  const name = `registre_bench_writes_${process.pid}_${Date.now()}`;
  try {
    const { url, drop } = await createServerDatabase(sourceUrl, name, { template: source });
    return { url, dispose: drop };
  } catch (error) {
    throw new Error(
      `bench: cannot copy ${source} for the writes (${error instanceof Error ? error.message : String(error)}); ` +
        'is another process connected to it (npm start)? Stop it and run the bench again.',
    );
  }
}
