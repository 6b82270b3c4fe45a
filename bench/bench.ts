import './production-mode';
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { chainKey } from '../apps/api/src/audit/audit-chain';
import { APPLICATION_NAME } from '@app/database';
import {
  openDatabase,
  parseArgs,
  SEED_PASSWORD,
  seedCliOptions,
  seedScale,
  SeedSummary,
} from '../scripts/seed-scale';
import { gql, login, RunningApi, SqlCapture, startApi } from './api';
import { verifyChains } from './audit-check';
import { startCluster } from './cluster';
import { measureCost, RunCost } from './cost';
import { copyDatabase } from './database';
import { createDeclarationFloor, FloorRoute, replayFloor, startFloorServer } from './floor';
import { LoadRequest, median, runClosedLoop, runLoad, Stats } from './load';
import { flameGraphSvg } from './flamegraph';
import { CpuProfileSummary, profileCpu } from './profile';
import {
  CREATE_DECLARATION,
  DASHBOARD,
  dashboardFloor,
  dashboardStatement,
  declarationInput,
  discoverFixtures,
  DPD_DECLARATIONS,
  dpdDeclarationsFloor,
  dpdDeclarationsStatement,
  DPD_PAGE,
  dpdPageFloor,
  dpdPageStatement,
  EXPORT_REGISTER,
  FloorStatement,
  HEAD_REGISTER,
  headRegisterFloor,
  headRegisterStatement,
  PAGE_SIZE_REGISTER,
  VERIFY_AUDIT,
  withoutTotalCount,
} from './operations';
import {
  BenchResults,
  ClusterReads,
  Environment,
  ExportResult,
  PlanSummary,
  ReadResult,
  renderReport,
  WriteResult,
  writeReport,
} from './report';

/**
 * `npm run bench`: the API in this process against the seeded académie, measured with autocannon (a
 * process of its own) at several concurrency levels beside the floor of each read — the very
 * statements the API sent for it, replayed through `pg`, over HTTP and alone — each cell `--repeats`
 * times, and the results in BENCHMARKS.md. The writes and exports run on a copy of the database,
 * dropped at the end: the measured database is left as it was found.
 *
 *   npm run bench -- [--scale 1] [--seed N] [--skip-seed] [--force] [--duration 5]
 *                    [--connections 1,8,32] [--write-connections 16] [--export-runs 5]
 *                    [--search évaluation] [--out BENCHMARKS.md] [--no-pg] [--no-verify] [--no-profile]
 *                    [--api-workers 2] [--repeats 3] [--flame-graphs bench/profiles]
 *
 * With --api-workers n > 1 (default: the number of cores), the reads are measured once more against
 * the API as `API_WORKERS=n npm start` runs it: n processes on one port (a child process of the bench).
 */
export interface BenchOptions {
  databaseUrl: string;
  databaseDescription: string;
  durationSeconds: number;
  readConnections: number[];
  writeConnections: number;
  exportRuns: number;
  /** how many times each cell (a read at a level, the writes) is measured: the median is reported */
  repeats: number;
  search: string;
  /** measure the bare pg closed loop too (no HTTP) */
  pgAlone: boolean;
  /** run verifyAuditTrail (the whole academy) after the writes */
  verifyAll: boolean;
  /** sample the API's CPU during a short extra run of each operation */
  profile: boolean;
  /** with `profile`: where to write the flame graphs of FLAME_GRAPHS' reads and of the writes; null: nowhere */
  flameGraphs?: string | null;
  /** > 1: measure the reads again against the API run as that many processes (API_WORKERS) */
  apiWorkers: number;
  warmupSeconds: number;
  command: string;
  seed: SeedSummary | null;
  /** where to write the report; null: nowhere */
  out: string | null;
  log?: (message: string) => void;
}

/** The reads whose profile is also drawn as a flame graph (the head's, the DPD's and the dashboard). */
const FLAME_GRAPHS = ['head-register', 'dpd-page-1-no-count', 'dashboard'];

/** application_name of the API's connections (APPLICATION_NAME, libs/database) and of the floor's */
const API_APPLICATION = APPLICATION_NAME;
const FLOOR_APPLICATION = 'registre-bench-floor';

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((message: string) => console.log(message));
  // the writes, the trail's verification and the exports run on a copy: the measured database is
  // left as it was found (made first: the copy needs the source without other sessions)
  const writeDatabase = await copyDatabase(options.databaseUrl);
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: 20,
    application_name: FLOOR_APPLICATION,
  });
  const writePool = new Pool({
    connectionString: writeDatabase.url,
    max: 20,
    application_name: FLOOR_APPLICATION,
  });
  const capture = new SqlCapture();
  const writeCapture = new SqlCapture();
  let api: RunningApi | null = null;
  let writeApi: RunningApi | null = null;
  let floorServer: Awaited<ReturnType<typeof startFloorServer>> | null = null;
  try {
    const environment = await describeEnvironment(pool, options);
    api = await startApi(options.databaseUrl, capture);
    const origin = api.origin;
    log(`bench: API at ${origin}/graphql (in this process), ${options.databaseDescription}`);
    writeApi = await startApi(writeDatabase.url, writeCapture);
    log(`bench: the writes' API at ${writeApi.origin}/graphql, on a copy of the database`);

    const fixtures = await discoverFixtures(pool, options.search, options.writeConnections);
    const [registerHead, largestHead, dpd] = await Promise.all([
      login(origin, fixtures.registerHeadEmail, SEED_PASSWORD),
      login(origin, fixtures.largestHeadEmail, SEED_PASSWORD),
      login(origin, fixtures.dpdEmail, SEED_PASSWORD),
    ]);
    const writerTokens: string[] = [];
    for (const writer of fixtures.writers)
      writerTokens.push(await login(writeApi.origin, writer.email, SEED_PASSWORD));
    log(
      `bench: logged in ${3 + writerTokens.length} accounts; register of ${fixtures.registerSchool.name} ` +
        `(${fixtures.registerSchool.treatments} treatments) and of ${fixtures.largestSchool.name} ` +
        `(${fixtures.largestSchool.treatments}), DPD search "${fixtures.search}" ` +
        `(${fixtures.dpdMatches} matches, deep page ${fixtures.deepPage})`,
    );

    // ---- the reads: each one's statements in one statement (to check the API's rows and EXPLAIN)
    const statements: Record<string, FloorStatement> = {
      'head-register': headRegisterStatement(fixtures.registerSchool.id),
      'head-register-largest': headRegisterStatement(fixtures.largestSchool.id),
      'dpd-page-1': dpdPageStatement(fixtures.academyId, fixtures.search, null),
      'dpd-page-1-no-count': dpdPageStatement(fixtures.academyId, fixtures.search, null),
      'dpd-page-deep': dpdPageStatement(fixtures.academyId, fixtures.search, fixtures.deepCursor),
      'dpd-declarations': dpdDeclarationsStatement(fixtures.academyId),
      'dpd-declarations-no-count': dpdDeclarationsStatement(fixtures.academyId),
      dashboard: dashboardStatement(fixtures.academyId),
    };
    const oneStatement: Record<string, () => Promise<unknown>> = {
      'head-register': () => headRegisterFloor(pool, statements['head-register']),
      'head-register-largest': () => headRegisterFloor(pool, statements['head-register-largest']),
      'dpd-page-1': () => dpdPageFloor(pool, statements['dpd-page-1']),
      'dpd-page-1-no-count': () => dpdPageFloor(pool, statements['dpd-page-1-no-count']),
      'dpd-page-deep': () => dpdPageFloor(pool, statements['dpd-page-deep']),
      'dpd-declarations': () => dpdDeclarationsFloor(pool, statements['dpd-declarations']),
      'dpd-declarations-no-count': () => dpdDeclarationsFloor(pool, statements['dpd-declarations-no-count']),
      dashboard: () => dashboardFloor(pool, statements.dashboard),
    };
    const register = (school: { name: string; treatments: number }) =>
      `${school.name} (${school.treatments} treatments), first ${PAGE_SIZE_REGISTER}`;
    const reads: BenchRead[] = [
      {
        key: 'head-register',
        title: `Head's register: ${register(fixtures.registerSchool)}`,
        query: HEAD_REGISTER,
        variables: { schoolId: fixtures.registerSchool.id },
        token: registerHead,
        pick: (d) => d.treatments,
      },
      {
        key: 'head-register-largest',
        title: `Head's register of the largest school: ${register(fixtures.largestSchool)}`,
        query: HEAD_REGISTER,
        variables: { schoolId: fixtures.largestSchool.id },
        token: largestHead,
        pick: (d) => d.treatments,
      },
      {
        key: 'dpd-page-1',
        title: `DPD cross-school page 1: NOT_REVIEWED, search "${fixtures.search}", first 20`,
        query: DPD_PAGE,
        variables: { search: fixtures.search, after: null },
        token: dpd,
        pick: (d) => d.treatments,
      },
      {
        key: 'dpd-page-1-no-count',
        title: `DPD cross-school page 1 without totalCount`,
        query: withoutTotalCount(DPD_PAGE),
        variables: { search: fixtures.search, after: null },
        token: dpd,
        pick: (d) => d.treatments,
      },
      {
        key: 'dpd-page-deep',
        title: `DPD cross-school page ${fixtures.deepPage}: same filter, after the cursor of row ${(fixtures.deepPage - 1) * 20}`,
        query: DPD_PAGE,
        variables: { search: fixtures.search, after: fixtures.deepCursor },
        token: dpd,
        pick: (d) => d.treatments,
      },
      {
        key: 'dpd-declarations',
        title: 'DPD queue of tool declarations: SUBMITTED, riskLevel HIGH, first 20 (toolDeclarations)',
        query: DPD_DECLARATIONS,
        variables: {},
        token: dpd,
        pick: (d) => d.toolDeclarations,
      },
      {
        key: 'dpd-declarations-no-count',
        title: 'DPD queue of tool declarations without totalCount',
        query: withoutTotalCount(DPD_DECLARATIONS),
        variables: {},
        token: dpd,
        pick: (d) => d.toolDeclarations,
      },
      {
        key: 'dashboard',
        title: 'academyDashboard (DPD)',
        query: DASHBOARD,
        variables: {},
        token: dpd,
        pick: (d) => d.academyDashboard,
        // DashboardService.sharedCounts folds concurrent requests' counts: the floor folds them too
        shared: (sql) => sql.includes('schools_without_treatments'),
      },
    ];

    // each read's floor route is set once its statements are captured
    const floorRoutes: Record<string, FloorRoute> = {
      'create-declaration': (body) =>
        createDeclarationFloor(writePool, fixtures.academyId, fixtures.writers[Number(body.writer)]),
    };
    floorServer = await startFloorServer(floorRoutes);
    const floorOrigin = floorServer.origin;
    const repeats = options.repeats;

    const readResults: ReadResult[] = [];
    for (const read of reads) {
      log(`bench: ${read.title}`);
      const apiData = read.pick(await gql(origin, read.query, read.variables, read.token));
      const comparison = compare(apiData, await oneStatement[read.key]());
      // requests of the previous run may still be finishing: let them, so that only this one is captured
      await new Promise((resolveWait) => setTimeout(resolveWait, 500));
      capture.arm();
      await gql(origin, read.query, read.variables, read.token);
      const captured = capture.disarm();
      const replay = replayFloor(pool, captured, read.shared);
      floorRoutes[read.key] = () => replay();
      const apiStatements = await explainAll(pool, captured);
      const floorPlan = await explain(pool, statements[read.key]);
      const apiRequest: LoadRequest = {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${read.token}` },
        body: JSON.stringify({ query: read.query, variables: read.variables }),
      };
      const floorRequest: LoadRequest = { headers: { 'content-type': 'application/json' }, body: '{}' };
      const apiLoad = (connections: number, durationSeconds: number) =>
        runLoad({
          url: `${origin}/graphql`,
          connections,
          durationSeconds,
          requests: [apiRequest],
          graphql: true,
        });
      const floorLoad = (connections: number, durationSeconds: number) =>
        runLoad({
          url: `${floorOrigin}/floor/${read.key}`,
          connections,
          durationSeconds,
          requests: [floorRequest],
        });
      if (options.warmupSeconds > 0) {
        await apiLoad(8, options.warmupSeconds);
        await floorLoad(8, options.warmupSeconds);
      }
      const measures: ReadResult['measures'] = [];
      for (const connections of options.readConnections) {
        const runs: ReadRun[] = [];
        // API, floor and pg in turn, `repeats` times: a slow spell of the machine falls on all three
        for (let run = 0; run < repeats; run++) {
          const { result: apiStats, cost: apiCost } = await measureCost(
            pool,
            API_APPLICATION,
            () => apiLoad(connections, options.durationSeconds),
            (stats) => stats.ok,
          );
          const { result: floorStats, cost: floorCost } = await measureCost(
            pool,
            FLOOR_APPLICATION,
            () => floorLoad(connections, options.durationSeconds),
            (stats) => stats.ok,
          );
          const pgStats = options.pgAlone
            ? await runClosedLoop(connections, options.durationSeconds, replay)
            : null;
          runs.push({ api: apiStats, floor: floorStats, pg: pgStats, apiCost, floorCost });
        }
        const measure = aggregateRuns(connections, runs);
        measures.push(measure);
        log(
          `  c=${String(connections).padStart(2)}  API median ${fmt(measure.api.median)} p95 ${fmt(measure.api.p95)} ` +
            `${measure.api.throughput.toFixed(0)}/s | floor median ${fmt(measure.floor.median)} p95 ${fmt(measure.floor.p95)}` +
            (measure.pg ? ` | pg median ${fmt(measure.pg.median)}` : '') +
            ` (${repeats} runs)` +
            (measure.api.failed || measure.floor.failed
              ? ` | FAILED ${measure.api.failed}/${measure.floor.failed}`
              : ''),
        );
      }
      const profile = options.profile
        ? await profileCpu(() => apiLoad(8, Math.min(2, options.durationSeconds)))
        : null;
      readResults.push({
        profile,
        key: read.key,
        title: read.title,
        query: read.query,
        variables: read.variables,
        comparison,
        shared: Boolean(read.shared),
        measures,
        apiStatements,
        floorPlan,
        floorSql: statements[read.key].sql,
      });
    }

    // ---- the reads again, the API as API_WORKERS processes
    const clusterReads =
      options.apiWorkers > 1
        ? await measureClusterReads(options, reads, log, {
            [registerHead]: fixtures.registerHeadEmail,
            [largestHead]: fixtures.largestHeadEmail,
            [dpd]: fixtures.dpdEmail,
          })
        : null;

    // ---- createToolDeclaration, on the copy
    log(`bench: createToolDeclaration at ${options.writeConnections} connections (${repeats} runs)`);
    const writeResult = await measureWrites(
      writePool,
      writeApi.origin,
      floorOrigin,
      writeCapture,
      fixtures,
      writerTokens,
      options,
    );
    log(
      `  API ${writeResult.api.throughput.toFixed(0)}/s median ${fmt(writeResult.api.median)} p95 ${fmt(writeResult.api.p95)}` +
        ` | floor ${writeResult.floor.throughput.toFixed(0)}/s | chains ${writeResult.chainCheck.valid ? 'intact' : 'BROKEN'}`,
    );
    const writeDpd = await login(writeApi.origin, fixtures.dpdEmail, SEED_PASSWORD);
    if (options.verifyAll) {
      const started = performance.now();
      const verification = await gql<{ verifyAuditTrail: { valid: boolean; checkedEvents: number } }>(
        writeApi.origin,
        VERIFY_AUDIT,
        {},
        writeDpd,
      );
      writeResult.verifyAuditTrail = {
        ...verification.verifyAuditTrail,
        seconds: (performance.now() - started) / 1000,
      };
      log(
        `  verifyAuditTrail: ${verification.verifyAuditTrail.valid ? 'valid' : 'INVALID'}, ` +
          `${verification.verifyAuditTrail.checkedEvents} events in ${writeResult.verifyAuditTrail.seconds.toFixed(1)} s`,
      );
    }

    // ---- CNIL_DOSSIER export, on the copy (an export is a write: its file and audit event)
    log(`bench: CNIL_DOSSIER of ${fixtures.exportSchool.name}, ${options.exportRuns} runs`);
    const exportHead = await login(writeApi.origin, fixtures.exportHeadEmail, SEED_PASSWORD);
    const exportResult = await measureExports(
      writeApi.origin,
      fixtures.exportSchool.id,
      exportHead,
      options.exportRuns,
    );
    exportResult.school = fixtures.exportSchool;
    log(
      exportResult.error
        ? `  FAILED: ${exportResult.error}`
        : `  first ${fmt(exportResult.firstMs ?? NaN)}, then ${exportResult.runsMs.map((ms) => fmt(ms)).join(', ')} ` +
            `(${exportResult.pageCount} pages, ${exportResult.byteSize} bytes)`,
    );

    environment.loadAverageEnd = loadavg();
    environment.datasetEnd = await countDataset(pool);
    const results: BenchResults = {
      environment,
      fixtures,
      options: {
        durationSeconds: options.durationSeconds,
        readConnections: options.readConnections,
        writeConnections: options.writeConnections,
        exportRuns: options.exportRuns,
        repeats,
      },
      reads: readResults,
      clusterReads,
      write: writeResult,
      exportResult,
      report: '',
    };
    results.report = renderReport(results);
    if (options.flameGraphs) await writeFlameGraphs(options.flameGraphs, results, log);
    if (options.out) {
      await writeReport(options.out, results.report);
      log(`bench: results written to ${options.out}`);
    }
    return results;
  } finally {
    await floorServer?.close();
    await api?.close();
    await writeApi?.close();
    await pool.end();
    await writePool.end();
    await writeDatabase.dispose();
  }
}

/** One read the bench measures. */
interface BenchRead {
  key: string;
  title: string;
  query: string;
  variables: Record<string, unknown>;
  token: string;
  pick: (data: Record<string, unknown>) => unknown;
  /** the statements the API folds between concurrent requests (the floor then folds them too) */
  shared?: (sql: string) => boolean;
}

type ReadRun = ReadResult['measures'][number]['runs'][number];

/** The runs of one side as one line: the median of each figure over the runs, failures summed. */
function medianStats(runs: readonly Stats[]): Stats {
  const of = (pick: (s: Stats) => number) => median(runs.map(pick));
  return {
    connections: runs[0].connections,
    ok: runs.reduce((sum, s) => sum + s.ok, 0),
    failed: runs.reduce((sum, s) => sum + s.failed, 0),
    durationSeconds: runs.reduce((sum, s) => sum + s.durationSeconds, 0),
    throughput: of((s) => s.throughput),
    mean: of((s) => s.mean),
    median: of((s) => s.median),
    p95: of((s) => s.p95),
    p99: of((s) => s.p99),
    max: Math.max(...runs.map((s) => s.max)),
  };
}

async function writeFlameGraphs(dir: string, results: BenchResults, log: (m: string) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  const drawn: [string, string, CpuProfileSummary | null][] = [
    ...results.reads
      .filter((r) => FLAME_GRAPHS.includes(r.key))
      .map((r): [string, string, CpuProfileSummary | null] => [
        r.key,
        `${r.title}: the API process, 2 s at 8 clients`,
        r.profile,
      ]),
    [
      'create-declaration',
      `createToolDeclaration: the API process, 2 s at ${results.write.connections} clients`,
      results.write.profile,
    ],
  ];
  for (const [key, title, profile] of drawn) {
    if (!profile) continue;
    const file = join(dir, `${key}.svg`);
    await writeFile(file, flameGraphSvg(profile.raw, title));
    log(`bench: flame graph ${file}`);
  }
}

function medianCost(costs: readonly RunCost[]): RunCost {
  const pg = costs.map((c) => c.pgMs);
  return {
    nodeMs: median(costs.map((c) => c.nodeMs)),
    pgMs: pg.some((x) => x === null) ? null : median(pg as number[]),
  };
}

/** A cell's runs, and their medians (the figures the report and the targets read). */
function aggregateRuns(connections: number, runs: ReadRun[]): ReadResult['measures'][number] {
  const pgRuns = runs.map((r) => r.pg).filter((x): x is Stats => x !== null);
  return {
    connections,
    api: medianStats(runs.map((r) => r.api)),
    floor: medianStats(runs.map((r) => r.floor)),
    pg: pgRuns.length ? medianStats(pgRuns) : null,
    apiCost: medianCost(runs.map((r) => r.apiCost)),
    floorCost: medianCost(runs.map((r) => r.floorCost)),
    runs,
  };
}

const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '–');

/**
 * The same reads, levels and durations against the API run as `options.apiWorkers` processes on one
 * port; the floor they are compared with is the one measured above in this run. `emailOf` maps the
 * tokens of the in-process API to their accounts, which log in again (the cluster has its own secret).
 */
async function measureClusterReads(
  options: BenchOptions,
  reads: { key: string; title: string; query: string; variables: Record<string, unknown>; token: string }[],
  log: (message: string) => void,
  emailOf: Record<string, string>,
): Promise<ClusterReads> {
  const cluster = await startCluster(options.databaseUrl, options.apiWorkers);
  try {
    log(`bench: the reads again, API_WORKERS=${options.apiWorkers} (${cluster.origin}/graphql)`);
    const tokens = new Map<string, string>();
    for (const [token, email] of Object.entries(emailOf))
      tokens.set(token, await login(cluster.origin, email, SEED_PASSWORD));
    const results: ClusterReads = { workers: options.apiWorkers, reads: [] };
    for (const read of reads) {
      const request: LoadRequest = {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(read.token)}` },
        body: JSON.stringify({ query: read.query, variables: read.variables }),
      };
      const load = (connections: number, durationSeconds: number) =>
        runLoad({
          url: `${cluster.origin}/graphql`,
          connections,
          durationSeconds,
          requests: [request],
          graphql: true,
        });
      if (options.warmupSeconds > 0) await load(8, options.warmupSeconds);
      const measures: ClusterReads['reads'][number]['measures'] = [];
      for (const connections of options.readConnections) {
        const api = await load(connections, options.durationSeconds);
        measures.push({ connections, api });
        log(
          `  ${read.key} c=${String(connections).padStart(2)}  API median ${fmt(api.median)} p95 ${fmt(api.p95)} ` +
            `${api.throughput.toFixed(0)}/s${api.failed ? ` | FAILED ${api.failed}` : ''}`,
        );
      }
      results.reads.push({ key: read.key, title: read.title, measures });
    }
    return results;
  } finally {
    await cluster.close();
  }
}

/**
 * Does the API answer the rows of the read in one statement? (ids in order and totalCount, the ids
 * alone when the read does not ask for the count, or every count)
 */
function compare(api: unknown, floor: unknown): ReadResult['comparison'] {
  const page = (x: unknown) => x as { totalCount?: number; nodes?: { id: string }[] };
  const a = page(api);
  const f = page(floor);
  if (a.nodes && f.nodes) {
    const apiIds = a.nodes.map((n) => n.id).join();
    const floorIds = f.nodes.map((n) => n.id).join();
    return {
      same: apiIds === floorIds && (a.totalCount === undefined || a.totalCount === f.totalCount),
      detail: `${a.nodes.length} nodes, totalCount ${a.totalCount ?? 'not asked'} (one statement: ${f.nodes.length} nodes, totalCount ${f.totalCount})`,
    };
  }
  const strip = (x: unknown) => JSON.stringify(x);
  return { same: strip(api) === strip(floor), detail: strip(api) };
}

async function explain(pool: Pool, statement: FloorStatement): Promise<PlanSummary> {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
  const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  const match = /Execution Time: ([\d.]+) ms/.exec(plan);
  return {
    sql: statement.sql.replace(/\s+/g, ' ').trim(),
    executionMs: match ? Number(match[1]) : null,
    plan,
  };
}

/** EXPLAIN ANALYZE of every SELECT the API sent for one request. */
async function explainAll(
  pool: Pool,
  captured: { sql: string; parameters: unknown[] }[],
): Promise<PlanSummary[]> {
  const plans: PlanSummary[] = [];
  for (const query of captured) {
    if (!/^\s*(SELECT|WITH)\b/i.test(query.sql)) {
      plans.push({ sql: query.sql.replace(/\s+/g, ' ').trim(), executionMs: null, plan: '' });
      continue;
    }
    plans.push(await explain(pool, { sql: query.sql, params: query.parameters }));
  }
  return plans;
}

async function measureWrites(
  pool: Pool,
  origin: string,
  floorOrigin: string,
  capture: SqlCapture,
  fixtures: Awaited<ReturnType<typeof discoverFixtures>>,
  tokens: string[],
  options: BenchOptions,
): Promise<WriteResult> {
  const schoolIds = fixtures.writers.map((w) => w.schoolId);
  const chains = [...new Set(schoolIds.map((id) => chainKey(id, fixtures.academyId)))];
  const countDeclarations = async () =>
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tool_declaration WHERE school_id = ANY($1)`,
        [schoolIds],
      )
    ).rows[0].n;
  const before = await countDeclarations();
  const startedAt = new Date(Date.now() - 1000);

  // the statements of one creation (once the previous runs' last requests are done)
  await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  capture.arm();
  await gql(origin, CREATE_DECLARATION, { input: declarationInput(fixtures.writers[0].schoolId) }, tokens[0]);
  const statements = capture.disarm().map((q) => q.sql.replace(/\s+/g, ' ').trim());

  const requests: LoadRequest[] = fixtures.writers.map((writer, i) => ({
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
    body: JSON.stringify({
      query: CREATE_DECLARATION,
      variables: { input: declarationInput(writer.schoolId) },
    }),
  }));
  const floorRequests: LoadRequest[] = fixtures.writers.map((_, i) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ writer: i }),
  }));
  const connections = options.writeConnections;
  const apiRuns: Stats[] = [];
  const floorRuns: Stats[] = [];
  const apiCosts: RunCost[] = [];
  const floorCosts: RunCost[] = [];
  let profile: CpuProfileSummary | null = null;
  let profiledOk = 0;
  for (let run = 0; run < options.repeats; run++) {
    const { result: api, cost: apiCost } = await measureCost(
      pool,
      API_APPLICATION,
      () =>
        runLoad({
          url: `${origin}/graphql`,
          connections,
          durationSeconds: options.durationSeconds,
          requests,
          graphql: true,
        }),
      (stats) => stats.ok,
    );
    apiRuns.push(api);
    apiCosts.push(apiCost);
    if (options.profile && run === 0) {
      profile = await profileCpu(async () => {
        profiledOk = (
          await runLoad({
            url: `${origin}/graphql`,
            connections,
            durationSeconds: Math.min(2, options.durationSeconds),
            requests,
            graphql: true,
          })
        ).ok;
      });
    }
    const { result: floor, cost: floorCost } = await measureCost(
      pool,
      FLOOR_APPLICATION,
      () =>
        runLoad({
          url: `${floorOrigin}/floor/create-declaration`,
          connections,
          durationSeconds: options.durationSeconds,
          requests: floorRequests,
        }),
      (stats) => stats.ok,
    );
    floorRuns.push(floor);
    floorCosts.push(floorCost);
  }
  const api = medianStats(apiRuns);
  const floor = medianStats(floorRuns);
  const created = (await countDeclarations()) - before;
  const {
    rows: [{ n: missingEvents }],
  } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tool_declaration d
      WHERE d.school_id = ANY($1) AND d.created_at >= $2
        AND (SELECT count(*) FROM audit_event e WHERE e.entity_id = d.id AND e.action = 'CREATE') <> 1`,
    [schoolIds, startedAt],
  );
  const chainCheck = await verifyChains(pool, chains);
  return {
    connections,
    schools: chains.length,
    api,
    floor,
    apiRuns,
    floorRuns,
    apiCost: medianCost(apiCosts),
    floorCost: medianCost(floorCosts),
    statements,
    created,
    // the one creation whose statements were captured, then every good answer of the runs
    answered: 1 + api.ok + profiledOk + floor.ok,
    // a run stops with up to one request per connection in flight: done, but not counted
    inFlight: connections * (2 * options.repeats + (options.profile ? 1 : 0)),
    profile,
    missingEvents,
    chainCheck,
    verifyAuditTrail: null,
  };
}

/** One export first (it may start the render workers: reported apart), then `runs` timed ones. */
async function measureExports(
  origin: string,
  schoolId: string,
  token: string,
  runs: number,
): Promise<ExportResult> {
  const result: ExportResult = {
    firstMs: null,
    runsMs: [],
    byteSize: 0,
    pageCount: 0,
    error: null,
    school: null,
  };
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    try {
      const data = await gql<{ exportRegister: { byteSize: number; pageCount: number } }>(
        origin,
        EXPORT_REGISTER,
        { schoolId },
        token,
      );
      const elapsed = performance.now() - started;
      if (i === 0) result.firstMs = elapsed;
      else result.runsMs.push(elapsed);
      result.byteSize = data.exportRegister.byteSize;
      result.pageCount = data.exportRegister.pageCount;
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
      break;
    }
  }
  return result;
}

async function describeEnvironment(pool: Pool, options: BenchOptions): Promise<Environment> {
  const setting = async (name: string) =>
    (await pool.query(`SELECT current_setting($1) AS v`, [name])).rows[0].v;
  const cpu = cpus();
  let cpuModel = cpu[0]?.model ?? 'unknown';
  try {
    cpuModel = execSync("lscpu | sed -n 's/^Model name:\\s*//p'", { encoding: 'utf8' }).trim() || cpuModel;
  } catch {
    // lscpu is optional
  }
  return {
    date: new Date().toISOString(),
    command: options.command,
    nproc: cpu.length,
    cpuModel,
    memoryGb: totalmem() / 1024 ** 3,
    loadAverageStart: loadavg(),
    loadAverageEnd: [],
    node: process.version,
    postgres: (await pool.query('SELECT version() AS v')).rows[0].v,
    postgresSettings: {
      shared_buffers: await setting('shared_buffers'),
      work_mem: await setting('work_mem'),
      effective_cache_size: await setting('effective_cache_size'),
      jit: await setting('jit'),
      max_connections: await setting('max_connections'),
    },
    database: options.databaseDescription,
    databaseSize: (await pool.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS v`))
      .rows[0].v,
    dataset: await countDataset(pool),
    datasetEnd: {},
    seed: options.seed,
  };
}

// ---------------------------------------------------------------- command line

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(
      'npm run bench -- [--scale 1] [--seed N] [--skip-seed] [--force] [--duration 5] [--connections 1,8,32]\n' +
        '                 [--write-connections 16] [--export-runs 5] [--search évaluation] [--out BENCHMARKS.md]\n' +
        '                 [--no-pg] [--no-verify] [--no-profile] [--api-workers 2] [--repeats 3]\n' +
        '                 [--flame-graphs bench/profiles]',
    );
    return;
  }
  const number = (name: string, fallback: number) => {
    const raw = args.get(name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
    return value;
  };
  const connectionsRaw = args.get('connections');
  const readConnections =
    typeof connectionsRaw === 'string' ? connectionsRaw.split(',').map((x) => Number(x.trim())) : [1, 8, 32];
  if (readConnections.some((c) => !Number.isInteger(c) || c < 1))
    throw new Error('--connections: e.g. 1,8,32');
  const search = args.get('search');
  const out = args.get('out');
  const flameGraphs = args.get('flame-graphs');
  const database = await openDatabase();
  try {
    let seed: SeedSummary | null = null;
    if (!args.has('skip-seed')) {
      seed = await seedScale({ databaseUrl: database.url, ...seedCliOptions(args) });
    }
    await runBench({
      databaseUrl: database.url,
      databaseDescription: database.description,
      durationSeconds: number('duration', 5),
      readConnections,
      writeConnections: number('write-connections', 16),
      repeats: number('repeats', 3),
      exportRuns: number('export-runs', 5),
      search: typeof search === 'string' ? search : 'évaluation',
      pgAlone: !args.has('no-pg'),
      verifyAll: !args.has('no-verify'),
      profile: !args.has('no-profile'),
      flameGraphs: typeof flameGraphs === 'string' ? flameGraphs : 'bench/profiles',
      apiWorkers: number('api-workers', cpus().length),
      warmupSeconds: 1,
      command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
      seed,
      out: typeof out === 'string' ? out : 'BENCHMARKS.md',
    });
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}

/** The rows of the measured database (at the start and at the end: the end must be the same). */
async function countDataset(pool: Pool): Promise<Record<string, number>> {
  const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0].n;
  return {
    schools: await count(`SELECT count(*)::int AS n FROM school`),
    users: await count(`SELECT count(*)::int AS n FROM app_user`),
    heads: await count(`SELECT count(DISTINCT user_id)::int AS n FROM role_grant WHERE role = 'HEAD'`),
    teachers: await count(`SELECT count(DISTINCT user_id)::int AS n FROM role_grant WHERE role = 'TEACHER'`),
    toolDeclarations: await count(`SELECT count(*)::int AS n FROM tool_declaration`),
    submittedDeclarations: await count(
      `SELECT count(*)::int AS n FROM tool_declaration WHERE status = 'SUBMITTED'`,
    ),
    treatments: await count(`SELECT count(*)::int AS n FROM treatment`),
    treatmentsNotReviewed: await count(
      `SELECT count(*)::int AS n FROM treatment WHERE review_state = 'NOT_REVIEWED'`,
    ),
    violations: await count(`SELECT count(*)::int AS n FROM violation`),
    openViolations: await count(`SELECT count(*)::int AS n FROM violation WHERE status = 'OPEN'`),
    reviews: await count(`SELECT count(*)::int AS n FROM review`),
    auditEvents: await count(`SELECT count(*)::int AS n FROM audit_event`),
    exports: await count(`SELECT count(*)::int AS n FROM export_file`),
  };
}
