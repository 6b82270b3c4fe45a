import { Workbook, Worksheet } from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { ExportFormat } from '@app/core/vocabulary';
import { rightsRequestClock } from '@app/rules/rights-request-deadline';
import { TREATMENT_SHEET_HEADINGS as H } from '@app/rules/treatment-sheet-headings';
import {
  auditHeadText,
  controllerText,
  deadlineText,
  DOCUMENT_SUBTITLES,
  dpoText,
  reviewLines,
  rightsRequestDeadlineText,
} from './documents';
import { formatSheetDateTime, parisWallClock } from './format';
import {
  ANSWER_LABELS,
  BREACH_NATURE_LABELS,
  BREACH_RISK_LABELS,
  DATA_CATEGORY_LABELS,
  DECLARATION_STATUS_LABELS,
  EXPORT_KIND_LABELS,
  HOSTING_LABELS,
  INCIDENT_TYPE_LABELS,
  label,
  labels,
  LEGAL_BASIS_LABELS,
  REQUESTER_RELATION_LABELS,
  REVIEW_TARGET_TYPE_LABELS,
  REVIEW_VERDICT_LABELS,
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
import type {
  DeclarationEntry,
  DocumentContext,
  ExportSources,
  RenderedPdf,
  ReviewEntry,
  RightsRequestEntry,
  TreatmentEntry,
  ViolationEntry,
} from './types';

/**
 * The registers as spreadsheets (RULES.md, "Spreadsheets"): one row per entry, one column per field,
 * French headings and labels, lists joined with " ; ", dates as dates (XLSX) or JJ/MM/AAAA HH:MM in
 * Paris time (CSV). XLSX: one sheet per part; CSV: UTF-8 with BOM, semicolons, one register per file.
 * A text is always written as text: a workbook cell holds a string (never a formula), and a CSV cell
 * that a spreadsheet would read as a formula (= + - @, tab, carriage return) is prefixed with an
 * apostrophe, which the import removes again.
 */
export type CellValue = string | number | boolean | Date | readonly string[] | null;

export interface Column<E> {
  heading: string;
  value: (entry: E, now: Date) => CellValue;
  /** width in characters (XLSX) */
  width?: number;
}

/** Lists in one cell. */
export const LIST_SEPARATOR = ' ; ';
/** One transfer in the "Transferts hors UE" cell: pays — destinataire — garantie. */
export const TRANSFER_SEPARATOR = ' — ';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  PDF: 'application/pdf',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CSV: 'text/csv; charset=utf-8',
};

const WIDE = 50;
const NAME = 30;

/** The treatments' columns, in RULES.md's order (the import reads the same headings), then the annex's two. */
export const TREATMENT_COLUMNS: Column<TreatmentEntry>[] = [
  { heading: H.REFERENCE, value: (t) => t.reference, width: 11 },
  { heading: H.NAME, value: (t) => t.name, width: NAME },
  { heading: H.PURPOSES, value: (t) => t.purposes, width: WIDE },
  { heading: H.LEGAL_BASIS, value: (t) => label(LEGAL_BASIS_LABELS, t.legalBasis), width: NAME },
  {
    heading: H.SUBJECTS,
    value: (t) => labels(SUBJECT_CATEGORY_LABELS, t.subjectCategories),
    width: NAME,
  },
  {
    heading: H.DATA,
    value: (t) => labels(DATA_CATEGORY_LABELS, t.dataCategories),
    width: WIDE,
  },
  { heading: H.SENSITIVE, value: (t) => t.sensitiveData },
  { heading: H.RECIPIENTS, value: (t) => t.recipients, width: NAME },
  { heading: H.PROCESSORS, value: (t) => t.processors, width: NAME },
  {
    heading: H.TRANSFERS,
    value: (t) =>
      t.transfers.map((x) =>
        [x.country, x.recipient, label(TRANSFER_SAFEGUARD_LABELS, x.safeguard)].join(TRANSFER_SEPARATOR),
      ),
    width: NAME,
  },
  { heading: H.RETENTION, value: (t) => t.retention, width: NAME },
  { heading: H.RETENTION_MONTHS, value: (t) => t.retentionMonths },
  { heading: H.SECURITY, value: (t) => t.securityMeasures, width: WIDE },
  { heading: H.DPIA, value: (t) => t.dpiaRequired },
  { heading: H.STATUS, value: (t) => label(TREATMENT_STATUS_LABELS, t.status) },
  { heading: H.CREATED, value: (t) => t.createdAt },
  { heading: H.UPDATED, value: (t) => t.updatedAt },
  { heading: H.ARCHIVED_REASON, value: (t) => t.archivedReason, width: NAME },
  { heading: H.ARCHIVED_AT, value: (t) => t.archivedAt },
];

export const VIOLATION_COLUMNS: Column<ViolationEntry>[] = [
  { heading: 'Référence', value: (v) => v.reference, width: 11 },
  { heading: 'Titre', value: (v) => v.title, width: NAME },
  { heading: 'Description', value: (v) => v.description, width: WIDE },
  { heading: "Type d'incident", value: (v) => label(INCIDENT_TYPE_LABELS, v.incidentType), width: NAME },
  { heading: 'Nature de la violation', value: (v) => labels(BREACH_NATURE_LABELS, v.natures), width: NAME },
  { heading: 'Date de survenance', value: (v) => v.occurredAt },
  { heading: 'Date de découverte', value: (v) => v.discoveredAt },
  {
    heading: 'Catégories de données concernées',
    value: (v) => labels(DATA_CATEGORY_LABELS, v.dataCategories),
    width: WIDE,
  },
  {
    heading: 'Catégories de personnes concernées',
    value: (v) => labels(SUBJECT_CATEGORY_LABELS, v.subjectCategories),
    width: NAME,
  },
  { heading: 'Nombre approximatif de personnes concernées', value: (v) => v.approxSubjectCount },
  { heading: "Nombre approximatif d'enregistrements concernés", value: (v) => v.approxRecordCount },
  {
    heading: 'Traitements concernés',
    value: (v) => v.treatments.map((t) => `${t.reference} — ${t.name}`),
    width: NAME,
  },
  { heading: 'Conséquences probables', value: (v) => v.consequences, width: WIDE },
  { heading: 'Mesures prises ou envisagées', value: (v) => v.measuresTaken, width: WIDE },
  { heading: 'Niveau de risque', value: (v) => label(BREACH_RISK_LABELS, v.risk), width: NAME },
  { heading: 'Notification à la CNIL requise', value: (v) => v.cnilNotificationRequired },
  { heading: 'Échéance de notification (72 heures)', value: (v) => v.cnilDeadline },
  { heading: 'Notifiée à la CNIL le', value: (v) => v.cnilNotifiedAt },
  { heading: 'Respect du délai de 72 heures', value: (v, now) => deadlineText(v, now), width: NAME },
  { heading: 'Référence de la notification CNIL', value: (v) => v.cnilReference },
  { heading: 'Motif du retard de notification', value: (v) => v.lateNotificationReason, width: NAME },
  { heading: 'Personnes concernées informées le', value: (v) => v.subjectsInformedAt },
  {
    heading: "Justification de l'absence de notification ou d'information",
    value: (v) => v.noNotificationJustification,
    width: NAME,
  },
  { heading: 'RSSI informé le', value: (v) => v.rssiInformedAt },
  { heading: 'Hiérarchie informée le', value: (v) => v.hierarchyInformedAt },
  { heading: 'Statut', value: (v) => label(VIOLATION_STATUS_LABELS, v.status) },
  { heading: 'Clôturée le', value: (v) => v.closedAt },
  { heading: 'Signalée par', value: (v) => v.reportedBy },
  { heading: 'Avis du DPD', value: (v) => reviewLines(v.reviews), width: NAME },
  { heading: 'Enregistrée le', value: (v) => v.createdAt },
  { heading: 'Modifiée le', value: (v) => v.updatedAt },
];

export const RIGHTS_REQUEST_COLUMNS: Column<RightsRequestEntry>[] = [
  { heading: 'Référence', value: (r) => r.reference, width: 11 },
  { heading: 'Droits exercés', value: (r) => labels(RIGHT_TYPE_LABELS, r.rightTypes), width: NAME },
  { heading: 'Reçue le', value: (r) => r.receivedAt },
  { heading: 'Canal de réception', value: (r) => label(RIGHTS_REQUEST_CHANNEL_LABELS, r.channel) },
  { heading: 'Demandeur', value: (r) => r.requesterName, width: NAME },
  {
    heading: 'Qualité du demandeur',
    value: (r) => label(REQUESTER_RELATION_LABELS, r.requesterRelation),
    width: NAME,
  },
  { heading: 'Personne concernée', value: (r) => r.subjectName, width: NAME },
  {
    heading: 'Catégorie de la personne concernée',
    value: (r) => label(SUBJECT_CATEGORY_LABELS, r.subjectCategory),
  },
  { heading: 'Objet de la demande', value: (r) => r.description, width: WIDE },
  {
    heading: 'Traitements concernés',
    value: (r) => r.treatments.map((t) => `${t.reference} — ${t.name}`),
    width: NAME,
  },
  { heading: 'Statut', value: (r) => label(RIGHTS_REQUEST_STATUS_LABELS, r.status) },
  { heading: 'Échéance de réponse', value: (r, now) => rightsRequestClock(r, now).dueAt },
  { heading: 'Délai prolongé de deux mois', value: (r) => r.extended },
  { heading: 'Motif de la prolongation', value: (r) => r.extensionReason, width: NAME },
  { heading: 'Demandeur informé de la prolongation le', value: (r) => r.extensionNotifiedAt },
  {
    heading: 'Jours de suspension (attente du demandeur)',
    value: (r, now) => rightsRequestClock(r, now).pausedDays,
  },
  { heading: 'Respect du délai', value: (r, now) => rightsRequestDeadlineText(r, now), width: NAME },
  { heading: 'Réponse donnée le', value: (r) => r.answeredAt },
  { heading: 'Réponse apportée', value: (r) => r.answerSummary, width: WIDE },
  { heading: 'Motif du refus', value: (r) => r.refusalReason, width: NAME },
  { heading: 'Enregistrée par', value: (r) => r.recordedBy },
  { heading: 'Avis du DPD', value: (r) => reviewLines(r.reviews), width: NAME },
  { heading: 'Enregistrée le', value: (r) => r.createdAt },
  { heading: 'Modifiée le', value: (r) => r.updatedAt },
];

export const DECLARATION_COLUMNS: Column<DeclarationEntry>[] = [
  { heading: 'Outil', value: (d) => d.toolName, width: NAME },
  { heading: 'Éditeur', value: (d) => d.vendor },
  { heading: 'Adresse web', value: (d) => d.url },
  { heading: 'Statut', value: (d) => label(DECLARATION_STATUS_LABELS, d.status) },
  { heading: 'Déclarée par', value: (d) => d.declaredBy },
  { heading: 'Finalité pédagogique', value: (d) => d.purpose, width: WIDE },
  { heading: 'Classes concernées', value: (d) => d.classes },
  { heading: "Nombre approximatif d'élèves", value: (d) => d.approxStudentCount },
  {
    heading: 'Catégories de données',
    value: (d) => labels(DATA_CATEGORY_LABELS, d.dataCategories),
    width: WIDE,
  },
  { heading: 'Pseudonymes utilisés', value: (d) => d.pseudonymsUsed },
  { heading: 'Hébergement des données', value: (d) => label(HOSTING_LABELS, d.hosting) },
  { heading: "Pays d'hébergement", value: (d) => d.hostingCountry },
  { heading: 'Logiciel libre', value: (d) => label(ANSWER_LABELS, d.freeSoftware) },
  { heading: 'Outil institutionnel (ENT, GAR, apps.education.fr)', value: (d) => d.institutional },
  { heading: 'Réutilisation commerciale des données', value: (d) => label(ANSWER_LABELS, d.commercialReuse) },
  { heading: 'Familles informées', value: (d) => d.familiesInformed },
  { heading: 'Durée de conservation (mois)', value: (d) => d.retentionMonths },
  { heading: 'Mesures de sécurité', value: (d) => d.securityMeasures, width: WIDE },
  { heading: 'Points de vigilance', value: (d) => labels(RISK_FLAG_LABELS, d.riskFlags), width: NAME },
  { heading: 'Niveau de risque', value: (d) => label(RISK_LEVEL_LABELS, d.riskLevel) },
  { heading: 'Commentaire de la décision', value: (d) => d.decisionComment, width: NAME },
  { heading: 'Soumise le', value: (d) => d.submittedAt },
  { heading: 'Décidée le', value: (d) => d.decidedAt },
  { heading: 'Créée le', value: (d) => d.createdAt },
  { heading: 'Modifiée le', value: (d) => d.updatedAt },
];

export const REVIEW_COLUMNS: Column<ReviewEntry>[] = [
  { heading: 'Date', value: (r) => r.createdAt },
  { heading: "Type d'entrée", value: (r) => label(REVIEW_TARGET_TYPE_LABELS, r.targetType) },
  { heading: 'Entrée', value: (r) => r.target, width: NAME },
  { heading: 'Avis', value: (r) => label(REVIEW_VERDICT_LABELS, r.verdict) },
  { heading: 'Commentaire', value: (r) => r.comment, width: WIDE },
  { heading: 'Délégué à la protection des données', value: (r) => r.reviewer, width: NAME },
];

export const SHEET_NAMES = {
  information: 'Informations',
  summary: 'Synthèse',
  activeTreatments: 'Traitements',
  archivedTreatments: 'Traitements archivés',
  violations: 'Violations',
  rightsRequests: 'Demandes de droits',
  declarations: 'Déclarations en cours',
  reviews: 'Avis du DPD',
} as const;

/** A cell a spreadsheet would read as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Written in one cell: the CSV form (and the XLSX form of everything but numbers and dates). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return formatSheetDateTime(value);
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  return value as string;
}

/** Text for the CSV: a would-be formula is prefixed with an apostrophe (the import removes it). */
export function csvCell(value: CellValue): string {
  const text = cellText(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

interface Table<E> {
  name: string;
  columns: Column<E>[];
  entries: AsyncIterable<E>;
}

/** The rows of a part, counted as they pass. */
async function* counted<E>(entries: AsyncIterable<E>, onEach: (e: E) => void): AsyncIterable<E> {
  for await (const entry of entries) {
    onEach(entry);
    yield entry;
  }
}

export async function renderSpreadsheet(
  context: DocumentContext,
  sources: ExportSources,
  format: Exclude<ExportFormat, 'PDF'>,
): Promise<RenderedPdf> {
  return format === 'CSV' ? renderCsv(context, sources) : renderXlsx(context, sources);
}

async function renderCsv(context: DocumentContext, sources: ExportSources): Promise<RenderedPdf> {
  const now = context.generatedAt;
  const rows: string[][] = [];
  const add = async <E>(columns: Column<E>[], entries: AsyncIterable<E>) => {
    for await (const entry of entries) rows.push(columns.map((c) => csvCell(c.value(entry, now))));
  };
  let columns: Column<never>[];
  switch (context.kind) {
    case 'TREATMENT_REGISTER':
      columns = TREATMENT_COLUMNS;
      await add(TREATMENT_COLUMNS, sources.treatments('ACTIVE'));
      await add(TREATMENT_COLUMNS, sources.treatments('ARCHIVED'));
      break;
    case 'VIOLATION_REGISTER':
      columns = VIOLATION_COLUMNS;
      await add(VIOLATION_COLUMNS, sources.violations());
      break;
    case 'RIGHTS_REQUEST_REGISTER':
      columns = RIGHTS_REQUEST_COLUMNS;
      await add(RIGHTS_REQUEST_COLUMNS, sources.rightsRequests());
      break;
    default:
      // the API refuses it first (several registers do not fit one table): a workbook holds them
      throw new Error(`No CSV form for ${context.kind}`);
  }
  const text = stringify([columns.map((c) => c.heading), ...rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
  });
  return { content: Buffer.from(text, 'utf8'), pageCount: 1 };
}

async function renderXlsx(context: DocumentContext, sources: ExportSources): Promise<RenderedPdf> {
  const workbook = new Workbook();
  workbook.creator = 'Registre RGPD';
  workbook.created = context.generatedAt;
  const now = context.generatedAt;
  // the dossier opens with its summary, filled once the parts are counted; a register starts
  // with its entries (the import reads the first sheet) and ends with its identification
  const summary = context.kind === 'CNIL_DOSSIER' ? addSheet(workbook, SHEET_NAMES.summary) : null;
  const counts = new Map<string, number>();
  const table = async <E>({ name, columns, entries }: Table<E>) => {
    const sheet = addSheet(workbook, name);
    sheet.columns = columns.map((c) => ({ header: c.heading, width: c.width ?? 18 }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    let count = 0;
    for await (const entry of entries) {
      count++;
      const row = sheet.addRow(columns.map((c) => xlsxCell(c.value(entry, now))));
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy hh:mm';
      });
      row.alignment = { vertical: 'top', wrapText: true };
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + count, column: columns.length } };
    counts.set(name, count);
  };

  const treatments = async () => {
    await table({
      name: SHEET_NAMES.activeTreatments,
      columns: TREATMENT_COLUMNS,
      entries: sources.treatments('ACTIVE'),
    });
    await table({
      name: SHEET_NAMES.archivedTreatments,
      columns: TREATMENT_COLUMNS,
      entries: sources.treatments('ARCHIVED'),
    });
  };
  const violations = () =>
    table({ name: SHEET_NAMES.violations, columns: VIOLATION_COLUMNS, entries: sources.violations() });
  const rightsRequests = () =>
    table({
      name: SHEET_NAMES.rightsRequests,
      columns: RIGHTS_REQUEST_COLUMNS,
      entries: sources.rightsRequests(),
    });

  let highRisk = 0;
  switch (context.kind) {
    case 'TREATMENT_REGISTER':
      await treatments();
      break;
    case 'VIOLATION_REGISTER':
      await violations();
      break;
    case 'RIGHTS_REQUEST_REGISTER':
      await rightsRequests();
      break;
    case 'CNIL_DOSSIER':
      await treatments();
      await violations();
      await rightsRequests();
      await table({
        name: SHEET_NAMES.declarations,
        columns: DECLARATION_COLUMNS,
        entries: counted(sources.openDeclarations(), (d) => {
          if (d.riskLevel === 'HIGH') highRisk++;
        }),
      });
      await table({ name: SHEET_NAMES.reviews, columns: REVIEW_COLUMNS, entries: sources.reviews() });
      break;
  }

  const identification = summary ?? addSheet(workbook, SHEET_NAMES.information);
  writeIdentification(identification, context);
  if (summary) {
    const count = (name: string) => counts.get(name) ?? 0;
    summary.addRow([]);
    summary.addRow(['Contenu du dossier', 'Nombre']).font = { bold: true };
    for (const name of Object.values(SHEET_NAMES)) {
      if (counts.has(name)) summary.addRow([`Feuille « ${name} »`, count(name)]);
    }
    summary.addRow(['Déclarations en cours à risque élevé', highRisk]);
  }

  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { content, pageCount: workbook.worksheets.length };
}

function addSheet(workbook: Workbook, name: string): Worksheet {
  return workbook.addWorksheet(name);
}

function writeIdentification(sheet: Worksheet, context: DocumentContext): void {
  const { academy, school } = context;
  sheet.columns = [
    { header: 'Rubrique', width: 45 },
    { header: 'Valeur', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  const rows: [string, CellValue][] = [
    ['Document', EXPORT_KIND_LABELS[context.kind]],
    ['Objet', DOCUMENT_SUBTITLES[context.kind]],
    ['Académie', `${academy.name} (code ${academy.code})`],
    ['Établissement', school.name],
    ['UAI', school.uai],
    ["Type d'établissement", label(SCHOOL_KIND_LABELS, school.kind)],
    ['Commune', school.city],
    ["Responsable du traitement (chef d'établissement)", controllerText(context)],
    ["Délégué à la protection des données (DPD) de l'académie", dpoText(context)],
    ['Date de génération', context.generatedAt],
    ['Généré par', `${context.generatedBy.displayName} (${context.generatedBy.role})`],
  ];
  if (context.auditHead !== undefined)
    rows.push(['Journal d’audit au moment de l’export', auditHeadText(context.auditHead)]);
  for (const [heading, value] of rows) {
    const row = sheet.addRow([heading, xlsxCell(value)]);
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy hh:mm';
    });
  }
}

/** A workbook cell: numbers stay numbers, dates become Paris dates, everything else is a string. */
function xlsxCell(value: CellValue): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (value instanceof Date) return parisWallClock(value);
  // strings only: exceljs writes a string as a shared string, never as a formula
  return printableCell(cellText(value));
}

/** Control characters are not allowed in XML 1.0: dropped, line breaks and tabs kept. */
function printableCell(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)
    ? // eslint-disable-next-line no-control-regex
      text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    : text;
}
