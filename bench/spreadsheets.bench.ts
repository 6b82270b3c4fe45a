import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Workbook } from 'exceljs';
import * as jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/app.setup';
import { entities } from '../apps/api/src/entities';
import { loadEnvironment, toAppConfig, uaiFor } from '@app/core';
import { runMigrations } from '@app/database';
import { TREATMENT_COLUMNS } from '@app/pdf';
import { migrations } from '../migrations';
import { benchDatabase as database } from './database';
import { benchCheckpointDir } from './checkpoints';

/**
 * Spreadsheet bench: exportRegister(TREATMENT_REGISTER, XLSX) of a school with 1,000 treatments, and
 * importTreatments of a 2,000-row XLSX file (dry run, then real, each into an empty school); the
 * p95 latency of `{ me { id } }` alone, during exports and during imports, and the API's event-loop
 * delay in each phase.
 *
 *   npm run bench:sheets      (ts-node; DATABASE_URL set: a temporary database on that server)
 *
 * BENCH_RUNS and BENCH_QUERIES tune the run.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);
const QUERY_CLIENTS = 2;
const IMPORT_ROWS = 2000;
const JWT_SECRET = 'secret-du-banc-d-essai-registre-rgpd-0123456789';

async function seed(url: string, schools: number) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
    const academy = await one(
      `INSERT INTO academy (code, name, dpo_name, dpo_email) VALUES ('BENCH', 'Académie du banc d''essai', 'Hélène Délégué', 'dpd@ac-bench.fr') RETURNING id`,
    );
    const head = await one(
      `INSERT INTO app_user (academy_id, email, display_name, password_hash) VALUES ($1, 'principal@ac-bench.fr', 'Jérôme Cœurderoy', 'x') RETURNING id`,
      [academy.id],
    );
    const ids: string[] = [];
    for (let i = 0; i < schools; i++) {
      const school = await one(
        `INSERT INTO school (academy_id, uai, name, kind, city) VALUES ($1, $2, $3, 'COLLEGE', 'Montpellier') RETURNING id`,
        [academy.id, uaiFor(310024 + i), `Collège n°${i + 1}`],
      );
      await client.query(`INSERT INTO role_grant (user_id, role, school_id) VALUES ($1, 'HEAD', $2)`, [
        head.id,
        school.id,
      ]);
      ids.push(school.id);
    }
    await client.query(
      `INSERT INTO treatment (school_id, academy_id, number, reference, name, purposes, legal_basis, subject_categories,
         data_categories, sensitive_data, recipients, processors, transfers, retention, retention_months,
         security_measures, dpia_required, status, review_state, created_by_id)
       SELECT $1, $2, n, 'T-' || lpad(n::text, greatest(3, length(n::text)), '0'), 'Traitement n°' || n || ' « Élèves »',
         ARRAY['Gestion de la vie scolaire', 'Suivi pédagogique des élèves n°' || n],
         (ARRAY['PUBLIC_INTEREST','LEGAL_OBLIGATION','CONSENT','CONTRACT','VITAL_INTERESTS','LEGITIMATE_INTERESTS'])[1 + n % 6],
         ARRAY['STUDENTS','PARENTS'], CASE WHEN n % 5 = 0 THEN ARRAY['IDENTITY','HEALTH'] ELSE ARRAY['IDENTITY','SCHOOLING','ASSESSMENT'] END,
         n % 5 = 0, ARRAY['Vie scolaire','Professeurs'], ARRAY['Éditeur du logiciel'],
         CASE WHEN n % 4 = 0 THEN '[{"country":"États-Unis","recipient":"Hébergeur","safeguard":"STANDARD_CONTRACTUAL_CLAUSES"}]'::jsonb ELSE '[]'::jsonb END,
         'Un an après la fin de la scolarité', 12, ARRAY['Accès nominatif', 'Sauvegardes chiffrées'], n % 5 = 0,
         'ACTIVE', 'NOT_REVIEWED', $3
       FROM generate_series(1, 1000) n`,
      [ids[0], academy.id, head.id],
    );
    await client.query(
      `INSERT INTO reference_counter (school_id, prefix, last_number) VALUES ($1, 'T', 1000)`,
      [ids[0]],
    );
    return { schoolIds: ids, headId: head.id };
  } finally {
    await client.end();
  }
}

/** A 2,000-row register in the export's columns, as a workbook. */
async function importWorkbook(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Traitements');
  sheet.addRow(TREATMENT_COLUMNS.map((c) => c.heading).slice(1, 14));
  for (let n = 1; n <= IMPORT_ROWS; n++) {
    sheet.addRow([
      `Traitement importé n°${n}`,
      `Gestion de la vie scolaire ; Suivi des élèves n°${n}`,
      "Mission d'intérêt public (art. 6.1.e du RGPD)",
      'Élèves ; Parents et responsables légaux',
      'Identité (nom, prénom, date de naissance, INE) ; Scolarité (classe, emploi du temps, vie scolaire, absences)',
      '',
      'Vie scolaire',
      'Éditeur',
      n % 4 === 0 ? 'États-Unis — Hébergeur — Clauses contractuelles types' : '',
      "Un an après la fin de l'année scolaire",
      12,
      'Accès nominatif ; Sauvegardes',
      'Non',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
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
    // school 0: 1,000 treatments to export; the others empty, one per real import
    const { schoolIds, headId } = await seed(db.url, 2 + 2 * RUNS);
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
    const exportXlsx = () =>
      gql<{ exportRegister: { byteSize: number } }>(
        `mutation ($s: ID!) { exportRegister(schoolId: $s, kind: TREATMENT_REGISTER, format: XLSX) { byteSize } }`,
        { s: schoolIds[0] },
      );
    const file = await importWorkbook();
    const contentBase64 = file.toString('base64');
    let nextSchool = 1;
    const importRows = (dryRun: boolean) =>
      gql<{ importTreatments: { applied: boolean; rowCount: number; rejectedCount: number } }>(
        `mutation ($s: ID!, $c: String!, $d: Boolean!) {
           importTreatments(schoolId: $s, fileName: "registre.xlsx", contentBase64: $c, dryRun: $d) { applied rowCount rejectedCount }
         }`,
        { s: schoolIds[nextSchool++], c: contentBase64, d: dryRun },
      ).then((r) => {
        if (r.importTreatments.rejectedCount || r.importTreatments.rowCount !== IMPORT_ROWS) {
          throw new Error(`import rejected rows: ${JSON.stringify(r)}`);
        }
        return r;
      });

    const queries = async (count: number) => {
      const samples: number[] = [];
      let left = count;
      await Promise.all(
        Array.from({ length: QUERY_CLIENTS }, async () => {
          while (left-- > 0) {
            const start = performance.now();
            await gql(`{ me { id } }`);
            samples.push(performance.now() - start);
          }
        }),
      );
      return samples;
    };
    const loop = monitorEventLoopDelay({ resolution: 5 });
    /** `work` while the queries run in closed loops; the queries' latencies and the loop's delay. */
    const measure = async (work: () => Promise<unknown>, times: number[]) => {
      loop.reset();
      loop.enable();
      let running = true;
      const samples: number[] = [];
      const readers = (async () => {
        while (running) samples.push(...(await queries(20)));
      })();
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await work();
        times.push(performance.now() - start);
      }
      running = false;
      await readers;
      loop.disable();
      return { samples, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    };

    // warm-up: JIT, connection pool, workers (the dry run into school 1 is not measured)
    await exportXlsx();
    await importRows(true);
    nextSchool = 1;
    await queries(100);

    loop.reset();
    loop.enable();
    const alone = await queries(QUERIES);
    loop.disable();
    const loopAlone = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    const exportTimes: number[] = [];
    const duringExport = await measure(exportXlsx, exportTimes);
    const { byteSize } = (await exportXlsx()).exportRegister;
    const dryTimes: number[] = [];
    const duringDry = await measure(() => importRows(true), dryTimes);
    const realTimes: number[] = [];
    const duringReal = await measure(() => importRows(false), realTimes);

    const p95Alone = percentile(alone, 95);
    const line = (what: string, m: { samples: number[]; p99: number; max: number }) =>
      `| ${what} | ${ms(percentile(m.samples, 95))} (${(percentile(m.samples, 95) / p95Alone).toFixed(2)}×, ${m.samples.length} requests) | ${ms(m.p99)} / ${ms(m.max)} |`;
    const median = (values: number[]) => ms(percentile(values, 50));
    const lines = [
      '',
      '## Spreadsheet bench',
      '',
      `Export: 1,000 active treatments as XLSX (${(byteSize / 1024).toFixed(0)} KiB). Import: a ${IMPORT_ROWS}-row XLSX file (${(file.length / 1024).toFixed(0)} KiB, ${(contentBase64.length / 1024).toFixed(0)} KiB in base64), each real import into an empty school. ${RUNS} runs each. Node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg()[0].toFixed(1)}, ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'}, ts-node.`,
      '',
      '| measure | median time |',
      '|---|---|',
      `| exportRegister(TREATMENT_REGISTER, XLSX), 1,000 treatments, end to end | ${median(exportTimes)} (max ${ms(Math.max(...exportTimes))}) |`,
      `| importTreatments, ${IMPORT_ROWS} rows, dry run | ${median(dryTimes)} (max ${ms(Math.max(...dryTimes))}) |`,
      `| importTreatments, ${IMPORT_ROWS} rows, real (one transaction, ${IMPORT_ROWS} CREATE events) | ${median(realTimes)} (max ${ms(Math.max(...realTimes))}) |`,
      '',
      `| \`{ me { id } }\` (${QUERY_CLIENTS} clients in closed loops) | p95 | API event-loop delay p99 / max |`,
      '|---|---|---|',
      `| alone | ${ms(p95Alone)} (${QUERIES} requests) | ${ms(loopAlone.p99)} / ${ms(loopAlone.max)} |`,
      line('during XLSX exports', duringExport),
      line('during dry-run imports', duringDry),
      line('during real imports', duringReal),
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await app?.close();
    await db.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
