import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { AppModule } from '../apps/api/src/app.module';
import { AlertChain } from '../apps/api/src/notifications/alert-chain.service';
import { configureApp } from '../apps/api/src/app.setup';
import { entities } from '../apps/api/src/entities';
import { loadEnvironment, toAppConfig, uaiFor } from '@app/core';
import { runMigrations } from '@app/database';
import { migrations } from '../migrations';
import { benchDatabase as database } from './database';
import { benchCheckpointDir } from './checkpoints';

/**
 * Mail bench: BENCH_BREACHES (1,000) breaches recorded through the API, each told to 4 addresses
 * (the head, dpoEmail, rssiEmail, hierarchyEmail), delivered by the API's pg-boss workers to a local
 * SMTP server (npm smtp-server). Reports the recording rate, the delivery throughput (mails a second,
 * from the first breach to the last mail) and the p95 of a register read (`violations`, first 20)
 * alone, then while the mails go out.
 *
 *   npm run bench:mail
 *
 * DATABASE_URL set: a temporary database on that server, dropped at the end; otherwise an embedded
 * PostgreSQL in a temporary folder. BENCH_BREACHES, BENCH_RECORDERS, MAIL_CONCURRENCY tune the run.
 */
const BREACHES = Number(process.env.BENCH_BREACHES ?? 1000);
const RECORDERS = Number(process.env.BENCH_RECORDERS ?? 4);
const READERS = 2;
const JWT_SECRET = 'secret-du-banc-d-essai-registre-rgpd-0123456789';
const READ = `query { violations(first: 20) { nodes { id reference risk cnilDeadline } } }`;
const RECORD = `mutation ($input: ViolationInput!) { recordViolation(input: $input) { id } }`;

async function seed(url: string): Promise<{ schoolId: string; headId: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [academy] = (
      await client.query(
        `INSERT INTO academy (code, name, dpo_email, rssi_email, hierarchy_email)
         VALUES ('BENCH', 'Académie du banc', 'dpd@ac-bench.fr', 'rssi@ac-bench.fr', 'dsden@ac-bench.fr') RETURNING id`,
      )
    ).rows;
    const [school] = (
      await client.query(
        `INSERT INTO school (academy_id, uai, name, kind) VALUES ($1, $2, 'Collège du banc', 'COLLEGE') RETURNING id`,
        [academy.id, uaiFor(310024)],
      )
    ).rows;
    const [head] = (
      await client.query(
        `INSERT INTO app_user (academy_id, email, display_name, password_hash, active)
         VALUES ($1, 'principal@ac-bench.fr', 'Principal', '!', true) RETURNING id`,
        [academy.id],
      )
    ).rows;
    await client.query(`INSERT INTO role_grant (user_id, role, school_id) VALUES ($1, 'HEAD', $2)`, [
      head.id,
      school.id,
    ]);
    return { schoolId: school.id, headId: head.id };
  } finally {
    await client.end();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onData: (stream, _session, callback) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((ready) => smtp.listen(0, '127.0.0.1', () => ready()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const db = await database();
  let app: INestApplication | undefined;
  try {
    await runMigrations({ url: db.url, entities, migrations });
    const { schoolId, headId } = await seed(db.url);
    const config = toAppConfig(
      loadEnvironment({
        NODE_ENV: 'production',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        SCHEDULER_INTERVAL_SECONDS: '0',
        AUDIT_CHECKPOINT_DIR: benchCheckpointDir(),
        ...(process.env.MAIL_CONCURRENCY ? { MAIL_CONCURRENCY: process.env.MAIL_CONCURRENCY } : {}),
      }),
      JWT_SECRET,
      randomBytes(48).toString('base64url'),
    );
    app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: db.url }), {
      logger: ['error', 'warn'],
    });
    configureApp(app, config);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const token = jwt.sign({ sub: headId }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600 });
    const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<void> => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    };
    const timedReads = async (until: () => boolean, atMost: number): Promise<number[]> => {
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: READERS }, async () => {
          while (!until() && latencies.length < atMost) {
            const started = performance.now();
            await gql(READ);
            latencies.push(performance.now() - started);
          }
        }),
      );
      return latencies;
    };

    // a few breaches to read, and a warm-up; then reads alone
    for (let i = 0; i < 20; i++) await gql(READ);
    const alone = await timedReads(() => false, 400);

    const expected = BREACHES * 4;
    const started = performance.now();
    let recorded = 0;
    let recordedAt = 0;
    const recording = Promise.all(
      Array.from({ length: RECORDERS }, async () => {
        while (recorded < BREACHES) {
          const n = recorded++;
          await gql(RECORD, {
            input: {
              schoolId,
              title: `Incident ${n}`,
              description: 'Un courriel contenant des notes a été envoyé à la mauvaise liste.',
              incidentType: 'DATA_DISCLOSURE',
              natures: ['CONFIDENTIALITY'],
              discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
              risk: 'RISK',
            },
          });
        }
      }),
    ).then(() => (recordedAt = performance.now()));
    const during = await timedReads(() => received >= expected, Number.MAX_SAFE_INTEGER);
    await recording;
    while (received < expected) await new Promise((r) => setTimeout(r, 50));
    const deliveredAt = performance.now();
    const seconds = (deliveredAt - started) / 1000;

    // a backlog: as many breaches committed at once (their outbox rows and jobs in one transaction),
    // then drained; the register is read meanwhile
    const ds = app.get(DataSource);
    const chain = app.get(AlertChain);
    const ids: string[] = (
      await ds.query(
        `INSERT INTO violation (school_id, academy_id, number, reference, reported_by_id, title, description,
                                incident_type, natures, discovered_at, risk)
         SELECT s.id, s.academy_id, 100000 + n, 'B-' || n, $2, 'Incident ' || n, 'Courriel mal adressé.',
                'DATA_DISCLOSURE', '{CONFIDENTIALITY}', now() - interval '1 hour', 'RISK'
           FROM school s, generate_series(1, $3::int) n WHERE s.id = $1
         RETURNING id`,
        [schoolId, headId, BREACHES],
      )
    ).map((row: { id: string }) => row.id);
    await ds.transaction(async (em) => {
      for (const id of ids) await chain.breachRecorded(em, id);
    });
    const backlogStarted = performance.now();
    const backlogTarget = received + expected;
    const duringBacklog = await timedReads(() => received >= backlogTarget, Number.MAX_SAFE_INTEGER);
    while (received < backlogTarget) await new Promise((r) => setTimeout(r, 50));
    const backlogSeconds = (performance.now() - backlogStarted) / 1000;

    console.log(
      [
        `Mail bench: ${BREACHES} breaches × 4 recipients = ${expected} mails, ${cpus().length} cores, ` +
          `MAIL_CONCURRENCY ${config.MAIL_CONCURRENCY}, one API process, ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'}`,
        '',
        '| measure | value |',
        '|---|---|',
        `| recordViolation (${RECORDERS} clients), while mails go out | ${(BREACHES / ((recordedAt - started) / 1000)).toFixed(0)} /s |`,
        `| ${expected} mails delivered, first breach to last mail | ${seconds.toFixed(1)} s: ${(expected / seconds).toFixed(0)} mails/s |`,
        `| \`violations(first: 20)\` alone: p50 / p95 (${alone.length} requests, ${READERS} clients) | ${ms(percentile(alone, 50))} / ${ms(percentile(alone, 95))} |`,
        `| the same read while recording and delivering: p50 / p95 (${during.length} requests) | ${ms(percentile(during, 50))} / ${ms(percentile(during, 95))} |`,
        `| a backlog of ${expected} mails (${BREACHES} breaches committed at once) drained | ${backlogSeconds.toFixed(1)} s: ${(expected / backlogSeconds).toFixed(0)} mails/s |`,
        `| the same read while the backlog drains: p50 / p95 (${duringBacklog.length} requests) | ${ms(percentile(duringBacklog, 50))} / ${ms(percentile(duringBacklog, 95))} |`,
      ].join('\n'),
    );
  } finally {
    await app?.close();
    await db.dispose();
    await new Promise<void>((done) => smtp.close(() => done()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
