/// <reference lib="dom" />
import './production-mode';
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Pool } from 'pg';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../scripts/demo-data';
import { openDatabase, SEED_PASSWORD } from '../scripts/seed-scale';
import { SqlCapture, startApi } from './api';

/**
 * `npm run bench:web`: the built web app in Debian's Chromium, served by the API in this process
 * (production mode) on the database of `npm start` (DATABASE_URL or the embedded one; the demo
 * académie is loaded when it holds no académie). Reports the first page's JavaScript (gzip, as
 * served compressed would weigh; the fonts are CSS assets, apart) and the time from navigation to
 * the first page of "Mes déclarations" for the teacher with the most declarations. Not a test:
 * figures to copy into BENCHMARKS.md.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  let database = await openDatabase(() => undefined);
  const pool = new Pool({ connectionString: database.url, max: 1 });
  const [{ academies }] = (await pool.query(`SELECT count(*)::int AS academies FROM academy`)).rows;
  if (academies === 0) {
    await pool.end();
    await database.stop();
    console.log('no académie in the database: loading the demo académie (npm run seed:demo)');
    execSync('npm run seed:demo', { stdio: 'inherit' });
    database = await openDatabase(() => undefined);
  }
  const db = new Pool({ connectionString: database.url, max: 1 });
  const counts = (
    await db.query(
      `SELECT (SELECT count(*)::int FROM school) AS schools, (SELECT count(*)::int FROM tool_declaration) AS declarations`,
    )
  ).rows[0] as { schools: number; declarations: number };
  const teacher = (
    await db.query(
      `SELECT u.email, count(*)::int AS declarations
         FROM tool_declaration d JOIN app_user u ON u.id = d.declared_by_id
        WHERE u.active
          -- "Mes déclarations" is the teacher's page: a head who declared too is not one
          AND EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role = 'TEACHER')
          AND NOT EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role <> 'TEACHER')
        GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT 1`,
    )
  ).rows[0] as { email: string; declarations: number } | undefined;
  await db.end();
  if (!teacher) throw new Error('no teacher with a declaration in this database');

  const api = await startApi(database.url, new SqlCapture());
  const origin = api.origin.replace('127.0.0.1', 'localhost');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
  try {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();

    // the first page (Connexion): every script the browser fetched, gzip-compressed
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      const body = await response.body().catch(() => null);
      if (body) scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
    });
    await page.goto(`${origin}/connexion`, { waitUntil: 'networkidle' });
    // the later pages' chunks are fetched into the same map: keep the first page's list as it is now
    const firstPageScripts = Object.fromEntries(scripts);
    const jsGzip = Object.values(firstPageScripts).reduce((a, b) => a + b, 0);
    const css = readFileSync(require.resolve('@codegouvfr/react-dsfr/dsfr/dsfr.min.css'));

    // log in as the teacher (demo or scale password), then time the list
    let loggedIn = false;
    for (const password of [process.env.BENCH_PASSWORD, DEMO_PASSWORD, SEED_PASSWORD].filter(
      Boolean,
    ) as string[]) {
      await page.goto(`${origin}/connexion`);
      await page.getByLabel('Adresse électronique').fill(teacher.email);
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      loggedIn = await page
        .getByRole('heading', { name: /^Bonjour/ })
        .waitFor({ timeout: 5000 })
        .then(() => true)
        .catch(() => false);
      if (loggedIn) break;
    }
    if (!loggedIn) throw new Error(`could not log in as ${teacher.email}`);

    const times: number[] = [];
    let breakdown: unknown;
    for (let run = 0; run < RUNS; run++) {
      await page.goto('about:blank');
      await page.goto(`${origin}/declarations`, { waitUntil: 'commit' });
      await page
        .getByTestId('declarations')
        .locator('tbody tr')
        .first()
        .waitFor()
        .catch(async (error: unknown) => {
          // what the page showed instead of the list, to look at
          await page.screenshot({ path: 'bench/web-bench-failure.png', fullPage: true });
          throw error;
        });
      // from the navigation's start, in the page's own clock
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const graphql = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('/graphql'))
          .map((e) => [
            Math.round(e.startTime),
            Math.round((e as unknown as { responseEnd: number }).responseEnd),
          ]);
        return {
          shown: Math.round(performance.now()),
          domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
          graphql,
        };
      });
      times.push(timing.shown);
      breakdown = timing;
    }
    const result = {
      dataset: `${counts.schools} schools, ${counts.declarations} declarations (${database.description})`,
      teacher: `${teacher.email} (${teacher.declarations} declarations)`,
      firstPageScripts,
      firstPageJsGzipKB: Math.round(jsGzip / 102.4) / 10,
      dsfrCssGzipKB: Math.round(gzipSync(css, { level: 9 }).length / 102.4) / 10,
      listMs: { first: times[0], median: median(times), max: Math.max(...times), runs: times.length },
      lastRunBreakdownMs: breakdown,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await api.close();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
