/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Browser, Page } from 'playwright-core';
import { Factory, TEST_PASSWORD, TestSchool, TestUser } from '../helpers/factories';
import { importFile } from '../helpers/spreadsheets';
import { createTestApp, ok, TestApp } from '../helpers/test-app';
import {
  accessibilityViolations,
  ensureWebBuilt,
  launchBrowser,
  listen,
  screenshot,
  SCREENSHOTS as SCREENSHOT_ROOT,
} from './browser';

jest.setTimeout(300_000);

const SCREENSHOTS = join(SCREENSHOT_ROOT, 'tableurs');

const HEADINGS = [
  'Nom du traitement',
  'Finalités',
  'Base légale',
  'Catégories de personnes',
  'Catégories de données',
  'Durée de conservation',
  'Colonne perso',
];
const row = (name: string, over: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    'Nom du traitement': name,
    Finalités: 'Gestion de la vie scolaire',
    'Base légale': "Mission d'intérêt public (art. 6.1.e du RGPD)",
    'Catégories de personnes': 'Élèves',
    'Catégories de données': 'SCHOOLING',
    'Durée de conservation': "Un an après la fin de l'année scolaire",
    'Colonne perso': 'à ignorer',
    ...over,
  };
  return HEADINGS.map((h) => values[h]);
};
const csv = (rows: string[][]) => Buffer.from(stringify([HEADINGS, ...rows], { delimiter: ';', bom: true }));

/**
 * Spreadsheets in Chromium, against the real API: the head downloads the treatment register as a
 * workbook and as CSV, then imports a CSV whose one bad row is reported (line, column, French
 * message; the import button disabled), fixes it, imports, and finds the entries in the register.
 */
describe('web: the register as a spreadsheet, out and in', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let head: TestUser;
  let school: TestSchool;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await createTestApp();
    baseUrl = await listen(t);
    const f = new Factory(t.dataSource);
    const academy = await f.academy('Académie de Lyon (test)');
    school = await f.school(academy, { name: 'Collège Victor Hugo' });
    head = await f.user(academy, [{ role: 'HEAD', school }], { displayName: 'Anne Girard' });
    // one entry already in the register, so the export has something to show
    const seeded = ok(await importFile(t, head.token, school.id, csv([row('Cantine scolaire')]), false));
    expect(seeded.importTreatments.applied).toBe(true);
    browser = await launchBrowser();
    const context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(name: string): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, name, SCREENSHOTS);
  }

  async function exportAndDownload(format: 'XLSX' | 'CSV'): Promise<{ bytes: Buffer; name: string }> {
    const card = page.locator('#format-TREATMENT_REGISTER');
    await card.selectOption(format);
    await page.getByRole('button', { name: 'Générer : Registre des activités de traitement' }).click();
    const ext = format.toLowerCase();
    await page.getByText(new RegExp(`Registre des activités de traitement généré .*\\.${ext}\\.`)).waitFor();
    const row = page
      .getByTestId('exports')
      .getByRole('row')
      .filter({ hasText: new RegExp(`\\.${ext}`) })
      .first();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /Télécharger/ }).click(),
    ]);
    const listedName = (await row.getByTestId('file-name').textContent())?.trim() ?? '';
    expect(download.suggestedFilename()).toBe(listedName);
    return { bytes: readFileSync((await download.path())!), name: download.suggestedFilename() };
  }

  it('downloads the register as a workbook and as CSV, under their French names', async () => {
    // /exports/… is the API's downloads: the page is reached through the menu
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Adresse électronique').fill(head.email);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page
      .getByRole('navigation', { name: /principal/i })
      .getByRole('link', { name: 'Exports', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    // the dossier has no CSV form: the choice is not offered
    await expect(
      page.locator('#format-CNIL_DOSSIER option').evaluateAll((o) => o.map((e) => e.textContent)),
    ).resolves.toEqual(['PDF', 'Classeur (XLSX)']);
    await check('01-exports');

    const xlsx = await exportAndDownload('XLSX');
    expect(xlsx.name).toMatch(/^registre-des-traitements-.*\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const sheet = await exportAndDownload('CSV');
    expect(sheet.name).toMatch(/^registre-des-traitements-.*\.csv$/);
    expect([...sheet.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = sheet.bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toContain('Référence;Nom du traitement;Finalités');
    expect(text).toContain('Cantine scolaire');
    await check('02-exports-tableurs');
  });

  it('imports a CSV: the bad row is reported and blocks the import; fixed, it goes in', async () => {
    await page
      .getByRole('navigation', { name: /principal/i })
      .getByRole('link', { name: 'Registre des traitements', exact: true })
      .click();
    await page.getByRole('link', { name: 'Importer des traitements' }).click();
    await page.getByRole('heading', { name: 'Importer des traitements', level: 1 }).waitFor();
    await check('03-import');

    const input = page.getByLabel(/^Fichier à importer/);
    await input.setInputFiles({
      name: 'registre-ancien.csv',
      mimeType: 'text/csv',
      buffer: csv([row('Vie scolaire'), row('Pronote', { 'Base légale': 'Au petit bonheur' })]),
    });
    await page.getByTestId('import-summary').waitFor();
    await expect(page.getByTestId('import-summary').textContent()).resolves.toBe(
      '2 lignes lues : 1 traitement valide, 1 ligne refusée.',
    );
    const bad = page.getByTestId('ligne-3');
    await expect(bad.textContent()).resolves.toMatch(
      /Pronote.*Refusée.*Base légale : Valeur inconnue : « Au petit bonheur »/,
    );
    await expect(page.getByTestId('ignored-columns').textContent()).resolves.toContain('Colonne perso');
    await expect(page.getByRole('button', { name: 'Importer le traitement' }).isDisabled()).resolves.toBe(
      true,
    );
    await check('04-import-refuse');
    expect(
      (
        await t.dataSource.query('SELECT count(*)::int AS n FROM treatment WHERE school_id = $1', [school.id])
      )[0].n,
    ).toBe(1);

    await input.setInputFiles({
      name: 'registre-corrige.csv',
      mimeType: 'text/csv',
      buffer: csv([row('Vie scolaire'), row('Pronote')]),
    });
    await page.getByText('2 lignes lues : 2 traitements valides, 0 ligne refusée.').waitFor();
    const go = page.getByRole('button', { name: 'Importer les 2 traitements' });
    await expect(go.isEnabled()).resolves.toBe(true);
    await check('05-import-valide');
    await go.click();
    await page.getByText('2 traitements importés').waitFor();
    const created = page.getByTestId('imported');
    await created.getByRole('link', { name: 'T-002 — Vie scolaire' }).waitFor();
    await created.getByRole('link', { name: 'T-003 — Pronote' }).waitFor();
    await check('06-import-fait');

    await created.getByRole('link', { name: 'T-003 — Pronote' }).click();
    await page.getByRole('heading', { name: /Pronote/, level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'Registre des traitements' }).first().click();
    const register = page.getByTestId('treatments');
    await register.getByRole('link', { name: 'Vie scolaire' }).waitFor();
    await register.getByRole('link', { name: 'Pronote' }).waitFor();
    await check('07-registre');
  });
});
