import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { entities } from '../apps/api/src/entities';
import { APP_CONFIG, AppConfig, uaiFor } from '@app/core';
import { runMigrations } from '@app/database';
import { migrations } from '../migrations';
import { RunningApi, SqlCapture, startApi } from './api';
import { benchDatabase } from './database';
import { percentile, runLoad, Stats } from './load';

/**
 * The large-query attack of the outside security test (issue "Hardening II", item 1): unauthenticated
 * clients sending ~960 KB queries, two a second each. Measured in one run, on one API process:
 * - the server time to refuse one such query, and a 7 KB one, alone (median of sequential requests);
 * - the p95 of a legitimate read (`{ me { id displayName } }`, authenticated) quiet, then under the
 *   attack; the target is p95 under attack ≤ 2 × p95 quiet.
 *
 *   npm run bench:attack          (BENCH_SECONDS, BENCH_ATTACKERS, BENCH_ATTACK_RATE tune it)
 *
 * DATABASE_URL set: a temporary database on that server; otherwise an embedded PostgreSQL.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ATTACKERS = Number(process.env.BENCH_ATTACKERS ?? 4);
/** requests per second per attacker, sent at a fixed rate whatever the answers (an open loop) */
const ATTACK_RATE = Number(process.env.BENCH_ATTACK_RATE ?? 2);
const READ_CONNECTIONS = 2;

/** `{ a0: me { id } a1: me { id } … }` of about `bytes` bytes: valid GraphQL, far too many tokens */
function aliasedQuery(bytes: number): string {
  const parts: string[] = [];
  let size = 4;
  for (let i = 0; size < bytes; i += 1) {
    const part = `a${i}: me { id }`;
    parts.push(part);
    size += part.length + 1;
  }
  return `{ ${parts.join(' ')} }`;
}

async function seedHead(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) =>
      (await client.query<{ id: string }>(sql, params)).rows[0];
    const academy = await one(
      `INSERT INTO academy (code, name, dpo_name, dpo_email)
       VALUES ('ATTACK', 'Académie du banc d''essai', 'Hélène Délégué', 'dpd@ac-bench.fr') RETURNING id`,
    );
    const school = await one(
      `INSERT INTO school (academy_id, uai, name, kind, city)
       VALUES ($1, $2, 'Collège Françoise-Dolto', 'COLLEGE', 'Montpellier') RETURNING id`,
      [academy.id, uaiFor(310024)],
    );
    const head = await one(
      `INSERT INTO app_user (academy_id, email, display_name, password_hash)
       VALUES ($1, 'principal@ac-bench.fr', 'Jérôme Cœurderoy', 'x') RETURNING id`,
      [academy.id],
    );
    await client.query(`INSERT INTO role_grant (user_id, role, school_id) VALUES ($1, 'HEAD', $2)`, [
      head.id,
      school.id,
    ]);
    return head.id;
  } finally {
    await client.end();
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const db = await benchDatabase();
  let api: RunningApi | undefined;
  try {
    await runMigrations({ url: db.url, entities, migrations });
    const headId = await seedHead(db.url);
    // the bench's API, as the other benches start it (bench/api.ts)
    api = await startApi(db.url, new SqlCapture());
    const jwtSecret = api.app.get<AppConfig>(APP_CONFIG).jwtSecret;
    const url = `${api.origin}/graphql`;
    const token = jwt.sign({ sub: headId }, jwtSecret, { algorithm: 'HS256', expiresIn: 3600 });

    const bigBody = JSON.stringify({ query: aliasedQuery(960 * 1024) });
    const smallBody = JSON.stringify({ query: aliasedQuery(7 * 1024) });
    /** one unauthenticated attack request; its time, and the code it was refused with */
    const attack = async (body: string) => {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      return {
        ms: performance.now() - started,
        code: answer.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`,
      };
    };
    const refusalTimes = async (body: string, n: number) => {
      const times: number[] = [];
      const codes = new Set<string>();
      for (let i = 0; i < n; i += 1) {
        const { ms: time, code } = await attack(body);
        times.push(time);
        codes.add(code);
      }
      return {
        median: percentile(
          [...times].sort((a, b) => a - b),
          50,
        ),
        codes: [...codes],
      };
    };
    const legitimate = (seconds = SECONDS): Promise<Stats> =>
      runLoad({
        url,
        connections: READ_CONNECTIONS,
        durationSeconds: seconds,
        graphql: true,
        requests: [
          {
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: '{ me { id displayName } }' }),
          },
        ],
      });

    // warm-up: JIT, the pool, the parser
    await refusalTimes(bigBody, 5);
    await refusalTimes(smallBody, 5);
    await legitimate(1);

    const big = await refusalTimes(bigBody, 20);
    const small = await refusalTimes(smallBody, 20);
    const quiet = await legitimate();

    // the attack: each attacker sends one big query every 1 / ATTACK_RATE s, answered or not
    let stop = false;
    let sent = 0;
    const refused = new Map<string, number>();
    const pending: Promise<void>[] = [];
    const attackers = Array.from({ length: ATTACKERS }, async (_, a) => {
      await new Promise((resolve) => setTimeout(resolve, (a * 1000) / ATTACK_RATE / ATTACKERS));
      while (!stop) {
        sent += 1;
        pending.push(
          attack(bigBody).then(
            ({ code }) => void refused.set(code, (refused.get(code) ?? 0) + 1),
            () => void refused.set('connection error', (refused.get('connection error') ?? 0) + 1),
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 1000 / ATTACK_RATE));
      }
    });
    const underAttack = await legitimate();
    stop = true;
    await Promise.all(attackers);
    await Promise.all(pending);

    const ratio = underAttack.p95 / quiet.p95;
    const lines = [
      '',
      '## Large-query attack',
      '',
      `One API process (bench/api.ts: production mode, no request log lines), ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}; Node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg()[0].toFixed(1)}. Legitimate read: \`{ me { id displayName } }\` with a head's token, ${READ_CONNECTIONS} connections in closed loops for ${SECONDS} s. Attack: ${ATTACKERS} unauthenticated clients, each sending a ${(bigBody.length / 1024).toFixed(0)} KB query ${ATTACK_RATE} times a second.`,
      '',
      '| measure | value |',
      '|---|---|',
      `| refusing one ${(bigBody.length / 1024).toFixed(0)} KB query, alone (median of 20) | ${ms(big.median)} (${big.codes.join(', ')}) |`,
      `| refusing one ${(smallBody.length / 1024).toFixed(0)} KB query, alone (median of 20) | ${ms(small.median)} (${small.codes.join(', ')}) |`,
      `| legitimate read, quiet: p50 / p95 (${quiet.ok} answers, ${quiet.failed} failed) | ${ms(quiet.median)} / ${ms(quiet.p95)} |`,
      `| legitimate read, under attack: p50 / p95 (${underAttack.ok} answers, ${underAttack.failed} failed) | ${ms(underAttack.median)} / ${ms(underAttack.p95)} |`,
      `| attack requests sent / answered | ${sent} / ${[...refused.entries()].map(([code, n]) => `${n} ${code}`).join(', ')} |`,
      `| **p95 under attack / p95 quiet** (target ≤ 2×) | **${ratio.toFixed(2)}×** ${ratio <= 2 ? 'met' : 'NOT met'} |`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await api?.close();
    await db.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
