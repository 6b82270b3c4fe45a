import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as jwt from 'jsonwebtoken';
import { Client, Pool } from 'pg';
import { Logger as TypeormLogger } from 'typeorm';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/app.setup';
import { entities } from '../apps/api/src/entities';
import { loadEnvironment, toAppConfig, uaiFor } from '@app/core';
import { runMigrations } from '@app/database';
import { migrations } from '../migrations';
import { benchDatabase as database } from './database';
import { benchCheckpointDir } from './checkpoints';
import { startFloorServer } from './floor';

/**
 * Catalogue bench (issue 18), on its own data:
 *
 * 1. `catalogTools(filter: { search })` as a TEACHER on a catalogue of ENTRIES entries (2–3 aliases
 *    each): median and p95 of the API over QUERIES requests per term, beside the raw-SQL floor of the
 *    same two statements the service sends (the page and its count, in parallel on a pg Pool) served
 *    by a bare node:http handler in the same process (bench/floor.ts), and the two statements on pg
 *    alone. Requests alternate API / floor so that both see the same load.
 * 2. `updateCatalogTool` as the DPD on an entry linked to DECLARATIONS declarations spread over
 *    SCHOOLS schools, one APPROVED per school with its reviewed treatment: `hosting` flips between
 *    NON_EU and EU at each run (every linked declaration's facts and risk are rewritten, every
 *    treatment goes back to review, its head is told), end to end, RUNS runs. The treatments are put
 *    back to APPROVED between runs, outside the timing, so that each run does the same work. After
 *    the runs, SQL checks that the declarations did follow.
 *
 *   npm run bench:catalog    (DATABASE_URL set: a temporary database on that server, dropped at the end)
 *
 * BENCH_QUERIES and BENCH_RUNS tune the run; BENCH_SQL=1 prints one statement of each kind of the timed write.
 */
const ENTRIES = 500;
const SCHOOLS = 500;
const DECLARATIONS = 5000;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SEARCHES = ['kah', 'pronote'];
const JWT_SECRET = 'secret-du-banc-d-essai-registre-rgpd-0123456789';

/** Tool names the catalogue's entries start with; every one is the first word of ENTRIES / 25 entries. */
const TOOLS = [
  'Pronote',
  'Kahoot',
  'Quizlet',
  'Padlet',
  'Genially',
  'Canva',
  'Scratch',
  'GeoGebra',
  'LearningApps',
  'Plickers',
  'Wooclap',
  'Socrative',
  'Edpuzzle',
  'Classroomscreen',
  'Mentimeter',
  'Digipad',
  'Lalilo',
  'Mathia',
  'Vocaroo',
  'Flipgrid',
  'Nearpod',
  'Tactileo',
  'Educartable',
  'Lumni',
  'Éduthèque',
];

/**
 * A TypeORM logger that, armed, notes when each statement was sent (TypeORM logs a statement just
 * before sending it): the gap to the next one is the statement's time plus the JavaScript after it.
 */
class TimedCapture implements TypeormLogger {
  private captured: { sql: string; at: number }[] | null = null;
  arm(): void {
    this.captured = [];
  }
  disarm(): { sql: string; at: number }[] {
    const captured = this.captured ?? [];
    this.captured = null;
    return captured;
  }
  logQuery(query: string): void {
    this.captured?.push({ sql: query, at: performance.now() });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** Statements grouped by their start (verb and table), with their count and the time up to the next one. */
function breakdown(statements: { sql: string; at: number }[], end: number) {
  const groups = new Map<string, { count: number; ms: number }>();
  statements.forEach((s, i) => {
    const sql = s.sql.replace(/\s+/g, ' ').replace(/"/g, '').trim();
    const lock = / FOR (NO KEY UPDATE|UPDATE|SHARE)/i.exec(sql)?.[0] ?? '';
    const key = /^SELECT/i.test(sql)
      ? `SELECT … FROM ${/ FROM ([\w.]+(?:\(\$1\))?)/i.exec(sql)?.[1] ?? '?'}${lock}`
      : (/^(UPDATE [\w.]+|INSERT INTO [\w.]+|DELETE FROM [\w.]+)/i.exec(sql)?.[1] ?? sql.slice(0, 40));
    const group = groups.get(key) ?? { count: 0, ms: 0 };
    group.count++;
    group.ms += (i + 1 < statements.length ? statements[i + 1].at : end) - s.at;
    groups.set(key, group);
  });
  return [...groups.entries()].sort((a, b) => b[1].ms - a[1].ms);
}

interface Seeded {
  academyId: string;
  teacherId: string;
  dpdId: string;
  entryId: string;
}

/** The académie, its schools, the catalogue and the declarations, in SQL (generate_series): seconds. */
async function seed(url: string): Promise<Seeded> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
    const academy = await one(
      `INSERT INTO academy (code, name, dpo_name, dpo_email) VALUES ('BENCH', 'Académie du banc d''essai', 'Hélène Délégué', 'dpd@ac-bench.fr') RETURNING id`,
    );
    const user = (email: string, name: string) =>
      one(
        `INSERT INTO app_user (academy_id, email, display_name, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id`,
        [academy.id, email, name],
      );
    const head = await user('principal@ac-bench.fr', 'Jérôme Cœurderoy');
    const dpd = await user('dpd@ac-bench.fr', 'Hélène Délégué');
    const teacher = await user('prof@ac-bench.fr', 'Agnès Çelik');
    const uais = Array.from({ length: SCHOOLS }, (_, i) => uaiFor(310024 + i));
    await client.query(
      `INSERT INTO school (academy_id, uai, name, kind, city)
       SELECT $1, u.uai, 'Collège n°' || u.n, 'COLLEGE', 'Montpellier' FROM unnest($2::text[]) WITH ORDINALITY AS u(uai, n)`,
      [academy.id, uais],
    );
    const { rows: schools } = await client.query<{ id: string }>(
      `SELECT id FROM school WHERE academy_id = $1 ORDER BY uai`,
      [academy.id],
    );
    const schoolIds = schools.map((s) => s.id);
    await client.query(
      `INSERT INTO role_grant (user_id, role, school_id)
       SELECT $1::uuid, 'HEAD', s FROM unnest($3::uuid[]) s UNION ALL SELECT $2::uuid, 'TEACHER', $3[1]`,
      [head.id, teacher.id, schoolIds],
    );
    await client.query(`INSERT INTO role_grant (user_id, role) VALUES ($1, 'DPD')`, [dpd.id]);

    // the catalogue: entry n is "<tool n % 25> <suffix> n", with 2 or 3 aliases; entry 1 is "Pronote"
    await client.query(
      `INSERT INTO catalog_tool (academy_id, name, aliases, vendor, url, description, data_categories, hosting,
         free_software, institutional, commercial_reuse, opinion, conditions, risk_flags, risk_level, reviewed_by_id, reviewed_at)
       SELECT $1, CASE WHEN n = 1 THEN 'Pronote' ELSE t.tools[1 + n % 25] || ' ' || (ARRAY['Classe','Quiz','Cahier','Studio','Junior'])[1 + n % 5] || ' ' || n END,
         CASE WHEN n = 1 THEN ARRAY['Pronote.net', 'Index Éducation Pronote']
              ELSE ARRAY[t.tools[1 + n % 25] || '-' || n, lower(t.tools[1 + n % 25]) || ' édition ' || n]
                   || CASE WHEN n % 2 = 0 THEN ARRAY['Outil ' || n] ELSE ARRAY[]::text[] END END,
         'Éditeur ' || (n % 40), 'https://outil-' || n || '.example.fr', 'Description de l''outil n°' || n,
         ARRAY['IDENTITY','SCHOOLING'], 'EU', 'NO', n % 7 = 0, 'NO',
         (ARRAY['RECOMMENDED','ALLOWED_WITH_CONDITIONS','PENDING'])[1 + n % 3],
         CASE WHEN n % 3 = 1 THEN 'Comptes nominatifs uniquement' END,
         '{}', 'LOW', CASE WHEN n % 3 <> 2 THEN $2::uuid END, CASE WHEN n % 3 <> 2 THEN now() END
       FROM generate_series(1, $3::int) n, (SELECT $4::text[] AS tools) t`,
      [academy.id, dpd.id, ENTRIES, TOOLS],
    );
    await client.query(
      `INSERT INTO catalog_tool_name (academy_id, name_key, catalog_tool_id)
       SELECT DISTINCT ON (k) c.academy_id, k, c.id
         FROM catalog_tool c, unnest(ARRAY[c.name] || c.aliases) a, tool_name_key(a) k
        WHERE c.academy_id = $1 ORDER BY k, c.id`,
      [academy.id],
    );
    const entry = await one(`SELECT id FROM catalog_tool WHERE academy_id = $1 AND name = 'Pronote'`, [
      academy.id,
    ]);

    // one reviewed treatment per school: the declaration it came from is the school's APPROVED one
    await client.query(
      `INSERT INTO treatment (school_id, academy_id, number, reference, name, purposes, legal_basis, subject_categories,
         data_categories, sensitive_data, recipients, processors, transfers, retention, retention_months,
         security_measures, dpia_required, status, review_state, created_by_id)
       SELECT s, $2, 1, 'T-001', 'Vie scolaire (Pronote)', ARRAY['Gestion de la vie scolaire'], 'PUBLIC_INTEREST',
         ARRAY['STUDENTS','PARENTS'], ARRAY['IDENTITY','SCHOOLING'], false, ARRAY['Vie scolaire'], ARRAY['Index Éducation'],
         '[]'::jsonb, 'Un an après la fin de la scolarité', 12, ARRAY['Accès nominatif'], false, 'ACTIVE', 'APPROVED', $3
       FROM unnest($1::uuid[]) s`,
      [schoolIds, academy.id, head.id],
    );
    await client.query(
      `INSERT INTO reference_counter (school_id, prefix, last_number) SELECT s, 'T', 1 FROM unnest($1::uuid[]) s`,
      [schoolIds],
    );
    // DECLARATIONS declarations of the entry, DECLARATIONS / SCHOOLS per school, the first APPROVED
    await client.query(
      `INSERT INTO tool_declaration (school_id, academy_id, declared_by_id, status, tool_name, vendor, url, purpose, classes,
         data_categories, pseudonyms_used, hosting, free_software, institutional, commercial_reuse, families_informed,
         retention_months, risk_flags, risk_level, submitted_at, decided_at, decided_by_id, treatment_id, catalog_tool_id)
       SELECT s.id, $2, $3, CASE WHEN k = 1 THEN 'APPROVED' ELSE (ARRAY['SUBMITTED','DRAFT','CHANGES_REQUESTED'])[1 + k % 3] END,
         c.name, c.vendor, c.url, 'Vie scolaire, classe n°' || k, ARRAY['4e A','3e B'], ARRAY['IDENTITY'], k % 2 = 0,
         c.hosting, c.free_software, c.institutional, c.commercial_reuse, true, 12, '{}', 'LOW', now(),
         CASE WHEN k = 1 THEN now() END, CASE WHEN k = 1 THEN $4::uuid END, CASE WHEN k = 1 THEN t.id END, c.id
       FROM school s JOIN treatment t ON t.school_id = s.id AND t.number = 1, generate_series(1, $5::int) k, catalog_tool c
       WHERE s.academy_id = $2 AND c.id = $1`,
      [entry.id, academy.id, teacher.id, dpd.id, DECLARATIONS / SCHOOLS],
    );
    await client.query('ANALYZE');
    return { academyId: academy.id, teacherId: teacher.id, dpdId: dpd.id, entryId: entry.id };
  } finally {
    await client.end();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;

const SEARCH = `query ($search: String!) {
  catalogTools(filter: { search: $search }, first: 20) {
    totalCount
    nodes { id name aliases vendor url hosting opinion conditions riskLevel riskFlags }
    pageInfo { hasNextPage endCursor }
  }
}`;

const UPDATE = `mutation ($id: ID!, $version: Int!, $hosting: Hosting!) {
  updateCatalogTool(id: $id, version: $version, input: { hosting: $hosting }) { id version hosting riskLevel declarationCount }
}`;

/**
 * The statements CatalogService.list sends for a search (scope, whereSearch, keyset order, limit
 * first + 1, and the count), without TypeORM: the floor of the read.
 */
const FLOOR_PAGE = `SELECT c.id, c.name, c.aliases, c.vendor, c.url, c.hosting, c.opinion, c.conditions, c.risk_level, c.risk_flags, c.name_key
  FROM catalog_tool c
 WHERE c.academy_id = $1 AND c.search_text LIKE '%' || search_fold($2) || '%'
 ORDER BY c.name_key, c.id LIMIT 21`;
const FLOOR_COUNT = `SELECT count(*)::int AS n FROM catalog_tool c
 WHERE c.academy_id = $1 AND c.search_text LIKE '%' || search_fold($2) || '%'`;

async function main(): Promise<void> {
  const loadStart = loadavg();
  const db = await database();
  let app: INestApplication | undefined;
  const pool = new Pool({ connectionString: db.url, max: 10 });
  let floor: { origin: string; close(): Promise<void> } | undefined;
  try {
    await runMigrations({ url: db.url, entities, migrations });
    const seedStart = performance.now();
    const seeded = await seed(db.url);
    const seedMs = performance.now() - seedStart;
    const config = toAppConfig(
      // one log line per request would flood the output (their cost is measured by bench:observability)
      loadEnvironment({
        NODE_ENV: 'production',
        LOG_REQUESTS: 'false',
        AUDIT_CHECKPOINT_DIR: benchCheckpointDir(),
      }),
      JWT_SECRET,
      randomBytes(48).toString('base64url'),
    );
    const capture = new TimedCapture();
    app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: db.url, sqlLogger: capture }), {
      logger: ['error', 'warn'],
    });
    configureApp(app, config);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const tokenOf = (sub: string) => jwt.sign({ sub }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600 });
    const teacherToken = tokenOf(seeded.teacherId);
    const dpdToken = tokenOf(seeded.dpdId);

    const post = async <T>(url: string, body: unknown, token?: string): Promise<T> => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as { data?: T; errors?: unknown[] };
      if (!res.ok || answer.errors?.length || !answer.data)
        throw new Error(`${url} ${res.status}: ${JSON.stringify(answer.errors ?? answer)}`);
      return answer.data;
    };
    const gql = <T>(query: string, variables: Record<string, unknown>, token: string) =>
      post<T>(`http://127.0.0.1:${port}/graphql`, { query, variables }, token);

    // the floor: the same two statements, in parallel as the service sends them, the rows mapped as the API answers
    const floorSearch = async (search: string) => {
      const escaped = search.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
      const [page, count] = await Promise.all([
        pool.query(FLOOR_PAGE, [seeded.academyId, escaped]),
        pool.query<{ n: number }>(FLOOR_COUNT, [seeded.academyId, escaped]),
      ]);
      const kept = page.rows.slice(0, 20);
      const last = kept[kept.length - 1] as { name_key: string; id: string } | undefined;
      return {
        totalCount: count.rows[0].n,
        nodes: kept.map((r) => ({
          id: r.id,
          name: r.name,
          aliases: r.aliases,
          vendor: r.vendor,
          url: r.url,
          hosting: r.hosting,
          opinion: r.opinion,
          conditions: r.conditions,
          riskLevel: r.risk_level,
          riskFlags: r.risk_flags,
        })),
        pageInfo: {
          hasNextPage: page.rows.length > 20,
          endCursor: last
            ? Buffer.from(JSON.stringify([last.name_key, last.id])).toString('base64url')
            : null,
        },
      };
    };
    floor = await startFloorServer({
      catalogTools: async (body) => ({ catalogTools: await floorSearch(String(body.search)) }),
    });
    const floorOrigin = floor.origin;

    type SearchAnswer = { catalogTools: { totalCount: number; nodes: { id: string }[] } };
    const reads: {
      search: string;
      totalCount: number;
      same: boolean;
      api: number[];
      floor: number[];
      pg: number[];
    }[] = [];
    for (const search of SEARCHES) {
      const apiAnswer = await gql<SearchAnswer>(SEARCH, { search }, teacherToken);
      const floorAnswer = await post<SearchAnswer>(`${floorOrigin}/floor/catalogTools`, { search });
      const same = JSON.stringify(apiAnswer) === JSON.stringify(floorAnswer);
      // warm-up: JIT, pools, plans
      for (let i = 0; i < 50; i++) {
        await gql(SEARCH, { search }, teacherToken);
        await post(`${floorOrigin}/floor/catalogTools`, { search });
        await floorSearch(search);
      }
      const api: number[] = [];
      const floorTimes: number[] = [];
      const pg: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        let start = performance.now();
        await gql(SEARCH, { search }, teacherToken);
        api.push(performance.now() - start);
        start = performance.now();
        await post(`${floorOrigin}/floor/catalogTools`, { search });
        floorTimes.push(performance.now() - start);
        start = performance.now();
        await floorSearch(search);
        pg.push(performance.now() - start);
      }
      reads.push({ search, totalCount: apiAnswer.catalogTools.totalCount, same, api, floor: floorTimes, pg });
    }

    // the write: hosting alternates, the treatments are put back to APPROVED before each run (untimed)
    const entryState = async () =>
      (
        await pool.query<{ version: number; hosting: string }>(
          `SELECT version, hosting FROM catalog_tool WHERE id = $1`,
          [seeded.entryId],
        )
      ).rows[0];
    type DeclarationState = { hosting: string; risk_level: string; flagged: boolean; n: number };
    const declarationState = async () =>
      (
        await pool.query<DeclarationState>(
          `SELECT hosting, risk_level, 'NON_EU_HOSTING' = ANY(risk_flags) AS flagged, count(*)::int AS n
             FROM tool_declaration WHERE catalog_tool_id = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
          [seeded.entryId],
        )
      ).rows;
    const count = async (sql: string) => (await pool.query<{ n: number }>(sql, [seeded.academyId])).rows[0].n;
    const notReviewed = () =>
      count(
        `SELECT count(*)::int AS n FROM treatment WHERE academy_id = $1 AND review_state = 'NOT_REVIEWED'`,
      );
    const treatmentEventCount = () =>
      count(`SELECT count(*)::int AS n FROM audit_event WHERE academy_id = $1 AND entity_type = 'Treatment'`);
    const notificationCount = () =>
      count(`SELECT count(*)::int AS n FROM notification WHERE $1::uuid IS NOT NULL`);
    const seededState = await declarationState();
    const states = new Map<string, DeclarationState[]>();
    let armed: { sql: string; at: number }[] = [];
    let armedEnd = 0;
    /** One timed run, then the SQL check that every linked declaration and treatment followed. */
    const update = async (hosting: string, options: { approved: boolean; arm?: boolean }) => {
      await pool.query(`UPDATE treatment SET review_state = $2 WHERE academy_id = $1`, [
        seeded.academyId,
        options.approved ? 'APPROVED' : 'NOT_REVIEWED',
      ]);
      const { version, hosting: was } = await entryState();
      if (was === hosting) throw new Error(`the entry is already ${hosting}: the run would be a no-op`);
      if (options.arm) capture.arm();
      const start = performance.now();
      await gql(UPDATE, { id: seeded.entryId, version, hosting }, dpdToken);
      const elapsed = performance.now() - start;
      if (options.arm) {
        armedEnd = performance.now();
        armed = capture.disarm();
      }
      const state = await declarationState();
      const followed = state
        .filter((r) => r.hosting === hosting && r.flagged === (hosting === 'NON_EU'))
        .reduce((sum, r) => sum + r.n, 0);
      const sentBack = await notReviewed();
      if (followed !== DECLARATIONS || sentBack !== SCHOOLS) {
        throw new Error(`→ ${hosting}: ${followed} declarations followed, ${sentBack} treatments sent back`);
      }
      states.set(hosting, state);
      return elapsed;
    };
    const eventsBefore = await treatmentEventCount();
    const notificationsBefore = await notificationCount();
    const warmUp = await update('NON_EU', { approved: true });
    const writes: { hosting: string; ms: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      // warm-up left NON_EU: EU, NON_EU, …; the middle run's statements are timed one by one
      const hosting = i % 2 === 0 ? 'EU' : 'NON_EU';
      writes.push({
        hosting,
        ms: await update(hosting, { approved: true, arm: i === Math.floor(RUNS / 2) }),
      });
    }
    const treatmentEvents = (await treatmentEventCount()) - eventsBefore;
    const notificationsWritten = (await notificationCount()) - notificationsBefore;
    // the same change with the treatments already NOT_REVIEWED: no treatment written, the declarations alone
    const bare: number[] = [];
    let hostingNow = writes[writes.length - 1].hosting;
    for (let i = 0; i < RUNS; i++) {
      hostingNow = hostingNow === 'EU' ? 'NON_EU' : 'EU';
      bare.push(await update(hostingNow, { approved: false }));
    }
    const statements = breakdown(armed, armedEnd);
    // BENCH_SQL=1: the whole text of the first statement of each kind, to read what the groups hold
    if (process.env.BENCH_SQL) {
      const seen = new Set<string>();
      for (const { sql } of armed) {
        const key = sql.slice(0, 60);
        if (!seen.has(key)) console.error(`--\n${sql}`);
        seen.add(key);
      }
    }
    const armedMs = armedEnd - (armed[0]?.at ?? armedEnd);

    const writeTimes = writes.map((w) => w.ms);
    const describe = (rows: DeclarationState[] | undefined) =>
      (rows ?? [])
        .map((r) => `${r.n} × ${r.hosting}/${r.risk_level}${r.flagged ? '/NON_EU_HOSTING' : ''}`)
        .join(', ');
    const lines = [
      '',
      '### Catalogue (`npm run bench:catalog`, issue 18)',
      '',
      `Dataset: ${ENTRIES} catalogue entries (2–3 aliases each, ${(await pool.query('SELECT count(*) FROM catalog_tool_name')).rows[0].count} names), ${SCHOOLS} schools, ` +
        `${DECLARATIONS} declarations linked to the entry “Pronote” (${DECLARATIONS / SCHOOLS} per school, one APPROVED with its reviewed treatment: ${SCHOOLS} treatments), seeded in ${(seedMs / 1000).toFixed(1)} s. ` +
        `Node ${process.version}, ${cpus().length} CPU(s), load average at the start ${loadStart.map((x) => x.toFixed(2)).join(' / ')}, ` +
        `${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}.`,
      '',
      '| measure | API | floor (node:http + pg) | pg alone | API / floor |',
      '|---|---|---|---|---|',
      ...reads.map(
        (r) =>
          `| \`catalogTools(search: "${r.search}")\` as a TEACHER, ${r.totalCount} matches, first 20: median / p95 (${QUERIES} requests, 1 client)${r.same ? '' : ' (answers differ!)'} | ` +
          `${ms(percentile(r.api, 50))} / ${ms(percentile(r.api, 95))} | ${ms(percentile(r.floor, 50))} / ${ms(percentile(r.floor, 95))} | ` +
          `${ms(percentile(r.pg, 50))} / ${ms(percentile(r.pg, 95))} | ${(percentile(r.api, 50) / percentile(r.floor, 50)).toFixed(2)}× / ${(percentile(r.api, 95) / percentile(r.floor, 95)).toFixed(2)}× |`,
      ),
      '',
      '| measure | value |',
      '|---|---|',
      `| \`updateCatalogTool(hosting)\` as the DPD, ${DECLARATIONS} linked declarations, ${SCHOOLS} APPROVED treatments sent back: end to end, median of ${RUNS} | ${ms(percentile(writeTimes, 50))} (min ${ms(Math.min(...writeTimes))}, max ${ms(Math.max(...writeTimes))}; first run, not counted: ${ms(warmUp)}) |`,
      `| runs | ${writes.map((w) => `→ ${w.hosting} ${ms(w.ms)}`).join(', ')} |`,
      `| the same, the treatments already NOT_REVIEWED (no treatment written): median of ${RUNS} | ${ms(percentile(bare, 50))} (min ${ms(Math.min(...bare))}, max ${ms(Math.max(...bare))}) |`,
      `| linked declarations as seeded (risk not assessed by the seed) | ${describe(seededState)} |`,
      `| linked declarations after a run → EU (SQL) | ${describe(states.get('EU'))} |`,
      `| linked declarations after a run → NON_EU (SQL) | ${describe(states.get('NON_EU'))} |`,
      `| checked after every run (SQL) | all ${DECLARATIONS} declarations carry the new hosting and its risk; all ${SCHOOLS} treatments NOT_REVIEWED |`,
      `| treatment audit events / notifications written by the ${RUNS + 1} runs with APPROVED treatments | ${treatmentEvents} / ${notificationsWritten} |`,
      '',
      `Statements of one run (the middle one, ${ms(armedMs)} from its first statement to the answer), grouped; time = up to the next statement (the statement and the JavaScript after it):`,
      '',
      '| statement | count | time |',
      '|---|---|---|',
      ...statements.slice(0, 10).map(([sql, g]) => `| \`${sql}\` | ${g.count} | ${ms(g.ms)} |`),
      ...(statements.length > 10
        ? [
            `| ${statements.length - 10} other kinds | ${statements.slice(10).reduce((n, [, g]) => n + g.count, 0)} | ${ms(statements.slice(10).reduce((n, [, g]) => n + g.ms, 0))} |`,
          ]
        : []),
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await floor?.close();
    await app?.close();
    await pool.end();
    await db.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
