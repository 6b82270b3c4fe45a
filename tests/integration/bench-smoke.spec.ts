import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { entities } from '../../apps/api/src/entities';
import { runBench } from '../../bench/bench';
import { BENCH_AUDIT_HMAC_KEY } from '../../bench/api';
import { verifyChains } from '../../bench/audit-check';
import { BenchResults } from '../../bench/report';
import { createServerDatabase, runMigrations, ServerDatabase } from '@app/database';
import { migrations } from '../../migrations';
import { seedScale, SeedSummary } from '../../scripts/seed-scale';
import { tokenFor } from '../helpers/factories';
import { createTestApp, ok, testDatabaseUrl } from '../helpers/test-app';

/**
 * The scale seed and the bench harness at a tiny scale, so that they keep working: numbers are
 * produced, never judged (timing assertions do not belong here). They run on a database of their own,
 * created on the test server and dropped afterwards: the run's shared database is not touched.
 */
describe('seed:scale and the bench, at a tiny scale', () => {
  const name = `registre_bench_smoke_${process.pid}_${Date.now()}`;
  let database: ServerDatabase;
  let url: string;
  let pool: Pool;
  let seed: SeedSummary;
  let outDir: string;

  beforeAll(async () => {
    database = await createServerDatabase(testDatabaseUrl(), name);
    url = database.url;
    await runMigrations({ url, entities, migrations });
    pool = new Pool({ connectionString: url, max: 2 });
    outDir = await mkdtemp(join(tmpdir(), 'registre-bench-smoke-'));
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  }, 120_000);

  it('seeds a coherent académie: counts, every state, references and intact chains', async () => {
    seed = await seedScale({
      databaseUrl: url,
      scale: 0.002,
      seed: 7,
      anchor: new Date('2026-09-01T00:00:00Z'),
      argon2MemoryKib: 1024,
      log: () => undefined,
    });
    const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0].n;
    expect(seed.counts.schools).toBe(6);
    expect(await count(`SELECT count(*)::int AS n FROM school`)).toBe(6);
    expect(await count(`SELECT count(*)::int AS n FROM treatment`)).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM tool_declaration`)).toBe(600);
    expect(await count(`SELECT count(*)::int AS n FROM violation`)).toBe(12);
    expect(seed.counts.auditEvents).toBe(await count(`SELECT count(*)::int AS n FROM audit_event`));
    // every school has a head
    expect(
      await count(`SELECT count(*)::int AS n FROM school s WHERE NOT EXISTS (
                     SELECT 1 FROM role_grant g WHERE g.school_id = s.id AND g.role = 'HEAD')`),
    ).toBe(0);
    // declarations in every state, their risk level as the rules say
    const statuses = (await pool.query(`SELECT DISTINCT status FROM tool_declaration ORDER BY 1`)).rows.map(
      (r: { status: string }) => r.status,
    );
    expect(statuses).toEqual([
      'APPROVED',
      'CHANGES_REQUESTED',
      'DRAFT',
      'REJECTED',
      'SUBMITTED',
      'WITHDRAWN',
    ]);
    expect(
      await count(`SELECT count(*)::int AS n FROM tool_declaration
                    WHERE (risk_level = 'HIGH') <> (risk_flags && ARRAY['NON_EU_HOSTING','COMMERCIAL_REUSE','SENSITIVE_DATA','CATALOG_FORBIDDEN'])`),
    ).toBe(0);
    // the académie's catalogue: most tools reviewed, their declarations linked with the entry's facts
    // and opinion, a forbidden tool never approved, and the rarest tools left as the DPD's candidates
    expect(seed.counts.catalogTools).toBeGreaterThan(10);
    expect(await count(`SELECT count(*)::int AS n FROM catalog_tool`)).toBe(seed.counts.catalogTools);
    expect(await count(`SELECT count(*)::int AS n FROM catalog_tool_name`)).toBe(seed.counts.catalogTools);
    expect(
      await count(`SELECT count(*)::int AS n FROM tool_declaration WHERE catalog_tool_id IS NOT NULL`),
    ).toBe(seed.counts.linkedDeclarations);
    expect(seed.counts.linkedDeclarations).toBeGreaterThan(300);
    expect(seed.counts.linkedDeclarations).toBeLessThan(600);
    expect(
      await count(`SELECT count(*)::int AS n FROM tool_declaration d JOIN catalog_tool c ON c.id = d.catalog_tool_id
                    WHERE (d.tool_name, d.vendor, d.url, d.hosting, d.hosting_country, d.free_software,
                           d.institutional, d.commercial_reuse)
                          IS DISTINCT FROM (c.name, c.vendor, c.url, c.hosting, c.hosting_country,
                           c.free_software, c.institutional, c.commercial_reuse)
                       OR (c.opinion = 'FORBIDDEN') <> ('CATALOG_FORBIDDEN' = ANY(d.risk_flags))
                       OR (c.opinion = 'DISCOURAGED') <> ('CATALOG_DISCOURAGED' = ANY(d.risk_flags))`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM tool_declaration d JOIN catalog_tool c ON c.id = d.catalog_tool_id
                    WHERE c.opinion = 'FORBIDDEN' AND d.status = 'APPROVED'`),
    ).toBe(0);
    expect(await count(`SELECT count(DISTINCT opinion)::int AS n FROM catalog_tool`)).toBe(5);
    // every declaration of a catalogued name is linked to that entry, as the API links them
    expect(
      await count(`SELECT count(*)::int AS n FROM tool_declaration d
                    JOIN catalog_tool_name k ON k.academy_id = d.academy_id AND k.name_key = d.tool_key
                   WHERE d.catalog_tool_id IS DISTINCT FROM k.catalog_tool_id`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM catalog_tool c
                    WHERE (SELECT count(*) FROM audit_event e WHERE e.entity_id = c.id AND e.action = 'CREATE') <> 1`),
    ).toBe(0);
    // the counters continue the numbering: T-001…T-n without gaps
    expect(
      await count(`SELECT count(*)::int AS n FROM reference_counter c
                    WHERE c.last_number <> (SELECT count(*) FROM treatment t WHERE t.school_id = c.school_id AND c.prefix = 'T')
                      AND c.prefix = 'T'`),
    ).toBe(0);
    // one CREATE event per register entry
    expect(
      await count(`SELECT count(*)::int AS n FROM treatment t
                    WHERE (SELECT count(*) FROM audit_event e WHERE e.entity_id = t.id AND e.action = 'CREATE') <> 1`),
    ).toBe(0);
    const chains = (await pool.query(`SELECT DISTINCT chain FROM audit_event`)).rows.map(
      (r: { chain: string }) => r.chain,
    );
    const check = await verifyChains(pool, chains);
    expect(check).toMatchObject({ valid: true, events: seed.counts.auditEvents });
    // vacuumed as autovacuum leaves a database in use: every page all-visible, so that counts are
    // answered from the indexes alone, as they would be in production
    const { rows: pages } = await pool.query<{ relname: string; relpages: number; relallvisible: number }>(
      `SELECT relname, relpages, relallvisible FROM pg_class
        WHERE relname IN ('treatment', 'tool_declaration', 'violation', 'review', 'audit_event') ORDER BY relname`,
    );
    expect(pages).toHaveLength(5);
    for (const table of pages) {
      expect(table.relpages).toBeGreaterThan(0);
      expect(table).toEqual({ ...table, relallvisible: table.relpages });
    }
  }, 120_000);

  it('refuses to seed a database that already has schools', async () => {
    await expect(seedScale({ databaseUrl: url, scale: 0.002, log: () => undefined })).rejects.toThrow(
      /already holds 6 schools/,
    );
  }, 60_000);

  it('lets the API continue the seeded references and chains', async () => {
    // the bench's API verifies the whole trail with its own key: this event must be keyed alike
    const t = await createTestApp({ databaseUrl: url, env: { AUDIT_HMAC_KEY: BENCH_AUDIT_HMAC_KEY } });
    try {
      const { rows } = await pool.query<{ school_id: string; user_id: string; last: number }>(
        `SELECT c.school_id, g.user_id, c.last_number AS last FROM reference_counter c
           JOIN role_grant g ON g.school_id = c.school_id AND g.role = 'HEAD'
          WHERE c.prefix = 'T' ORDER BY c.last_number DESC LIMIT 1`,
      );
      const [{ school_id: schoolId, user_id: headId, last }] = rows;
      const data = ok(
        await t.gql<{ createTreatment: { reference: string } }>(
          `mutation ($input: TreatmentInput!) { createTreatment(input: $input) { reference } }`,
          {
            input: {
              schoolId,
              name: 'Traitement créé après le seed',
              purposes: ['Vérifier la numérotation'],
              legalBasis: 'PUBLIC_INTEREST',
              subjectCategories: ['STUDENTS'],
              dataCategories: ['IDENTITY'],
              retention: 'Un an',
            },
          },
          tokenFor(headId),
        ),
      );
      expect(data.createTreatment.reference).toBe(`T-${String(last + 1).padStart(3, '0')}`);
      const [{ user_id: adminId }] = (
        await pool.query<{ user_id: string }>(`SELECT user_id FROM role_grant WHERE role = 'ADMIN'`)
      ).rows;
      const verification = ok(
        await t.gql<{ verifyAuditTrail: { valid: boolean; checkedEvents: number } }>(
          `{ verifyAuditTrail { valid checkedEvents } }`,
          {},
          tokenFor(adminId),
        ),
      );
      expect(verification.verifyAuditTrail).toEqual({
        valid: true,
        checkedEvents: seed.counts.auditEvents + 1,
      });
    } finally {
      await t.close();
    }
  }, 120_000);

  it('runs the bench against it, reports numbers for every operation and leaves the database as it was', async () => {
    const out = join(outDir, 'BENCHMARKS.md');
    const rows = async () =>
      (
        await pool.query<{ declarations: number; events: number; exports: number }>(
          `SELECT (SELECT count(*)::int FROM tool_declaration) AS declarations,
                  (SELECT count(*)::int FROM audit_event) AS events,
                  (SELECT count(*)::int FROM export_file) AS exports`,
        )
      ).rows[0];
    const before = await rows();
    // the bench copies the database for its writes: no other session may hold it meanwhile
    await pool.end();
    const results: BenchResults = await runBench({
      databaseUrl: url,
      databaseDescription: 'smoke test database',
      durationSeconds: 1,
      readConnections: [2],
      writeConnections: 2,
      exportRuns: 1,
      repeats: 2,
      search: 'évaluation',
      pgAlone: true,
      verifyAll: true,
      profile: false,
      apiWorkers: 2,
      warmupSeconds: 0,
      command: 'bench-smoke.spec.ts',
      seed,
      out,
      log: () => undefined,
    });
    pool = new Pool({ connectionString: url, max: 2 });
    // the writes and exports ran on a copy: the measured database holds what it held
    expect(results.write.created).toBeGreaterThan(0);
    expect(await rows()).toEqual(before);
    expect(results.environment.datasetEnd).toEqual(results.environment.dataset);
    expect(results.reads.map((r) => r.key)).toEqual([
      'head-register',
      'head-register-largest',
      'dpd-page-1',
      'dpd-page-1-no-count',
      'dpd-page-deep',
      'dpd-declarations',
      'dpd-declarations-no-count',
      'dashboard',
    ]);
    // the largest register is another school's, with more than the register's 50
    expect(results.fixtures.largestSchool.id).not.toBe(results.fixtures.registerSchool.id);
    expect(results.fixtures.largestSchool.treatments).toBeGreaterThan(
      results.fixtures.registerSchool.treatments,
    );
    const statementsOf = (key: string) => results.reads.find((r) => r.key === key)!.apiStatements.length;
    // without totalCount, the API sends one statement less: the count
    expect(statementsOf('dpd-page-1-no-count')).toBe(statementsOf('dpd-page-1') - 1);
    expect(statementsOf('dpd-declarations-no-count')).toBe(statementsOf('dpd-declarations') - 1);
    expect(results.reads.filter((r) => r.shared).map((r) => r.key)).toEqual(['dashboard']);
    for (const read of results.reads) {
      expect(read.comparison).toMatchObject({ same: true });
      const [measure] = read.measures;
      expect(measure.connections).toBe(2);
      expect(measure.runs).toHaveLength(2);
      for (const stats of [measure.api, measure.floor, measure.pg!]) {
        expect(stats.ok).toBeGreaterThan(0);
        expect(stats.failed).toBe(0);
        expect(stats.median).toBeGreaterThan(0);
        expect(stats.p95).toBeGreaterThanOrEqual(stats.median);
      }
      expect(read.apiStatements.length).toBeGreaterThan(0);
      expect(read.floorPlan.executionMs).not.toBeNull();
    }
    // the same reads against the API run as two processes (API_WORKERS=2, a child process)
    expect(results.clusterReads?.workers).toBe(2);
    expect(results.clusterReads?.reads.map((r) => r.key)).toEqual(results.reads.map((r) => r.key));
    for (const read of results.clusterReads!.reads) {
      const [measure] = read.measures;
      expect(measure.api.ok).toBeGreaterThan(0);
      expect(measure.api.failed).toBe(0);
    }
    const write = results.write;
    expect(write.apiRuns).toHaveLength(2);
    expect(write.api.ok).toBeGreaterThan(0);
    expect(write.api.failed).toBe(0);
    expect(write.floor.ok).toBeGreaterThan(0);
    expect(write.created).toBeGreaterThanOrEqual(write.answered);
    expect(write.created).toBeLessThanOrEqual(write.answered + write.inFlight);
    expect(write.missingEvents).toBe(0);
    expect(write.chainCheck.valid).toBe(true);
    expect(write.verifyAuditTrail?.valid).toBe(true);
    expect(results.exportResult.error).toBeNull();
    expect(results.exportResult.runsMs).toHaveLength(1);
    expect(results.exportResult.pageCount).toBeGreaterThan(0);

    const report = await readFile(out, 'utf8');
    expect(report).toContain('## Targets (issues 8 and 28)');
    expect(report).toContain('its row counts at the end are those of the start');
    expect(report).toContain('head-register: API median ≤ 2.5 × pg median at 2 clients (the target says 1)');
    expect(report).toContain('createToolDeclaration ≥ 300/s');
    expect(report).toContain('## CNIL_DOSSIER export');
    expect(report).toContain('## Reads with API_WORKERS=2');
    expect(report).toContain('head-register, API_WORKERS=2: API median ≤ 3 × floor median');
    expect(report).toMatch(/\| 2 \| [\d.]+ \| [\d.]+ \|/);
  }, 300_000);
});
