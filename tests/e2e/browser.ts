/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { chromium, Browser, Page } from 'playwright-core';
import { WEB_DIST_DIR } from '../../apps/api/src/web-app.middleware';
import { TestApp } from '../helpers/test-app';

const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(__dirname, 'screenshots');

/** Debian's Chromium (`.ci/run` installs it); never a browser downloaded by Playwright. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// a closed network: no background requests to hosts that would be refused
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // the pages' own dates are formatted by the app; this makes the browser's date fields French too
  '--lang=fr-FR',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dsfr') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The browser tests run the built web app, as `npm start` serves it: built here when missing or
 * older than its sources (so `npm test` needs no other command).
 */
export function ensureWebBuilt(): void {
  const index = join(WEB_DIST_DIR, 'index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'apps', 'web')),
    newestMtime(join(ROOT, 'libs', 'rules', 'src')),
    statSync(join(ROOT, 'libs', 'pdf', 'src', 'labels.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
}

/** Chromium with a new empty profile (playwright-core makes a temporary user-data-dir per launch). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Serves the test app on a free loopback port; returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** WCAG 2.1 A/AA violations axe-core finds on the page, as readable lines (expect them empty). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * A full-page screenshot, for a reviewer to look at: under tests/e2e/screenshots/ (git-ignored) unless
 * another folder is given (the head's journey keeps its pages in docs/screenshots/).
 */
export async function screenshot(page: Page, name: string, dir: string = SCREENSHOTS): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Fills "Connexion" and signs in (the tests' accounts share one password unless told). */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** An entry of the main navigation. */
export function mainMenu(page: Page, name: string) {
  return page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name, exact: true });
}

/** The texts a field's aria-describedby points at: its hint and the API's message beside it. */
export function describedBy(field: ReturnType<Page['getByLabel']>): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' '),
  );
}

/** Reads until `accept` holds (the page updates on its own: a refetch, a re-render), 10 s at most. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
