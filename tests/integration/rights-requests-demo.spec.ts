import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DEMO_RIGHTS_REQUESTS } from '../../scripts/demo-data';
import { seedConfig, seedDemo } from '../../scripts/seed-demo';
import { testDatabaseUrl } from '../helpers/test-app';

/** The demo académie's rights requests: one in time, one late with its reason, one paused, one overdue. */
describe('seed:demo rights requests', () => {
  const name = `registre_rights_demo_${randomBytes(6).toString('hex')}`;
  const admin = new URL(testDatabaseUrl());
  admin.pathname = '/postgres';
  const target = new URL(testDatabaseUrl());
  target.pathname = `/${name}`;
  let client: Client;

  const withAdmin = async (sql: string) => {
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await withAdmin(`CREATE DATABASE ${name}`);
    await seedDemo({
      databaseUrl: target.toString(),
      config: seedConfig({ NODE_ENV: 'test', ARGON2_MEMORY_KIB: '1024' }),
    });
    client = new Client({ connectionString: target.toString() });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await withAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }, 60_000);

  it('records them through the service, with their states, references and audit events', async () => {
    const { rows } = await client.query(
      `SELECT r.reference, r.status, s.uai, r.answered_at > r.due_at AS late, r.awaiting_since IS NOT NULL AS paused,
              now() > r.due_at AS past, r.answer_summary,
              (SELECT count(*)::int FROM audit_event e WHERE e.entity_id = r.id) AS events
         FROM rights_request r JOIN school s ON s.id = r.school_id ORDER BY r.received_at`,
    );
    expect(rows).toHaveLength(DEMO_RIGHTS_REQUESTS.length);
    expect(rows.map((r) => r.status)).toEqual([
      'ANSWERED',
      'IN_PROGRESS',
      'AWAITING_REQUESTER',
      'IN_PROGRESS',
      'RECEIVED',
    ]);
    // the late answer, with its reason
    expect(rows[0]).toMatchObject({ late: true });
    expect(rows[0].answer_summary).toContain("après l'échéance");
    // opened forty days ago and still in progress: overdue; the paused one is not
    expect(rows[1]).toMatchObject({ past: true });
    expect(rows[2]).toMatchObject({ paused: true });
    expect(rows.every((r) => r.events >= 1)).toBe(true);
    const [{ open }] = (await client.query(`SELECT sum(open_rights_requests)::int AS open FROM school_stats`))
      .rows;
    expect(open).toBe(4);
  });
});
