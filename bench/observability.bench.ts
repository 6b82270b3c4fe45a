import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import pino from 'pino';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/app.setup';
import { entities } from '../apps/api/src/entities';
import { loadEnvironment, toAppConfig } from '@app/core';
import { APPLICATION_NAME, runMigrations } from '@app/database';
import { migrations } from '../migrations';
import { measureCost, RunCost } from './cost';
import { benchDatabase as database } from './database';
import { seed } from './export.bench';
import { runLoad, Stats } from './load';
import { HEAD_REGISTER } from './operations';
import { benchCheckpointDir } from './checkpoints';

/**
 * The cost of the request logs and the metrics (issue 27): the head's register page (50 treatments
 * with their school and reviews) served by two applications of one process, one with LOG_REQUESTS
 * and METRICS on (a JSON line per request, written to /dev/null through pino's synchronous
 * destination as to a piped stdout; the histograms; /metrics scraped every second, far more often
 * than Prometheus does), one with both off. Rounds alternate on/off (ABBA), the main thread's CPU
 * per answer is read in /proc (bench/cost.ts), and the medians are compared.
 *
 *   npm run bench:observability
 *
 * DATABASE_URL set: a temporary database on that server; otherwise an embedded PostgreSQL.
 * BENCH_ROUNDS (pairs, default 3), BENCH_SECONDS (per round, default 6), BENCH_CONNECTIONS (4).
 */
const PAIRS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
/** Far more often than Prometheus (15–60 s): the scrapes' cost is counted generously. */
const SCRAPE_MS = 5000;
const JWT_SECRET = 'secret-du-banc-d-essai-registre-rgpd-0123456789';

interface Variant {
  name: 'on' | 'off';
  app: INestApplication;
  port: number;
}

async function start(databaseUrl: string, on: boolean): Promise<Variant> {
  const config = toAppConfig(
    loadEnvironment({
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      LOG_REQUESTS: String(on),
      METRICS: String(on),
      AUDIT_CHECKPOINT_DIR: benchCheckpointDir(),
    }),
    JWT_SECRET,
    randomBytes(48).toString('base64url'),
  );
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl, logger }), {
    logger: ['error', 'warn'],
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  return { name: on ? 'on' : 'off', app, port: (app.getHttpServer().address() as AddressInfo).port };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const db = await database();
  const variants: Variant[] = [];
  const pool = new Pool({ connectionString: db.url, max: 1 });
  try {
    await runMigrations({ url: db.url, entities, migrations });
    const { schoolId, headId } = await seed(db.url);
    variants.push(await start(db.url, true), await start(db.url, false));
    const token = jwt.sign({ sub: headId }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600 });
    const request = {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: HEAD_REGISTER, variables: { schoolId } }),
    };
    const ping = { headers: request.headers, body: JSON.stringify({ query: 'query Ping { __typename }' }) };
    type Result = { stats: Stats; cost: RunCost };
    const round = async (v: Variant, load: typeof request, seconds: number): Promise<Result> => {
      const scrape =
        v.name === 'on'
          ? setInterval(
              () => void fetch(`http://127.0.0.1:${v.port}/metrics`).then((r) => r.text()),
              SCRAPE_MS,
            )
          : undefined;
      try {
        const { result, cost } = await measureCost(
          pool,
          APPLICATION_NAME,
          () =>
            runLoad({
              url: `http://127.0.0.1:${v.port}/graphql`,
              connections: CONNECTIONS,
              durationSeconds: seconds,
              requests: [load],
              graphql: true,
            }),
          (stats) => stats.ok,
        );
        if (result.failed) throw new Error(`${result.failed} failed requests (${v.name})`);
        return { stats: result, cost };
      } finally {
        clearInterval(scrape);
      }
    };
    /** Alternating rounds (ABBA) of one request, after a warm-up round of each variant. */
    const compare = async (load: typeof request, pairs: number, seconds: number) => {
      for (const v of variants) await round(v, load, seconds);
      const results: Record<'on' | 'off', Result[]> = { on: [], off: [] };
      for (let i = 0; i < pairs; i++) {
        const order = i % 2 === 0 ? variants : [...variants].reverse();
        for (const v of order) results[v.name].push(await round(v, load, seconds));
      }
      return results;
    };
    const page = await compare(request, PAIRS, SECONDS);
    const cheap = await compare(ping, PAIRS + 2, 4);
    const cpu = (r: Record<'on' | 'off', Result[]>, name: 'on' | 'off') =>
      median(r[name].map((x) => x.cost.nodeMs));
    const each = (r: Result[]) => r.map((x) => x.cost.nodeMs.toFixed(3)).join(', ');
    const p50 = (name: 'on' | 'off') => median(page[name].map((r) => r.stats.median));
    const rps = (r: Record<'on' | 'off', Result[]>, name: 'on' | 'off') =>
      median(r[name].map((x) => x.stats.throughput));
    const pageOverhead = (cpu(page, 'on') - cpu(page, 'off')) / cpu(page, 'off');
    const perRequestMs = cpu(cheap, 'on') - cpu(cheap, 'off');
    const perRequestShare = perRequestMs / cpu(page, 'off');
    const lines = [
      `${CONNECTIONS} connections, ABBA rounds after a warm-up: the page ${PAIRS} rounds of ${SECONDS} s per variant, ` +
        `the ping ${PAIRS + 2} of 4 s; /metrics scraped every ${SCRAPE_MS / 1000} s with metrics on; ` +
        `${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at the end, ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| API main-thread CPU per answer (median of rounds) | logs + metrics on | off | on − off |',
      '|---|---|---|---|',
      `| head's register page (50 treatments) | ${cpu(page, 'on').toFixed(3)} ms | ${cpu(page, 'off').toFixed(3)} ms | ${(cpu(page, 'on') - cpu(page, 'off')).toFixed(3)} ms (${(pageOverhead * 100).toFixed(1)} %) |`,
      `| … each round | ${each(page.on)} | ${each(page.off)} | |`,
      `| \`query Ping { __typename }\` (the per-request machinery alone) | ${cpu(cheap, 'on').toFixed(3)} ms | ${cpu(cheap, 'off').toFixed(3)} ms | ${perRequestMs.toFixed(3)} ms |`,
      `| … each round | ${each(cheap.on)} | ${each(cheap.off)} | |`,
      `| page latency p50, throughput | ${p50('on').toFixed(1)} ms, ${rps(page, 'on').toFixed(0)}/s | ${p50('off').toFixed(1)} ms, ${rps(page, 'off').toFixed(0)}/s | |`,
      `| ping throughput | ${rps(cheap, 'on').toFixed(0)}/s | ${rps(cheap, 'off').toFixed(0)}/s | |`,
      '',
      `Cost of logging and metrics per request, measured on the ping: ${(perRequestMs * 1000).toFixed(0)} µs, ` +
        `${(perRequestShare * 100).toFixed(1)} % of a register page's CPU (target < 5 %: ${perRequestShare < 0.05 ? 'met' : 'NOT met'}); ` +
        `measured on the page itself (noisier: fewer, longer requests): ${(pageOverhead * 100).toFixed(1)} %.`,
    ];
    console.log(lines.join('\n'));
  } finally {
    for (const v of variants) await v.app.close();
    await pool.end();
    await db.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
