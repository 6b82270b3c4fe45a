/// <reference lib="dom" />
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { uaiFor } from '@app/core';
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

/** Screenshots under tests/e2e/screenshots/dpd/ (git-ignored); with DOC_SCREENSHOTS=1 also docs/screenshots/dpd/. */
const SCREENSHOTS = [
  join(SCREENSHOT_ROOT, 'dpd'),
  ...(process.env.DOC_SCREENSHOTS === '1' ? [join(__dirname, '..', '..', 'docs', 'screenshots', 'dpd')] : []),
];

const DECLARE = `mutation ($input: ToolDeclarationInput!) { createToolDeclaration(input: $input) { id } }`;
const SUBMIT = `mutation ($id: ID!) { submitToolDeclaration(id: $id) { status } }`;
const CREATE_TREATMENT = `mutation ($input: TreatmentInput!) { createTreatment(input: $input) { id reference } }`;
const RECORD = `mutation ($input: ViolationInput!) { recordViolation(input: $input) { id reference } }`;

/**
 * The DPD's journey in Chromium, against the real API on the real PostgreSQL: the dashboard's
 * high-risk counter opens its queue, a declaration and a treatment reviewed ("changes requested",
 * the comment the API requires refused beside the field first), the counters change, the treatment's
 * history, a school found without its accents and its CNIL dossier exported, the overdue breaches,
 * the académie's trail and "Vérifier l'intégrité". Then an administrator creates a school (a wrong
 * UAI refused as typed and by the API, beside the field) and its head. axe-core on every page.
 */
describe('web: the DPD watches the académie; the administrator sets it up', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dpd: TestUser;
  let admin: TestUser;
  let treatmentRef = '';
  // the database is shared by every spec (others have a "Collège Jean Jaurès" too): this spec's own ids
  const own = { academyId: '', schoolId: '' };

  beforeAll(async () => {
    ensureWebBuilt();
    t = await createTestApp();
    baseUrl = await listen(t);
    const f = new Factory(t.dataSource);
    const academy = await f.academy('Académie de Toulouse (test)');
    own.academyId = academy.id;
    const school = await f.school(academy, {
      name: 'Collège Jean Jaurès',
      city: 'Albi',
      uai: uaiFor(810_987),
    });
    own.schoolId = school.id;
    await f.school(academy, { name: 'Lycée Pierre de Fermat', kind: 'LYCEE', uai: uaiFor(312_789) });
    const head = await f.user(academy, [{ role: 'HEAD', school }], { displayName: 'Paul Bernard' });
    const teacher = await f.user(academy, [{ role: 'TEACHER', school }], { displayName: 'Claire Martin' });
    dpd = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Denis Petit' });
    admin = await f.user(academy, [{ role: 'ADMIN' }], { displayName: 'Alice Admin' });

    const declare = async (input: Record<string, unknown>) => {
      const { createToolDeclaration } = ok(
        await t.gql<{ createToolDeclaration: { id: string } }>(
          DECLARE,
          {
            input: {
              schoolId: school.id,
              commercialReuse: 'NO',
              freeSoftware: 'NO',
              institutional: false,
              pseudonymsUsed: true,
              familiesInformed: true,
              retentionMonths: 12,
              ...input,
            },
          },
          teacher.token,
        ),
      );
      ok(await t.gql(SUBMIT, { id: createToolDeclaration.id }, teacher.token));
    };
    await declare({
      toolName: 'Capytale',
      purpose: 'Programmation en Python',
      dataCategories: ['IDENTITY'],
      hosting: 'EU',
      institutional: true,
      freeSoftware: 'YES',
    });
    await declare({
      toolName: 'Padlet',
      vendor: 'Padlet Inc.',
      purpose: 'Mur collaboratif pour les exposés',
      dataCategories: ['IDENTITY', 'IMAGE_VOICE'],
      hosting: 'NON_EU',
      hostingCountry: 'États-Unis',
    });
    const { createTreatment } = ok(
      await t.gql<{ createTreatment: { reference: string } }>(
        CREATE_TREATMENT,
        {
          input: {
            schoolId: school.id,
            name: 'Cantine',
            purposes: ['Gestion des inscriptions à la cantine'],
            legalBasis: 'PUBLIC_INTEREST',
            subjectCategories: ['STUDENTS', 'PARENTS'],
            dataCategories: ['IDENTITY', 'FINANCIAL'],
            retention: 'Un an après le départ de l’élève',
          },
        },
        head.token,
      ),
    );
    treatmentRef = createTreatment.reference;
    ok(
      await t.gql(
        RECORD,
        {
          input: {
            schoolId: school.id,
            title: 'Courriel envoyé à la mauvaise liste',
            description: 'Les bulletins de 3e A envoyés aux parents de 3e B.',
            incidentType: 'DATA_DISCLOSURE',
            discoveredAt: new Date(Date.now() - 4 * 24 * 3600_000).toISOString(),
            natures: ['CONFIDENTIALITY'],
            risk: 'RISK',
          },
        },
        head.token,
      ),
    );

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
      acceptDownloads: true,
    });

  async function check(name: string, on: Page = page): Promise<void> {
    expect(await accessibilityViolations(on)).toEqual([]);
    for (const dir of SCREENSHOTS) await screenshot(on, name, dir);
  }

  const logIn = (on: Page, user: TestUser) => signIn(on, user.email, TEST_PASSWORD);

  const menu = (name: string, on: Page = page) => mainMenu(on, name);
  const counter = (label: string) =>
    page.getByTestId('dashboard-counters').getByRole('link', { name: label });

  it('logs in on the dashboard and opens the high-risk queue from its counter', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Connexion au registre RGPD' }).waitFor();
    await logIn(page, dpd);
    await page.getByRole('heading', { name: /Tableau de bord/ }).waitFor();
    await expect(counter('Déclarations à risque élevé').textContent()).resolves.toBe(
      '1Déclarations à risque élevé',
    );
    await expect(counter('Traitements à examiner').textContent()).resolves.toBe('1Traitements à examiner');
    await expect(counter('Notifications CNIL en retard').textContent()).resolves.toBe(
      '1Notifications CNIL en retard',
    );
    await check('01-tableau-de-bord');

    // the chart by département (read from the UAI), then by kind; its table is the text alternative
    const groups = page.getByRole('table', { name: /Établissements de l’académie par/ });
    const groupRows = async () => (await groups.getByRole('row').allTextContents()).slice(1);
    await expect(eventually(groupRows, (r) => r.length === 2)).resolves.toEqual([
      expect.stringMatching(/^Haute-Garonne \(31\)1/),
      expect.stringMatching(/^Tarn \(81\)1/),
    ]);
    await page.getByText('Par type d’établissement').click();
    await expect(eventually(groupRows, (r) => r.some((row) => row.startsWith('Collège')))).resolves.toEqual([
      expect.stringMatching(/^Collège1/),
      expect.stringMatching(/^Lycée1/),
    ]);
    await check('01b-tableau-de-bord-par-type');

    await counter('Déclarations à risque élevé').click();
    await page.waitForURL(/risque=HIGH/);
    await page.getByRole('heading', { name: 'Déclarations de l’académie', level: 1 }).waitFor();
    await expect(page.getByLabel('Risque').inputValue()).resolves.toBe('HIGH');
    const rows = page.getByTestId('dpd-declarations').getByRole('row');
    await expect(
      eventually(
        () => rows.count(),
        (n) => n === 2,
      ),
    ).resolves.toBe(2); // the header and Padlet
    await expect(rows.nth(1).textContent()).resolves.toMatch(
      /Padlet.*Collège Jean Jaurès.*Soumise.*Risque élevé/,
    );
    await check('02-file-risque-eleve');
  });

  it('reviews the declaration: a comment is required for "changes requested"', async () => {
    await page.getByRole('link', { name: 'Padlet' }).click();
    await page.getByRole('heading', { name: 'Déclaration : Padlet', level: 1 }).waitFor();
    await page.getByText(/Hébergement hors Union européenne : /).waitFor();
    await page.getByLabel('Modifications demandées').check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    const needed = 'Un commentaire est obligatoire pour ce verdict.';
    await page.getByText(needed).first().waitFor();
    await expect(describedBy(page.getByLabel('Commentaire du DPD'))).resolves.toContain(needed);
    await check('03-avis-commentaire-requis');

    await page
      .getByLabel('Commentaire du DPD')
      .fill('Hébergement aux États-Unis : demander les clauses contractuelles types.');
    await page.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await page.getByText('Avis enregistré : Modifications demandées.').waitFor();
    await page
      .getByTestId('reviews')
      .getByText('Hébergement aux États-Unis : demander les clauses contractuelles types.')
      .waitFor();
    await check('04-declaration-revue');
  });

  it('reviews a treatment from the queue behind its counter; the counter changes; the history shows it', async () => {
    await menu('Accueil').click();
    await counter('Traitements à examiner').click();
    await page.waitForURL(/revue=NOT_REVIEWED/);
    await page.getByRole('heading', { name: 'Traitements de l’académie', level: 1 }).waitFor();
    await check('05-file-traitements');
    await page.getByRole('link', { name: `${treatmentRef} — Cantine` }).click();
    await page.getByRole('heading', { name: `${treatmentRef} — Cantine`, level: 1 }).waitFor();
    await expect(page.getByRole('link', { name: 'Modifier' }).count()).resolves.toBe(0); // read-only for the DPD
    await page.getByLabel('Modifications demandées').check({ force: true });
    await page
      .getByLabel('Commentaire du DPD')
      .fill('Préciser la durée de conservation des données de paiement.');
    await page.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await page.getByText('Avis enregistré : Modifications demandées.').waitFor();
    await page.getByText('Modifications demandées par le DPD', { exact: true }).first().waitFor();
    // the history: the review state's change, before → after, in French
    const history = page.getByTestId('history');
    const row = await eventually(
      () => history.textContent(),
      (text) => (text ?? '').includes('Non revu par le DPDModifications demandées par le DPD'),
    );
    expect(row).toContain('Non revu par le DPDModifications demandées par le DPD');
    expect(row).toContain('Denis Petit');
    await check('06-traitement-revu');

    await menu('Accueil').click();
    await expect(
      eventually(
        () => counter('Traitements à examiner').textContent(),
        (text) => text === '0Traitements à examiner',
      ),
    ).resolves.toBe('0Traitements à examiner');
    await expect(counter('Déclarations à risque élevé').textContent()).resolves.toBe(
      '1Déclarations à risque élevé',
    );
    await check('07-tableau-de-bord-apres');
  });

  it('finds a school without its accents, reads its registers and exports its CNIL dossier', async () => {
    await menu('Établissements').click();
    await page.getByLabel('Rechercher un nom, une ville ou un UAI').fill('jean jaures');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/recherche=jean/);
    const rows = page.getByTestId('dpd-schools').getByRole('row');
    await expect(
      eventually(
        () => rows.count(),
        (n) => n === 2,
      ),
    ).resolves.toBe(2);
    await check('08-etablissements');
    await page.getByRole('link', { name: 'Collège Jean Jaurès' }).click();
    await page.getByRole('heading', { name: 'Collège Jean Jaurès', level: 1 }).waitFor();
    await expect(page.getByTestId('school-stats').textContent()).resolves.toMatch(/Traitements actifs1/);
    await page.getByRole('link', { name: `${treatmentRef} — Cantine` }).waitFor();
    await page.getByRole('button', { name: 'Générer : Dossier de conformité pour la CNIL' }).click();
    await page.getByText(/Dossier de conformité pour la CNIL généré \(\d+ pages\)/).waitFor();
    await expect(page.getByTestId('exports').textContent()).resolves.toMatch(
      /Dossier de conformité pour la CNIL.*Denis Petit/,
    );
    await check('09-etablissement');
  });

  it('lists the overdue CNIL notifications', async () => {
    await menu('Accueil').click();
    await counter('Notifications CNIL en retard').click();
    await page.waitForURL(/retard=oui/);
    const rows = page.getByTestId('dpd-violations').getByRole('row');
    await expect(rows.nth(1).textContent()).resolves.toMatch(
      /Courriel envoyé à la mauvaise liste.*Échéance CNIL dépassée/,
    );
    await check('10-violations-en-retard');
  });

  it('reads the académie’s trail with a filter and runs the integrity check', async () => {
    await menu('Journal d’audit').click();
    await page.getByRole('heading', { name: 'Journal d’audit', level: 1 }).waitFor();
    await page.getByLabel('Type d’entrée').selectOption('Treatment');
    await page.waitForURL(/type=Treatment/);
    const trail = page.getByTestId('audit-trail');
    await expect(
      eventually(
        () => trail.textContent(),
        (text) =>
          (text ?? '').includes('Revue du DPD : Non revu par le DPD → Modifications demandées par le DPD'),
      ),
    ).resolves.toContain('Revue du DPD : Non revu par le DPD → Modifications demandées par le DPD');
    await expect(trail.textContent()).resolves.not.toContain('Padlet');
    await page.getByRole('button', { name: 'Vérifier l’intégrité' }).click();
    await page.getByText('Le journal est intègre').waitFor();
    await expect(page.getByTestId('integrity').textContent()).resolves.toMatch(
      /\d+ événements vérifiés dans \d+ chaînes/,
    );
    await check('11-journal-integrite');
  });

  it('the administrator creates a school (a wrong UAI refused beside the field) and its head', async () => {
    const other = await newContext();
    const a = await other.newPage();
    await a.goto(`${baseUrl}/admin/etablissements`);
    await logIn(a, admin);
    await a.getByRole('heading', { name: 'Établissements', level: 1 }).waitFor();
    const good = uaiFor(3109876);
    const wrong = `${good.slice(0, 7)}${good[7] === 'A' ? 'B' : 'A'}`;
    const uai = a.getByRole('textbox', { name: /^UAI/ });
    const message = 'UAI invalide : 7 chiffres suivis de la lettre de contrôle (ex. 0310024H).';
    await uai.fill(wrong);
    // checked as typed, by the rule the API applies
    await expect(describedBy(uai)).resolves.toContain(message);
    await a.getByLabel('Nom', { exact: true }).fill('École Marie Curie');
    await a.getByLabel('Type').selectOption('ECOLE');
    await a.getByLabel('Commune').fill('Montauban');
    await a.getByRole('button', { name: 'Créer l’établissement' }).click();
    await a.getByText('Une réponse est à corriger').waitFor();
    await expect(describedBy(uai)).resolves.toContain(message);
    await check('12-admin-uai-refuse', a);

    await uai.fill(good);
    await expect(describedBy(uai)).resolves.toContain('UAI valide.');
    await a.getByRole('button', { name: 'Créer l’établissement' }).click();
    await a.getByText(`École Marie Curie (UAI ${good}) créé.`, { exact: false }).waitFor();
    await a
      .getByTestId('admin-schools')
      .getByRole('row', { name: new RegExp(good) })
      .waitFor();
    await check('13-admin-etablissement-cree', a);

    await menu('Comptes', a).click();
    await a.getByRole('heading', { name: 'Comptes', level: 1 }).waitFor();
    await a.getByLabel('Nom affiché').fill('Marc Lefèvre');
    await a.getByLabel('Adresse électronique du compte').fill('marc.lefevre@ac-test.fr');
    await a.getByLabel('Mot de passe provisoire').fill('Provisoire-2026-abc');
    await a.getByLabel('Rôle à ajouter').first().selectOption('HEAD');
    await a.getByLabel('Rechercher l’établissement').first().fill('marie curie');
    const choose = a.locator('#nouveau-compte-etablissement');
    await eventually(
      () => choose.locator('option').count(),
      (n) => n === 2,
    );
    await choose.selectOption({ label: `École Marie Curie (${good})` });
    await a.getByRole('button', { name: 'Ajouter ce rôle' }).first().click();
    await a.getByText("Chef d'établissement — École Marie Curie").waitFor();
    await a.getByRole('button', { name: 'Créer le compte' }).click();
    await a.getByText('Compte de Marc Lefèvre créé.').waitFor();
    await a
      .getByTestId('accounts')
      .getByText(/Marc Lefèvre/)
      .first()
      .waitFor();
    await check('14-admin-compte-chef', a);

    // the new head signs in and sees its school
    const third = await (await newContext()).newPage();
    await third.goto(`${baseUrl}/`);
    await third.getByLabel('Adresse électronique').fill('marc.lefevre@ac-test.fr');
    await third.getByLabel('Mot de passe').fill('Provisoire-2026-abc');
    await third.getByRole('button', { name: 'Se connecter' }).click();
    await third.getByRole('heading', { name: 'Bonjour Marc Lefèvre' }).waitFor();
    await menu('Demandes de droits', third).click();
    await third.getByText(/Le registre des demandes d’exercice des droits .* de École Marie Curie/).waitFor();
  });

  it('the administrator edits a school and the académie: a bad address beside its field, a stale version refused', async () => {
    const a = await (await newContext()).newPage();
    await a.goto(`${baseUrl}/admin/etablissements?academie=${own.academyId}`);
    await logIn(a, admin);
    await a.getByRole('heading', { name: 'Établissements', level: 1 }).waitFor();
    const modify = a.getByTestId('admin-schools').locator(`a[href="/admin/etablissements/${own.schoolId}"]`);
    await expect(modify.textContent()).resolves.toBe('Modifier Collège Jean Jaurès');
    await modify.click();
    await a
      .getByRole('heading', { name: /^Modifier l’établissement Collège Jean Jaurès/, level: 1 })
      .waitFor();
    await expect(a.getByLabel('Commune').inputValue()).resolves.toBe('Albi');
    await a.getByLabel('Commune').fill('Castres');
    await a.getByLabel('Adresse électronique', { exact: true }).fill('pas-une-adresse');
    await a.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await a.getByText('Une réponse est à corriger').waitFor();
    const email = a.getByLabel('Adresse électronique', { exact: true });
    await expect(describedBy(email)).resolves.toMatch(/adresse/i);
    await check('15-admin-etablissement-adresse-refusee', a);
    // nothing was written: the city is still Albi in the database
    const [{ city }] = await t.dataSource.query(`SELECT city FROM school WHERE id = $1`, [own.schoolId]);
    expect(city).toBe('Albi');
    await email.fill('ce.0810987@ac-test.fr');
    await a.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await a.getByText(/Établissement Collège Jean Jaurès \(UAI \w+\) modifié\./).waitFor();
    const [{ city: saved }] = await t.dataSource.query(`SELECT city FROM school WHERE id = $1`, [
      own.schoolId,
    ]);
    expect(saved).toBe('Castres');
    await a.getByRole('link', { name: 'Revenir aux établissements' }).click();
    await a.getByTestId('admin-schools').waitFor();

    // the académie: someone else changes it between the form's loading and its saving
    await menu('Académies', a).click();
    await a.getByRole('heading', { name: 'Académies', level: 1 }).waitFor();
    await a.getByTestId('academies').locator(`a[href="/admin/academies/${own.academyId}"]`).click();
    // the edit page's own heading, shown once its form holds the loaded version (the list page has a
    // field with the same label, in its creation form: waiting for the field alone raced the load)
    await a.getByRole('heading', { name: /^Modifier l’académie Académie de Toulouse/, level: 1 }).waitFor();
    const rssi = a.getByLabel('Adresse électronique du RSSI');
    const [academy] = await t.dataSource.query(`SELECT id, version FROM academy WHERE id = $1`, [
      own.academyId,
    ]);
    ok(
      await t.gql(
        `mutation ($id: ID!, $version: Int) { updateAcademy(id: $id, version: $version, input: { dpoPhone: "05 61 00 00 00" }) { version } }`,
        { id: academy.id, version: academy.version },
        admin.token,
      ),
    );
    await rssi.fill('rssi@ac-toulouse.fr');
    await a.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await a.getByRole('button', { name: 'Recharger la version à jour' }).waitFor();
    await check('16-admin-academie-conflit', a);
    const [{ rssi_email: untouched }] = await t.dataSource.query(
      `SELECT rssi_email FROM academy WHERE id = $1`,
      [academy.id],
    );
    expect(untouched).not.toBe('rssi@ac-toulouse.fr');
    await a.getByRole('button', { name: 'Recharger la version à jour' }).click();
    await expect(
      eventually(
        () => a.getByLabel('Téléphone du DPD').inputValue(),
        (v) => v === '05 61 00 00 00',
      ),
    ).resolves.toBe('05 61 00 00 00');
    await rssi.fill('rssi@ac-toulouse.fr');
    await a.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await a.getByText(/Académie .* modifiée\./).waitFor();
    const [after] = await t.dataSource.query(`SELECT rssi_email, dpo_phone FROM academy WHERE id = $1`, [
      academy.id,
    ]);
    expect(after).toEqual({ rssi_email: 'rssi@ac-toulouse.fr', dpo_phone: '05 61 00 00 00' });
  });
});
