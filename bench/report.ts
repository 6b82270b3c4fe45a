import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { SeedSummary } from '../scripts/seed-scale';
import type { ChainCheck } from './audit-check';
import type { RunCost } from './cost';
import type { Stats } from './load';
import type { Fixtures, SchoolFixture } from './operations';
import type { CpuProfileSummary } from './profile';

export interface PlanSummary {
  sql: string;
  executionMs: number | null;
  plan: string;
}

export interface ReadResult {
  key: string;
  title: string;
  query: string;
  variables: Record<string, unknown>;
  comparison: { same: boolean; detail: string };
  /** the API folds some statements between concurrent requests, and the floor the same ones */
  shared: boolean;
  /** per level: the medians over the runs, and the runs themselves */
  measures: {
    connections: number;
    api: Stats;
    floor: Stats;
    pg: Stats | null;
    apiCost: RunCost;
    floorCost: RunCost;
    runs: { api: Stats; floor: Stats; pg: Stats | null; apiCost: RunCost; floorCost: RunCost }[];
  }[];
  apiStatements: PlanSummary[];
  floorPlan: PlanSummary;
  floorSql: string;
  profile: CpuProfileSummary | null;
}

/** The reads measured again against the API run as `workers` processes (API_WORKERS). */
export interface ClusterReads {
  workers: number;
  reads: { key: string; title: string; measures: { connections: number; api: Stats }[] }[];
}

export interface WriteResult {
  connections: number;
  schools: number;
  /** the medians over the runs */
  api: Stats;
  floor: Stats;
  apiRuns: Stats[];
  floorRuns: Stats[];
  apiCost: RunCost;
  floorCost: RunCost;
  statements: string[];
  created: number;
  /** good answers (every request counted as created) */
  answered: number;
  /** requests that may have been in flight when a run stopped: created, but never answered */
  inFlight: number;
  missingEvents: number;
  chainCheck: ChainCheck;
  verifyAuditTrail: { valid: boolean; checkedEvents: number; seconds: number } | null;
  profile: CpuProfileSummary | null;
}

export interface ExportResult {
  /** the first export after the API started (render workers may start then) */
  firstMs: number | null;
  runsMs: number[];
  byteSize: number;
  pageCount: number;
  error: string | null;
  school: SchoolFixture | null;
}

export interface Environment {
  date: string;
  command: string;
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  loadAverageStart: number[];
  loadAverageEnd: number[];
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  database: string;
  databaseSize: string;
  dataset: Record<string, number>;
  /** the same counts at the end: the bench writes on a copy, so they must not have changed */
  datasetEnd: Record<string, number>;
  seed: SeedSummary | null;
}

export interface BenchResults {
  environment: Environment;
  fixtures: Fixtures;
  options: {
    durationSeconds: number;
    readConnections: number[];
    writeConnections: number;
    exportRuns: number;
    repeats: number;
  };
  reads: ReadResult[];
  clusterReads: ClusterReads | null;
  write: WriteResult;
  exportResult: ExportResult;
  report: string;
}

export interface TargetLine {
  target: string;
  measured: string;
  met: boolean;
}

const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(1)) : '–');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? a / b : NaN);
const rx = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const mark = (met: boolean) => (met ? '**met**' : '**not met**');

/** Every answered creation is a row, and no row appeared that no request could explain. */
export function createdAsAnswered(w: WriteResult): boolean {
  return w.created >= w.answered && w.created <= w.answered + w.inFlight;
}

/** The issue's targets, evaluated on the measures (the highest read level stands for "32 clients"). */
export function evaluateTargets(results: BenchResults): TargetLine[] {
  const lines: TargetLine[] = [];
  const top = Math.max(...results.options.readConnections);
  const atTop = top === 32 ? '32 clients' : `${top} clients (the target says 32)`;
  const read = (key: string) => results.reads.find((r) => r.key === key);
  /** p95 at the top level, for the reads of one process or of API_WORKERS processes */
  const p95Line = (label: string, key: string, measures: { connections: number; api: Stats }[]) => {
    const m = measures.find((x) => x.connections === top);
    if (!m) return;
    const limit = key === 'dashboard' ? 100 : 50;
    lines.push({
      target: `${label}: p95 ≤ ${limit} ms at ${atTop}`,
      measured: `p95 ${ms(m.api.p95)} ms${m.api.failed ? `, ${m.api.failed} failures` : ''}`,
      met: m.api.p95 <= limit && m.api.failed === 0,
    });
  };
  /** API median over floor median at every level; `ok`: any other condition of the line */
  const ratioLine = (label: string, ratios: { c: number; x: number }[], ok = true) =>
    lines.push({
      target: `${label}: API median ≤ 3 × floor median (every level)`,
      measured: ratios.map((x) => `c=${x.c}: ${rx(x.x)}`).join(', '),
      met: ratios.length > 0 && ratios.every((x) => x.x <= 3) && ok,
    });
  for (const r of results.reads) p95Line(r.key, r.key, r.measures);
  for (const r of results.reads) {
    ratioLine(
      r.key,
      r.measures.map((m) => ({ c: m.connections, x: ratio(m.api.median, m.floor.median) })),
    );
  }
  const low = Math.min(...results.options.readConnections);
  const atLow = low === 1 ? '1 client' : `${low} clients (the target says 1)`;
  for (const r of results.reads) {
    const one = r.measures.find((m) => m.connections === low);
    if (!one?.pg) continue;
    const x = ratio(one.api.median, one.pg.median);
    lines.push({
      target: `${r.key}: API median ≤ 2.5 × pg median at ${atLow} (issue 28)`,
      measured: rx(x),
      met: x <= 2.5,
    });
  }
  for (const c of results.clusterReads?.reads ?? []) {
    const floor = read(c.key);
    if (!floor) continue;
    const label = `${c.key}, API_WORKERS=${results.clusterReads!.workers}`;
    p95Line(label, c.key, c.measures);
    const floorMedian = (connections: number) =>
      floor.measures.find((f) => f.connections === connections)?.floor.median ?? NaN;
    ratioLine(
      label,
      c.measures.map((x) => ({ c: x.connections, x: ratio(x.api.median, floorMedian(x.connections)) })),
      c.measures.every((x) => x.api.failed === 0),
    );
  }
  const first = read('dpd-page-1');
  const deep = read('dpd-page-deep');
  if (first && deep) {
    const ratios = deep.measures.map((m) => {
      const p1 = first.measures.find((x) => x.connections === m.connections);
      return { c: m.connections, x: ratio(m.api.median, p1?.api.median ?? NaN) };
    });
    lines.push({
      target: `DPD page ${results.fixtures.deepPage} median ≤ 1.5 × page 1 median (every level)`,
      measured: ratios.map((x) => `c=${x.c}: ${rx(x.x)}`).join(', '),
      met: ratios.every((x) => x.x <= 1.5),
    });
  }
  const w = results.write;
  const intact = w.chainCheck.valid && w.missingEvents === 0 && createdAsAnswered(w);
  lines.push({
    target: `createToolDeclaration ≥ 300/s at ${w.connections === 16 ? '16 clients' : `${w.connections} clients (the target says 16)`}, audit chain intact`,
    measured:
      `${w.api.throughput.toFixed(0)}/s, ${w.api.failed} failures; chains ${w.chainCheck.valid ? 'intact' : 'BROKEN'}, ` +
      `${w.created} rows for ${w.answered} answers, ${w.missingEvents} without exactly one CREATE event` +
      (w.verifyAuditTrail ? `; verifyAuditTrail ${w.verifyAuditTrail.valid ? 'valid' : 'INVALID'}` : ''),
    met: w.api.throughput >= 300 && w.api.failed === 0 && intact && (w.verifyAuditTrail?.valid ?? true),
  });
  const e = results.exportResult;
  const worst = e.runsMs.length ? Math.max(...e.runsMs) : NaN;
  lines.push({
    target: `CNIL_DOSSIER of ${e.school?.treatments ?? '?'} treatments and ${e.school?.violations ?? '?'} violations ≤ 1.5 s (slowest run)`,
    measured: e.error ? `failed: ${e.error.slice(0, 200)}` : `slowest ${ms(worst)} ms of ${e.runsMs.length}`,
    met: !e.error && e.runsMs.length > 0 && worst <= 1500,
  });
  return lines;
}

/** "12.3 (11.9–13.0)": the median of the runs, with the lowest and highest run */
export function withSpread(value: number, runs: readonly number[]): string {
  const finite = runs.filter(Number.isFinite);
  if (finite.length < 2) return ms(value);
  return `${ms(value)} (${ms(Math.min(...finite))}–${ms(Math.max(...finite))})`;
}

const runsOf = (runs: readonly Stats[]) => runs.map((r) => r.throughput.toFixed(0)).join(', ');

function sameDataset(env: Environment): boolean {
  return JSON.stringify(env.dataset) === JSON.stringify(env.datasetEnd);
}

function statsRow(label: string, s: Stats | null): string[] {
  if (!s) return [label, '–', '–', '–', '–'];
  return [label, ms(s.median), ms(s.p95), s.throughput.toFixed(0), String(s.failed)];
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function profileSection(title: string, profile: CpuProfileSummary | null): string[] {
  if (!profile) return [];
  return [
    `<details><summary>${title} (${profile.samples} samples of the main thread)</summary>`,
    '',
    table(
      ['package', 'self time'],
      profile.packages.map((p) => [p.name.replace(/\|/g, '\\|'), pct(p.share)]),
    ),
    '',
    table(
      ['function', 'self time'],
      profile.functions.map((f) => [`\`${f.name.replace(/\|/g, '\\|')}\``, pct(f.share)]),
    ),
    '',
    '</details>',
    '',
  ];
}

/**
 * CPU per good answer (main thread of the API or floor, and PostgreSQL backends), and what it allows
 * on this machine: the main thread serves at most 1000 / node answers per second, all cores at most
 * nproc × 1000 / (node + pg); a closed loop of c clients then waits at least c / capacity (Little's law).
 */
export function capacity(cost: RunCost, nproc: number): number {
  const single = 1000 / cost.nodeMs;
  if (cost.pgMs === null) return single;
  return Math.min(single, (nproc * 1000) / (cost.nodeMs + cost.pgMs));
}

function costTable(measures: ReadResult['measures'], nproc: number): string[] {
  const cell = (x: number | null) => (x === null || !Number.isFinite(x) ? '–' : ms(x));
  return [
    'CPU per answer (ms) and the capacity it leaves on this machine:',
    '',
    table(
      [
        'clients',
        'API: Node',
        'API: PostgreSQL',
        'floor: Node',
        'floor: PostgreSQL',
        `API capacity on ${nproc} cores (/s)`,
        'least API median it allows (ms)',
      ],
      measures.map((m) => {
        const cap = capacity(m.apiCost, nproc);
        return [
          String(m.connections),
          cell(m.apiCost.nodeMs),
          cell(m.apiCost.pgMs),
          cell(m.floorCost.nodeMs),
          cell(m.floorCost.pgMs),
          Number.isFinite(cap) ? cap.toFixed(0) : '–',
          Number.isFinite(cap) ? ms((1000 * m.connections) / cap) : '–',
        ];
      }),
    ),
    '',
  ];
}

const short = (sql: string, max = 160) =>
  (sql.length > max ? `${sql.slice(0, max)}…` : sql).replace(/\|/g, '\\|');

function clusterSection(results: BenchResults): string[] {
  const cluster = results.clusterReads;
  if (!cluster) return [];
  const out = [
    `## Reads with API_WORKERS=${cluster.workers}: the API as ${cluster.workers} processes on one port`,
    '',
    `The same reads, levels and durations, against the API started as \`API_WORKERS=${cluster.workers} ` +
      'npm start` runs it (apps/api/src/main.ts: a primary and its workers, a child process of the ' +
      "bench); the floor is the one measured above in this run, in the bench's process.",
    '',
  ];
  for (const c of cluster.reads) {
    const floor = results.reads.find((r) => r.key === c.key);
    out.push(`### ${c.title}`);
    out.push('');
    out.push(
      table(
        [
          'clients',
          'API median',
          'API p95',
          'API /s',
          'floor median',
          'API / floor',
          'one process: API median',
          'failures',
        ],
        c.measures.map((m) => {
          const f = floor?.measures.find((x) => x.connections === m.connections);
          return [
            String(m.connections),
            ms(m.api.median),
            ms(m.api.p95),
            m.api.throughput.toFixed(0),
            f ? ms(f.floor.median) : '–',
            rx(ratio(m.api.median, f?.floor.median ?? NaN)),
            f ? ms(f.api.median) : '–',
            String(m.api.failed),
          ];
        }),
      ),
    );
    out.push('');
  }
  return out;
}

export const ANALYSIS_START = '<!-- analysis:start (kept when the bench rewrites this file) -->';
export const ANALYSIS_END = '<!-- analysis:end -->';

export function renderReport(results: BenchResults): string {
  const { environment: env, fixtures, options, reads, write, exportResult } = results;
  const targets = evaluateTargets(results);
  const out: string[] = [];
  out.push('# Benchmarks');
  out.push('');
  out.push(
    `Generated by \`npm run bench\` (bench/bench.ts) on ${env.date}. Command: \`${env.command}\`. ` +
      'The analysis section at the end is written by hand and kept when the bench rewrites this file.',
  );
  out.push('');
  out.push('## Targets (issues 8 and 28)');
  out.push('');
  out.push(
    table(
      ['target', 'measured', 'result'],
      targets.map((t) => [t.target, t.measured, mark(t.met)]),
    ),
  );
  out.push('');
  out.push('## Machine, database and dataset');
  out.push('');
  out.push(
    `- Machine: ${env.nproc} CPUs (\`nproc\`), ${env.cpuModel}, ${env.memoryGb.toFixed(1)} GiB of memory.`,
  );
  out.push(
    `- Load average (1, 5, 15 min) at start ${env.loadAverageStart.map((x) => x.toFixed(2)).join(', ')}, ` +
      `at end ${env.loadAverageEnd.map((x) => x.toFixed(2)).join(', ')} (the machine is shared: other processes count).`,
  );
  out.push(`- Node ${env.node}; ${env.postgres}.`);
  out.push(
    `- PostgreSQL settings: ${Object.entries(env.postgresSettings)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ')}.`,
  );
  out.push(`- Database: ${env.database}, ${env.databaseSize}; PostgreSQL runs on the same machine.`);
  out.push(
    `- API: AppModule.forRoot in the bench's process (NODE_ENV=production, TypeORM pool of 20); ` +
      `floor: a bare node:http handler in the same process with a pg Pool of 20; load: autocannon ` +
      `in a child process of its own, ${options.durationSeconds} s per measure after a warm-up. Each cell is ` +
      `measured ${options.repeats} times (API, floor and pg in turn); the tables give the median of the runs, ` +
      `with the lowest and highest run in brackets.`,
  );
  out.push(
    `- The writes, the trail's verification and the exports run on a copy of the database ` +
      `(CREATE DATABASE … TEMPLATE, dropped at the end): the measured database ends as it started ` +
      `(${sameDataset(env) ? 'its row counts at the end are those of the start' : `**its row counts changed**: ${JSON.stringify(env.datasetEnd)}`}).`,
  );
  out.push('');
  out.push(
    table(
      ['dataset (at the start of the run)', 'rows'],
      Object.entries(env.dataset).map(([k, v]) => [k, String(v)]),
    ),
  );
  out.push('');
  if (env.seed) {
    out.push(
      `Seeded in this run by \`seed:scale\` (scale ${env.seed.scale}, seed ${env.seed.seed}, anchor ${env.seed.anchor}) ` +
        `in ${(env.seed.totalMs / 1000).toFixed(1)} s:`,
    );
    out.push('');
    out.push(
      table(
        ['step', 'seconds'],
        env.seed.timings.map((t) => [t.step.trim(), (t.ms / 1000).toFixed(1)]),
      ),
    );
    out.push('');
  }
  out.push(
    `Measured on: register of **${fixtures.registerSchool.name}** (UAI ${fixtures.registerSchool.uai}, ` +
      `${fixtures.registerSchool.treatments} treatments); DPD search **"${fixtures.search}"**, ` +
      `${fixtures.dpdMatches} NOT_REVIEWED matches in ${fixtures.academyName}, deep page ${fixtures.deepPage}; ` +
      `CNIL_DOSSIER of **${fixtures.exportSchool.name}** (${fixtures.exportSchool.treatments} treatments, ` +
      `${fixtures.exportSchool.violations} violations, ${fixtures.exportSchool.declarations} declarations); ` +
      `${fixtures.writers.length} teachers of ${fixtures.writers.length} schools declare tools.`,
  );
  out.push('');
  out.push('## Reads: API beside the SQL it runs');
  out.push('');
  out.push(
    'Latencies in ms (median, p95) as the client sees them, throughput in answers per second. ' +
      '**floor** = exactly the statements the API sent for one request of the read (captured), replayed ' +
      'in order with their parameters on one connection through `pg`, their rows the answer, served by a ' +
      'bare HTTP handler and measured the same way; **pg** = the same replay alone, no HTTP (a closed loop ' +
      'of the same number of callers on the pool). Both sides count (or do not count) alike, and fold ' +
      'alike what the API folds. The ratios, medians over medians, are the cost of the API itself: ' +
      'GraphQL, NestJS, TypeORM and its objects, the JSON. The read in one hand-written statement is ' +
      'kept to check the rows the API answers, with its plan.',
  );
  out.push('');
  for (const r of reads) {
    out.push(`### ${r.title}`);
    out.push('');
    out.push(
      `Same rows as the read in one statement: ${r.comparison.same ? 'yes' : '**NO**'} (${r.comparison.detail.slice(0, 300)}).` +
        (r.shared
          ? ' The API folds the counts of concurrent requests into one statement (DashboardService.sharedCounts); the floor and pg fold the same statement the same way.'
          : ''),
    );
    out.push('');
    out.push(
      table(
        [
          'clients',
          'API median',
          'API p95',
          'API /s',
          'floor median',
          'floor p95',
          'pg median',
          'pg p95',
          'API / floor',
          'API / pg',
          'failures',
        ],
        r.measures.map((m) => [
          String(m.connections),
          withSpread(
            m.api.median,
            m.runs.map((x) => x.api.median),
          ),
          ms(m.api.p95),
          m.api.throughput.toFixed(0),
          withSpread(
            m.floor.median,
            m.runs.map((x) => x.floor.median),
          ),
          ms(m.floor.p95),
          m.pg
            ? withSpread(
                m.pg.median,
                m.runs.map((x) => x.pg?.median ?? NaN),
              )
            : '–',
          m.pg ? ms(m.pg.p95) : '–',
          rx(ratio(m.api.median, m.floor.median)),
          m.pg ? rx(ratio(m.api.median, m.pg.median)) : '–',
          `${m.api.failed}/${m.floor.failed}`,
        ]),
      ),
    );
    out.push('');
    out.push(...costTable(r.measures, env.nproc));
    const selects = r.apiStatements.filter((s) => s.executionMs !== null);
    const total = selects.reduce((sum, s) => sum + (s.executionMs ?? 0), 0);
    out.push(
      `The API sent ${r.apiStatements.length} SQL statements for one request, which the floor replays ` +
        `(EXPLAIN ANALYZE, alone: ${ms(total)} ms in all); the read in one statement: ${ms(r.floorPlan.executionMs ?? NaN)} ms.`,
    );
    out.push('');
    out.push(
      table(
        ['#', 'API statement', 'execution (ms)'],
        r.apiStatements.map((s, i) => [
          String(i + 1),
          `\`${short(s.sql)}\``,
          s.executionMs === null ? '–' : ms(s.executionMs),
        ]),
      ),
    );
    out.push('');
    out.push('<details><summary>Query plans (EXPLAIN (ANALYZE, BUFFERS))</summary>');
    out.push('');
    for (const [i, s] of r.apiStatements.entries()) {
      if (!s.plan) continue;
      out.push(`API statement ${i + 1}: \`${short(s.sql, 600)}\``);
      out.push('');
      out.push('```');
      out.push(s.plan);
      out.push('```');
      out.push('');
    }
    out.push('The read in one statement:');
    out.push('');
    out.push('```sql');
    out.push(r.floorSql.replace(/^ {4}/gm, ''));
    out.push('```');
    out.push('');
    out.push('```');
    out.push(r.floorPlan.plan);
    out.push('```');
    out.push('');
    out.push('</details>');
    out.push('');
    out.push(...profileSection('CPU profile of the API process during 2 s at 8 clients', r.profile));
  }
  out.push(...clusterSection(results));
  out.push(`## createToolDeclaration (${write.connections} clients, each a teacher of another school)`);
  out.push('');
  out.push(
    table(
      ['', 'median', 'p95', 'per second', 'per second, each run', 'failures'],
      [
        [...statsRow('API', write.api).slice(0, 4), runsOf(write.apiRuns), String(write.api.failed)],
        [
          ...statsRow('floor (INSERT + chained audit event, one transaction)', write.floor).slice(0, 4),
          runsOf(write.floorRuns),
          String(write.floor.failed),
        ],
      ],
    ),
  );
  out.push('');
  out.push(`Medians of ${write.apiRuns.length} runs, API and floor in turn, on the copy of the database.`);
  out.push('');
  {
    const cap = capacity(write.apiCost, env.nproc);
    out.push(
      `CPU per answer: API ${ms(write.apiCost.nodeMs)} ms of Node and ${write.apiCost.pgMs === null ? '–' : ms(write.apiCost.pgMs)} ms ` +
        `of PostgreSQL, so at most ${Number.isFinite(cap) ? cap.toFixed(0) : '–'} creations per second on ${env.nproc} cores; ` +
        `floor ${ms(write.floorCost.nodeMs)} ms of Node and ${write.floorCost.pgMs === null ? '–' : ms(write.floorCost.pgMs)} ms of PostgreSQL.`,
    );
    out.push('');
  }
  out.push(
    `Audit: ${write.created} declarations created for ${write.answered} good answers (all runs and one captured ` +
      `request; up to ${write.inFlight} more were in flight when the runs stopped); ${write.missingEvents} without exactly one CREATE event; the ${write.chainCheck.chains} ` +
      `touched chains recomputed (${write.chainCheck.events} events): ${write.chainCheck.valid ? 'intact' : `BROKEN at ${write.chainCheck.firstBrokenEventId}`}.` +
      (write.verifyAuditTrail
        ? ` verifyAuditTrail (the whole académie, as the DPD): ${write.verifyAuditTrail.valid ? 'valid' : 'INVALID'}, ` +
          `${write.verifyAuditTrail.checkedEvents} events in ${write.verifyAuditTrail.seconds.toFixed(1)} s.`
        : ''),
  );
  out.push('');
  out.push(`The API's statements for one creation (${write.statements.length}):`);
  out.push('');
  out.push(
    table(
      ['#', 'statement'],
      write.statements.map((s, i) => [String(i + 1), `\`${short(s)}\``]),
    ),
  );
  out.push('');
  out.push(
    ...profileSection(
      `CPU profile of the API process during 2 s at ${write.connections} clients`,
      write.profile,
    ),
  );
  out.push('## CNIL_DOSSIER export');
  out.push('');
  if (exportResult.error) {
    out.push(`Failed: \`${exportResult.error.slice(0, 500)}\``);
  } else {
    const sorted = [...exportResult.runsMs].sort((a, b) => a - b);
    out.push(
      `First export after the API started (not counted: the render workers may start then): ` +
        `${ms(exportResult.firstMs ?? NaN)} ms. Then ${exportResult.runsMs.length} runs one after the other ` +
        `(head of ${exportResult.school?.name}): ` +
        `${exportResult.runsMs.map((x) => `${ms(x)} ms`).join(', ')}; median ${ms(sorted[Math.floor((sorted.length - 1) / 2)])} ms, ` +
        `slowest ${ms(sorted[sorted.length - 1])} ms; ${exportResult.pageCount} pages, ${exportResult.byteSize} bytes.`,
    );
  }
  out.push('');
  out.push('## Analysis');
  out.push('');
  out.push(ANALYSIS_START);
  out.push('');
  out.push('_No analysis written yet._');
  out.push('');
  out.push(ANALYSIS_END);
  out.push('');
  return out.join('\n');
}

/** Writes the report, keeping the hand-written analysis of the file it replaces. */
export async function writeReport(path: string, report: string): Promise<void> {
  let text = report;
  if (existsSync(path)) {
    const previous = await readFile(path, 'utf8');
    const start = previous.indexOf(ANALYSIS_START);
    const end = previous.indexOf(ANALYSIS_END);
    if (start >= 0 && end > start) {
      const kept = previous.slice(start, end + ANALYSIS_END.length);
      const from = text.indexOf(ANALYSIS_START);
      const to = text.indexOf(ANALYSIS_END) + ANALYSIS_END.length;
      text = text.slice(0, from) + kept + text.slice(to);
    }
  }
  await writeFile(path, text);
}
