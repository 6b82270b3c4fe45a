import './production-mode';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { Pool } from 'pg';
import { APPLICATION_NAME } from '@app/database';
import { login } from './api';
import { RunningCluster, startCluster } from './cluster';
import { measureCost, RunCost } from './cost';
import { median, runLoad, Stats } from './load';
import {
  DASHBOARD,
  discoverFixtures,
  DPD_DECLARATIONS,
  DPD_PAGE,
  HEAD_REGISTER,
  withoutTotalCount,
} from './operations';
import { withSpread } from './report';
import { parseArgs, SEED_PASSWORD } from '../scripts/seed-scale';

/**
 * `npm run bench:levers -- --builds ../before/dist,dist`: the API's own cost per answer, two or more
 * builds of it compared in one run (issue 28: "measure each lever before adopting it, in the same
 * run"). Each build is started as `npm start` runs it (one process, production mode) on the seeded
 * database of DATABASE_URL, in turn, `--rounds` times (the order reversed every other round, so that
 * a slow spell of the machine falls on every build), and each read is driven at one client by the
 * load generator (a process of its own) for `--duration` seconds. What is reported per read and
 * build: the API process's main-thread CPU per answer (read in /proc), PostgreSQL's, and the median
 * latency; the median of the rounds with the lowest and highest.
 *
 *   DATABASE_URL=… npm run bench:levers -- --builds a/dist,b/dist [--labels before,after]
 *                                          [--rounds 3] [--duration 4] [--search évaluation]
 */

interface Read {
  key: string;
  query: string;
  variables: Record<string, unknown>;
  as: 'head' | 'dpd';
}

interface Cell {
  cost: RunCost;
  stats: Stats;
}

const spread = (values: number[]) => withSpread(median(values), values);

async function measureBuild(
  pool: Pool,
  databaseUrl: string,
  build: string,
  reads: Read[],
  emails: { head: string; dpd: string },
  durationSeconds: number,
): Promise<Map<string, Cell>> {
  const api: RunningCluster = await startCluster(databaseUrl, 1, build);
  try {
    const tokens = {
      head: await login(api.origin, emails.head, SEED_PASSWORD),
      dpd: await login(api.origin, emails.dpd, SEED_PASSWORD),
    };
    const cells = new Map<string, Cell>();
    for (const read of reads) {
      const load = (seconds: number) =>
        runLoad({
          url: `${api.origin}/graphql`,
          connections: 1,
          durationSeconds: seconds,
          requests: [
            {
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[read.as]}` },
              body: JSON.stringify({ query: read.query, variables: read.variables }),
            },
          ],
          graphql: true,
        });
      await load(1); // warm-up: the JIT and the pool
      const { result: stats, cost } = await measureCost(
        pool,
        APPLICATION_NAME,
        () => load(durationSeconds),
        (s) => s.ok,
        api.pid,
      );
      if (stats.failed > 0)
        throw new Error(`bench:levers: ${read.key} failed ${stats.failed} times on ${build}`);
      cells.set(read.key, { cost, stats });
    }
    return cells;
  } finally {
    await api.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const option = (name: string) => {
    const value = args.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const databaseUrl = process.env.DATABASE_URL;
  const builds = (option('builds') ?? '').split(',').filter(Boolean);
  if (!databaseUrl || builds.length < 1) {
    console.log(
      'DATABASE_URL=… npm run bench:levers -- --builds a/dist,b/dist [--labels before,after] [--rounds 3]\n' +
        '                                       [--duration 4] [--search évaluation]',
    );
    process.exitCode = 1;
    return;
  }
  const labels = (option('labels') ?? builds.join(',')).split(',');
  if (labels.length !== builds.length) throw new Error('bench:levers: one label per build');
  const rounds = Number(option('rounds') ?? 3);
  const durationSeconds = Number(option('duration') ?? 4);
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const fixtures = await discoverFixtures(pool, option('search') ?? 'évaluation', 1);
    const reads: Read[] = [
      {
        key: 'head register (50, with totalCount)',
        query: HEAD_REGISTER,
        variables: { schoolId: fixtures.registerSchool.id },
        as: 'head',
      },
      {
        key: 'head register without totalCount',
        query: withoutTotalCount(HEAD_REGISTER),
        variables: { schoolId: fixtures.registerSchool.id },
        as: 'head',
      },
      {
        key: 'DPD page 1 without totalCount',
        query: withoutTotalCount(DPD_PAGE),
        variables: { search: fixtures.search, after: null },
        as: 'dpd',
      },
      {
        key: 'declarations queue without totalCount',
        query: withoutTotalCount(DPD_DECLARATIONS),
        variables: {},
        as: 'dpd',
      },
      { key: 'dashboard', query: DASHBOARD, variables: {}, as: 'dpd' },
    ];
    const emails = { head: fixtures.registerHeadEmail, dpd: fixtures.dpdEmail };
    const loadAtStart = loadavg()[0];
    const results = builds.map(() => [] as Map<string, Cell>[]);
    for (let round = 0; round < rounds; round++) {
      const order = builds.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) {
        console.error(`bench:levers: round ${round + 1}/${rounds}, ${labels[i]}`);
        results[i].push(
          await measureBuild(pool, databaseUrl, resolve(builds[i]), reads, emails, durationSeconds),
        );
      }
    }
    const lines = [
      `Node CPU per answer, PostgreSQL CPU per answer and median latency (ms) at 1 client; median of ${rounds} rounds (lowest–highest), ${durationSeconds} s each; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end.`,
      '',
      `| read | ${labels.map((l) => `${l}: Node | ${l}: PostgreSQL | ${l}: median`).join(' | ')} |`,
      `|---|${labels.map(() => '---|---|---').join('|')}|`,
      ...reads.map((read) => {
        const cells = results.map((runs) => {
          const of = runs.map((r) => r.get(read.key)!);
          return [
            spread(of.map((c) => c.cost.nodeMs)),
            spread(of.map((c) => c.cost.pgMs ?? NaN)),
            spread(of.map((c) => c.stats.median)),
          ].join(' | ');
        });
        return `| ${read.key} | ${cells.join(' | ')} |`;
      }),
    ];
    console.log(lines.join('\n'));
  } finally {
    await pool.end();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
