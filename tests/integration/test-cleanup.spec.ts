import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensurePdfTools, removeStaleTestFolders, TEST_PG_PREFIX } from '../test-tools';

/** A pid no process can hold (above the largest pid_max Linux allows). */
const DEAD_PID = 2 ** 22 + 1;

describe('test runs leave nothing in the temporary folder', () => {
  it('a run on the embedded PostgreSQL removes its data folder at teardown', () => {
    // the run's set-up and teardown, in a process of their own (as jest runs them)
    const script = `
      const { existsSync } = require('node:fs');
      const { join } = require('node:path');
      const { Client } = require('pg');
      (async () => {
        await require('./tests/global-setup').default();
        const folder = process.env.TEST_PG_FOLDER;
        const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
        await client.connect();
        const { rows } = await client.query('SELECT count(*)::int AS n FROM migrations');
        await client.end();
        const during = existsSync(join(folder, 'data', 'PG_VERSION'));
        await require('./tests/global-teardown').default();
        console.log(JSON.stringify({ folder, during, migrated: rows[0].n > 0, after: existsSync(folder) }));
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: join(__dirname, '../..'),
      env,
      encoding: 'utf8',
      timeout: 110000,
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout.trim().split('\n').pop() as string) as Record<string, unknown>;
    expect(String(report.folder).startsWith(join(tmpdir(), TEST_PG_PREFIX))).toBe(true);
    expect(report).toMatchObject({ during: true, migrated: true, after: false });
  }, 120000);

  it('the folders of crashed runs are removed at the next start, not those of running ones', () => {
    const parent = mkdtempSync(join(tmpdir(), 'registre-cleanup-'));
    const folder = (name: string, owner?: number, postmaster?: number): string => {
      const dir = join(parent, `${TEST_PG_PREFIX}${name}`);
      mkdirSync(join(dir, 'data'), { recursive: true });
      if (owner) writeFileSync(join(dir, 'owner.pid'), `${owner}\n`);
      if (postmaster) writeFileSync(join(dir, 'data', 'postmaster.pid'), `${postmaster}\n/data\n`);
      return dir;
    };
    const crashed = folder('crashed', DEAD_PID, DEAD_PID);
    const serverGone = folder('server-gone', undefined, DEAD_PID);
    const running = folder('running', process.pid);
    const serverUp = folder('server-up', DEAD_PID, process.pid);
    const starting = folder('starting'); // a run creating it right now: too young to be stale
    const other = join(parent, 'something-else');
    mkdirSync(other);

    expect(removeStaleTestFolders(parent).sort()).toEqual([crashed, serverGone].sort());
    expect([crashed, serverGone, running, serverUp, starting, other].map(existsSync)).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    rmSync(parent, { recursive: true, force: true });
  });
});

describe("the PDF tests' tools", () => {
  it('are found here', () => {
    expect(() => ensurePdfTools({ install: false })).not.toThrow();
  });

  it('when missing, the set-up fails at once naming the Debian packages, in French and English', () => {
    const empty = mkdtempSync(join(tmpdir(), 'registre-no-tools-'));
    try {
      expect(() => ensurePdfTools({ path: empty, install: false })).toThrow(
        /Outils PDF manquants pour les tests : pdftotext, pdffonts, pdftoppm, qpdf\. Installez les paquets Debian poppler-utils et qpdf[\s\S]*Missing PDF tools/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
