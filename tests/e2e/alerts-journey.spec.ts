/// <reference lib="dom" />
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Factory, TEST_PASSWORD, TestUser } from '../helpers/factories';
import { TestSmtpServer } from '../helpers/smtp';
import { createTestApp, TestApp } from '../helpers/test-app';
import { accessibilityViolations, ensureWebBuilt, launchBrowser, listen, logIn, screenshot } from './browser';
import { join } from 'node:path';
import { SCREENSHOTS as SCREENSHOT_ROOT } from './browser';

jest.setTimeout(300_000);

const SCREENSHOTS = join(SCREENSHOT_ROOT, 'alertes');
// the links the e-mails carry start with it; the test opens their path on the app it started
const PUBLIC_URL = 'https://registre.ac-test.fr';

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const RECORD = `mutation ($input: ViolationInput!) { recordViolation(input: $input) { id reference } }`;

/**
 * The alert chain in Chromium, against the real API, PostgreSQL and a real SMTP server: a teacher
 * invited by her head opens the e-mail's link and chooses her password (too short first: the API's
 * message beside the field); she forgets it and gets a new one through "Mot de passe oublié ?"; the
 * link works once. A breach recorded in her school reaches the head (the header's count, "Mes
 * notifications", "Ouvrir la fiche" marks it read) and the DPD, whose e-mail's link opens the DPD's
 * page of the same breach. axe-core on every page.
 */
describe('web: invitations, password resets and notifications', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let head: TestUser;
  let dpd: TestUser;
  let academyId: string;
  let schoolId: string;
  const teacherEmail = `camille.roux.${Date.now()}@ac-test.fr`;

  beforeAll(async () => {
    ensureWebBuilt();
    await smtp.start(0);
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_RETRY_DELAY_SECONDS: '1' } });
    baseUrl = await listen(t);
    const f = new Factory(t.dataSource);
    const academy = await f.academy('Académie de Rennes (test)');
    const school = await f.school(academy, { name: 'École Jules Ferry' });
    academyId = academy.id;
    schoolId = school.id;
    head = await f.user(academy, [{ role: 'HEAD', school }], { displayName: 'Hélène Martin' });
    dpd = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Denis Petit' });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  async function check(name: string, on: Page = page): Promise<void> {
    expect(await accessibilityViolations(on)).toEqual([]);
    await screenshot(on, name, SCREENSHOTS);
  }

  /** The one link of `subject`'s last mail to `to`, as a path on the app under test. */
  async function linkOfMail(to: string, subject: RegExp, count = 1): Promise<string> {
    await smtp.waitFor(
      `${count} mail(s) ${subject} to ${to}`,
      () => smtp.to(to).filter((m) => subject.test(m.subject)).length >= count,
    );
    const mail = smtp
      .to(to)
      .filter((m) => subject.test(m.subject))
      .at(-1)!;
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    expect(links).toHaveLength(1);
    const [link = ''] = links;
    expect(link.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    return `${baseUrl}${link.slice(PUBLIC_URL.length)}`;
  }

  // the form is labelled by its title, which holds these words too: the fields by their role
  const newPassword = () => page.getByRole('textbox', { name: /^Nouveau mot de passe/ });
  const confirmation = () => page.getByRole('textbox', { name: /^Confirmer le mot de passe/ });

  it('an invited teacher chooses her password from the e-mail’s link', async () => {
    const created = await t.gql<{ createUser: { id: string } }>(
      CREATE_USER,
      {
        input: {
          academyId,
          email: teacherEmail,
          displayName: 'Camille Roux',
          grants: [{ role: 'TEACHER', schoolId }],
        },
      },
      head.token,
    );
    expect(created.errors).toBeUndefined();
    const link = await linkOfMail(teacherEmail, /Votre compte a été créé/);
    expect(link).toContain('/mot-de-passe/choisir?jeton=');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choisir mon mot de passe', level: 1 }).waitFor();
    await check('01-invitation');
    // too short: the API's message beside the field, the token still unused
    await newPassword().fill('court');
    await confirmation().fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Le mot de passe doit compter au moins 12 caractères.').waitFor();
    await check('02-invitation-trop-court');
    // two different passwords: said before anything is sent
    await newPassword().fill('une phrase assez longue');
    await confirmation().fill('une phrase assez longue !');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Saisissez deux fois le même mot de passe.').waitFor();
    await confirmation().fill('une phrase assez longue');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    // signed in: the teacher's home and menu
    await page.getByRole('link', { name: 'Mes déclarations', exact: true }).first().waitFor();
    await page.getByText('Camille Roux').first().waitFor();
    const me = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: '{ me { email invitationPending } }' }),
      });
      return ((await response.json()) as { data: { me: { email: string; invitationPending: boolean } } }).data
        .me;
    });
    expect(me).toEqual({ email: teacherEmail, invitationPending: false });
  });

  it('she forgets it: "Mot de passe oublié ?" sends a link that works once', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion au registre RGPD' }).waitFor();
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { name: 'Mot de passe oublié', level: 1 }).waitFor();
    await check('03-mot-de-passe-oublie');
    await page.getByLabel('Adresse électronique').fill(teacherEmail);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText(`Si un compte existe pour ${teacherEmail}`).waitFor();
    await check('04-lien-envoye');
    const link = await linkOfMail(teacherEmail, /Réinitialisation/);
    expect(link).toContain('/mot-de-passe/reinitialiser?jeton=');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choisir un nouveau mot de passe', level: 1 }).waitFor();
    await newPassword().fill('un autre mot de passe');
    await confirmation().fill('un autre mot de passe');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByRole('link', { name: 'Mes déclarations', exact: true }).first().waitFor();
    // the same link again: refused in French, with the way to a new one
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion au registre RGPD' }).waitFor();
    await page.goto(link);
    await newPassword().fill('encore un autre mot de passe');
    await confirmation().fill('encore un autre mot de passe');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Lien invalide, expiré ou déjà utilisé : demandez-en un nouveau.').waitFor();
    await page.getByRole('link', { name: 'Recevoir un nouveau lien' }).waitFor();
    await check('05-lien-deja-utilise');
    // the new password is the one that signs in
    await page.goto(`${baseUrl}/connexion`);
    await logIn(page, teacherEmail, 'un autre mot de passe');
    await page.getByRole('link', { name: 'Mes déclarations', exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion au registre RGPD' }).waitFor();
  });

  it('a recorded breach reaches the head’s notifications and the DPD’s e-mail, each to its own page', async () => {
    const recorded = await t.gql<{ recordViolation: { id: string; reference: string } }>(
      RECORD,
      {
        input: {
          schoolId,
          title: 'Clé USB perdue',
          description: 'Une clé USB avec les bulletins du CM2 perdue dans le bus.',
          incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
          discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
          natures: ['CONFIDENTIALITY'],
          risk: 'RISK',
        },
      },
      head.token,
    );
    expect(recorded.errors).toBeUndefined();
    const violation = recorded.data!.recordViolation;

    await page.goto(`${baseUrl}/connexion`);
    await logIn(page, head.email, TEST_PASSWORD);
    // "À traiter" lists it among the unread notifications, beside the breach itself
    await page.getByRole('link', { name: 'À traiter', exact: true }).first().click();
    const unread = page.getByTestId('todo-notifications');
    await unread
      .getByRole('link', { name: `Violation ${violation.reference} signalée — École Jules Ferry` })
      .waitFor();
    const bell = page.getByRole('link', { name: /^Notifications/ });
    await bell.filter({ hasText: 'Notifications (1 non lue)' }).first().waitFor();
    await bell.first().click();
    await page.getByRole('heading', { name: 'Mes notifications', level: 1 }).waitFor();
    await page.getByText('Non lue', { exact: true }).waitFor();
    await check('06-notifications');
    await page
      .getByRole('link', { name: /Ouvrir la fiche/ })
      .first()
      .click();
    await page.waitForURL(`${baseUrl}/violations/${violation.id}`);
    await page.getByRole('heading', { name: `${violation.reference} — Clé USB perdue`, level: 1 }).waitFor();
    // read: the header's count is gone, and the list says so
    await bell
      .filter({ hasText: /^Notifications$/ })
      .first()
      .waitFor();
    await page.goto(`${baseUrl}/notifications`);
    await page.getByRole('heading', { name: 'Mes notifications', level: 1 }).waitFor();
    await page.getByText('1 notification', { exact: true }).waitFor();
    await page.getByText('Non lue', { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion au registre RGPD' }).waitFor();

    // the DPD's e-mail: its link signs in, then opens the DPD's page of the breach
    const link = await linkOfMail(dpd.email, /Violation .* signalée/);
    expect(link).toBe(`${baseUrl}/fiche/violation/${violation.id}`);
    await page.goto(link);
    await logIn(page, dpd.email, TEST_PASSWORD);
    await page.waitForURL(`${baseUrl}/dpd/violations/${violation.id}`);
    await page.getByRole('heading', { name: `${violation.reference} — Clé USB perdue`, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'École Jules Ferry' }).first().waitFor();
    await check('07-fiche-depuis-le-courriel');
    // the same link for an account without a page for it: said, not a blank page
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion au registre RGPD' }).waitFor();
    await page.goto(link);
    await logIn(page, teacherEmail, 'un autre mot de passe');
    await page.getByRole('heading', { name: 'Fiche introuvable', level: 1 }).waitFor();
    await check('08-fiche-sans-page');
  });
});
