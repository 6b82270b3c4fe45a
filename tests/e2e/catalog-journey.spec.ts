/// <reference lib="dom" />
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Factory, TEST_PASSWORD, TestUser } from '../helpers/factories';
import { createTestApp, ok, TestApp } from '../helpers/test-app';
import {
  accessibilityViolations,
  describedBy,
  eventually,
  logIn as signIn,
  mainMenu,
  ensureWebBuilt,
  launchBrowser,
  listen,
  screenshot,
  SCREENSHOTS as SCREENSHOT_ROOT,
} from './browser';

jest.setTimeout(300_000);

/** Screenshots under tests/e2e/screenshots/catalog/ (git-ignored); with DOC_SCREENSHOTS=1 also docs/screenshots/catalog/. */
const SCREENSHOTS = [
  join(SCREENSHOT_ROOT, 'catalog'),
  ...(process.env.DOC_SCREENSHOTS === '1'
    ? [join(__dirname, '..', '..', 'docs', 'screenshots', 'catalog')]
    : []),
];

const DECLARE = `mutation ($input: ToolDeclarationInput!) { createToolDeclaration(input: $input) { id } }`;
const SUBMIT = `mutation ($id: ID!) { submitToolDeclaration(id: $id) { status } }`;
const CREATE_TOOL = `mutation ($input: CatalogToolInput!) { createCatalogTool(input: $input) { id } }`;
const TOOL = `query ($id: ID!) { catalogTool(id: $id) { version opinion conditions schoolCount } }`;
const UPDATE_TOOL = `mutation ($id: ID!, $version: Int!, $input: CatalogToolPatch!) {
  updateCatalogTool(id: $id, version: $version, input: $input) { version }
}`;
const DECLARATION = `query ($id: ID!) { toolDeclaration(id: $id) { riskLevel catalogTool { id } } }`;

/**
 * The académie's catalogue in Chromium, against the real API on the real PostgreSQL: the DPD finds
 * among the tools to examine one declared in two schools, adds it as FORBIDDEN (the reason the API
 * requires refused beside the field first), which links both declarations; edits the entry while
 * another DPD changed it through the API (the stale version's conflict, then "Recharger"); the list
 * filtered by opinion; then the head opens a linked declaration and reads the catalogue's opinion,
 * its reason and alternative, and cannot approve. axe-core on every page.
 */
describe('web: the DPD’s tool catalogue, and its opinion on the head’s decision page', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dpd: TestUser;
  let otherDpd: TestUser;
  let head: TestUser;
  let capytaleId = '';
  let quizletInJaures = '';
  let quizletId = '';
  /** a teacher's declaration, submitted (set in beforeAll) */
  let declareAs: (teacher: TestUser, schoolId: string, input: Record<string, unknown>) => Promise<string>;
  let karimAtFermat: { teacher: TestUser; schoolId: string };

  beforeAll(async () => {
    ensureWebBuilt();
    t = await createTestApp();
    baseUrl = await listen(t);
    const f = new Factory(t.dataSource);
    const academy = await f.academy('Académie de Montpellier (test)');
    const jaures = await f.school(academy, { name: 'Collège Jean Jaurès' });
    const fermat = await f.school(academy, { name: 'Lycée Pierre de Fermat', kind: 'LYCEE' });
    head = await f.user(academy, [{ role: 'HEAD', school: jaures }], { displayName: 'Paul Bernard' });
    const claire = await f.user(academy, [{ role: 'TEACHER', school: jaures }], {
      displayName: 'Claire Martin',
    });
    const karim = await f.user(academy, [{ role: 'TEACHER', school: fermat }], {
      displayName: 'Karim Haddad',
    });
    dpd = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Denis Petit' });
    otherDpd = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Sophie Durand' });

    const declare = async (teacher: TestUser, schoolId: string, input: Record<string, unknown>) => {
      const { createToolDeclaration } = ok(
        await t.gql<{ createToolDeclaration: { id: string } }>(
          DECLARE,
          {
            input: {
              schoolId,
              purpose: 'Révisions du vocabulaire par cartes',
              dataCategories: ['IDENTITY'],
              hosting: 'NON_EU',
              commercialReuse: 'UNKNOWN',
              freeSoftware: 'NO',
              institutional: false,
              pseudonymsUsed: false,
              familiesInformed: true,
              retentionMonths: 12,
              ...input,
            },
          },
          teacher.token,
        ),
      );
      ok(await t.gql(SUBMIT, { id: createToolDeclaration.id }, teacher.token));
      return createToolDeclaration.id;
    };
    declareAs = declare;
    karimAtFermat = { teacher: karim, schoolId: fermat.id };
    // two spellings of one tool in two schools, and a tool of one school
    quizletInJaures = await declare(claire, jaures.id, { toolName: 'Quizlet', vendor: 'Quizlet Inc.' });
    await declare(karim, fermat.id, { toolName: 'quizlet!', vendor: 'Quizlet Inc.' });
    await declare(karim, fermat.id, { toolName: 'Canva', hosting: 'EU', pseudonymsUsed: true });
    // already in the catalogue: the alternative the other DPD names later
    const { createCatalogTool } = ok(
      await t.gql<{ createCatalogTool: { id: string } }>(
        CREATE_TOOL,
        {
          input: {
            name: 'Capytale',
            vendor: 'Ministère de l’Éducation nationale',
            dataCategories: ['IDENTITY'],
            hosting: 'EU',
            hostingCountry: 'France',
            freeSoftware: 'YES',
            institutional: true,
            commercialReuse: 'NO',
            retentionMonths: 12,
            opinion: 'RECOMMENDED',
          },
        },
        dpd.token,
      ),
    );
    capytaleId = createCatalogTool.id;

    browser = await launchBrowser();
    context = await newContext();
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const newContext = () =>
    browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 1280, height: 900 },
    });

  async function check(name: string, on: Page = page): Promise<void> {
    expect(await accessibilityViolations(on)).toEqual([]);
    for (const dir of SCREENSHOTS) await screenshot(on, name, dir);
  }

  const logIn = (on: Page, user: TestUser) => signIn(on, user.email, TEST_PASSWORD);

  const menu = (name: string, on: Page = page) => mainMenu(on, name);
  const rowsOf = async (testId: string, on: Page = page) =>
    (await on.getByTestId(testId).getByRole('row').allTextContents()).slice(1);

  it('lists the catalogue, then the tools to examine: the one declared in two schools first', async () => {
    await page.goto(`${baseUrl}/`);
    await logIn(page, dpd);
    await page.getByRole('heading', { name: /Tableau de bord/ }).waitFor();
    // the dashboard counts the tools declared in two schools or more that no entry covers: Quizlet
    const counters = page.getByTestId('dashboard-counters');
    await expect(counters.getByRole('link', { name: /Outils à examiner/ }).textContent()).resolves.toMatch(
      /^1Outils à examiner/,
    );
    await expect(counters.getByRole('link', { name: /en attente d’avis/ }).textContent()).resolves.toMatch(
      /^0/,
    );
    await menu('Catalogue').click();
    await page.getByRole('heading', { name: 'Catalogue de l’académie', level: 1 }).waitFor();
    await expect(
      eventually(
        () => rowsOf('catalog-tools'),
        (r) => r.length === 1,
      ),
    ).resolves.toEqual([expect.stringMatching(/^Capytale.*Ministère.*Recommandé.*Risque faible00$/)]);
    await check('01-catalogue');

    await page.getByRole('link', { name: 'Outils à examiner' }).click();
    await page.waitForURL(/vue=a-examiner/);
    // the two spellings are one tool, its most frequent spelling first; the most used first
    await expect(
      eventually(
        () => rowsOf('catalog-candidates'),
        (r) => r.length === 2,
      ),
    ).resolves.toEqual([
      expect.stringMatching(/^(Quizlet|quizlet!)Quizlet Inc\.22Risque élevé/),
      expect.stringMatching(/^Canva—11Risque/),
    ]);
    await check('02-outils-a-examiner');
  });

  it('adds the candidate as forbidden: the reason is required, then both declarations are linked', async () => {
    await page.getByRole('link', { name: /Ajouter au catalogue : Quizlet/ }).click();
    await page.getByRole('heading', { name: 'Ajouter un outil au catalogue', level: 1 }).waitFor();
    // prefilled from the candidate
    await expect(page.getByLabel('Nom', { exact: true }).inputValue()).resolves.toMatch(
      /^(Quizlet|quizlet!)$/,
    );
    await expect(page.getByLabel('Éditeur', { exact: true }).inputValue()).resolves.toBe('Quizlet Inc.');
    await page.getByLabel('Nom', { exact: true }).fill('Quizlet');
    await page.getByLabel('Autres noms (alias)').fill('quizlet.com, Quizlet Learn');
    await page.getByLabel('Adresse du site').fill('https://quizlet.com');
    await page.getByLabel(/^Identité/).check({ force: true });
    await page.getByLabel(/^Données de connexion/).check({ force: true });
    await page.getByLabel('Hors Union européenne').check({ force: true });
    await page.getByLabel('Pays d’hébergement').fill('États-Unis');
    await page
      .getByRole('group', { name: 'Réutilisation commerciale des données' })
      .getByLabel('Oui')
      .check({ force: true });
    await page.getByLabel(/^Interdit/).check({ force: true });
    await page.getByRole('button', { name: 'Ajouter au catalogue' }).click();
    const needed = 'Indiquez la raison de cet avis.';
    await page.getByText('Une réponse est à corriger').waitFor();
    const conditions = page.getByLabel('Motif de l’avis');
    await expect(describedBy(conditions)).resolves.toContain(needed);
    await check('03-ajout-motif-requis');

    await conditions.fill(
      'Données des élèves hébergées aux États-Unis et réutilisées à des fins publicitaires.',
    );
    await page.getByRole('button', { name: 'Ajouter au catalogue' }).click();
    await page.waitForURL(/\/dpd\/catalogue\/[0-9a-f-]{36}$/);
    quizletId = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { name: 'Quizlet', level: 1 }).waitFor();
    await page
      .getByText(
        '« Quizlet » est au catalogue de l’académie ; 2 déclarations de cet outil suivent désormais sa fiche.',
      )
      .waitFor();
    const usage = page.getByTestId('catalog-usage');
    await expect(usage.textContent()).resolves.toMatch(
      /Établissements qui l’utilisent2Déclarations rattachées2AvisInterditAvis donné parDenis Petit, le /,
    );
    await expect(page.getByLabel('Autres noms (alias)').inputValue()).resolves.toBe(
      'quizlet.com\nQuizlet Learn',
    );
    await check('04-fiche-creee');

    // the API agrees: the head's declaration follows the entry, its risk high
    const { toolDeclaration } = ok(
      await t.gql<{ toolDeclaration: { riskLevel: string; catalogTool: { id: string } | null } }>(
        DECLARATION,
        { id: quizletInJaures },
        head.token,
      ),
    );
    expect(toolDeclaration).toEqual({ riskLevel: 'HIGH', catalogTool: { id: quizletId } });
  });

  it('edits the entry: a version changed meanwhile is a conflict, reloaded before saving', async () => {
    // another DPD names the alternative through the API, after this page loaded the entry
    const { catalogTool } = ok(
      await t.gql<{ catalogTool: { version: number } }>(TOOL, { id: quizletId }, otherDpd.token),
    );
    ok(
      await t.gql(
        UPDATE_TOOL,
        { id: quizletId, version: catalogTool.version, input: { alternativeIds: [capytaleId] } },
        otherDpd.token,
      ),
    );

    const description = page.getByLabel('Description');
    await description.fill('Cartes de révision en ligne.');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByText('Quelqu’un d’autre a modifié cet élément').waitFor();
    await check('05-conflit');

    await page.getByRole('button', { name: 'Recharger la version à jour' }).click();
    await expect(
      eventually(
        () => page.getByTestId('catalog-usage').textContent(),
        (text) => (text ?? '').includes('Outils à utiliser à la placeCapytale'),
      ),
    ).resolves.toContain('Outils à utiliser à la placeCapytale');
    await expect(description.inputValue()).resolves.toBe(''); // the newer version's, not what was typed
    await description.fill('Cartes de révision en ligne.');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByText('Fiche enregistrée.', { exact: false }).waitFor();
    const after = ok(
      await t.gql<{ catalogTool: { version: number; opinion: string } }>(TOOL, { id: quizletId }, dpd.token),
    );
    expect(after.catalogTool).toMatchObject({ version: catalogTool.version + 2, opinion: 'FORBIDDEN' });
    await check('06-fiche-enregistree');

    // the list, filtered by opinion; the candidate is gone from the tools to examine
    await page.getByRole('link', { name: 'Catalogue de l’académie' }).first().click();
    // the list's own filter (the entry's form, still on screen for a moment, has an "Avis" too)
    await page.waitForURL((url) => url.pathname === '/dpd/catalogue');
    await page.getByRole('combobox', { name: 'Avis' }).selectOption('FORBIDDEN');
    await page.waitForURL(/avis=FORBIDDEN/);
    await expect(
      eventually(
        () => rowsOf('catalog-tools'),
        (r) => r.length === 1 && r[0].startsWith('Quizlet'),
      ),
    ).resolves.toEqual([expect.stringMatching(/^QuizletQuizlet Inc\.InterditRisque élevé22$/)]);
    await check('07-catalogue-interdits');
    await page.getByRole('link', { name: 'Outils à examiner' }).click();
    await expect(
      eventually(
        () => rowsOf('catalog-candidates'),
        (r) => r.length === 1,
      ),
    ).resolves.toEqual([expect.stringMatching(/^Canva/)]);
  });

  it('the head reads the catalogue’s opinion on the decision page, and cannot approve', async () => {
    const other = await (await newContext()).newPage();
    await other.goto(`${baseUrl}/decisions/${quizletInJaures}`);
    await logIn(other, head);
    await other.getByRole('heading', { name: 'Décider : Quizlet', level: 1 }).waitFor();
    const alert = other.getByRole('heading', {
      name: 'Avis du catalogue de l’académie : Interdit',
      level: 2,
    });
    await alert.waitFor();
    const body = other.locator('.fr-alert', { has: alert });
    await expect(body.textContent()).resolves.toMatch(
      /l’approbation de cette déclaration est refusée\..*Motif : Données des élèves hébergées aux États-Unis.*À utiliser à la place : Capytale/,
    );
    // the tool-level facts are the entry's
    await expect(other.getByTestId('answers').textContent()).resolves.toContain(
      'Hors Union européenne (États-Unis)',
    );
    await expect(other.getByRole('button', { name: 'Approuver' }).isDisabled()).resolves.toBe(true);
    await expect(other.getByRole('button', { name: 'Refuser' }).isDisabled()).resolves.toBe(false);
    await check('08-decision-outil-interdit', other);

    // the DPD's view of the same declaration links to the entry
    await page.goto(`${baseUrl}/dpd/declarations/${quizletInJaures}`);
    await page.getByRole('heading', { name: 'Déclaration : Quizlet', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Fiche « Quizlet » du catalogue' }).click();
    await page.waitForURL(new RegExp(`/dpd/catalogue/${quizletId}$`));
    await page.getByRole('heading', { name: 'Quizlet', level: 1 }).waitFor();
  });

  it('adds an alternative to the entry, and links by hand a declaration the aliases did not catch', async () => {
    const digipad = ok(
      await t.gql<{ createCatalogTool: { id: string } }>(
        CREATE_TOOL,
        {
          input: {
            name: 'Digipad',
            vendor: 'La Digitale',
            dataCategories: ['IDENTITY'],
            hosting: 'EU',
            freeSoftware: 'YES',
            institutional: false,
            commercialReuse: 'NO',
            opinion: 'RECOMMENDED',
          },
        },
        dpd.token,
      ),
    ).createCatalogTool.id;
    // a spelling of Quizlet that no alias catches, declared as hosted in the EU
    const kizlet = await declareAs(karimAtFermat.teacher, karimAtFermat.schoolId, {
      toolName: 'Kizlet',
      vendor: null,
      hosting: 'EU',
    });

    await page.goto(`${baseUrl}/dpd/catalogue/${quizletId}`);
    await page.getByRole('heading', { name: 'Quizlet', level: 1 }).waitFor();
    const alternatives = page.getByRole('list', { name: 'Outils choisis' });
    await expect(
      eventually(
        () => alternatives.textContent(),
        (text) => (text ?? '').includes('Capytale'),
      ),
    ).resolves.toContain('Capytale');
    await page.getByLabel('Chercher un outil du catalogue').fill('digi');
    await page.getByRole('button', { name: 'Ajouter « Digipad »' }).click();
    await expect(
      eventually(
        () => alternatives.textContent(),
        (text) => (text ?? '').includes('Digipad'),
      ),
    ).resolves.toContain('Digipad');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByText('Fiche enregistrée.', { exact: false }).waitFor();
    const saved = ok(
      await t.gql<{ catalogTool: { alternatives: { id: string }[] } }>(
        `query ($id: ID!) { catalogTool(id: $id) { alternatives { id } } }`,
        { id: quizletId },
        dpd.token,
      ),
    );
    expect(saved.catalogTool.alternatives.map((a) => a.id).sort()).toEqual([capytaleId, digipad].sort());

    await page.getByLabel('Nom déclaré').fill('Kizlet');
    const found = page.getByRole('group', { name: 'Déclarations hors catalogue' });
    await found.getByText('Kizlet — Lycée Pierre de Fermat').click();
    await check('09-rattacher-des-declarations');
    await page.getByRole('button', { name: 'Rattacher les déclarations choisies' }).click();
    await page.getByText('1 déclaration rattachée à la fiche.').waitFor();
    const linked = ok(
      await t.gql<{ toolDeclaration: { hosting: string; riskLevel: string; catalogTool: { id: string } } }>(
        `query ($id: ID!) { toolDeclaration(id: $id) { hosting riskLevel catalogTool { id } } }`,
        { id: kizlet },
        dpd.token,
      ),
    );
    // the entry's facts and opinion now: hosted outside the EU, forbidden
    expect(linked.toolDeclaration).toEqual({
      hosting: 'NON_EU',
      riskLevel: 'HIGH',
      catalogTool: { id: quizletId },
    });
  });
});
