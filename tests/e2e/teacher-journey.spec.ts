/// <reference lib="dom" />
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Factory, TEST_PASSWORD } from '../helpers/factories';
import { createTestApp, ok, TestApp } from '../helpers/test-app';
import {
  accessibilityViolations,
  ensureWebBuilt,
  launchBrowser,
  listen,
  mainMenu,
  screenshot,
} from './browser';

jest.setTimeout(240_000);

/**
 * A teacher's journey in Chromium, against the real API on the real PostgreSQL: log in with the
 * keyboard, declare a tool step by step (the risk follows the answers), meet a refused field, save,
 * submit; the head's decision (through the API) shows on the list; report an incident; a revoked
 * session returns to the login page. axe-core on every page, a screenshot of each step.
 */
describe('web: the teacher declares a tool', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let teacher: { id: string; email: string };
  let head: { token: string };
  const cspErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    t = await createTestApp();
    baseUrl = await listen(t);
    const f = new Factory(t.dataSource);
    const academy = await f.academy();
    const school = await f.school(academy, { name: 'Collège Jean Jaurès' });
    teacher = await f.user(academy, [{ role: 'TEACHER', school }], { displayName: 'Claire Martin' });
    head = await f.user(academy, [{ role: 'HEAD', school }], { displayName: 'Paul Bernard' });
    // the académie's catalogue holds Kahoot!, allowed with conditions, under an alias too
    const dpd = await f.user(academy, [{ role: 'DPD' }]);
    ok(
      await t.gql(
        `mutation ($input: CatalogToolInput!) { createCatalogTool(input: $input) { id } }`,
        {
          input: {
            name: 'Kahoot!',
            aliases: ['kahoot.it'],
            vendor: 'Kahoot! ASA',
            url: 'https://kahoot.com',
            dataCategories: ['IDENTITY', 'ASSESSMENT'],
            hosting: 'NON_EU',
            hostingCountry: 'États-Unis',
            freeSoftware: 'NO',
            institutional: false,
            commercialReuse: 'NO',
            opinion: 'ALLOWED_WITH_CONDITIONS',
            conditions: 'Pseudonymes obligatoires ; aucun compte élève.',
          },
        },
        dpd.token,
      ),
    );
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** axe finds nothing, then a screenshot: every page the journey visits goes through here. */
  async function check(name: string): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, name);
  }

  const risk = () => page.getByTestId('risk-level');

  it('logs in with the keyboard only; no token is readable by the page', async () => {
    await page.goto(`${baseUrl}/declarations`);
    await page.getByRole('heading', { name: 'Connexion au registre RGPD' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await expect(page.title()).resolves.toBe('Connexion — Registre RGPD');
    await page.getByRole('banner').getByText('République').waitFor();
    await check('01-connexion');

    const email = page.getByLabel('Adresse électronique');
    for (let i = 0; i < 40 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(teacher.email);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // past the hint-less field to the password (the hint is text)
    const password = page.getByLabel('Mot de passe');
    if (!(await password.evaluate((el) => el === document.activeElement))) await password.focus();
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');

    // back to the page asked for
    await page.getByRole('heading', { name: 'Mes déclarations', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const session = (await context.cookies()).find((c) => c.name === 'registre_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // the storage holds the DSFR's display settings only, never the token
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...window.localStorage, ...window.sessionStorage }),
    );
    expect(stored).not.toContain(session!.value);
    await page.getByText('Aucune déclaration pour l’instant.').waitFor();
    await check('02-mes-declarations-vide');
  });

  it('shows the home page by role', async () => {
    await page.getByRole('link', { name: 'Accueil', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Bonjour Claire Martin' }).waitFor();
    await check('03-accueil-enseignant');
  });

  it('declares a tool in steps: a refused field, the risk following the answers, save, submit', async () => {
    await mainMenu(page, 'Déclarer un outil').click();
    await page.getByRole('heading', { name: 'Déclarer un outil', level: 1 }).waitFor();
    await page.getByText('Fiche de l’académie « Bien choisir ses outils »').waitFor();
    await check('04-etape-1-outil');

    // the server is the judge: an empty name is refused beside the field, announced, the rest kept
    await page.getByLabel('À quoi sert l’outil avec vos élèves ?').fill('Mur collaboratif pour les exposés');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    const name = page.getByLabel('Nom de l’outil');
    const message = page.getByText('Ce champ est obligatoire.', { exact: true });
    await message.waitFor();
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const messageId = await message.getAttribute('id');
    expect(describedBy.split(' ')).toContain(messageId);
    expect(await page.getByRole('alert').first().textContent()).toContain('à corriger');
    await expect(page.getByLabel('À quoi sert l’outil avec vos élèves ?').inputValue()).resolves.toBe(
      'Mur collaboratif pour les exposés',
    );
    await check('05-etape-1-erreur-serveur');

    await name.fill('Padlet');
    await page
      .getByRole('group', { name: /logiciel libre/ })
      .getByText('Non', { exact: true })
      .click();
    await page
      .getByRole('group', { name: /outil institutionnel/ })
      .getByText('Non', { exact: true })
      .click();
    await page.getByRole('button', { name: 'Étape suivante' }).click();

    await page
      .getByRole('group', { name: /hébergées/ })
      .getByText('Dans l’Union européenne')
      .click();
    await page
      .getByRole('group', { name: /fins commerciales/ })
      .getByText('Non', { exact: true })
      .click();
    await expect(risk().textContent()).resolves.toContain('Risque modéré');
    await check('06-etape-2-hebergement-ue');

    await page
      .getByRole('group', { name: /hébergées/ })
      .getByText('Hors de l’Union européenne')
      .click();
    await expect(risk().textContent()).resolves.toContain('Risque élevé');
    await page.getByText('Hébergement hors Union européenne', { exact: true }).waitFor();
    await page.getByLabel('Dans quel pays ? (facultatif)').fill('États-Unis');
    await check('07-etape-2-hors-ue-risque-eleve');

    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page.getByText('Fiche de l’académie « Protéger les données des élèves »').waitFor();
    await page.getByText('Identité (nom, prénom, date de naissance, INE)').click();
    await page
      .getByRole('group', { name: /pseudonymes/ })
      .getByText('Oui', { exact: true })
      .click();
    await page.getByLabel(/Durée de conservation/).fill('12');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText(/Brouillon enregistré le \d{1,2}(er)? \S+ \d{4} à \d{1,2} h \d{2}\./).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/declarations\/[0-9a-f-]{36}$/);
    await check('08-etape-3-donnees-brouillon');

    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page
      .getByRole('group', { name: /familles/ })
      .getByText('Oui', { exact: true })
      .click();
    await check('09-etape-4-precautions');
    await page.getByRole('button', { name: 'Soumettre au chef d’établissement' }).click();

    await page.getByText('Déclaration « Padlet » soumise au chef d’établissement.').waitFor();
    const row = page.getByTestId('declarations').getByRole('row', { name: /Padlet/ });
    await expect(row.textContent()).resolves.toMatch(/Soumise, en attente de décision.*Risque élevé/);
    await check('10-mes-declarations-soumise');
  });

  it("shows the head's decision (made through the API) with its comment", async () => {
    // the test database is shared by every spec: the teacher's own Padlet, not another spec's
    const [{ id }] = await t.dataSource.query(
      `SELECT id FROM tool_declaration WHERE tool_name = 'Padlet' AND declared_by_id = $1`,
      [teacher.id],
    );
    ok(
      await t.gql(
        `mutation ($id: ID!, $input: DeclarationDecisionInput!) { decideToolDeclaration(id: $id, input: $input) { status } }`,
        { id, input: { decision: 'REQUEST_CHANGES', comment: 'Merci de choisir un hébergement en Europe.' } },
        head.token,
      ),
    );
    await page.reload();
    const row = page.getByTestId('declarations').getByRole('row', { name: /Padlet/ });
    await row.getByText('Merci de choisir un hébergement en Europe.').waitFor();
    await expect(row.textContent()).resolves.toContain('Modifications demandées');
    await check('11-mes-declarations-decision');

    // edit after "changes requested": the comment is shown above the form
    await row.getByRole('link', { name: 'Modifier la déclaration Padlet' }).click();
    await page.getByText('Le chef d’établissement demande des modifications').waitFor();
    await check('12-modifier-apres-demande');
  });

  it('declares a catalogued tool: the entry fills in the facts and its conditions are shown; edited and submitted', async () => {
    await mainMenu(page, 'Déclarer un outil').click();
    await page.getByRole('heading', { name: 'Déclarer un outil', level: 1 }).waitFor();
    await page.getByLabel('Nom de l’outil').fill('kahoot');
    const suggestions = page.getByTestId('catalog-suggestions');
    await suggestions.getByText(/Kahoot! \(Kahoot! ASA\) — Autorisé sous conditions/).waitFor();
    await check('13-catalogue-suggestion');
    await suggestions.getByRole('button', { name: 'Utiliser la fiche Kahoot!' }).click();
    const entry = page.getByTestId('catalog-entry');
    await entry.getByText('Fiche du catalogue : Kahoot! — Autorisé sous conditions').waitFor();
    await entry.getByText('Conditions : Pseudonymes obligatoires ; aucun compte élève.').waitFor();
    // the entry's facts: shown, not typed (the API would refuse them from the author)
    await expect(page.getByLabel('Nom de l’outil').inputValue()).resolves.toBe('Kahoot!');
    await expect(page.getByLabel('Nom de l’outil').isDisabled()).resolves.toBe(true);
    await expect(page.getByLabel(/Éditeur/).inputValue()).resolves.toBe('Kahoot! ASA');
    await check('14-catalogue-fiche-choisie');
    await page.getByLabel('À quoi sert l’outil avec vos élèves ?').fill('Quiz de révision en fin de séance');
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    // hosted outside the EU, by the entry: the risk says so before anything is saved
    await expect(risk().textContent()).resolves.toContain('Risque élevé');
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page.getByText('Identité (nom, prénom, date de naissance, INE)').click();
    await page
      .getByRole('group', { name: /pseudonymes/ })
      .getByText('Oui', { exact: true })
      .click();
    await page.getByLabel(/Durée de conservation/).fill('6');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText(/Brouillon enregistré le/).waitFor();
    const [saved] = await t.dataSource.query(
      `SELECT d.id, c.name AS entry FROM tool_declaration d JOIN catalog_tool c ON c.id = d.catalog_tool_id
        WHERE d.declared_by_id = $1 AND d.tool_name = 'Kahoot!'`,
      [teacher.id],
    );
    expect(saved.entry).toBe('Kahoot!');
    // an edit of the linked draft, then the submission: neither sends the entry's facts
    await page.getByLabel(/Durée de conservation/).fill('3');
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page
      .getByRole('group', { name: /familles/ })
      .getByText('Oui', { exact: true })
      .click();
    await page.getByRole('button', { name: 'Soumettre au chef d’établissement' }).click();
    await page.getByText('Déclaration « Kahoot! » soumise au chef d’établissement.').waitFor();
    const [submitted] = await t.dataSource.query(
      `SELECT status, retention_months FROM tool_declaration WHERE id = $1`,
      [saved.id],
    );
    expect(submitted).toEqual({ status: 'SUBMITTED', retention_months: 3 });
  });

  it('withdraws a submitted declaration after confirming, from "Mes déclarations"', async () => {
    await mainMenu(page, 'Mes déclarations').click();
    const row = page.getByTestId('declarations').getByRole('row', { name: /Kahoot!/ });
    await expect(row.textContent()).resolves.toContain('Soumise');
    // the first time, the teacher changes its mind: nothing is withdrawn
    const dismissed = new Promise<string>((resolveDialog) =>
      page.once('dialog', (dialog) => {
        resolveDialog(dialog.message());
        void dialog.dismiss();
      }),
    );
    await row.getByRole('button', { name: 'Retirer la déclaration Kahoot!' }).click();
    await expect(dismissed).resolves.toBe('Retirer la déclaration « Kahoot! » ?');
    const statusOf = async () =>
      (
        await t.dataSource.query(
          `SELECT status FROM tool_declaration WHERE declared_by_id = $1 AND tool_name = 'Kahoot!'`,
          [teacher.id],
        )
      )[0].status as string;
    await expect(statusOf()).resolves.toBe('SUBMITTED');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Retirer la déclaration Kahoot!' }).click();
    await row.getByText('Retirée', { exact: true }).waitFor();
    // a withdrawn declaration can be neither edited nor withdrawn again
    await expect(row.getByRole('button', { name: /Retirer/ }).count()).resolves.toBe(0);
    await expect(row.getByRole('link', { name: /Modifier/ }).count()).resolves.toBe(0);
    await expect(statusOf()).resolves.toBe('WITHDRAWN');
    await check('15-catalogue-declaration-retiree');
  });

  it('a network outage during the save says so and keeps the form; the save goes through once it is back', async () => {
    await mainMenu(page, 'Déclarer un outil').click();
    await page.getByRole('heading', { name: 'Déclarer un outil', level: 1 }).waitFor();
    await page.getByLabel('Nom de l’outil').fill('Genially');
    await page.getByLabel('À quoi sert l’outil avec vos élèves ?').fill('Présentations animées en histoire');
    // the connection drops for the writes only: the page itself stays loaded
    await page.route('**/graphql', (route) =>
      route.request().postData()?.includes('mutation')
        ? route.abort('internetdisconnected')
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'rien n’a été enregistré' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Vos réponses sont conservées');
    await expect(page.getByLabel('Nom de l’outil').inputValue()).resolves.toBe('Genially');
    await expect(page.getByLabel('À quoi sert l’outil avec vos élèves ?').inputValue()).resolves.toBe(
      'Présentations animées en histoire',
    );
    const saved = () =>
      t.dataSource.query(
        `SELECT status FROM tool_declaration WHERE declared_by_id = $1 AND tool_name = 'Genially'`,
        [teacher.id],
      );
    await expect(saved()).resolves.toEqual([]);
    await check('16-coupure-reseau-formulaire-conserve');

    await page.unroute('**/graphql');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    // back online, the server answers: a draft needs one data category, and the form opens on its step
    await page.getByText('Choisissez au moins 1 valeur(s).', { exact: true }).waitFor();
    await expect(page.getByLabel('Nom de l’outil').count()).resolves.toBe(0);
    await page.getByText('Évaluation (notes, compétences, appréciations, productions)').click();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText(/Brouillon enregistré le/).waitFor();
    await expect(saved()).resolves.toEqual([{ status: 'DRAFT' }]);
  });

  it('reports an incident and shows the 72-hour deadline', async () => {
    await mainMenu(page, 'Signaler un incident').click();
    await page.getByRole('heading', { name: 'Signaler un incident', level: 1 }).waitFor();
    await check('13-signaler-incident');
    await page.getByLabel('En quelques mots, que s’est-il passé ?').fill('Clé USB perdue');
    await page.getByLabel('Type d’incident').selectOption('EQUIPMENT_THEFT_OR_LOSS');
    await page.getByLabel('Description').fill('Perdue dans le bus, avec les notes de la 4e B.');
    await page.getByRole('button', { name: 'Signaler l’incident' }).click();
    await page
      .getByText(/Échéance de notification à la CNIL : .* à \d{1,2} h \d{2} — reste 2 j 23 h/)
      .waitFor();
    await check('14-incident-signale-72h');
  });

  it('a revoked session returns to the login page with a French message', async () => {
    await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [teacher.id]);
    await mainMenu(page, 'Mes déclarations').click();
    await page.getByText(/Votre session a expiré ou a été fermée/).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await check('15-session-fermee');
    expect(cspErrors).toEqual([]);
  });
});
