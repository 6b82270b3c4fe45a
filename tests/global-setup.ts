// Jest loads this file with Node's own resolution (no moduleNameMapper): the libraries' path aliases
// are registered first
import 'tsconfig-paths/register';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entities } from '../apps/api/src/entities';
import { createServerDatabase, freePort, runMigrations, startEmbeddedPostgres } from '@app/database';
import { migrations } from '../migrations';
import {
  claimTestFolder,
  ensurePdfTools,
  removeStaleTestFolders,
  removeTestFolder,
  TEST_PG_PREFIX,
} from './test-tools';

/**
 * One PostgreSQL for the whole run, migrated with the real migrations (never `synchronize`):
 * - DATABASE_URL set: a fresh database created on that server for this run, dropped at the end;
 * - otherwise: an embedded PostgreSQL in a temporary folder, on a free port, removed at the end (and
 *   on a failed start; the folders of crashed runs are removed at the next start).
 * The PDF tests' tools (poppler-utils, qpdf) are checked first.
 */
export default async function globalSetup(): Promise<void> {
  ensurePdfTools();
  let url: string;
  let teardown: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    const database = await createServerDatabase(
      process.env.DATABASE_URL,
      `registre_test_${process.pid}_${Date.now()}`,
    );
    url = database.url;
    teardown = database.drop;
  } else {
    removeStaleTestFolders();
    const parent = await mkdtemp(join(tmpdir(), TEST_PG_PREFIX));
    claimTestFolder(parent);
    process.env.TEST_PG_FOLDER = parent;
    let stop: () => Promise<void> = () => Promise.resolve();
    teardown = async () => {
      try {
        await stop();
      } finally {
        removeTestFolder(parent);
      }
    };
    try {
      await chmod(parent, 0o755); // the server runs as the postgres user when we are root
      const server = await startEmbeddedPostgres({
        dataDir: join(parent, 'data'),
        port: await freePort(),
        database: 'registre_test',
      });
      stop = server.stop;
      url = server.url;
    } catch (error) {
      await teardown();
      throw error;
    }
  }
  try {
    await runMigrations({ url, entities, migrations });
  } catch (error) {
    await teardown();
    throw error;
  }
  process.env.TEST_DATABASE_URL = url;
  // the signed heads of the run database's audit chains (AUDIT_CHECKPOINT_DIR of the test apps)
  process.env.TEST_AUDIT_CHECKPOINT_DIR = await mkdtemp(join(tmpdir(), 'registre-test-checkpoints-'));
  (globalThis as { registreTestTeardown?: () => Promise<void> }).registreTestTeardown = teardown;
}
