import { storage } from 'nestjs-pino/storage';
import { Client } from 'pg';
import request from 'supertest';
import { entities } from '../../apps/api/src/entities';
import { Readiness } from '../../apps/api/src/observability/readiness';
import { runMigrations } from '@app/database';
import { migrations } from '../../migrations';
import { Factory, TEST_PASSWORD } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, errorCode, ok, TestApp, testDatabaseUrl } from '../helpers/test-app';
import { LOGIN } from '../helpers/operations/auth';

const CREATE_ACADEMY = `mutation Fonder($input: CreateAcademyInput!) { createAcademy(input: $input) { id } }`;
const DAY = 24 * 3600_000;

/** The value of one series of a Prometheus text exposition (undefined: no such series). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let t: TestApp;
  let factory: Factory;
  beforeAll(async () => {
    t = await createTestApp();
    factory = new Factory(t.dataSource);
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await request(t.app.getHttpServer()).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };

  it('exposes the request histograms, the pool, the render queue, the logins and the process after a few operations', async () => {
    const w = await factory.world();
    const before = await scrape();
    const failuresBefore = sample(before, 'registre_login_failures_total') ?? 0;
    ok(await t.gql(LOGIN, { email: w.admin.email, password: TEST_PASSWORD }));
    expect(errorCode(await t.gql(LOGIN, { email: w.admin.email, password: 'mauvais-mot-de-passe' }))).toBe(
      'UNAUTHENTICATED',
    );
    ok(
      await t.gql(
        CREATE_ACADEMY,
        { input: { code: `M${Date.now()}`, name: 'Académie métrique' } },
        w.admin.token,
      ),
    );
    expect(errorCode(await t.gql(`query { me { id } }`))).toBe('UNAUTHENTICATED');

    const text = await scrape();
    const count = (operation: string, outcome: string) =>
      sample(text, 'registre_http_request_duration_seconds_count', { operation, outcome });
    // anonymous operations are named by their first field, named ones by their name
    expect(count('mutation login', 'OK')).toBeGreaterThanOrEqual(1);
    expect(count('mutation login', 'UNAUTHENTICATED')).toBeGreaterThanOrEqual(1);
    expect(count('Fonder', 'OK')).toBe(1);
    expect(count('query me', 'UNAUTHENTICATED')).toBe(1);
    expect(
      sample(text, 'registre_http_request_duration_seconds_bucket', {
        operation: 'Fonder',
        outcome: 'OK',
        le: '+Inf',
      }),
    ).toBe(1);
    expect(sample(text, 'registre_login_failures_total')).toBe(failuresBefore + 1);
    expect(sample(text, 'registre_security_events_total', { event: 'login.success' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, 'registre_db_pool_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'registre_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'registre_db_pool_waiting')).toBe(0);
    expect(sample(text, 'registre_db_pool_max')).toBe(20);
    expect(sample(text, 'registre_pdf_render_jobs', { state: 'active' })).toBe(0);
    expect(sample(text, 'registre_pdf_render_jobs', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'registre_pdf_render_workers')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('shows the notification outbox: queued, failed, and the oldest waiting one’s age', async () => {
    const before = await scrape();
    const queued = sample(before, 'registre_outbox_queued') ?? -1;
    const failed = sample(before, 'registre_outbox_failed') ?? -1;
    expect(queued).toBeGreaterThanOrEqual(0);
    const user = await factory.user(await factory.academy(), [{ role: 'DPD' }]);
    const insert = (status: string, age: string) =>
      t.dataSource.query(
        `INSERT INTO notification (kind, recipient_id, recipient_email, subject, body, delivery_status, created_at)
         VALUES ('WEEKLY_DIGEST', $1, 'dpd@ac-test.fr', 'Sujet', 'Corps', $2, now() - $3::interval)`,
        [user.id, status, age],
      );
    await insert('QUEUED', '2 hours');
    await insert('QUEUED', '1 minute');
    await insert('FAILED', '1 day');
    try {
      const text = await scrape();
      expect(sample(text, 'registre_outbox_queued')).toBe(queued + 2);
      expect(sample(text, 'registre_outbox_failed')).toBe(failed + 1);
      expect(sample(text, 'registre_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(7200);
    } finally {
      await t.dataSource.query(`DELETE FROM notification WHERE recipient_id = $1`, [user.id]);
    }
  });

  it('counts the lockouts', async () => {
    const locking = await createTestApp({ env: { LOGIN_MAX_FAILURES: '2' } });
    try {
      const email = `verrou.${Date.now()}@ac-test.fr`;
      for (let i = 0; i < 2; i++) await locking.gql(LOGIN, { email, password: 'mauvais-mot-de-passe' });
      expect(errorCode(await locking.gql(LOGIN, { email, password: 'mauvais-mot-de-passe' }))).toBe(
        'TOO_MANY_REQUESTS',
      );
      const text = (await request(locking.app.getHttpServer()).get('/metrics')).text;
      // LOGIN_MAX_FAILURES counts an account's failures from one address (the account's own bound is higher)
      expect(sample(text, 'registre_login_lockouts_total', { key: 'account-address' })).toBe(1);
      expect(sample(text, 'registre_security_events_total', { event: 'login.refused' })).toBe(1);
    } finally {
      await locking.close();
    }
  });

  it('counts the OPEN violations past their CNIL deadline with no notification, at scrape time', async () => {
    const fixtures = new RegisterFixtures(t.dataSource);
    const w = await factory.world();
    const overdue = async () => sample(await scrape(), 'registre_violations_cnil_overdue');
    const before = (await overdue())!;
    expect(before).toBeGreaterThanOrEqual(0);
    const discoveredAt = new Date(Date.now() - 4 * DAY);
    await fixtures.violation(w.schoolA, w.headA, { discoveredAt });
    expect(await overdue()).toBe(before + 1);
    // notified (late, but notified), closed, or still within the 72 hours: not counted
    await fixtures.violation(w.schoolA, w.headA, { discoveredAt, cnilNotifiedAt: new Date() });
    await fixtures.violation(w.schoolA, w.headA, { discoveredAt, status: 'CLOSED' });
    await fixtures.violation(w.schoolA, w.headA, { discoveredAt: new Date(Date.now() - DAY) });
    expect(await overdue()).toBe(before + 1);
  });

  it('refuses an address METRICS_ALLOW does not name, whatever X-Forwarded-For says', async () => {
    const closed = await createTestApp({ env: { METRICS_ALLOW: '10.0.0.0/8, fd00::/8' } });
    try {
      const server = closed.app.getHttpServer();
      expect((await request(server).get('/metrics')).status).toBe(403);
      // TRUST_PROXY=loopback believes the header for req.ip; /metrics looks at the socket only
      const forwarded = await request(server).get('/metrics').set('X-Forwarded-For', '10.1.2.3');
      expect(forwarded.status).toBe(403);
      expect(forwarded.text).not.toContain('registre_');
    } finally {
      await closed.close();
    }
  });

  it('serves a request outside any AsyncLocalStorage (on Node 20 one hooks every promise of the process)', async () => {
    const run = jest.spyOn(storage, 'run');
    const enterWith = jest.spyOn(storage, 'enterWith');
    try {
      expect(errorCode(await t.gql(`query { me { id } }`))).toBe('UNAUTHENTICATED');
      expect(run).not.toHaveBeenCalled();
      expect(enterWith).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
      enterWith.mockRestore();
    }
  });

  it('answers 404 with METRICS=false', async () => {
    const off = await createTestApp({ env: { METRICS: 'false' } });
    try {
      expect((await request(off.app.getHttpServer()).get('/metrics')).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('GET /health/live and /health/ready', () => {
  const admin = new Client({ connectionString: testDatabaseUrl() });
  const database = `ready_${process.pid}_${Date.now()}`;
  let url: string;
  let t: TestApp;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const parsed = new URL(testDatabaseUrl());
    parsed.pathname = `/${database}`;
    url = parsed.toString();
    t = await createTestApp({ databaseUrl: url });
  });
  afterAll(async () => {
    await t?.close();
    await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  const ready = () => request(t.app.getHttpServer()).get('/health/ready');

  it('answers 503 until the migrations are applied, then 200', async () => {
    expect((await request(t.app.getHttpServer()).get('/health/live')).status).toBe(200);
    const before = await ready();
    expect(before.status).toBe(503);
    expect(before.body.checks).toMatchObject({ database: true, migrations: false, accepting: true });
    await runMigrations({ url, entities, migrations: migrations.slice(0, -1) });
    expect((await ready()).status).toBe(503);
    await runMigrations({ url, entities, migrations });
    const after = await ready();
    expect(after.status).toBe(200);
    expect(after.body).toEqual({
      status: 'ok',
      // outbox: no SMTP_URL here, so no mail worker is expected
      checks: { database: true, migrations: true, accepting: true, outbox: true },
    });
  });

  it('answers 503 while the database is away, and 200 when it is back; live stays 200', async () => {
    await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
      database,
    ]);
    const away = await ready();
    expect(away.status).toBe(503);
    expect(away.body.checks.database).toBe(false);
    expect((await request(t.app.getHttpServer()).get('/health')).status).toBe(503);
    expect((await request(t.app.getHttpServer()).get('/health/live')).status).toBe(200);
    await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`);
    let back = await ready();
    for (let i = 0; i < 20 && back.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      back = await ready();
    }
    expect(back.status).toBe(200);
  });

  it('answers 503 while a registered check (the outbox worker, later) fails or throws, naming it', async () => {
    const readiness = t.app.get(Readiness);
    let workerRuns = false;
    readiness.register('outbox', async () => workerRuns);
    const stopped = await ready();
    expect(stopped.status).toBe(503);
    expect(stopped.body.checks).toEqual({ database: true, migrations: true, accepting: true, outbox: false });
    readiness.register('outbox', () => Promise.reject(new Error('worker gone')));
    expect((await ready()).body.checks.outbox).toBe(false);
    readiness.register('outbox', async () => workerRuns);
    workerRuns = true;
    const running = await ready();
    expect(running.status).toBe(200);
    expect(running.body.checks.outbox).toBe(true);
    // /health keeps its meaning: the database only
    expect((await request(t.app.getHttpServer()).get('/health')).body).toEqual({
      status: 'ok',
      database: 'up',
    });
  });

  it('answers 503 once the process is stopping (SIGTERM), while /health/live still answers', async () => {
    t.app.get(Readiness).markStopping();
    const stopping = await ready();
    expect(stopping.status).toBe(503);
    expect(stopping.body.checks.accepting).toBe(false);
    expect(stopping.headers.connection).toBe('close');
    expect((await request(t.app.getHttpServer()).get('/health/live')).status).toBe(200);
  });
});
