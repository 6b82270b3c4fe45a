import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/app.setup';
import { entities } from '../apps/api/src/entities';
import { loadEnvironment, toAppConfig, uaiFor } from '@app/core';
import { runMigrations } from '@app/database';
import { migrations } from '../migrations';
import { benchDatabase as database } from './database';
import { benchCheckpointDir } from './checkpoints';

/**
 * PDF export bench: a school with 100 treatments (90 active, 10 archived), 20 violations, 10 open
 * declarations and 40 DPD reviews; the time of exportRegister(CNIL_DOSSIER) end to end (median of
 * several runs), and the p95 latency of `{ me { id } }` alone, then while exports run, in the same run.
 *
 *   npx ts-node --transpile-only bench/export.bench.ts
 *
 * DATABASE_URL set: a temporary database is created on that server and dropped at the end;
 * otherwise an embedded PostgreSQL runs in a temporary folder. BENCH_RENDERS, BENCH_QUERIES and
 * BENCH_EXPORTERS tune the run.
 */
const RENDERS = Number(process.env.BENCH_RENDERS ?? 5);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 600);
const QUERY_CLIENTS = 2;
const EXPORTERS = Number(process.env.BENCH_EXPORTERS ?? 1);
const JWT_SECRET = 'secret-du-banc-d-essai-registre-rgpd-0123456789';

const words = (n: number, seed: number) =>
  Array.from(
    { length: n },
    (_, i) => ['élève', 'données', 'œuvre', 'façade', 'sécurité', 'accès'][(i + seed) % 6],
  ).join(' ');

/** The school and its registers, straight in SQL (generate_series): seconds, not minutes. */
export async function seed(url: string): Promise<{ schoolId: string; headId: string; dpdId: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
    const academy = await one(
      `INSERT INTO academy (code, name, dpo_name, dpo_email) VALUES ('BENCH', 'Académie du banc d''essai', 'Hélène Délégué', 'dpd@ac-bench.fr') RETURNING id`,
    );
    const school = await one(
      `INSERT INTO school (academy_id, uai, name, kind, city) VALUES ($1, $2, 'Collège Françoise-Dolto', 'COLLEGE', 'Montpellier') RETURNING id`,
      [academy.id, uaiFor(310024)],
    );
    const user = (email: string, name: string) =>
      one(
        `INSERT INTO app_user (academy_id, email, display_name, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id`,
        [academy.id, email, name],
      );
    const head = await user('principal@ac-bench.fr', 'Jérôme Cœurderoy');
    const dpd = await user('dpd@ac-bench.fr', 'Hélène Délégué');
    const teacher = await user('prof@ac-bench.fr', 'Agnès Çelik');
    await client.query(
      `INSERT INTO role_grant (user_id, role, school_id) VALUES ($1, 'HEAD', $2), ($3, 'TEACHER', $2)`,
      [head.id, school.id, teacher.id],
    );
    await client.query(`INSERT INTO role_grant (user_id, role) VALUES ($1, 'DPD')`, [dpd.id]);
    await client.query(
      `INSERT INTO treatment (school_id, academy_id, number, reference, name, purposes, legal_basis, subject_categories,
         data_categories, sensitive_data, recipients, processors, transfers, retention, retention_months,
         security_measures, dpia_required, status, archived_reason, archived_at, review_state, created_by_id)
       SELECT $1, $2, n, 'T-' || lpad(n::text, 3, '0'), 'Traitement n°' || n || ' « Élèves »',
         ARRAY['Gestion de la vie scolaire', 'Suivi pédagogique des élèves n°' || n, $4],
         (ARRAY['PUBLIC_INTEREST','LEGAL_OBLIGATION','CONSENT','CONTRACT','VITAL_INTERESTS','LEGITIMATE_INTERESTS'])[1 + n % 6],
         ARRAY['STUDENTS','PARENTS'], CASE WHEN n % 5 = 0 THEN ARRAY['IDENTITY','HEALTH'] ELSE ARRAY['IDENTITY','SCHOOLING','ASSESSMENT'] END,
         n % 5 = 0, ARRAY['Vie scolaire','Professeurs'], ARRAY['Éditeur du logiciel'],
         CASE WHEN n % 4 = 0 THEN '[{"country":"États-Unis","recipient":"Hébergeur","safeguard":"STANDARD_CONTRACTUAL_CLAUSES"}]'::jsonb ELSE '[]'::jsonb END,
         $5, 12, ARRAY['Accès nominatif', 'Sauvegardes chiffrées', 'Journalisation des accès'], n % 5 = 0,
         CASE WHEN n > 90 THEN 'ARCHIVED' ELSE 'ACTIVE' END,
         CASE WHEN n > 90 THEN 'Remplacé par l''ENT' END, CASE WHEN n > 90 THEN now() END,
         (ARRAY['NOT_REVIEWED','APPROVED','CHANGES_REQUESTED'])[1 + n % 3], $3
       FROM generate_series(1, 100) n`,
      [school.id, academy.id, head.id, words(60, 1), words(50, 2)],
    );
    await client.query(
      `INSERT INTO violation (school_id, academy_id, number, reference, reported_by_id, title, description, incident_type,
         natures, discovered_at, data_categories, subject_categories, approx_subject_count, consequences, measures_taken,
         risk, cnil_notified_at, status, closed_at)
       SELECT $1, $2, n, 'V-' || lpad(n::text, 3, '0'), $3, 'Incident n°' || n || ' : clé USB perdue', $4,
         (ARRAY['EQUIPMENT_THEFT_OR_LOSS','DATA_DISCLOSURE','MALWARE','INTRUSION'])[1 + n % 4], ARRAY['CONFIDENTIALITY'],
         now() - (n || ' days')::interval, ARRAY['IDENTITY','ASSESSMENT'], ARRAY['STUDENTS'], 30 * n, $5, $5,
         (ARRAY['UNLIKELY','RISK','HIGH_RISK'])[1 + n % 3],
         CASE WHEN n % 2 = 0 THEN now() - (n || ' days')::interval + interval '30 hours' END,
         CASE WHEN n % 3 = 0 THEN 'CLOSED' ELSE 'OPEN' END, CASE WHEN n % 3 = 0 THEN now() END
       FROM generate_series(1, 20) n`,
      [school.id, academy.id, teacher.id, words(130, 3), words(40, 4)],
    );
    await client.query(
      `INSERT INTO violation_treatment (violation_id, treatment_id)
       SELECT v.id, t.id FROM violation v JOIN treatment t ON t.school_id = v.school_id AND t.number IN (v.number, v.number + 20)
       WHERE v.school_id = $1`,
      [school.id],
    );
    await client.query(
      `INSERT INTO tool_declaration (school_id, academy_id, declared_by_id, status, tool_name, vendor, purpose, classes,
         data_categories, pseudonyms_used, hosting, free_software, institutional, commercial_reuse, families_informed,
         retention_months, risk_flags, risk_level, submitted_at)
       SELECT $1, $2, $3, CASE WHEN n % 2 = 0 THEN 'SUBMITTED' ELSE 'CHANGES_REQUESTED' END, 'Outil n°' || n, 'Éditeur',
         $4, ARRAY['4e A','3e B'], ARRAY['IDENTITY'], false, 'NON_EU', 'NO', false, 'UNKNOWN', false, NULL,
         ARRAY['NON_EU_HOSTING','COMMERCIAL_REUSE','IDENTITY_WITHOUT_PSEUDONYMS'], 'HIGH', now()
       FROM generate_series(1, 10) n`,
      [school.id, academy.id, teacher.id, words(30, 5)],
    );
    await client.query(
      `INSERT INTO review (target_type, target_id, school_id, academy_id, reviewer_id, verdict, comment)
       SELECT 'TREATMENT', t.id, t.school_id, t.academy_id, $2, 'COMMENT', $3
       FROM treatment t WHERE t.school_id = $1 AND t.number <= 40`,
      [school.id, dpd.id, words(25, 6)],
    );
    return { schoolId: school.id, headId: head.id, dpdId: dpd.id };
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
  const db = await database();
  let app: INestApplication | undefined;
  try {
    await runMigrations({ url: db.url, entities, migrations });
    const { schoolId, headId } = await seed(db.url);
    const config = toAppConfig(
      loadEnvironment({
        NODE_ENV: 'production',
        AUDIT_CHECKPOINT_DIR: benchCheckpointDir(),
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

    const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (body.errors?.length || !body.data)
        throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      return body.data;
    };
    const exportDossier = () =>
      gql<{ exportRegister: { pageCount: number; byteSize: number } }>(
        `mutation ($schoolId: ID!) { exportRegister(schoolId: $schoolId, kind: CNIL_DOSSIER) { pageCount byteSize } }`,
        { schoolId },
      );
    /** `count` requests of `{ me { id } }` by QUERY_CLIENTS clients in closed loops; each latency, and when it started. */
    const queries = async (count: number) => {
      const samples: { start: number; latency: number }[] = [];
      let left = count;
      await Promise.all(
        Array.from({ length: QUERY_CLIENTS }, async () => {
          while (left-- > 0) {
            const start = performance.now();
            await gql(`{ me { id } }`);
            samples.push({ start, latency: performance.now() - start });
          }
        }),
      );
      return samples;
    };

    // warm-up: JIT, connection pool, fonts
    await exportDossier();
    await queries(100);

    const renders: number[] = [];
    let document = { pageCount: 0, byteSize: 0 };
    for (let i = 0; i < RENDERS; i++) {
      const start = performance.now();
      document = (await exportDossier()).exportRegister;
      renders.push(performance.now() - start);
    }

    // how late the API's event loop runs its callbacks: what a render on it would delay
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const loopDelay = async <T>(work: () => Promise<T>): Promise<[T, { p99: number; max: number }]> => {
      loop.reset();
      loop.enable();
      try {
        const result = await work();
        return [result, { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }];
      } finally {
        loop.disable();
      }
    };

    const [aloneSamples, loopAlone] = await loopDelay(() => queries(QUERIES));
    const alone = aloneSamples.map((s) => s.latency);

    // exports in closed loops while the same queries run; remember when each export was in flight
    let stop = false;
    let exported = 0;
    const inFlight: { start: number; end: number }[] = [];
    const exporters = Array.from({ length: EXPORTERS }, async () => {
      while (!stop) {
        const start = performance.now();
        await exportDossier();
        inFlight.push({ start, end: performance.now() });
        exported++;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [during, loopDuring] = await loopDelay(() => queries(QUERIES));
    stop = true;
    await Promise.all(exporters);
    const overlapping = during.filter((s) =>
      inFlight.some((e) => e.start <= s.start && s.start <= e.end),
    ).length;
    const duringLatencies = during.map((s) => s.latency);

    const p95Alone = percentile(alone, 95);
    const p95During = percentile(duringLatencies, 95);
    const lines = [
      '',
      '## PDF export bench',
      '',
      `School: 100 treatments (90 active, 10 archived), 20 violations, 10 open declarations, 40 DPD reviews. Node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg()[0].toFixed(1)}, ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}.`,
      '',
      '| measure | value |',
      '|---|---|',
      `| CNIL_DOSSIER document | ${document.pageCount} pages, ${(document.byteSize / 1024).toFixed(0)} KiB |`,
      `| exportRegister(CNIL_DOSSIER), end to end, median of ${RENDERS} | ${ms(percentile(renders, 50))} (min ${ms(Math.min(...renders))}, max ${ms(Math.max(...renders))}) |`,
      `| \`{ me { id } }\` alone: p50 / p95 / p99 (${QUERIES} requests, ${QUERY_CLIENTS} clients) | ${ms(percentile(alone, 50))} / ${ms(p95Alone)} / ${ms(percentile(alone, 99))} |`,
      `| \`{ me { id } }\` while ${EXPORTERS === 1 ? 'an export runs' : `${EXPORTERS} exports run`}: p50 / p95 / p99 | ${ms(percentile(duringLatencies, 50))} / ${ms(p95During)} / ${ms(percentile(duringLatencies, 99))} |`,
      `| p95 while exporting / p95 alone | ${(p95During / p95Alone).toFixed(2)}× |`,
      `| API event-loop delay p99 / max, alone | ${ms(loopAlone.p99)} / ${ms(loopAlone.max)} |`,
      `| API event-loop delay p99 / max, while exporting | ${ms(loopDuring.p99)} / ${ms(loopDuring.max)} |`,
      `| exports completed during the measurement | ${exported} (queries started while one ran: ${Math.round((100 * overlapping) / during.length)} %) |`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await app?.close();
    await db.dispose();
  }
}

// run as a script; imported (bench/observability.bench.ts), it only lends its database and seed
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
