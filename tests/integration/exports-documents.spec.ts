import request from 'supertest';
import { Factory, TestSchool, TestUser } from '../helpers/factories';
import {
  bodyText,
  insertDeclaration,
  insertReview,
  insertTreatment,
  insertViolation,
  pages,
  pdfPageCount,
  pdfText,
  qpdfCheck,
  TreatmentFixture,
  ViolationFixture,
} from '../helpers/export-fixtures';
import { createTestApp, ok, TestApp } from '../helpers/test-app';
import { EXPORT_REGISTER } from '../helpers/operations/exports';

/**
 * What the documents say: every field of every entry, French labels and dates, the identification
 * block, the page numbers, read back from the stored PDF with pdftotext. Rows are inserted with SQL.
 */

interface Rendered {
  raw: string;
  body: string;
  pageTexts: string[];
  pageCount: number;
  createdAt: Date;
  content: Buffer;
}

// Fixed instants, chosen on both sides of a daylight-saving change: Paris is UTC+1 in winter, UTC+2 in summer.
const WINTER = new Date('2026-03-12T08:30:00Z'); // 12/03/2026 à 09:30 in Paris
const SUMMER = new Date('2026-07-01T10:15:00Z'); // 01/07/2026 à 12:15 in Paris
const DISCOVERED = new Date('2026-02-01T10:00:00Z'); // deadline 04/02/2026 à 11:00 in Paris
const hours = (n: number) => n * 3600_000;

describe('export documents', () => {
  let t: TestApp;
  let f: Factory;
  let school: TestSchool;
  let head: TestUser;
  let teacher: TestUser;
  let dpd: TestUser;
  let cantine: TreatmentFixture;
  const violations: Record<string, ViolationFixture> = {};

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    const academy = await f.academy('Académie de Toulouse — Occitanie');
    await t.dataSource.query(`UPDATE academy SET dpo_name = $2, dpo_email = $3 WHERE id = $1`, [
      academy.id,
      'Hélène Dupré-Lefèvre',
      'dpd@ac-toulouse.fr',
    ]);
    school = await f.school(academy, {
      name: 'Collège Françoise-Dolto « Élèves » œ',
      city: 'Saint-Jean-de-Védas',
    });
    head = await f.user(academy, [{ role: 'HEAD', school }], {
      displayName: 'Jérôme Cœurderoy',
      email: 'jerome.coeurderoy@ac-toulouse.fr',
    });
    teacher = await f.user(academy, [{ role: 'TEACHER', school }], { displayName: 'Agnès Çelik' });
    dpd = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Hélène Dupré-Lefèvre' });
    // a deactivated head no longer represents the controller
    await f.user(academy, [{ role: 'HEAD', school }], { displayName: 'Ancien Principal', active: false });

    cantine = await insertTreatment(t.dataSource, school, {
      name: 'Cantine « Élèves » et œuvres sociales',
      purposes: ['Gestion de la demi-pension', 'Facturation des repas aux familles'],
      legalBasis: 'PUBLIC_INTEREST',
      subjectCategories: ['STUDENTS', 'PARENTS'],
      dataCategories: ['IDENTITY', 'FINANCIAL', 'HEALTH'],
      recipients: ['Service de gestion', 'Agent comptable'],
      processors: ['Société Restau’Ç'],
      transfers: [
        {
          country: 'États-Unis',
          recipient: 'Hébergeur Cœur Inc.',
          safeguard: 'STANDARD_CONTRACTUAL_CLAUSES',
        },
      ],
      retention: "Jusqu'à la fin de l'année scolaire suivante",
      retentionMonths: 24,
      securityMeasures: ['Accès nominatif par mot de passe', 'Sauvegarde chiffrée'],
      dpiaRequired: true,
      reviewState: 'APPROVED',
      createdById: head.id,
      createdAt: WINTER,
    });
    await insertTreatment(t.dataSource, school, {
      name: 'Annuaire des personnels',
      purposes: ['Contacter les personnels'],
      legalBasis: 'LEGAL_OBLIGATION',
      subjectCategories: ['STAFF'],
      dataCategories: ['CONTACT'],
      retentionMonths: null,
      createdAt: SUMMER,
    });
    await insertTreatment(t.dataSource, school, {
      name: 'Ancien logiciel de vie scolaire',
      legalBasis: 'CONSENT',
      status: 'ARCHIVED',
      archivedReason: 'Remplacé par l’ENT ; données détruites',
      archivedAt: SUMMER,
      reviewState: 'CHANGES_REQUESTED',
    });

    const base = { discoveredAt: DISCOVERED, treatmentIds: [cantine.id] };
    violations.inTime = await insertViolation(t.dataSource, school, teacher.id, {
      ...base,
      title: 'Clé USB perdue « Élèves »',
      description: 'Une clé contenant les bulletins a été perdue dans le bus.\nSecond paragraphe : œ, ç.',
      incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
      natures: ['CONFIDENTIALITY', 'AVAILABILITY'],
      occurredAt: new Date('2026-01-31T16:00:00Z'),
      dataCategories: ['IDENTITY', 'ASSESSMENT'],
      subjectCategories: ['STUDENTS'],
      approxSubjectCount: 1250,
      approxRecordCount: 3400,
      consequences: 'Divulgation possible des notes',
      measuresTaken: 'Mots de passe changés, familles prévenues',
      risk: 'HIGH_RISK',
      cnilNotifiedAt: new Date(DISCOVERED.getTime() + hours(30)),
      cnilReference: 'CNIL-2026-0042',
      subjectsInformedAt: new Date(DISCOVERED.getTime() + hours(48)),
      rssiInformedAt: new Date(DISCOVERED.getTime() + hours(1)),
      hierarchyInformedAt: new Date(DISCOVERED.getTime() + hours(2)),
      closedAt: new Date(DISCOVERED.getTime() + hours(24 * 10)),
    });
    violations.late = await insertViolation(t.dataSource, school, head.id, {
      ...base,
      title: 'Courriel envoyé au mauvais destinataire',
      incidentType: 'DATA_DISCLOSURE',
      risk: 'RISK',
      cnilNotifiedAt: new Date(DISCOVERED.getTime() + hours(72 + 26)),
      lateNotificationReason: 'Découverte un vendredi soir',
    });
    violations.overdue = await insertViolation(t.dataSource, school, head.id, {
      discoveredAt: DISCOVERED,
      title: 'Rançongiciel sur le poste du secrétariat',
      incidentType: 'MALWARE',
      natures: ['INTEGRITY'],
      risk: 'RISK',
    });
    violations.pending = await insertViolation(t.dataSource, school, head.id, {
      discoveredAt: new Date(Date.now() - hours(2)),
      title: 'Intrusion suspectée',
      incidentType: 'INTRUSION',
      risk: 'HIGH_RISK',
    });
    violations.notRequired = await insertViolation(t.dataSource, school, teacher.id, {
      discoveredAt: DISCOVERED,
      title: 'Mot de passe affiché en classe',
      incidentType: 'PASSWORD_MISUSE',
      risk: 'UNLIKELY',
      noNotificationJustification: 'Compte sans données personnelles',
    });

    // declarations: two open ones, and three that the dossier must leave out of its part 3
    const submitted = await insertDeclaration(t.dataSource, school, teacher.id, {
      status: 'SUBMITTED',
      toolName: 'Quizlet « Révisions »',
      vendor: 'Quizlet Inc.',
      url: 'https://quizlet.com',
      purpose: 'Révisions de vocabulaire en 4e',
      classes: ['4e A', '4e B'],
      approxStudentCount: 56,
      dataCategories: ['IDENTITY', 'ASSESSMENT'],
      pseudonymsUsed: false,
      hosting: 'NON_EU',
      hostingCountry: 'États-Unis',
      freeSoftware: 'NO',
      institutional: false,
      commercialReuse: 'UNKNOWN',
      familiesInformed: false,
      retentionMonths: null,
      securityMeasures: 'Comptes créés par l’enseignant',
      riskFlags: ['NON_EU_HOSTING', 'COMMERCIAL_REUSE', 'IDENTITY_WITHOUT_PSEUDONYMS'],
      riskLevel: 'HIGH',
      submittedAt: WINTER,
    });
    await insertDeclaration(t.dataSource, school, teacher.id, {
      status: 'CHANGES_REQUESTED',
      toolName: 'Padlet mur de classe',
      hosting: 'UNKNOWN',
      freeSoftware: 'UNKNOWN',
      riskFlags: ['UNKNOWN_HOSTING'],
      riskLevel: 'MEDIUM',
      decisionComment: 'Précisez le lieu d’hébergement',
      submittedAt: WINTER,
      decidedAt: SUMMER,
    });
    await insertDeclaration(t.dataSource, school, teacher.id, {
      status: 'DRAFT',
      toolName: 'Brouillon secret',
    });
    await insertDeclaration(t.dataSource, school, teacher.id, {
      status: 'REJECTED',
      toolName: 'Outil refusé',
    });
    await insertDeclaration(t.dataSource, school, teacher.id, {
      status: 'APPROVED',
      toolName: 'Pronote cantine',
      vendor: 'Index Éducation',
      treatmentId: cantine.id,
    });

    await insertReview(
      t.dataSource,
      school,
      dpd.id,
      { type: 'TREATMENT', id: cantine.id },
      {
        verdict: 'APPROVED',
        comment: null,
        createdAt: WINTER,
      },
    );
    await insertReview(
      t.dataSource,
      school,
      dpd.id,
      { type: 'VIOLATION', id: violations.late.id },
      {
        verdict: 'COMMENT',
        comment: 'Retard à justifier auprès de la CNIL, svp.',
        createdAt: SUMMER,
      },
    );
    await insertReview(
      t.dataSource,
      school,
      dpd.id,
      { type: 'TOOL_DECLARATION', id: submitted.id },
      {
        verdict: 'CHANGES_REQUESTED',
        comment: 'Pseudonymiser les élèves',
        createdAt: new Date(SUMMER.getTime() + hours(1)),
      },
    );
  });
  afterAll(() => t.close());

  async function render(kind: string, schoolId = school.id, token = head.token): Promise<Rendered> {
    const file = ok(
      await t.gql<{
        exportRegister: { id: string; createdAt: string; pageCount: number; downloadPath: string };
      }>(EXPORT_REGISTER, { schoolId, kind }, token),
    ).exportRegister;
    const res = await request(t.app.getHttpServer())
      .get(file.downloadPath)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const content = res.body as Buffer;
    const raw = await pdfText(content);
    return {
      raw,
      body: bodyText(raw),
      pageTexts: pages(raw),
      pageCount: file.pageCount,
      createdAt: new Date(file.createdAt),
      content,
    };
  }

  /** Every expected piece, reported all at once when some are missing. */
  function expectAll(text: string, pieces: string[]): void {
    const missing = pieces.map((p) => p.replace(/\s+/g, ' ')).filter((p) => !text.includes(p));
    expect(missing).toEqual([]);
  }

  function expectIdentification(doc: Rendered, title: string): void {
    expectAll(doc.body, [
      title,
      'Identification',
      'Académie : Académie de Toulouse — Occitanie',
      'Établissement : Collège Françoise-Dolto « Élèves » œ',
      `UAI : ${school.uai}`,
      "Type d'établissement : Collège",
      'Commune : Saint-Jean-de-Védas',
      `Responsable du traitement (chef d'établissement) : Collège Françoise-Dolto « Élèves » œ (UAI ${school.uai}), représenté par Jérôme Cœurderoy (jerome.coeurderoy@ac-toulouse.fr)`,
      "Délégué à la protection des données (DPD) de l'académie : Hélène Dupré-Lefèvre (dpd@ac-toulouse.fr)",
      "Document généré par : Jérôme Cœurderoy (jerome.coeurderoy@ac-toulouse.fr), Chef d'établissement",
    ]);
    expect(doc.body).not.toContain('Ancien Principal');
    // the generation date, in French, Paris time: "25 novembre 2026 à 14:03 (heure de Paris)"
    const paris = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(doc.createdAt);
    const part = (type: string) => paris.find((p) => p.type === type)?.value;
    const day = part('day') === '1' ? '1er' : part('day');
    expect(doc.body).toContain(
      `Date de génération : ${day} ${part('month')} ${part('year')} à ${part('hour')}:${part('minute')} (heure de Paris)`,
    );
  }

  function expectPageNumbers(doc: Rendered): void {
    expect(doc.pageTexts).toHaveLength(doc.pageCount);
    doc.pageTexts.forEach((text, i) => {
      expect(text.match(/Page \d+ \/ \d+/g)).toEqual([`Page ${i + 1} / ${doc.pageCount}`]);
    });
  }

  const CANTINE_FIELDS = [
    // the heading holds the reference and the name, followed at once by the fields (not repeated)
    'T-001 — Cantine « Élèves » et œuvres sociales Statut : Actif',
    'Finalités : • Gestion de la demi-pension • Facturation des repas aux familles',
    "Base légale : Mission d'intérêt public (art. 6.1.e du RGPD)",
    'Catégories de personnes concernées : • Élèves • Parents et responsables légaux',
    'Catégories de données : • Identité (nom, prénom, date de naissance, INE) • Situation économique et sociale (bourses, paiements, situation sociale) • Santé, donnée sensible (art. 9 : santé, handicap, PAI)',
    'Données sensibles (art. 9 du RGPD) : Oui',
    'Destinataires : • Service de gestion • Agent comptable',
    'Sous-traitants : • Société Restau’Ç',
    "Transferts hors de l'Union européenne : • États-Unis — destinataire : Hébergeur Cœur Inc. — garantie : Clauses contractuelles types",
    // the retention once: the register's text, with its months (the text does not state them)
    "Durée de conservation : Jusqu'à la fin de l'année scolaire suivante (24 mois) Mesures de sécurité",
    'Mesures de sécurité : • Accès nominatif par mot de passe • Sauvegarde chiffrée',
    "Analyse d'impact (AIPD) requise : Oui",
    'Revue du DPD : Validé par le DPD',
    'Outils déclarés rattachés : • Pronote cantine (Index Éducation)',
    'Avis du DPD : • 12/03/2026 à 09:30 — Validé — Hélène Dupré-Lefèvre',
    'Créé le : 12/03/2026 à 09:30 par Jérôme Cœurderoy',
  ];
  const BARE_FIELDS = [
    'T-002 — Annuaire des personnels Statut : Actif',
    'Finalités : • Contacter les personnels',
    'Base légale : Obligation légale (art. 6.1.c du RGPD)',
    'Catégories de personnes concernées : • Personnels',
    'Catégories de données : • Coordonnées (adresse, courriel, téléphone)',
    'Données sensibles (art. 9 du RGPD) : Non',
    'Destinataires : Aucun',
    'Sous-traitants : Aucun',
    "Transferts hors de l'Union européenne : Aucun",
    "Durée de conservation : Durée de l'année scolaire Mesures de sécurité",
    'Mesures de sécurité : Aucune',
    "Analyse d'impact (AIPD) requise : Non",
    'Revue du DPD : Non revu par le DPD',
    'Outils déclarés rattachés : Aucun',
    'Avis du DPD : Aucun',
    'Créé le : 01/07/2026 à 12:15 par le système (reprise de données)',
  ];
  const ARCHIVED_FIELDS = [
    'T-003 — Ancien logiciel de vie scolaire',
    'Statut : Archivé',
    "Motif d'archivage : Remplacé par l’ENT ; données détruites",
    'Archivé le : 01/07/2026 à 12:15',
    'Base légale : Consentement (art. 6.1.a du RGPD)',
    'Revue du DPD : Modifications demandées par le DPD',
  ];
  const VIOLATION_FIELDS = [
    'V-001 — Clé USB perdue « Élèves » Statut : Clôturée',
    'Clôturée le : 11/02/2026 à 11:00',
    'Signalée par : Agnès Çelik',
    'Description : Une clé contenant les bulletins a été perdue dans le bus. Second paragraphe : œ, ç.',
    "Type d'incident : Vol ou perte de matériel",
    'Nature de la violation : • Perte de confidentialité • Perte de disponibilité',
    'Date de survenance : 31/01/2026 à 17:00',
    'Date de découverte : 01/02/2026 à 11:00',
    'Catégories de données concernées : • Identité (nom, prénom, date de naissance, INE) • Évaluation (notes, compétences, appréciations, productions)',
    'Catégories de personnes concernées : • Élèves',
    'Nombre approximatif de personnes concernées : 1 250',
    "Nombre approximatif d'enregistrements concernés : 3 400",
    'Traitements concernés : • T-001 — Cantine « Élèves » et œuvres sociales',
    'Conséquences probables : Divulgation possible des notes',
    'Mesures prises ou envisagées : Mots de passe changés, familles prévenues',
    'Niveau de risque : Risque élevé (notification à la CNIL et information des personnes concernées)',
    'Notification à la CNIL requise : Oui',
    'Échéance de notification (72 heures) : 04/02/2026 à 11:00',
    'Notifiée à la CNIL le : 02/02/2026 à 17:00',
    'Respect du délai de 72 heures : Notifiée à la CNIL dans le délai de 72 heures',
    'Référence de la notification CNIL : CNIL-2026-0042',
    'Motif du retard de notification : Non renseigné',
    'Personnes concernées informées le : 03/02/2026 à 11:00',
    "Justification de l'absence de notification ou d'information : Non renseigné",
    'RSSI informé le : 01/02/2026 à 12:00',
    'Hiérarchie informée le : 01/02/2026 à 13:00',
    'V-002 — Courriel envoyé au mauvais destinataire',
    'Statut : Ouverte',
    "Type d'incident : Divulgation de données",
    'Date de survenance : Non renseigné',
    'Niveau de risque : Risque (notification à la CNIL sous 72 heures)',
    'Notifiée à la CNIL le : 05/02/2026 à 13:00',
    'Respect du délai de 72 heures : Notifiée à la CNIL en retard, après le délai de 72 heures (1 j 2 h de retard)',
    'Motif du retard de notification : Découverte un vendredi soir',
    'Avis du DPD : • 01/07/2026 à 12:15 — Commentaire — Hélène Dupré-Lefèvre : Retard à justifier auprès de la CNIL, svp.',
    'V-003 — Rançongiciel sur le poste du secrétariat',
    "Type d'incident : Logiciel malveillant",
    "Nature de la violation : • Perte d'intégrité",
    'Traitements concernés : Aucun traitement rattaché',
    'Notifiée à la CNIL le : Non notifiée',
    'Respect du délai de 72 heures : Non notifiée à la CNIL : délai de 72 heures dépassé (depuis',
    'V-004 — Intrusion suspectée',
    "Type d'incident : Intrusion dans un système",
    'Respect du délai de 72 heures : Non notifiée à la CNIL : délai de 72 heures en cours (reste',
    'V-005 — Mot de passe affiché en classe',
    "Type d'incident : Mot de passe divulgué ou utilisé par un tiers",
    'Niveau de risque : Risque improbable (pas de notification à la CNIL)',
    'Notification à la CNIL requise : Non',
    'Respect du délai de 72 heures : Notification à la CNIL non requise (risque improbable)',
    "Justification de l'absence de notification ou d'information : Compte sans données personnelles",
  ];

  it('TREATMENT_REGISTER: every field of every active treatment, then the archived ones in an annex', async () => {
    const doc = await render('TREATMENT_REGISTER');
    expectIdentification(doc, 'Registre des activités de traitement');
    expectAll(doc.body, [
      "Registre tenu en application de l'article 30 du règlement général sur la protection des données (RGPD)",
      'Le registre compte 2 traitements actifs et 1 traitement archivé (en annexe).',
      'Traitements actifs',
      'Annexe — Traitements archivés',
      ...CANTINE_FIELDS,
      ...BARE_FIELDS,
      ...ARCHIVED_FIELDS,
    ]);
    // order: active entries by reference, then the annex with the archived one
    const at = (s: string) => doc.body.indexOf(s);
    expect(at('T-001 — Cantine')).toBeLessThan(at('T-002 — Annuaire'));
    expect(at('T-002 — Annuaire')).toBeLessThan(at('Annexe — Traitements archivés'));
    expect(at('Annexe — Traitements archivés')).toBeLessThan(at('T-003 — Ancien logiciel'));
    // the register holds no violation and no pending declaration
    expect(doc.body).not.toContain('Clé USB perdue');
    expect(doc.body).not.toContain('Quizlet');
    expectPageNumbers(doc);
    expect((await qpdfCheck(doc.content)).ok).toBe(true);
  });

  it('VIOLATION_REGISTER: every violation, with its 72-hour deadline and whether it was met', async () => {
    const doc = await render('VIOLATION_REGISTER');
    expectIdentification(doc, 'Registre des violations de données personnelles');
    expectAll(doc.body, [
      "Registre tenu en application de l'article 33.5 du RGPD",
      'Le registre compte 5 violations (4 ouvertes, 1 clôturée). Délai de 72 heures : 1 notifiée dans le délai, 1 notifiée en retard, 1 non notifiée hors délai, 1 en cours de délai, 1 sans notification requise.',
      ...VIOLATION_FIELDS,
    ]);
    expect(doc.body).not.toContain('Annuaire des personnels');
    expectPageNumbers(doc);
    expect((await qpdfCheck(doc.content)).ok).toBe(true);
  });

  it('CNIL_DOSSIER: a one-page summary, both registers, the open declarations, the DPD reviews', async () => {
    const doc = await render('CNIL_DOSSIER');
    expectIdentification(doc, 'Dossier de conformité pour la CNIL');
    const summary = bodyText(doc.pageTexts[0]);
    expectAll(summary, [
      'Synthèse',
      'Traitements actifs : 2 (dont 1 avec données sensibles, 1 avec AIPD requise, 1 non revus par le DPD)',
      'Traitements archivés : 1',
      'Violations enregistrées : 5 (4 ouvertes, 1 clôturée)',
      'Délai de 72 heures : 1 notifiée dans le délai, 1 notifiée en retard, 1 non notifiée hors délai, 1 en cours de délai, 1 sans notification requise',
      "Déclarations d'outils en cours : 2 (dont 1 à risque élevé)",
      'Avis du DPD : 3',
      "Contexte de l'édition",
      'Sommaire',
    ]);
    // the summary is one page, and its contents point at the right pages
    expect(summary).not.toContain('T-001 — Cantine');
    const parts = [
      'Partie 1 — Registre des activités de traitement',
      'Partie 1 (annexe) — Traitements archivés',
      'Partie 2 — Registre des violations de données personnelles',
      "Partie 3 — Déclarations d'outils en cours d'instruction",
      'Partie 4 — Avis du délégué à la protection des données',
    ];
    let previous = 1;
    for (const part of parts) {
      const match = new RegExp(`${part.replace(/[()]/g, '\\$&')} : page (\\d+)`).exec(summary);
      expect({ part, found: !!match }).toEqual({ part, found: true });
      const page = Number(match![1]);
      expect(page).toBeGreaterThan(previous);
      expect(bodyText(doc.pageTexts[page - 1])).toContain(part);
      previous = page;
    }
    expectAll(doc.body, [
      ...CANTINE_FIELDS,
      ...BARE_FIELDS,
      ...ARCHIVED_FIELDS,
      ...VIOLATION_FIELDS,
      // open declarations, every field
      // the heading holds the tool and its vendor
      'Quizlet « Révisions » — Quizlet Inc. Adresse web : https://quizlet.com',
      'Statut : Soumise, en attente de décision',
      'Déclarée par : Agnès Çelik',
      'Finalité pédagogique : Révisions de vocabulaire en 4e',
      'Classes concernées : • 4e A • 4e B',
      "Nombre approximatif d'élèves : 56",
      'Pseudonymes utilisés : Non',
      'Hébergement des données : Hors Union européenne',
      "Pays d'hébergement : États-Unis",
      'Logiciel libre : Non Outil institutionnel (ENT, GAR, apps.education.fr) : Non Réutilisation commerciale des données',
      'Réutilisation commerciale des données : Ne sait pas',
      'Familles informées : Non',
      'Durée de conservation : Aucune limite connue',
      'Mesures de sécurité : Comptes créés par l’enseignant',
      'Points de vigilance : • Hébergement hors Union européenne • Réutilisation commerciale des données possible • Identité des élèves collectée sans pseudonymes',
      'Niveau de risque : Élevé',
      'Soumise le : 12/03/2026 à 09:30',
      'Décidée le : Non renseigné',
      'Padlet mur de classe Éditeur : Non renseigné',
      'Statut : Modifications demandées',
      'Hébergement des données : Lieu inconnu',
      'Logiciel libre : Ne sait pas',
      "Points de vigilance : • Lieu d'hébergement inconnu",
      'Niveau de risque : Moyen',
      'Commentaire de la décision : Précisez le lieu d’hébergement',
      "Durée de conservation : 12 mois après l'activité",
      'Décidée le : 01/07/2026 à 12:15',
      // the DPD's reviews, oldest first, each headed by its date and what it is about
      '12/03/2026 à 09:30 — Traitement T-001 — Cantine « Élèves » et œuvres sociales Avis : Validé',
      'Commentaire : Non renseigné',
      'Délégué à la protection des données : Hélène Dupré-Lefèvre',
      '01/07/2026 à 12:15 — Violation V-002 — Courriel envoyé au mauvais destinataire Avis : Commentaire',
      'Commentaire : Retard à justifier auprès de la CNIL, svp.',
      "01/07/2026 à 13:15 — Déclaration d'outil Quizlet « Révisions » (Quizlet Inc.) Avis : Modifications demandées",
      'Commentaire : Pseudonymiser les élèves',
    ]);
    // drafts, decided and approved declarations are not "open"
    const declarations = doc.body.slice(doc.body.lastIndexOf(parts[3]), doc.body.lastIndexOf(parts[4]));
    expect(declarations).toContain('Quizlet « Révisions » — Quizlet Inc. Adresse web');
    for (const closed of ['Brouillon secret', 'Outil refusé', 'Pronote cantine — Index Éducation']) {
      expect(doc.body).not.toContain(closed);
    }
    const reviews = doc.body.slice(doc.body.lastIndexOf(parts[4]));
    expect(reviews.indexOf('— Traitement T-001')).toBeGreaterThan(-1);
    expect(reviews.indexOf('— Traitement T-001')).toBeLessThan(reviews.indexOf('— Violation V-002'));
    expect(reviews.indexOf('— Violation V-002')).toBeLessThan(reviews.indexOf("— Déclaration d'outil"));
    expectPageNumbers(doc);
    expect((await qpdfCheck(doc.content)).ok).toBe(true);
  });

  it('the DPD exports the dossier and is named as its author', async () => {
    const doc = await render('CNIL_DOSSIER', school.id, dpd.token);
    expect(doc.body).toContain(
      `Document généré par : Hélène Dupré-Lefèvre (${dpd.email}), Délégué à la protection des données (DPD)`,
    );
  });

  it("prints the head of the school's audit chain, as the trail holds it when generating", async () => {
    const academy = await f.academy();
    const fresh = await f.school(academy, { name: 'École du journal' });
    const freshHead = await f.user(academy, [{ role: 'HEAD', school: fresh }]);
    const first = await render('TREATMENT_REGISTER', fresh.id, freshHead.token);
    expect(first.body).toContain(
      "Journal d'audit (tête de chaîne) : Aucun événement au journal de l'établissement.",
    );
    for (const kind of ['TREATMENT_REGISTER', 'VIOLATION_REGISTER', 'CNIL_DOSSIER']) {
      const [head] = await t.dataSource.query(
        `SELECT seq, hash FROM audit_event WHERE chain = $1 ORDER BY seq DESC LIMIT 1`,
        [fresh.id],
      );
      const doc = await render(kind, fresh.id, freshHead.token);
      const groups = (head.hash as string).match(/.{16}/g)!.join(' ');
      expect(doc.body.replace(/\s+/g, ' ')).toContain(
        `Journal d'audit (tête de chaîne) : Événement n° ${head.seq}, empreinte ${groups}`,
      );
    }
  });

  it('an empty school gets complete documents that say so', async () => {
    const academy = await f.academy();
    const empty = await f.school(academy, { name: 'École sans registre' });
    const emptyHead = await f.user(academy, [{ role: 'HEAD', school: empty }]);
    const treatments = await render('TREATMENT_REGISTER', empty.id, emptyHead.token);
    expectAll(treatments.body, ["Aucun traitement actif n'est enregistré.", 'Aucun traitement archivé.']);
    const dossier = await render('CNIL_DOSSIER', empty.id, emptyHead.token);
    expectAll(dossier.body, [
      "Aucun traitement actif n'est enregistré.",
      "Aucune violation n'est enregistrée.",
      "Aucune déclaration d'outil en cours.",
      'Aucun avis du délégué à la protection des données.',
      'Traitements actifs : 0 (dont 0 avec données sensibles, 0 avec AIPD requise, 0 non revus par le DPD)',
    ]);
    expectPageNumbers(dossier);
  });

  it('a register of more than 20 pages: long texts flow across pages whole, every page numbered "n / N"', async () => {
    const academy = await f.academy();
    const big = await f.school(academy, { name: 'Lycée Œnologie & Forêt' });
    const bigHead = await f.user(academy, [{ role: 'HEAD', school: big }]);
    const longTexts: string[] = [];
    for (let i = 1; i <= 30; i++) {
      // ~4,900 characters of distinct words: a value that cannot fit in what is left of a page
      const text = `Finalité détaillée n°${i} : ${Array.from({ length: 300 }, (_, k) => `élève${i}x${k} œuvre ça`).join(' ')} — fin du texte n°${i}.`;
      longTexts.push(text);
      await insertTreatment(t.dataSource, big, {
        name: `Traitement volumineux n°${i} « Élèves »`,
        purposes: [`Objet court ${i}`],
        retention: text,
      });
    }
    const doc = await render('TREATMENT_REGISTER', big.id, bigHead.token);
    expect(doc.pageCount).toBeGreaterThan(20);
    expect(await pdfPageCount(doc.content)).toBe(doc.pageCount);
    expectPageNumbers(doc);
    const check = await qpdfCheck(doc.content);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    // every long text is there whole, in order, and some of them run over a page break
    expectAll(
      doc.body,
      longTexts.map((text) => `Durée de conservation : ${text}`),
    );
    const pageBodies = doc.pageTexts.map(bodyText);
    const pageOf = (needle: string) => pageBodies.findIndex((page) => page.includes(needle));
    const split = longTexts.filter(
      (_, i) => pageOf(`Finalité détaillée n°${i + 1} :`) !== pageOf(`fin du texte n°${i + 1}.`),
    );
    expect(split.length).toBeGreaterThan(0);
  });
});
