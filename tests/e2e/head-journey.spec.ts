/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/**
 * The head's pages, one screenshot each: under tests/e2e/screenshots/chef/ (git-ignored), and, with
 * DOC_SCREENSHOTS=1, into docs/screenshots/chef/ too, the copies the documentation shows (committed:
 * an ordinary run does not rewrite them).
 */
const SCREENSHOTS = [
  join(SCREENSHOT_ROOT, 'chef'),
  ...(process.env.DOC_SCREENSHOTS === '1'
    ? [join(__dirname, '..', '..', 'docs', 'screenshots', 'chef')]
    : []),
];

const DECLARE = `mutation ($input: ToolDeclarationInput!) { createToolDeclaration(input: $input) { id } }`;
const SUBMIT = `mutation ($id: ID!) { submitToolDeclaration(id: $id) { status } }`;
const REVIEW = `mutation ($input: ReviewInput!) { reviewEntry(input: $input) { id } }`;
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

const RECORD = `mutation ($input: ViolationInput!) { recordViolation(input: $input) { id reference } }`;

/**
 * A head's journey in Chromium, against the real API on the real PostgreSQL: log in, see what waits
 * ("À traiter"), decide a teacher's declarations (a refusal needs a comment; approve into a new
 * treatment, then another into the existing one), keep the register (filters in the URL, edit with
 * its history, a second head's stale edit refused with the conflict message, create by hand, archive),
 * complete and close a breach whose checklist first refuses, export the CNIL dossier and check the
 * downloaded bytes against the listed SHA-256, manage the teachers. axe-core on every page.
 */
describe('web: the head runs the school’s registers', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let head: TestUser;
  let secondHead: TestUser;
  let teacher: TestUser;
  let treatmentPath = '';

  beforeAll(async () => {
    ensureWebBuilt();
    t = await createTestApp();
    baseUrl = await listen(t);
    const f = new Factory(t.dataSource);
    const academy = await f.academy('Académie de Toulouse (test)');
    const school = await f.school(academy, { name: 'Collège Jean Jaurès' });
    head = await f.user(academy, [{ role: 'HEAD', school }], { displayName: 'Paul Bernard' });
    secondHead = await f.user(academy, [{ role: 'HEAD', school }], { displayName: 'Sophie Durand' });
    teacher = await f.user(academy, [{ role: 'TEACHER', school }], { displayName: 'Claire Martin' });
    const dpd = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Denis Petit' });

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
      return createToolDeclaration.id;
    };
    // a low risk first, a high one after: "À traiter" puts the high one on top all the same
    await declare({
      toolName: 'Capytale',
      vendor: 'Académie de Paris',
      purpose: 'Activités de programmation en Python',
      dataCategories: ['IDENTITY', 'ASSESSMENT'],
      hosting: 'EU',
      institutional: true,
      freeSoftware: 'YES',
    });
    const padlet = await declare({
      toolName: 'Padlet',
      vendor: 'Padlet Inc.',
      purpose: 'Mur collaboratif pour les exposés',
      dataCategories: ['IDENTITY', 'IMAGE_VOICE'],
      hosting: 'NON_EU',
      hostingCountry: 'États-Unis',
    });
    ok(
      await t.gql(
        REVIEW,
        {
          input: {
            targetType: 'TOOL_DECLARATION',
            targetId: padlet,
            verdict: 'COMMENT',
            comment: 'Vérifier les clauses contractuelles types avec l’éditeur.',
          },
        },
        dpd.token,
      ),
    );
    // the teacher's report (72 hours running), and an older breach whose deadline has passed
    ok(
      await t.gql(
        RECORD,
        {
          input: {
            schoolId: school.id,
            title: 'Clé USB perdue',
            description: 'Perdue dans le bus, avec les notes de la 4e B.',
            incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
            discoveredAt: new Date(Date.now() - 60_000).toISOString(),
            natures: ['CONFIDENTIALITY'],
            risk: 'RISK',
          },
        },
        teacher.token,
      ),
    );
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

  /** axe finds nothing, then a screenshot: every page the journey visits goes through here. */
  async function check(name: string, on: Page = page): Promise<void> {
    expect(await accessibilityViolations(on)).toEqual([]);
    for (const dir of SCREENSHOTS) await screenshot(on, name, dir);
  }

  const logIn = (on: Page, user: TestUser) => signIn(on, user.email, TEST_PASSWORD);

  const menu = (name: string, on: Page = page) => mainMenu(on, name);

  it('logs in and lands on what waits for the head', async () => {
    await page.goto(`${baseUrl}/a-traiter`);
    await page.getByRole('heading', { name: 'Connexion au registre RGPD' }).waitFor();
    await check('01-connexion');
    await logIn(page, head);
    await page.getByRole('heading', { name: 'À traiter', level: 1 }).waitFor();

    // breaches: the overdue one first, then the teacher's report with its 72 hours running
    const breaches = page.getByTestId('todo-breaches').getByRole('listitem');
    await expect(breaches.nth(0).textContent()).resolves.toMatch(
      /Courriel envoyé à la mauvaise liste.*Échéance CNIL dépassée/,
    );
    await expect(breaches.nth(1).textContent()).resolves.toMatch(/Clé USB perdue.*reste 2 j 23 h/);
    // declarations: the highest risk first, although submitted last
    const declarations = page.getByTestId('todo-declarations').getByRole('listitem');
    await expect(declarations.nth(0).textContent()).resolves.toMatch(/Padlet.*Risque élevé.*Claire Martin/);
    await expect(declarations.nth(1).textContent()).resolves.toMatch(/Capytale.*Risque faible/);
    await check('02-a-traiter');

    await menu('Accueil').click();
    await page.getByRole('heading', { name: 'Bonjour Paul Bernard' }).waitFor();
    await page.getByText('2 déclarations à décider, 2 violations ouvertes').waitFor();
    await check('03-accueil-chef');
  });

  it('decides: the risk explained, the DPD’s review, a refusal needs a comment, approval files a new treatment', async () => {
    await menu('À traiter').click();
    await page.getByRole('link', { name: 'Padlet (Padlet Inc.)' }).click();
    await page.getByRole('heading', { name: 'Décider : Padlet', level: 1 }).waitFor();
    await page.getByText(/Hébergement hors Union européenne : /).waitFor();
    await page
      .getByTestId('reviews')
      .getByText('Vérifier les clauses contractuelles types avec l’éditeur.')
      .waitFor();
    await expect(page.getByTestId('answers').textContent()).resolves.toContain(
      'Hors Union européenne (États-Unis)',
    );
    await check('04-decision');

    // refusing needs a comment: the API's message beside the field
    await page.getByRole('button', { name: 'Refuser' }).click();
    const needed =
      'Expliquez votre décision : un commentaire est requis pour refuser ou demander des modifications.';
    await page.getByText(needed).waitFor();
    await expect(describedBy(page.getByLabel('Commentaire pour l’enseignant'))).resolves.toContain(needed);
    await check('05-decision-commentaire-requis');

    // one click for the common case: approve into a new treatment
    await page.getByRole('button', { name: 'Approuver' }).click();
    await page.getByRole('heading', { name: 'T-001 — Padlet', level: 1 }).waitFor();
    await page.getByText('« Padlet » est approuvé et inscrit au registre sous T-001.').waitFor();
    treatmentPath = new URL(page.url()).pathname;
    const fields = page.getByTestId('treatment-fields');
    await expect(fields.textContent()).resolves.toMatch(/Mission d'intérêt public/);
    await expect(fields.textContent()).resolves.toMatch(/Padlet Inc\. \(États-Unis\) — Autre garantie/);
    await expect(fields.textContent()).resolves.toMatch(/12 mois après la fin de l'activité/);
    await expect(fields.textContent()).resolves.toMatch(/Paul Bernard/);
    await check('06-traitement-cree');

    // the other declaration joins the existing treatment
    await menu('À traiter').click();
    await page.getByRole('link', { name: 'Capytale (Académie de Paris)' }).click();
    await page.getByLabel('Inscrire au registre des traitements').selectOption({ label: 'T-001 — Padlet' });
    await page.getByRole('button', { name: 'Approuver' }).click();
    await page.getByRole('heading', { name: 'T-001 — Padlet', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Capytale' }).waitFor();
    await expect(page.getByTestId('treatment-fields').textContent()).resolves.toContain('Évaluation');
  });

  it('the register: search and status filter kept in the URL', async () => {
    await menu('Registre des traitements').click();
    await page.getByRole('heading', { name: 'Registre des traitements', level: 1 }).waitFor();
    await page.getByLabel('Statut').selectOption('ACTIVE');
    await page.getByLabel('Rechercher un nom ou une finalité').fill('exposés');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/statut=ACTIVE/);
    await page.waitForURL(/recherche=expos/);
    await page.reload();
    await expect(page.getByLabel('Statut').inputValue()).resolves.toBe('ACTIVE');
    await expect(page.getByLabel('Rechercher un nom ou une finalité').inputValue()).resolves.toBe('exposés');
    const row = page.getByTestId('treatments').getByRole('row', { name: /T-001/ });
    await expect(row.textContent()).resolves.toMatch(/Padlet.*Actif.*Non revu par le DPD/);
    await check('07-registre-traitements');

    await page.getByLabel('Rechercher un nom ou une finalité').fill('cantine');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Aucun traitement ne correspond.').waitFor();
  });

  it('edits the treatment with its history; a second head’s stale edit gets the conflict message', async () => {
    // the second head opens the same entry's form first
    const other = await newContext();
    const second = await other.newPage();
    await second.goto(`${baseUrl}${treatmentPath}/modifier`);
    await logIn(second, secondHead);
    await second.getByRole('heading', { name: 'Modifier T-001 — Padlet', level: 1 }).waitFor();

    await page.goto(`${baseUrl}${treatmentPath}`);
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByRole('heading', { name: 'Modifier T-001 — Padlet', level: 1 }).waitFor();
    await check('08-modifier-traitement');
    await page.getByLabel('Nom du traitement').fill('Padlet — murs collaboratifs');
    const purposes = page.getByLabel('Finalités');
    await purposes.fill(`${await purposes.inputValue()}\nGalerie des productions de la classe`);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('heading', { name: 'T-001 — Padlet — murs collaboratifs', level: 1 }).waitFor();
    await page.getByText(/Modifications enregistrées/).waitFor();
    const history = page.getByTestId('history');
    const latest = history.getByRole('listitem').first();
    await expect(latest.textContent()).resolves.toMatch(/Paul Bernard — Modification/);
    const nameRow = latest.getByRole('row', { name: /Nom du traitement/ });
    await expect(nameRow.textContent()).resolves.toBe('Nom du traitementPadletPadlet — murs collaboratifs');
    await latest
      .getByRole('row', { name: /Finalités/ })
      .getByText(/Galerie des productions/)
      .waitFor();
    await check('09-traitement-historique');

    // the second head saves over the version it read: refused, said in French, nothing overwritten
    await second.getByLabel(/^Durée de conservation(?! en mois)/).fill('Un an après la fin de l’année');
    await second.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const alert = second.getByRole('alert');
    await alert.getByText('Quelqu’un d’autre a modifié cet élément').waitFor();
    await expect(alert.textContent()).resolves.toContain('Cet élément a été modifié entre-temps');
    await check('10-conflit-de-version', second);
    await second.getByRole('button', { name: 'Recharger la version à jour' }).click();
    const reloaded = await eventually(
      () => second.getByLabel('Nom du traitement').inputValue(),
      (value) => value === 'Padlet — murs collaboratifs',
    );
    expect(reloaded).toBe('Padlet — murs collaboratifs');
    await other.close();
    const [{ name, retention }] = await t.dataSource.query(
      `SELECT name, retention FROM treatment WHERE id = $1`,
      [treatmentPath.split('/').pop()],
    );
    expect({ name, retention }).toEqual({
      name: 'Padlet — murs collaboratifs',
      retention: "12 mois après la fin de l'activité",
    });
  });

  it('creates a treatment by hand (a refused field beside it), then archives it with a reason', async () => {
    await menu('Registre des traitements').click();
    await page.getByRole('link', { name: 'Créer un traitement' }).click();
    await page.getByRole('heading', { name: 'Créer un traitement', level: 1 }).waitFor();
    await page.getByLabel('Nom du traitement').fill('Demi-pension');
    await page.getByRole('button', { name: 'Inscrire au registre' }).click();
    await page
      .getByRole('alert')
      .getByText(/sont à corriger/)
      .waitFor();
    const purposes = page.getByLabel('Finalités');
    await expect(describedBy(purposes)).resolves.toContain('Au moins 1 élément(s).');
    await expect(page.getByLabel('Nom du traitement').inputValue()).resolves.toBe('Demi-pension');
    await check('11-creer-traitement-erreurs');

    await purposes.fill('Gestion des inscriptions à la cantine\nFacturation aux familles');
    await page.getByText('Coordonnées (adresse, courriel, téléphone)').click();
    await page.getByText('Parents et responsables légaux').click();
    await page.getByLabel(/^Durée de conservation(?! en mois)/).fill('Jusqu’à la fin de la scolarité');
    await page.getByRole('button', { name: 'Inscrire au registre' }).click();
    await page.getByRole('heading', { name: 'T-002 — Demi-pension', level: 1 }).waitFor();
    await page.getByText('Aucune : traitement créé à la main.').waitFor();

    await page.getByRole('button', { name: 'Archiver' }).click();
    await page.getByRole('button', { name: 'Confirmer l’archivage' }).click();
    await page.getByText("Indiquez la raison de l'archivage.").waitFor();
    const reason = page.getByLabel('Motif de l’archivage');
    await expect(describedBy(reason)).resolves.toContain("Indiquez la raison de l'archivage.");
    await check('12-archiver-motif-requis');
    await reason.fill('Gestion reprise par le département à la rentrée.');
    await page.getByRole('button', { name: 'Confirmer l’archivage' }).click();
    await page.getByText(/Le traitement est archivé/).waitFor();
    await page
      .getByTestId('treatment-fields')
      .getByText('Gestion reprise par le département à la rentrée.')
      .waitFor();
    await expect(page.getByTestId('treatment-fields').textContent()).resolves.toContain('Archivé');
    await page
      .getByTestId('history')
      .getByText(/Changement d'état/)
      .first()
      .waitFor();
    await check('13-traitement-archive');
  });

  it('the breach register: a live countdown, the overdue one said so, the filter in the URL', async () => {
    await menu('Registre des violations').click();
    await page.getByRole('heading', { name: 'Registre des violations', level: 1 }).waitFor();
    const rows = page.getByTestId('violations');
    await expect(rows.getByRole('row', { name: /V-002/ }).textContent()).resolves.toContain(
      'Échéance CNIL dépassée',
    );
    await expect(rows.getByRole('row', { name: /V-001/ }).textContent()).resolves.toMatch(/reste 2 j 23 h/);
    await check('14-registre-violations');
    await page.getByLabel('Délai de 72 heures').selectOption('oui');
    await page.waitForURL(/retard=oui/);
    await page.getByText('1 violation', { exact: true }).waitFor();
    await expect(rows.textContent()).resolves.not.toContain('Clé USB perdue');
  });

  it('completes the teacher’s report and closes it: the checklist first refuses, then nothing is missing', async () => {
    await menu('Registre des violations').click();
    await page.getByRole('link', { name: 'Clé USB perdue' }).click();
    await page.getByRole('heading', { name: 'V-001 — Clé USB perdue', level: 1 }).waitFor();
    const checklist = page.getByTestId('closing-checklist');
    await checklist.getByText('Il manque 4 éléments avant de clôturer :').waitFor();
    await expect(checklist.textContent()).resolves.toContain('Conséquences');
    await expect(checklist.textContent()).resolves.toContain('La notification à la CNIL est requise');
    await check('15-violation-a-completer');

    // the API refuses too, with the same messages beside the fields
    await checklist.getByRole('button', { name: 'Clôturer la violation' }).click();
    await page
      .getByRole('alert')
      .getByText(/réponses sont à corriger/)
      .waitFor();
    const consequences = page.getByRole('textbox', { name: /^Conséquences/ });
    await expect(describedBy(consequences)).resolves.toContain(
      'Décrivez les conséquences de la violation avant de la clore.',
    );
    await check('16-violation-cloture-refusee');

    await consequences.fill('Notes de la 4e B exposées à qui trouve la clé ; aucune diffusion constatée.');
    await page
      .getByRole('textbox', { name: /^Mesures prises/ })
      .fill('Familles prévenues, chiffrement des clés USB de l’équipe.');
    const notified = parisInput(new Date(Date.now() - 60_000));
    await page.getByLabel(/^Notifiée à la CNIL le/).fill(notified);
    await page.getByLabel(/^Référence de la notification CNIL/).fill('CNIL-2026-0042');
    await page.getByLabel(/^RSSI de l’académie informé le/).fill(notified);
    await checklist.getByText('Rien ne manque : la violation peut être clôturée.').waitFor();
    await checklist.getByText('Vos modifications seront enregistrées avant la clôture.').waitFor();
    await check('17-violation-complete');
    await checklist.getByRole('button', { name: 'Clôturer la violation' }).click();
    await page.getByText('Violation clôturée : elle reste au registre et n’est plus modifiable.').waitFor();
    const fields = page.getByTestId('violation-fields');
    await fields.waitFor();
    await expect(fields.textContent()).resolves.toContain('CNIL-2026-0042');
    await page
      .getByTestId('deadline-status')
      .getByText(/Notifiée à la CNIL dans le délai de 72 heures/)
      .waitFor();
    await page
      .getByTestId('history')
      .getByText(/Changement d'état/)
      .first()
      .waitFor();
    await check('18-violation-cloturee');
    const [row] = await t.dataSource.query(
      `SELECT status, cnil_reference, rssi_informed_at IS NOT NULL AS rssi FROM violation WHERE title = 'Clé USB perdue' AND reported_by_id = $1`,
      [teacher.id],
    );
    expect(row).toEqual({ status: 'CLOSED', cnil_reference: 'CNIL-2026-0042', rssi: true });
  });
  it('exports the CNIL dossier and downloads it: the bytes’ SHA-256 is the one listed', async () => {
    await menu('Exports').click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    await page.getByText('Aucun document généré pour l’instant.').waitFor();
    await check('19-exports');
    await page.getByRole('button', { name: 'Générer : Dossier de conformité pour la CNIL' }).click();
    await page.getByText(/Dossier de conformité pour la CNIL généré \(\d+ pages\)/).waitFor();
    const row = page.getByTestId('exports').getByRole('row', { name: /Dossier de conformité pour la CNIL/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('par Paul Bernard');
    const listed = (await row.getByTestId('sha256').textContent())?.trim() ?? '';
    expect(listed).toMatch(/^[0-9a-f]{64}$/);
    await check('20-exports-dossier-cnil');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /Télécharger/ }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed);
  });

  it('the teachers: create an account (refused fields beside them), deactivate it, change its schools', async () => {
    await menu('Enseignants').click();
    await page.getByRole('heading', { name: 'Enseignants', level: 1 }).waitFor();
    await page.getByTestId('teachers').getByText('Claire Martin', { exact: true }).waitFor();
    await check('21-enseignants');

    await page.getByRole('button', { name: 'Créer un compte enseignant' }).click();
    await page.getByLabel('Prénom et nom').fill('Lucie Moreau');
    await page.getByLabel(/^Adresse électronique académique/).fill('lucie.moreau');
    await page.getByLabel(/^Mot de passe provisoire/).fill('court');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page
      .getByRole('alert')
      .getByText(/réponses sont à corriger/)
      .waitFor();
    await expect(describedBy(page.getByLabel(/^Mot de passe provisoire/))).resolves.toContain(
      '12 caractères',
    );
    await expect(page.getByLabel('Prénom et nom').inputValue()).resolves.toBe('Lucie Moreau');
    await check('22-enseignant-champs-refuses');

    const email = `lucie.moreau.${Date.now()}@ac-test.fr`;
    await page.getByLabel(/^Adresse électronique académique/).fill(email);
    await page.getByLabel(/^Mot de passe provisoire/).fill('mot-de-passe-provisoire');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText('Compte de Lucie Moreau créé.').waitFor();
    const lucie = page.getByTestId('teachers').getByRole('listitem').filter({ hasText: 'Lucie Moreau' });
    await expect(lucie.textContent()).resolves.toMatch(/Enseigne dans : Collège Jean Jaurès.*Actif/);

    await lucie.getByRole('button', { name: 'Désactiver le compte de Lucie Moreau' }).click();
    await page.getByText(/Le compte de Lucie Moreau est désactivé/).waitFor();
    await lucie.getByText('Désactivé', { exact: true }).waitFor();
    const [account] = await t.dataSource.query(`SELECT id, active FROM app_user WHERE email = $1`, [email]);
    expect(account.active).toBe(false);
    await check('23-enseignant-desactive');

    // the head's part of the grants: the teacher leaves the school's team
    await lucie.getByRole('button', { name: 'Modifier les établissements de Lucie Moreau' }).click();
    await lucie.getByText('Collège Jean Jaurès', { exact: true }).click();
    await lucie.getByRole('button', { name: 'Enregistrer les établissements' }).click();
    await page.getByText('Lucie Moreau n’enseigne plus dans vos établissements.').waitFor();
    const grants = await t.dataSource.query(`SELECT role FROM role_grant WHERE user_id = $1`, [account.id]);
    expect(grants).toEqual([]);
  });
});
