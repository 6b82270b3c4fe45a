/// <reference lib="dom" />
import { Browser, Page } from 'playwright-core';
import { Factory } from '../helpers/factories';
import {
  freePort,
  PROVIDER_SETUP_TIMEOUT_MS,
  startTestProvider,
  TestProvider,
} from '../helpers/oidc-provider';
import { createTestApp, TestApp } from '../helpers/test-app';
import { accessibilityViolations, ensureWebBuilt, launchBrowser, screenshot } from './browser';

jest.setTimeout(240_000);

/**
 * The login with the académie account in Chromium, against a real OpenID provider (oidc-provider,
 * tests/helpers/oidc-provider.mjs) and the real API: the login page's button, the provider's own
 * login page, back in the registre as the teacher; then the logout ends the provider's session too
 * and comes back to the login page; an account the registre does not know ends on its French page.
 * axe-core on the login page and that one.
 */
describe('web: login with the académie account', () => {
  let provider: TestProvider;
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider([
      {
        client_id: 'registre-rgpd',
        client_secret: 'secret-du-registre-chez-le-fournisseur',
        redirect_uris: [`${baseUrl}/auth/oidc/callback`],
        post_logout_redirect_uris: [`${baseUrl}/connexion`],
      },
    ]);
    t = await createTestApp({
      env: {
        PUBLIC_URL: baseUrl,
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: 'registre-rgpd',
        OIDC_CLIENT_SECRET: 'secret-du-registre-chez-le-fournisseur',
      },
    });
    await t.app.listen(port, '127.0.0.1');
    const f = new Factory(t.dataSource);
    const academy = await f.academy();
    const school = await f.school(academy, { name: 'Collège Jean Jaurès' });
    await f.user(academy, [{ role: 'TEACHER', school }], {
      displayName: 'Claire Martin',
      email: 'claire.martin.sso@ac-test.fr',
    });
    await provider.account('claire.martin', { email: 'claire.martin.sso@ac-test.fr', email_verified: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  }, PROVIDER_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });

  it('the login page offers the académie account, accessibly', async () => {
    await page.goto(`${baseUrl}/connexion`);
    const sso = page.getByRole('link', { name: 'Se connecter avec mon compte académique', exact: true });
    await sso.waitFor();
    // the password form stays, under its own legend
    await page.getByRole('group', { name: 'Avec une adresse électronique et un mot de passe' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sso-01-connexion');
  });

  it('through the provider’s login page, back logged in as the teacher', async () => {
    await page.getByRole('link', { name: 'Se connecter avec mon compte académique', exact: true }).click();
    // the provider's own page (its development login form)
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill('claire.martin');
    await page.locator('input[name="password"]').fill('peu-importe');
    await screenshot(page, 'sso-02-fournisseur');
    await page.locator('button[type="submit"]').click();

    await page.getByRole('heading', { name: 'Bonjour Claire Martin' }).waitFor();
    expect(new URL(page.url()).origin).toBe(baseUrl);
    // the session is the httpOnly cookie: nothing readable by the page
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await screenshot(page, 'sso-03-accueil');
  });

  it('the logout ends the provider’s session too, then comes back to the login page', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${baseUrl}/connexion`);
    await page.getByRole('link', { name: 'Se connecter avec mon compte académique', exact: true }).waitFor();
    // signed out at the provider as well: its login page asks again
    await page.getByRole('link', { name: 'Se connecter avec mon compte académique', exact: true }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').waitFor();
  });

  it('an académie account without an account in the registre ends on the French page', async () => {
    await provider.account('inconnu', { email: 'personne@ac-test.fr', email_verified: true });
    // the provider's login page is open (the previous test stopped there)
    await page.locator('input[name="login"]').fill('inconnu');
    await page.locator('input[name="password"]').fill('peu-importe');
    const refused = page.waitForResponse((res) => res.url().startsWith(`${baseUrl}/auth/oidc/callback`));
    await page.locator('button[type="submit"]').click();
    expect((await refused).status()).toBe(403);
    await page
      .getByText("Votre compte n'est pas ouvert dans le registre : demandez-le à votre chef d'établissement")
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sso-04-compte-non-ouvert');
  });
});
