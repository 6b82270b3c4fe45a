/// <reference lib="dom" />
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Factory, TEST_PASSWORD, TestUser } from '../helpers/factories';
import { createTestApp, TestApp } from '../helpers/test-app';
import {
  accessibilityViolations,
  ensureWebBuilt,
  launchBrowser,
  listen,
  screenshot,
  SCREENSHOTS as SCREENSHOT_ROOT,
} from './browser';

jest.setTimeout(300_000);

const SCREENSHOTS = [
  join(SCREENSHOT_ROOT, 'demandes'),
  ...(process.env.DOC_SCREENSHOTS === '1'
    ? [join(__dirname, '..', '..', 'docs', 'screenshots', 'demandes')]
    : []),
];

/** "2026-12-03T14:05": a datetime-local field's value, in Paris time. */
function parisInput(date: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * Rights requests in Chromium, against the real API on the real PostgreSQL: the head records a
 * request received six weeks ago (its month has run out: overdue), sees it in "À traiter" and under
 * the overdue filter, moves it (start, then wait for the requester); the DPD finds it behind the
 * dashboard's overdue counter. axe-core on every page.
 */
describe('web: rights requests, from the head’s register to the DPD’s overdue queue', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let head: TestUser;
  let dpd: TestUser;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await createTestApp();
    baseUrl = await listen(t);
    const f = new Factory(t.dataSource);
    const academy = await f.academy('Académie de Toulouse (test)');
    const school = await f.school(academy, { name: 'Collège Jean Jaurès' });
    head = await f.user(academy, [{ role: 'HEAD', school }], { displayName: 'Paul Bernard' });
    dpd = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Denis Petit' });
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(name: string, on: Page = page): Promise<void> {
    expect(await accessibilityViolations(on)).toEqual([]);
    for (const dir of SCREENSHOTS) await screenshot(on, name, dir);
  }

  async function logIn(on: Page, user: TestUser): Promise<void> {
    await on.getByLabel('Adresse électronique').fill(user.email);
    await on.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await on.getByRole('button', { name: 'Se connecter' }).click();
  }

  const menu = (name: string, on: Page = page) =>
    on.getByRole('navigation', { name: /principal/i }).getByRole('link', { name, exact: true });

  it('the head records a request received six weeks ago: it is overdue', async () => {
    await page.goto(`${baseUrl}/demandes`);
    await logIn(page, head);
    await page.getByRole('heading', { name: 'Demandes de droits', level: 1 }).waitFor();
    await page.getByText('Aucune demande ne correspond.').waitFor();
    await check('01-demandes-vide');
    await page.getByRole('link', { name: 'Enregistrer une demande' }).click();
    await page.getByRole('heading', { name: 'Enregistrer une demande de droits', level: 1 }).waitFor();
    // nothing ticked: the API's message beside the rights
    await page.getByLabel('Nom du demandeur').fill('Mme Nadia Roux');
    await page.getByRole('textbox', { name: /^Personne concernée/ }).fill('Léa Roux (4e B)');
    await page.getByLabel('Objet de la demande').fill('Copie des notes et appréciations de sa fille.');
    await page.getByLabel('Reçue le').fill(parisInput(new Date(Date.now() - 42 * 24 * 3600_000)));
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await page.getByText('Une réponse est à corriger').waitFor();
    await check('02-demande-refusee');
    await page.getByLabel("Droit d'accès (art. 15)").check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await page.getByRole('heading', { name: 'D-001 — Mme Nadia Roux', level: 1 }).waitFor();
    await page.getByText('Demande enregistrée sous D-001.').waitFor();
    await page.getByText('En retard', { exact: true }).waitFor();
    await expect(page.getByTestId('due').textContent()).resolves.toMatch(/Échéance : .* — Délai dépassé/);
    await check('03-demande-enregistree');
  });

  it('moves it: start, then wait for the requester (the clock pauses)', async () => {
    await page.getByRole('button', { name: 'Commencer le traitement' }).click();
    await page.getByRole('button', { name: 'Confirmer : Commencer le traitement' }).click();
    await page.getByText('Commencer le traitement : fait.').waitFor();
    await page.getByText('En cours de traitement', { exact: true }).first().waitFor();
    // the extension is too late: decided after the month, the API refuses it
    await page.getByRole('button', { name: 'Prolonger de deux mois' }).click();
    await page.getByLabel('Motif de la prolongation').fill('Demande portant sur trois années de scolarité.');
    await page.getByRole('button', { name: 'Confirmer : Prolonger de deux mois' }).click();
    await page.getByRole('alert').first().waitFor();
    await check('04-prolongation-refusee');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'Attendre le demandeur' }).click();
    await page.getByRole('button', { name: 'Confirmer : Attendre le demandeur' }).click();
    await page.getByText('Attendre le demandeur : fait.').waitFor();
    await page.getByText('En attente du demandeur (délai suspendu)', { exact: true }).first().waitFor();
    const history = page.getByTestId('history');
    await expect(history.textContent()).resolves.toMatch(/Changement d'état/);
    await check('05-demande-en-attente');
  });

  it('shows it in "À traiter" and under the overdue filter, kept in the URL', async () => {
    await menu('À traiter').click();
    await page.getByTestId('todo-requests').getByRole('link', { name: 'D-001 — Mme Nadia Roux' }).waitFor();
    await check('06-a-traiter');
    await menu('Demandes de droits').click();
    await page.getByLabel('Délai d’un mois').selectOption('oui');
    await page.waitForURL(/retard=oui/);
    await page.reload();
    await expect(page.getByLabel('Délai d’un mois').inputValue()).resolves.toBe('oui');
    await page.getByTestId('rights-requests').getByRole('link', { name: 'D-001 — Mme Nadia Roux' }).waitFor();
    await check('07-demandes-en-retard');
  });

  it('the DPD finds it behind the dashboard’s overdue counter', async () => {
    const other = await (
      await browser.newContext({
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: { width: 1280, height: 900 },
      })
    ).newPage();
    await other.goto(`${baseUrl}/`);
    await logIn(other, dpd);
    const counter = other
      .getByTestId('dashboard-counters')
      .getByRole('link', { name: 'Demandes de droits en retard' });
    await expect(counter.textContent()).resolves.toBe('1Demandes de droits en retard');
    await counter.click();
    await other.waitForURL(/\/dpd\/demandes\?retard=oui/);
    await other.getByTestId('rights-requests').getByRole('link', { name: 'D-001 — Mme Nadia Roux' }).click();
    await other.getByRole('heading', { name: 'D-001 — Mme Nadia Roux', level: 1 }).waitFor();
    await expect(other.getByRole('button', { name: 'Commencer le traitement' }).count()).resolves.toBe(0);
    await other.getByRole('heading', { name: 'Donner un avis' }).waitFor();
    await check('08-dpd-demande', other);
  });
});
