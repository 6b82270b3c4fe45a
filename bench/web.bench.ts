/// <reference lib="dom" />
import './production-mode';
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Pool } from 'pg';
import { loadavg } from 'node:os';
import { APIResponse, chromium, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../scripts/demo-data';
import { openDatabase, SEED_PASSWORD } from '../scripts/seed-scale';
import { SqlCapture, startApi } from './api';

/**
 * `npm run bench:web`: the built web app in Debian's Chromium, served by the API in this process
 * (production mode) on the database of `npm start` (DATABASE_URL or the embedded one; the demo
 * académie is loaded when it holds no académie). Reports the first page's JavaScript (gzip, as
 * served compressed would weigh; the fonts are CSS assets, apart) and the time from navigation to
 * a usable page: "Mes déclarations" for the teacher with the most declarations; the register and
 * the breaches of the head of the largest register; the DPD's dashboard and pages 1 and 200 of its
 * review queue (treatments NOT_REVIEWED). Not a test: figures to copy into BENCHMARKS.md.
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
      `SELECT (SELECT count(*)::int FROM school) AS schools, (SELECT count(*)::int FROM tool_declaration) AS declarations,
              (SELECT count(*)::int FROM treatment) AS treatments, (SELECT count(*)::int FROM violation) AS violations`,
    )
  ).rows[0] as { schools: number; declarations: number; treatments: number; violations: number };
  const teacher = await oneRow<{ email: string; declarations: number }>(
    db,
    'teacher',
    `SELECT u.email, count(*)::int AS declarations
       FROM tool_declaration d JOIN app_user u ON u.id = d.declared_by_id
      WHERE u.active
        -- "Mes déclarations" is the teacher's page: a head who declared too is not one
        AND EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role = 'TEACHER')
        AND NOT EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role <> 'TEACHER')
      GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT 1`,
  );
  // the head of one school only (the register opens on it), the school with the largest register
  const head = await oneRow<{ email: string; school: string; treatments: number; violations: number }>(
    db,
    'head',
    `SELECT u.email, s.name AS school,
            (SELECT count(*)::int FROM treatment t WHERE t.school_id = s.id) AS treatments,
            (SELECT count(*)::int FROM violation v WHERE v.school_id = s.id) AS violations
       FROM role_grant g JOIN app_user u ON u.id = g.user_id JOIN school s ON s.id = g.school_id
      WHERE g.role = 'HEAD' AND u.active
        AND NOT EXISTS (SELECT 1 FROM role_grant o WHERE o.user_id = u.id AND o.id <> g.id)
      ORDER BY treatments DESC, violations DESC, u.email LIMIT 1`,
  );
  // the DPD of the largest académie
  const dpd = await oneRow<{ email: string; schools: number }>(
    db,
    'DPD',
    `SELECT u.email, (SELECT count(*)::int FROM school s WHERE s.academy_id = u.academy_id) AS schools
       FROM role_grant g JOIN app_user u ON u.id = g.user_id
      WHERE g.role = 'DPD' AND u.active
        AND NOT EXISTS (SELECT 1 FROM role_grant o WHERE o.user_id = u.id AND o.role <> 'DPD')
      ORDER BY schools DESC, u.email LIMIT 1`,
  );
  await db.end();

  const api = await startApi(database.url, new SqlCapture());
  const origin = api.origin.replace('127.0.0.1', 'localhost');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
  try {
    const newPage = async () =>
      (await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
    const page = await newPage();

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

    await logIn(page, origin, teacher.email);
    const headPage = await newPage();
    await logIn(headPage, origin, head.email);
    const dpdPage = await newPage();
    await logIn(dpdPage, origin, dpd.email);

    // page 200 of the review queue: the cursor the "Page suivante" link would carry after 199 pages
    const queueFilter = { reviewState: 'NOT_REVIEWED' };
    let cursor: string | null = null;
    let pagesBefore = 0;
    for (; pagesBefore < 199; pagesBefore++) {
      const response: APIResponse = await dpdPage.request.post(`${origin}/graphql`, {
        data: {
          query: `query ($after: String, $filter: TreatmentFilter) {
            treatments(first: 20, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } } }`,
          variables: { after: cursor, filter: queueFilter },
        },
      });
      const info: PageInfo = ((await response.json()) as { data: { treatments: { pageInfo: PageInfo } } })
        .data.treatments.pageInfo;
      if (!info.hasNextPage || !info.endCursor) break;
      cursor = info.endCursor;
    }

    const views: View[] = [
      {
        name: 'teacher: Mes déclarations',
        page,
        path: '/declarations',
        ready: (p) => rows(p, 'declarations'),
      },
      {
        name: 'head: Registre des traitements',
        page: headPage,
        path: '/registre',
        ready: (p) => rows(p, 'treatments'),
      },
      { name: 'head: Violations', page: headPage, path: '/violations', ready: (p) => rows(p, 'violations') },
      {
        name: 'DPD: Tableau de bord',
        page: dpdPage,
        path: '/',
        ready: (p) => p.getByTestId('dashboard-counters').locator('li').first(),
      },
      {
        name: 'DPD: review queue, page 1',
        page: dpdPage,
        path: '/dpd/traitements?revue=NOT_REVIEWED',
        ready: (p) => rows(p, 'dpd-treatments'),
      },
      {
        name: `DPD: review queue, page ${pagesBefore + 1}`,
        page: dpdPage,
        path: `/dpd/traitements?revue=NOT_REVIEWED${cursor ? `&apres=${encodeURIComponent(cursor)}` : ''}`,
        ready: (p) => rows(p, 'dpd-treatments'),
      },
    ];
    const measured: Record<string, unknown> = {};
    for (const view of views) measured[view.name] = await measure(view, origin);

    const result = {
      dataset: `${counts.schools} schools, ${counts.treatments} treatments, ${counts.declarations} declarations, ${counts.violations} violations (${database.description})`,
      accounts: {
        teacher: `${teacher.email} (${teacher.declarations} declarations)`,
        head: `${head.email}, ${head.school} (${head.treatments} treatments, ${head.violations} violations)`,
        dpd: `${dpd.email} (${dpd.schools} schools)`,
      },
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      firstPageScripts,
      firstPageJsGzipKB: Math.round(jsGzip / 102.4) / 10,
      dsfrCssGzipKB: Math.round(gzipSync(css, { level: 9 }).length / 102.4) / 10,
      shownMs: measured,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await api.close();
    await database.stop();
  }
}

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

interface View {
  name: string;
  page: Page;
  path: string;
  /** what shows when the page is usable: its first row, its first counter */
  ready: (page: Page) => Locator;
}

const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr').first();

async function oneRow<T>(db: Pool, who: string, sql: string): Promise<T> {
  const row = (await db.query(sql)).rows[0] as T | undefined;
  if (!row) throw new Error(`no ${who} account to measure with in this database`);
  return row;
}

/** Logs in with the demo's or the scale seed's password (or BENCH_PASSWORD). */
async function logIn(page: Page, origin: string, email: string): Promise<void> {
  for (const password of [process.env.BENCH_PASSWORD, DEMO_PASSWORD, SEED_PASSWORD].filter(
    Boolean,
  ) as string[]) {
    await page.goto(`${origin}/connexion`);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    // the login's own answer says whether this password was the one (a busy machine answers late)
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('mutation Login'),
      { timeout: 60_000 },
    );
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const body = (await (await answer).json()) as { errors?: unknown[] };
    if (!body.errors) {
      await page.getByRole('heading', { name: /^Bonjour/ }).waitFor({ timeout: 60_000 });
      return;
    }
  }
  throw new Error(`could not log in as ${email}`);
}

/**
 * A view timed RUNS times, each a fresh navigation (the app loads as when a link is opened): from the
 * navigation's start to the moment its ready element shows, in the page's own clock.
 */
async function measure(view: View, origin: string) {
  const { page } = view;
  const times: number[] = [];
  let breakdown: unknown;
  for (let run = 0; run < RUNS; run++) {
    await page.goto('about:blank');
    await page.goto(`${origin}${view.path}`, { waitUntil: 'commit' });
    await view
      .ready(page)
      .waitFor()
      .catch(async (error: unknown) => {
        // what the page showed instead, to look at
        await page.screenshot({ path: 'bench/web-bench-failure.png', fullPage: true });
        throw new Error(`${view.name}: ${String(error)}`);
      });
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
  return {
    first: times[0],
    median: median(times),
    max: Math.max(...times),
    runs: times.length,
    lastRun: breakdown,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
