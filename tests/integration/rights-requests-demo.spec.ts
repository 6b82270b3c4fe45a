import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DEMO_RIGHTS_REQUESTS } from '../../scripts/demo-data';
import { seedConfig, seedDemo } from '../../scripts/seed-demo';
import { createServerDatabase, ServerDatabase } from '@app/database';
import { testDatabaseUrl } from '../helpers/test-app';

/** The demo académie's rights requests: one in time, one late with its reason, one paused, one overdue. */
describe('seed:demo rights requests', () => {
  const name = `registre_rights_demo_${randomBytes(6).toString('hex')}`;
  let database: ServerDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createServerDatabase(testDatabaseUrl(), name);
    await seedDemo({
      databaseUrl: database.url,
      config: seedConfig({ NODE_ENV: 'test', ARGON2_MEMORY_KIB: '1024' }),
    });
    client = new Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await database?.drop();
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
