import type { ExportFormat } from '@app/core/vocabulary';
import { daysLeft, rightsRequestClock } from '@app/rules/rights-request-deadline';
import { deadlineStatus } from './deadline';
import {
  dateOrNotProvided,
  formatCount,
  formatDateTime,
  formatDuration,
  formatLongDateTime,
  NOT_PROVIDED,
  orNotProvided,
  parisDateStamp,
  plural,
  yesNo,
} from './format';
import {
  ANSWER_LABELS,
  BREACH_NATURE_LABELS,
  BREACH_RISK_LABELS,
  DATA_CATEGORY_LABELS,
  DEADLINE_STATUS_LABELS,
  DECLARATION_STATUS_LABELS,
  DeadlineStatus,
  EXPORT_KIND_LABELS,
  ExportKindValue,
  HOSTING_LABELS,
  INCIDENT_TYPE_LABELS,
  label,
  labels,
  LEGAL_BASIS_LABELS,
  REVIEW_STATE_LABELS,
  REVIEW_TARGET_TYPE_LABELS,
  REVIEW_VERDICT_LABELS,
  REQUESTER_RELATION_LABELS,
  RIGHT_TYPE_LABELS,
  RIGHTS_REQUEST_CHANNEL_LABELS,
  RIGHTS_REQUEST_STATUS_LABELS,
  RISK_FLAG_LABELS,
  RISK_LEVEL_LABELS,
  SCHOOL_KIND_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRANSFER_SAFEGUARD_LABELS,
  TREATMENT_STATUS_LABELS,
  VIOLATION_STATUS_LABELS,
} from './labels';
import { PdfWriter } from './layout';
import type {
  DeclarationEntry,
  DocumentContext,
  ExportSources,
  RenderedPdf,
  ReviewEntry,
  ReviewSummary,
  RightsRequestEntry,
  TreatmentEntry,
  ViolationEntry,
} from './types';

/**
 * The three documents a CNIL inquiry can be handed (RULES.md, "Exports"). Entries are read from
 * async sources, once each, in order. The API renders in a worker thread (render-pool.ts); the
 * renderer also yields to the event loop every few milliseconds (PdfWriter.breathe), so that
 * wherever it runs, messages and requests on its thread keep flowing.
 */
export const DOCUMENT_SUBTITLES: Record<ExportKindValue, string> = {
  TREATMENT_REGISTER:
    "Registre tenu en application de l'article 30 du règlement général sur la protection des données (RGPD)",
  VIOLATION_REGISTER:
    "Registre tenu en application de l'article 33.5 du RGPD : toute violation y est documentée, notifiée ou non",
  CNIL_DOSSIER:
    "Registre des activités de traitement, registre des violations, déclarations d'outils en cours d'instruction, demandes d'exercice des droits et avis du délégué à la protection des données",
  RIGHTS_REQUEST_REGISTER:
    "Demandes d'exercice des droits (art. 15 à 22 du RGPD) et délai de réponse d'un mois, prolongeable de deux mois (art. 12.3)",
};

export const SECTION_TITLES = {
  identification: 'Identification',
  activeTreatments: 'Traitements actifs',
  archivedTreatments: 'Annexe — Traitements archivés',
  violations: 'Violations de données personnelles',
  summary: 'Synthèse',
  context: "Contexte de l'édition",
  contents: 'Sommaire',
  dossierTreatments: 'Partie 1 — Registre des activités de traitement',
  dossierArchived: 'Partie 1 (annexe) — Traitements archivés',
  dossierViolations: 'Partie 2 — Registre des violations de données personnelles',
  dossierDeclarations: "Partie 3 — Déclarations d'outils en cours d'instruction",
  dossierReviews: 'Partie 4 — Avis du délégué à la protection des données',
  rightsRequests: "Demandes d'exercice des droits",
  dossierRightsRequests: "Partie 5 — Registre des demandes d'exercice des droits",
} as const;

/** One printed line of an entry: "Label : value", or "Label :" and a bulleted list. */
export type Row =
  { label: string; value: string } | { label: string; items: readonly string[]; empty: string };

/** What the document counted while writing its entries (the dossier's summary prints them). */
export interface DocumentCounts {
  activeTreatments: number;
  sensitiveTreatments: number;
  dpiaTreatments: number;
  unreviewedTreatments: number;
  archivedTreatments: number;
  violations: number;
  openViolations: number;
  closedViolations: number;
  deadlines: Record<DeadlineStatus, number>;
  openDeclarations: number;
  highRiskDeclarations: number;
  reviews: number;
  rightsRequests: number;
  openRightsRequests: number;
  /** answered or refused in time, answered or refused late, open past the deadline */
  rightsRequestsInTime: number;
  rightsRequestsLate: number;
  rightsRequestsOverdue: number;
}

function emptyCounts(): DocumentCounts {
  return {
    activeTreatments: 0,
    sensitiveTreatments: 0,
    dpiaTreatments: 0,
    unreviewedTreatments: 0,
    archivedTreatments: 0,
    violations: 0,
    openViolations: 0,
    closedViolations: 0,
    deadlines: {
      NOTIFIED_IN_TIME: 0,
      NOTIFIED_LATE: 0,
      NOT_NOTIFIED_OVERDUE: 0,
      NOT_NOTIFIED_PENDING: 0,
      NOT_REQUIRED: 0,
    },
    openDeclarations: 0,
    highRiskDeclarations: 0,
    reviews: 0,
    rightsRequests: 0,
    openRightsRequests: 0,
    rightsRequestsInTime: 0,
    rightsRequestsLate: 0,
    rightsRequestsOverdue: 0,
  };
}

/** The French file name: registre-des-traitements-0310024H-2026-11-25.pdf (Paris date; .xlsx, .csv). */
export function exportFileName(
  kind: ExportKindValue,
  uai: string,
  generatedAt: Date,
  format: ExportFormat = 'PDF',
): string {
  const prefix: Record<ExportKindValue, string> = {
    TREATMENT_REGISTER: 'registre-des-traitements',
    VIOLATION_REGISTER: 'registre-des-violations',
    CNIL_DOSSIER: 'dossier-cnil',
    RIGHTS_REQUEST_REGISTER: 'registre-des-demandes-de-droits',
  };
  const safeUai = uai.replace(/[^0-9A-Za-z]/g, '');
  return `${prefix[kind]}-${safeUai}-${parisDateStamp(generatedAt)}.${format.toLowerCase()}`;
}

/** The controller's representatives as printed: "Mme Dupont (dupont@ac-x.fr), M. Martin (…)". */
export function controllerText(context: DocumentContext): string {
  const school = `${context.school.name} (UAI ${context.school.uai})`;
  if (context.heads.length === 0) return `${school}, aucun chef d'établissement désigné`;
  const shown = context.heads
    .slice(0, 6)
    .map((h) => (h.email ? `${h.displayName} (${h.email})` : h.displayName));
  const others = context.heads.length - shown.length;
  const more = others > 0 ? ` et ${plural(others, 'autre')}` : '';
  return `${school}, représenté par ${shown.join(', ')}${more}`;
}

export function dpoText(context: DocumentContext): string {
  const { dpoName, dpoEmail, dpoPhone, dpoAddress } = context.academy;
  if (!dpoName && !dpoEmail && !dpoPhone && !dpoAddress) return NOT_PROVIDED;
  const reach = [dpoEmail, dpoPhone && `tél. ${dpoPhone}`, dpoAddress].filter(Boolean).join(', ');
  if (dpoName && reach) return `${dpoName} (${reach})`;
  return (dpoName || reach) as string;
}

/** The school's own contacts as printed: "1 rue …, contact@…, tél. 05 …", or "Non renseigné". */
export function schoolContactText(context: DocumentContext): string {
  const { address, email, phone } = context.school;
  return orNotProvided([address, email, phone && `tél. ${phone}`].filter(Boolean).join(', ') || null);
}

/** Renders one document; the entries come from `sources`, read once each, in order. */
export async function renderDocument(context: DocumentContext, sources: ExportSources): Promise<RenderedPdf> {
  const title = EXPORT_KIND_LABELS[context.kind];
  const writer = new PdfWriter({
    title: `${title} — ${context.school.name} (${context.school.uai})`,
    subject: DOCUMENT_SUBTITLES[context.kind],
    author: `${context.school.name}, ${context.academy.name}`,
    keywords: `RGPD, ${context.school.uai}, ${context.academy.code}`,
    createdAt: context.generatedAt,
  });
  const counts = emptyCounts();
  switch (context.kind) {
    case 'TREATMENT_REGISTER': {
      cover(writer, context);
      // the counts are known once the entries are written: room for them is kept here
      const slot = writer.reserve(2);
      await treatmentSections(writer, context, sources, counts, {
        active: SECTION_TITLES.activeTreatments,
        archived: SECTION_TITLES.archivedTreatments,
      });
      writer.fill(
        slot,
        `Le registre compte ${plural(counts.activeTreatments, 'traitement actif', 'traitements actifs')} et ${plural(counts.archivedTreatments, 'traitement archivé', 'traitements archivés')} (en annexe).`,
        { bold: true },
      );
      break;
    }
    case 'VIOLATION_REGISTER': {
      cover(writer, context);
      const slot = writer.reserve(3);
      await violationSection(writer, context, sources, counts, SECTION_TITLES.violations, false);
      writer.fill(slot, violationTotals(counts), { bold: true });
      break;
    }
    case 'RIGHTS_REQUEST_REGISTER': {
      cover(writer, context);
      const slot = writer.reserve(2);
      await rightsRequestSection(writer, context, sources, counts, SECTION_TITLES.rightsRequests, false);
      writer.fill(slot, rightsRequestTotals(counts), { bold: true });
      break;
    }
    case 'CNIL_DOSSIER':
      await dossier(writer, context, sources, counts);
      break;
  }
  return writer.finish(
    `${title} — ${context.school.name} — UAI ${context.school.uai}`,
    `UAI ${context.school.uai} — ${context.academy.name} — édité le ${formatDateTime(context.generatedAt)}`,
  );
}

export const AUDIT_HEAD_LABEL = "Journal d'audit (tête de chaîne)";

/** The chain head as printed: its number, and its hash in groups of 16 (readable, and it wraps). */
export function auditHeadText(head: { seq: number; hash: string } | null): string {
  if (!head) return "Aucun événement au journal de l'établissement.";
  const groups = head.hash.match(/.{1,16}/g) ?? [head.hash];
  return `Événement n° ${head.seq}, empreinte ${groups.join(' ')}`;
}

function cover(writer: PdfWriter, context: DocumentContext): void {
  writer.title(EXPORT_KIND_LABELS[context.kind], DOCUMENT_SUBTITLES[context.kind]);
  writer.subsection(SECTION_TITLES.identification);
  const { academy, school } = context;
  writer.field('Académie', `${academy.name} (code ${academy.code})`);
  writer.field('Établissement', school.name);
  writer.field('UAI', school.uai);
  writer.field("Type d'établissement", label(SCHOOL_KIND_LABELS, school.kind));
  writer.field('Commune', orNotProvided(school.city));
  writer.field("Responsable du traitement (chef d'établissement)", controllerText(context));
  writer.field("Coordonnées de l'établissement", schoolContactText(context));
  writer.field("Délégué à la protection des données (DPD) de l'académie", dpoText(context));
  writer.field("RSSI de l'académie", orNotProvided(academy.rssiEmail));
  writer.field('Autorité hiérarchique (alerte)', orNotProvided(academy.hierarchyEmail));
  writer.field('Date de génération', formatLongDateTime(context.generatedAt));
  writer.field(
    'Document généré par',
    `${context.generatedBy.displayName}${context.generatedBy.email ? ` (${context.generatedBy.email})` : ''}, ${context.generatedBy.role}`,
  );
  if (context.auditHead !== undefined) writer.field(AUDIT_HEAD_LABEL, auditHeadText(context.auditHead));
  writer.gap(0.4);
}

async function treatmentSections(
  writer: PdfWriter,
  context: DocumentContext,
  sources: ExportSources,
  counts: DocumentCounts,
  titles: { active: string; archived: string },
  newPage = false,
): Promise<{ active: number; archived: number }> {
  const active = writer.section(titles.active, { newPage });
  for await (const treatment of sources.treatments('ACTIVE')) {
    counts.activeTreatments++;
    if (treatment.sensitiveData) counts.sensitiveTreatments++;
    if (treatment.dpiaRequired) counts.dpiaTreatments++;
    if (treatment.reviewState === 'NOT_REVIEWED') counts.unreviewedTreatments++;
    await writeEntry(writer, entryHeadings.treatment(treatment), treatmentRows(treatment));
  }
  if (counts.activeTreatments === 0)
    writer.paragraph("Aucun traitement actif n'est enregistré.", { italic: true });
  const archived = writer.section(titles.archived, { newPage: true });
  writer.paragraph(
    'Traitements qui ne sont plus mis en œuvre, conservés au registre avec le motif et la date de leur archivage.',
    { muted: true },
  );
  for await (const treatment of sources.treatments('ARCHIVED')) {
    counts.archivedTreatments++;
    await writeEntry(writer, entryHeadings.treatment(treatment), treatmentRows(treatment));
  }
  if (counts.archivedTreatments === 0) writer.paragraph('Aucun traitement archivé.', { italic: true });
  return { active, archived };
}

export function reviewLines(reviews: ReviewSummary[]): string[] {
  return reviews.map(
    (r) =>
      `${formatDateTime(r.createdAt)} — ${label(REVIEW_VERDICT_LABELS, r.verdict)} — ${r.reviewer}${r.comment ? ` : ${r.comment}` : ''}`,
  );
}

export function treatmentRows(t: TreatmentEntry): Row[] {
  // the entry's heading is "reference — name" (entryHeadings): they are not repeated below it
  const rows: Row[] = [{ label: 'Statut', value: label(TREATMENT_STATUS_LABELS, t.status) }];
  if (t.status === 'ARCHIVED') {
    rows.push(
      { label: "Motif d'archivage", value: orNotProvided(t.archivedReason) },
      { label: 'Archivé le', value: dateOrNotProvided(t.archivedAt) },
    );
  }
  rows.push(
    { label: 'Finalités', items: t.purposes, empty: 'Aucune' },
    { label: 'Base légale', value: label(LEGAL_BASIS_LABELS, t.legalBasis) },
    {
      label: 'Catégories de personnes concernées',
      items: labels(SUBJECT_CATEGORY_LABELS, t.subjectCategories),
      empty: 'Aucune',
    },
    {
      label: 'Catégories de données',
      items: labels(DATA_CATEGORY_LABELS, t.dataCategories),
      empty: 'Aucune',
    },
    { label: 'Données sensibles (art. 9 du RGPD)', value: yesNo(t.sensitiveData) },
    { label: 'Destinataires', items: t.recipients, empty: 'Aucun' },
    { label: 'Sous-traitants', items: t.processors, empty: 'Aucun' },
    {
      label: "Transferts hors de l'Union européenne",
      items: t.transfers.map(
        (x) =>
          `${x.country} — destinataire : ${x.recipient} — garantie : ${label(TRANSFER_SAFEGUARD_LABELS, x.safeguard)}`,
      ),
      empty: 'Aucun',
    },
    { label: 'Durée de conservation', value: retentionText(t.retention, t.retentionMonths) },
    { label: 'Mesures de sécurité', items: t.securityMeasures, empty: 'Aucune' },
    { label: "Analyse d'impact (AIPD) requise", value: yesNo(t.dpiaRequired) },
    { label: 'Revue du DPD', value: label(REVIEW_STATE_LABELS, t.reviewState) },
    {
      label: 'Outils déclarés rattachés',
      items: t.declarations.map((d) => (d.vendor ? `${d.toolName} (${d.vendor})` : d.toolName)),
      empty: 'Aucun',
    },
    { label: 'Avis du DPD', items: reviewLines(t.reviews), empty: 'Aucun' },
    {
      label: 'Créé le',
      value: `${formatDateTime(t.createdAt)} par ${t.createdBy ?? 'le système (reprise de données)'}`,
    },
    { label: 'Dernière modification', value: `${formatDateTime(t.updatedAt)} (version ${t.version})` },
  );
  return rows;
}

/**
 * The retention period, printed once: the register's text, which rules, followed by the number of
 * months recorded with it unless the text already states it ("24 mois après la fin de l'activité").
 */
export function retentionText(text: string, months: number | null): string {
  const stated = text.trim();
  if (months === null) return stated || NOT_PROVIDED;
  const inMonths = `${formatCount(months)} mois`;
  if (!stated) return inMonths;
  if (stated.replace(/\s+/g, ' ').includes(inMonths) || stated.includes(`${months} mois`)) return stated;
  return `${stated} (${inMonths})`;
}

/** "2 ouvertes, 1 clôturée": the feminine words of the violation counts, agreed with their number. */
const violationWord = (count: number, singular: string) => plural(count, singular, `${singular}s`);

/** "2 violations ouvertes, 1 clôturée" as in the register's and the dossier's summaries. */
function openClosedText(counts: DocumentCounts): string {
  return `${violationWord(counts.openViolations, 'ouverte')}, ${violationWord(counts.closedViolations, 'clôturée')}`;
}

/** The 72-hour deadline's counts, each with its word agreed ("1 notifiée dans le délai"). */
function deadlineCountsText(counts: DocumentCounts): string {
  const d = counts.deadlines;
  return [
    `${violationWord(d.NOTIFIED_IN_TIME, 'notifiée')} dans le délai`,
    `${violationWord(d.NOTIFIED_LATE, 'notifiée')} en retard`,
    `${violationWord(d.NOT_NOTIFIED_OVERDUE, 'non notifiée')} hors délai`,
    `${formatCount(d.NOT_NOTIFIED_PENDING)} en cours de délai`,
    `${formatCount(d.NOT_REQUIRED)} sans notification requise`,
  ].join(', ');
}

function violationTotals(counts: DocumentCounts): string {
  return (
    `Le registre compte ${plural(counts.violations, 'violation')} (${openClosedText(counts)}). ` +
    `Délai de 72 heures : ${deadlineCountsText(counts)}.`
  );
}

async function violationSection(
  writer: PdfWriter,
  context: DocumentContext,
  sources: ExportSources,
  counts: DocumentCounts,
  title: string,
  newPage: boolean,
): Promise<number> {
  const page = writer.section(title, { newPage });
  writer.paragraph(
    `Échéance de notification à la CNIL : 72 heures après la découverte (art. 33.1 du RGPD). Le respect du délai est apprécié à la date de génération (${formatDateTime(context.generatedAt)}).`,
    { muted: true },
  );
  for await (const violation of sources.violations()) {
    counts.violations++;
    if (violation.status === 'CLOSED') counts.closedViolations++;
    else counts.openViolations++;
    counts.deadlines[deadlineStatus(violation, context.generatedAt)]++;
    await writeEntry(
      writer,
      entryHeadings.violation(violation),
      violationRows(violation, context.generatedAt),
    );
  }
  if (counts.violations === 0) writer.paragraph("Aucune violation n'est enregistrée.", { italic: true });
  return page;
}

/** What a breach whose risk is unlikely needs instead of a notification (RULES: required = risk ≠ UNLIKELY). */
export const NOT_REQUIRED_TEXT = 'Notification non requise (risque improbable)';

export function deadlineText(v: ViolationEntry, now: Date): string {
  const status = deadlineStatus(v, now);
  const text = DEADLINE_STATUS_LABELS[status];
  switch (status) {
    case 'NOTIFIED_IN_TIME':
    case 'NOT_REQUIRED':
      return text;
    case 'NOTIFIED_LATE':
      return `${text} (${formatDuration((v.cnilNotifiedAt as Date).getTime() - v.cnilDeadline.getTime())} de retard)`;
    case 'NOT_NOTIFIED_OVERDUE':
      return `${text} (depuis ${formatDuration(now.getTime() - v.cnilDeadline.getTime())})`;
    case 'NOT_NOTIFIED_PENDING':
      return `${text} (reste ${formatDuration(v.cnilDeadline.getTime() - now.getTime())})`;
  }
}

export function violationRows(v: ViolationEntry, now: Date): Row[] {
  // the entry's heading is "reference — title" (entryHeadings): they are not repeated below it
  const rows: Row[] = [{ label: 'Statut', value: label(VIOLATION_STATUS_LABELS, v.status) }];
  if (v.status === 'CLOSED') rows.push({ label: 'Clôturée le', value: dateOrNotProvided(v.closedAt) });
  rows.push(
    { label: 'Signalée par', value: v.reportedBy },
    { label: 'Description', value: v.description },
    { label: "Type d'incident", value: label(INCIDENT_TYPE_LABELS, v.incidentType) },
    {
      label: 'Nature de la violation',
      items: labels(BREACH_NATURE_LABELS, v.natures),
      empty: 'Non renseignée',
    },
    { label: 'Date de survenance', value: dateOrNotProvided(v.occurredAt) },
    { label: 'Date de découverte', value: formatDateTime(v.discoveredAt) },
    {
      label: 'Catégories de données concernées',
      items: labels(DATA_CATEGORY_LABELS, v.dataCategories),
      empty: NOT_PROVIDED,
    },
    {
      label: 'Catégories de personnes concernées',
      items: labels(SUBJECT_CATEGORY_LABELS, v.subjectCategories),
      empty: NOT_PROVIDED,
    },
    { label: 'Nombre approximatif de personnes concernées', value: formatCount(v.approxSubjectCount) },
    { label: "Nombre approximatif d'enregistrements concernés", value: formatCount(v.approxRecordCount) },
    {
      label: 'Traitements concernés',
      items: v.treatments.map((t) => `${t.reference} — ${t.name}`),
      empty: 'Aucun traitement rattaché',
    },
    { label: 'Conséquences probables', value: orNotProvided(v.consequences) },
    { label: 'Mesures prises ou envisagées', value: orNotProvided(v.measuresTaken) },
    { label: 'Niveau de risque', value: label(BREACH_RISK_LABELS, v.risk) },
    { label: 'Notification à la CNIL requise', value: yesNo(v.cnilNotificationRequired) },
    { label: 'Échéance de notification (72 heures)', value: formatDateTime(v.cnilDeadline) },
    {
      label: 'Notifiée à la CNIL le',
      value: v.cnilNotifiedAt
        ? formatDateTime(v.cnilNotifiedAt)
        : v.cnilNotificationRequired
          ? 'Non notifiée'
          : 'Sans objet (notification non requise)',
    },
    { label: 'Respect du délai de 72 heures', value: deadlineText(v, now) },
    { label: 'Référence de la notification CNIL', value: orNotProvided(v.cnilReference) },
    { label: 'Motif du retard de notification', value: orNotProvided(v.lateNotificationReason) },
    { label: 'Personnes concernées informées le', value: dateOrNotProvided(v.subjectsInformedAt) },
    {
      label: "Justification de l'absence de notification ou d'information",
      value:
        v.noNotificationJustification?.trim() ||
        (v.cnilNotificationRequired ? NOT_PROVIDED : NOT_REQUIRED_TEXT),
    },
    { label: 'RSSI informé le', value: dateOrNotProvided(v.rssiInformedAt) },
    { label: 'Hiérarchie informée le', value: dateOrNotProvided(v.hierarchyInformedAt) },
    { label: 'Avis du DPD', items: reviewLines(v.reviews), empty: 'Aucun' },
    { label: 'Enregistrée le', value: formatDateTime(v.createdAt) },
    { label: 'Dernière modification', value: `${formatDateTime(v.updatedAt)} (version ${v.version})` },
  );
  return rows;
}

export function declarationRows(d: DeclarationEntry): Row[] {
  return [
    // the entry's heading is "tool — vendor" (entryHeadings): the vendor is only said when unknown
    ...(d.vendor ? [] : [{ label: 'Éditeur', value: NOT_PROVIDED }]),
    { label: 'Adresse web', value: orNotProvided(d.url) },
    { label: 'Statut', value: label(DECLARATION_STATUS_LABELS, d.status) },
    { label: 'Déclarée par', value: d.declaredBy },
    { label: 'Finalité pédagogique', value: d.purpose },
    { label: 'Classes concernées', items: d.classes, empty: NOT_PROVIDED },
    { label: "Nombre approximatif d'élèves", value: formatCount(d.approxStudentCount) },
    {
      label: 'Catégories de données',
      items: labels(DATA_CATEGORY_LABELS, d.dataCategories),
      empty: 'Aucune',
    },
    { label: 'Pseudonymes utilisés', value: yesNo(d.pseudonymsUsed) },
    { label: 'Hébergement des données', value: label(HOSTING_LABELS, d.hosting) },
    { label: "Pays d'hébergement", value: orNotProvided(d.hostingCountry) },
    { label: 'Logiciel libre', value: label(ANSWER_LABELS, d.freeSoftware) },
    { label: 'Outil institutionnel (ENT, GAR, apps.education.fr)', value: yesNo(d.institutional) },
    { label: 'Réutilisation commerciale des données', value: label(ANSWER_LABELS, d.commercialReuse) },
    { label: 'Familles informées', value: yesNo(d.familiesInformed) },
    {
      label: 'Durée de conservation',
      value:
        d.retentionMonths === null
          ? 'Aucune limite connue'
          : `${formatCount(d.retentionMonths)} mois après l'activité`,
    },
    { label: 'Mesures de sécurité', value: orNotProvided(d.securityMeasures) },
    { label: 'Points de vigilance', items: labels(RISK_FLAG_LABELS, d.riskFlags), empty: 'Aucun' },
    { label: 'Niveau de risque', value: label(RISK_LEVEL_LABELS, d.riskLevel) },
    { label: 'Commentaire de la décision', value: orNotProvided(d.decisionComment) },
    { label: 'Soumise le', value: dateOrNotProvided(d.submittedAt) },
    { label: 'Décidée le', value: dateOrNotProvided(d.decidedAt) },
    { label: 'Créée le', value: formatDateTime(d.createdAt) },
    { label: 'Dernière modification', value: `${formatDateTime(d.updatedAt)} (version ${d.version})` },
  ];
}

export function reviewRows(r: ReviewEntry): Row[] {
  // the entry's heading is "date — target" (entryHeadings): they are not repeated below it
  return [
    { label: 'Avis', value: label(REVIEW_VERDICT_LABELS, r.verdict) },
    { label: 'Commentaire', value: orNotProvided(r.comment) },
    { label: 'Délégué à la protection des données', value: r.reviewer },
  ];
}

/** "2 réponses dans le délai, 1 en retard, 1 demande en cours hors délai": the deadline's counts. */
function rightsRequestDeadlineCounts(counts: DocumentCounts): string {
  return [
    `${plural(counts.rightsRequestsInTime, 'réponse')} dans le délai`,
    `${formatCount(counts.rightsRequestsLate)} en retard`,
    `${plural(counts.rightsRequestsOverdue, 'demande')} en cours hors délai`,
  ].join(', ');
}

function rightsRequestTotals(counts: DocumentCounts): string {
  return (
    `Le registre compte ${plural(counts.rightsRequests, 'demande')} (${formatCount(counts.openRightsRequests)} en cours). ` +
    `Délai de réponse : ${rightsRequestDeadlineCounts(counts)}.`
  );
}

async function rightsRequestSection(
  writer: PdfWriter,
  context: DocumentContext,
  sources: ExportSources,
  counts: DocumentCounts,
  title: string,
  newPage: boolean,
): Promise<number> {
  const page = writer.section(title, { newPage });
  writer.paragraph(
    `Délai de réponse : un mois à compter de la réception, prolongeable de deux mois si le demandeur en est informé dans le premier mois (art. 12.3 du RGPD), suspendu tant que la demande attend le demandeur ; échéance le dernier jour à 23:59, heure de Paris. Le respect du délai est apprécié à la date de génération (${formatDateTime(context.generatedAt)}).`,
    { muted: true },
  );
  for await (const request of sources.rightsRequests()) {
    counts.rightsRequests++;
    const clock = rightsRequestClock(request, context.generatedAt);
    const settled = request.status === 'ANSWERED' || request.status === 'REFUSED';
    if (!settled) counts.openRightsRequests++;
    if (settled) counts[clock.overdue ? 'rightsRequestsLate' : 'rightsRequestsInTime']++;
    else if (clock.overdue) counts.rightsRequestsOverdue++;
    await writeEntry(
      writer,
      entryHeadings.rightsRequest(request),
      rightsRequestRows(request, context.generatedAt),
    );
  }
  if (counts.rightsRequests === 0)
    writer.paragraph("Aucune demande d'exercice des droits n'est enregistrée.", { italic: true });
  return page;
}

export function rightsRequestDeadlineText(r: RightsRequestEntry, now: Date): string {
  const clock = rightsRequestClock(r, now);
  const days = (n: number) => plural(n, 'jour');
  if (r.status === 'ANSWERED' || r.status === 'REFUSED') {
    const when = r.answeredAt as Date;
    return clock.overdue
      ? `Non respecté : réponse donnée ${days(-daysLeft(clock.dueAt, when))} après l'échéance`
      : "Respecté : réponse donnée avant l'échéance";
  }
  if (clock.overdue) return `Dépassé depuis ${days(-daysLeft(clock.dueAt, now))}`;
  if (r.status === 'AWAITING_REQUESTER') return 'Suspendu : la demande attend le demandeur';
  return `En cours : reste ${days(daysLeft(clock.dueAt, now))}`;
}

export function rightsRequestRows(r: RightsRequestEntry, now: Date): Row[] {
  const clock = rightsRequestClock(r, now);
  const rows: Row[] = [
    { label: 'Référence', value: r.reference },
    { label: 'Statut', value: label(RIGHTS_REQUEST_STATUS_LABELS, r.status) },
    { label: 'Droits exercés', items: labels(RIGHT_TYPE_LABELS, r.rightTypes), empty: NOT_PROVIDED },
    { label: 'Reçue le', value: formatDateTime(r.receivedAt) },
    { label: 'Canal de réception', value: label(RIGHTS_REQUEST_CHANNEL_LABELS, r.channel) },
    { label: 'Demandeur', value: r.requesterName },
    { label: 'Qualité du demandeur', value: label(REQUESTER_RELATION_LABELS, r.requesterRelation) },
    { label: 'Personne concernée', value: orNotProvided(r.subjectName) },
    { label: 'Catégorie de la personne concernée', value: label(SUBJECT_CATEGORY_LABELS, r.subjectCategory) },
    { label: 'Objet de la demande', value: r.description },
    {
      label: 'Traitements concernés',
      items: r.treatments.map((t) => `${t.reference} — ${t.name}`),
      empty: 'Aucun traitement rattaché',
    },
    { label: 'Échéance de réponse', value: formatDateTime(clock.dueAt) },
    { label: 'Délai prolongé de deux mois', value: yesNo(r.extended) },
  ];
  if (r.extended) {
    rows.push(
      { label: 'Motif de la prolongation', value: orNotProvided(r.extensionReason) },
      { label: 'Demandeur informé de la prolongation le', value: dateOrNotProvided(r.extensionNotifiedAt) },
    );
  }
  rows.push(
    { label: 'Jours de suspension (attente du demandeur)', value: formatCount(clock.pausedDays) },
    { label: 'Respect du délai', value: rightsRequestDeadlineText(r, now) },
    { label: 'Réponse donnée le', value: dateOrNotProvided(r.answeredAt) },
  );
  if (r.status === 'ANSWERED')
    rows.push({ label: 'Réponse apportée', value: orNotProvided(r.answerSummary) });
  if (r.status === 'REFUSED') rows.push({ label: 'Motif du refus', value: orNotProvided(r.refusalReason) });
  rows.push(
    { label: 'Avis du DPD', items: reviewLines(r.reviews), empty: 'Aucun' },
    { label: 'Enregistrée le', value: `${formatDateTime(r.createdAt)} par ${r.recordedBy}` },
    { label: 'Dernière modification', value: `${formatDateTime(r.updatedAt)} (version ${r.version})` },
  );
  return rows;
}

export const entryHeadings = {
  treatment: (t: TreatmentEntry) => `${t.reference} — ${t.name}`,
  violation: (v: ViolationEntry) => `${v.reference} — ${v.title}`,
  declaration: (d: DeclarationEntry) => `${d.toolName}${d.vendor ? ` — ${d.vendor}` : ''}`,
  rightsRequest: (r: RightsRequestEntry) =>
    `${r.reference} — ${labels(RIGHT_TYPE_LABELS, r.rightTypes).join(', ')}`,
  review: (r: ReviewEntry) =>
    `${formatDateTime(r.createdAt)} — ${label(REVIEW_TARGET_TYPE_LABELS, r.targetType)} ${r.target}`,
};

/** The first rows an entry's heading is kept on the page with. */
const ROWS_KEPT_WITH_HEADING = 3;

/**
 * One register entry: its heading, kept on one page with its first rows (an entry never starts
 * at the foot of a page), then its rows, yielding to the event loop as it goes.
 */
async function writeEntry(writer: PdfWriter, heading: string, rows: Row[]): Promise<void> {
  const firstRows = rows
    .slice(0, ROWS_KEPT_WITH_HEADING)
    .reduce((sum, row) => sum + writer.rowHeight(row.label, 'items' in row ? row.items : [row.value]), 0);
  writer.entry(heading, firstRows);
  for (const row of rows) {
    if ('items' in row) await writer.list(row.label, row.items, row.empty);
    else await writer.longField(row.label, row.value);
    await writer.breathe();
  }
}

/**
 * The dossier: its first page (identification, summary, contents) is kept empty and written last,
 * when the counts and the pages of each part are known.
 */
async function dossier(
  writer: PdfWriter,
  context: DocumentContext,
  sources: ExportSources,
  counts: DocumentCounts,
): Promise<void> {
  writer.doc.outline.addItem('Synthèse et sommaire');
  const treatmentPages = await treatmentSections(
    writer,
    context,
    sources,
    counts,
    { active: SECTION_TITLES.dossierTreatments, archived: SECTION_TITLES.dossierArchived },
    true,
  );
  const violationsPage = await violationSection(
    writer,
    context,
    sources,
    counts,
    SECTION_TITLES.dossierViolations,
    true,
  );

  const declarationsPage = writer.section(SECTION_TITLES.dossierDeclarations, { newPage: true });
  writer.paragraph(
    "Déclarations d'outils numériques faites par les enseignants et pas encore décidées : soumises au chef d'établissement, ou renvoyées à leur auteur pour modification. Les brouillons, non encore déclarés, n'y figurent pas ; les déclarations approuvées figurent au registre des traitements.",
    { muted: true },
  );
  for await (const declaration of sources.openDeclarations()) {
    counts.openDeclarations++;
    if (declaration.riskLevel === 'HIGH') counts.highRiskDeclarations++;
    await writeEntry(writer, entryHeadings.declaration(declaration), declarationRows(declaration));
  }
  if (counts.openDeclarations === 0)
    writer.paragraph("Aucune déclaration d'outil en cours.", { italic: true });

  const reviewsPage = writer.section(SECTION_TITLES.dossierReviews, { newPage: true });
  writer.paragraph(
    "Avis rendus par le délégué à la protection des données de l'académie sur les entrées de l'établissement, du plus ancien au plus récent.",
    { muted: true },
  );
  for await (const review of sources.reviews()) {
    counts.reviews++;
    await writeEntry(writer, entryHeadings.review(review), reviewRows(review));
  }
  if (counts.reviews === 0)
    writer.paragraph('Aucun avis du délégué à la protection des données.', { italic: true });

  const rightsRequestsPage = await rightsRequestSection(
    writer,
    context,
    sources,
    counts,
    SECTION_TITLES.dossierRightsRequests,
    true,
  );

  writer.onPage(0, () => {
    cover(writer, context);
    writer.subsection(SECTION_TITLES.summary);
    writer.field(
      'Traitements actifs',
      `${formatCount(counts.activeTreatments)} (dont ${formatCount(counts.sensitiveTreatments)} avec données sensibles, ${formatCount(counts.dpiaTreatments)} avec AIPD requise, ${formatCount(counts.unreviewedTreatments)} non revus par le DPD)`,
    );
    writer.field('Traitements archivés', formatCount(counts.archivedTreatments));
    writer.field('Violations enregistrées', `${formatCount(counts.violations)} (${openClosedText(counts)})`);
    writer.field('Délai de 72 heures', deadlineCountsText(counts));
    writer.field(
      "Déclarations d'outils en cours",
      `${formatCount(counts.openDeclarations)} (dont ${formatCount(counts.highRiskDeclarations)} à risque élevé)`,
    );
    writer.field('Avis du DPD', formatCount(counts.reviews));
    writer.field(
      "Demandes d'exercice des droits",
      `${formatCount(counts.rightsRequests)} (${formatCount(counts.openRightsRequests)} en cours ; ${rightsRequestDeadlineCounts(counts)})`,
    );
    writer.subsection(SECTION_TITLES.context);
    writer.paragraph(
      `Document généré le ${formatLongDateTime(context.generatedAt)} à partir des registres tels qu'enregistrés à cet instant (lecture cohérente unique). Son empreinte SHA-256 est conservée avec le fichier et tracée au journal d'audit.`,
    );
    writer.subsection(SECTION_TITLES.contents);
    const page = (index: number) => `page ${index + 1}`;
    writer.field(SECTION_TITLES.dossierTreatments, page(treatmentPages.active));
    writer.field(SECTION_TITLES.dossierArchived, page(treatmentPages.archived));
    writer.field(SECTION_TITLES.dossierViolations, page(violationsPage));
    writer.field(SECTION_TITLES.dossierDeclarations, page(declarationsPage));
    writer.field(SECTION_TITLES.dossierReviews, page(reviewsPage));
    writer.field(SECTION_TITLES.dossierRightsRequests, page(rightsRequestsPage));
  });
}
