import {
  ANSWER_LABELS,
  DECLARATION_STATUS_LABELS,
  HOSTING_LABELS,
  REQUESTER_RELATION_LABELS,
  RIGHT_TYPE_LABELS,
  RIGHTS_REQUEST_CHANNEL_LABELS,
  RIGHTS_REQUEST_STATUS_LABELS,
  RISK_FLAG_LABELS,
  RISK_LEVEL_LABELS,
  BREACH_NATURE_LABELS,
  BREACH_RISK_LABELS,
  DATA_CATEGORY_LABELS,
  INCIDENT_TYPE_LABELS,
  LEGAL_BASIS_LABELS,
  REVIEW_STATE_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRANSFER_SAFEGUARD_LABELS,
  TREATMENT_STATUS_LABELS,
  VIOLATION_STATUS_LABELS,
  label,
} from '@app/pdf/labels';
import { formatDateTime } from './format';

/** How one audited field reads in French: its name, and the labels of its values when an enumeration. */
interface FieldReading {
  label: string;
  values?: Readonly<Record<string, string>>;
  kind?: 'date' | 'transfers' | 'months' | 'count';
}

const TREATMENT_FIELDS: Record<string, FieldReading> = {
  reference: { label: 'Référence' },
  name: { label: 'Nom du traitement' },
  purposes: { label: 'Finalités' },
  legalBasis: { label: 'Base légale', values: LEGAL_BASIS_LABELS },
  subjectCategories: { label: 'Personnes concernées', values: SUBJECT_CATEGORY_LABELS },
  dataCategories: { label: 'Catégories de données', values: DATA_CATEGORY_LABELS },
  recipients: { label: 'Destinataires' },
  processors: { label: 'Sous-traitants' },
  transfers: { label: 'Transferts hors Union européenne', kind: 'transfers' },
  retention: { label: 'Durée de conservation' },
  retentionMonths: { label: 'Durée de conservation en mois', kind: 'months' },
  securityMeasures: { label: 'Mesures de sécurité' },
  sensitiveData: { label: 'Données sensibles' },
  dpiaRequired: { label: 'Analyse d’impact (AIPD) requise' },
  status: { label: 'Statut', values: TREATMENT_STATUS_LABELS },
  archivedReason: { label: 'Motif d’archivage' },
  reviewState: { label: 'Revue du DPD', values: REVIEW_STATE_LABELS },
};

const VIOLATION_FIELDS: Record<string, FieldReading> = {
  reference: { label: 'Référence' },
  title: { label: 'Intitulé' },
  description: { label: 'Description' },
  incidentType: { label: 'Type d’incident', values: INCIDENT_TYPE_LABELS },
  natures: { label: 'Nature de la violation', values: BREACH_NATURE_LABELS },
  occurredAt: { label: 'Survenue le', kind: 'date' },
  discoveredAt: { label: 'Découverte le', kind: 'date' },
  dataCategories: { label: 'Catégories de données', values: DATA_CATEGORY_LABELS },
  subjectCategories: { label: 'Personnes concernées', values: SUBJECT_CATEGORY_LABELS },
  approxSubjectCount: { label: 'Nombre approximatif de personnes', kind: 'count' },
  approxRecordCount: { label: 'Nombre approximatif d’enregistrements', kind: 'count' },
  consequences: { label: 'Conséquences' },
  measuresTaken: { label: 'Mesures prises' },
  risk: { label: 'Risque pour les personnes', values: BREACH_RISK_LABELS },
  cnilNotificationRequired: { label: 'Notification à la CNIL requise' },
  cnilDeadline: { label: 'Échéance CNIL', kind: 'date' },
  cnilNotifiedAt: { label: 'Notifiée à la CNIL le', kind: 'date' },
  cnilReference: { label: 'Référence de la notification CNIL' },
  lateNotificationReason: { label: 'Raison du retard de notification' },
  subjectsInformedAt: { label: 'Personnes concernées informées le', kind: 'date' },
  noNotificationJustification: { label: 'Justification de l’absence de notification' },
  rssiInformedAt: { label: 'RSSI informé le', kind: 'date' },
  hierarchyInformedAt: { label: 'Hiérarchie informée le', kind: 'date' },
  status: { label: 'Statut', values: VIOLATION_STATUS_LABELS },
  closedAt: { label: 'Clôturée le', kind: 'date' },
  treatmentIds: { label: 'Traitements concernés' },
};

const DECLARATION_FIELDS: Record<string, FieldReading> = {
  status: { label: 'État', values: DECLARATION_STATUS_LABELS },
  toolName: { label: 'Outil' },
  vendor: { label: 'Éditeur' },
  url: { label: 'Adresse' },
  purpose: { label: 'Finalité' },
  classes: { label: 'Classes' },
  approxStudentCount: { label: 'Nombre approximatif d’élèves', kind: 'count' },
  dataCategories: { label: 'Données traitées', values: DATA_CATEGORY_LABELS },
  pseudonymsUsed: { label: 'Pseudonymes utilisés' },
  hosting: { label: 'Hébergement', values: HOSTING_LABELS },
  hostingCountry: { label: 'Pays d’hébergement' },
  freeSoftware: { label: 'Logiciel libre', values: ANSWER_LABELS },
  institutional: { label: 'Outil institutionnel' },
  commercialReuse: { label: 'Réutilisation commerciale', values: ANSWER_LABELS },
  familiesInformed: { label: 'Familles informées' },
  retentionMonths: { label: 'Conservation', kind: 'months' },
  securityMeasures: { label: 'Mesures de sécurité' },
  riskFlags: { label: 'Points d’attention', values: RISK_FLAG_LABELS },
  riskLevel: { label: 'Risque', values: RISK_LEVEL_LABELS },
  decisionComment: { label: 'Commentaire de la décision' },
  submittedAt: { label: 'Soumise le', kind: 'date' },
  decidedAt: { label: 'Décidée le', kind: 'date' },
  treatmentId: { label: 'Traitement du registre' },
};

const RIGHTS_REQUEST_FIELDS: Record<string, FieldReading> = {
  reference: { label: 'Référence' },
  rightTypes: { label: 'Droits exercés', values: RIGHT_TYPE_LABELS },
  channel: { label: 'Canal de réception', values: RIGHTS_REQUEST_CHANNEL_LABELS },
  receivedAt: { label: 'Reçue le', kind: 'date' },
  requesterName: { label: 'Demandeur' },
  requesterRelation: { label: 'Lien avec la personne concernée', values: REQUESTER_RELATION_LABELS },
  subjectName: { label: 'Personne concernée' },
  subjectCategory: { label: 'Catégorie de la personne concernée', values: SUBJECT_CATEGORY_LABELS },
  description: { label: 'Objet de la demande' },
  status: { label: 'État', values: RIGHTS_REQUEST_STATUS_LABELS },
  dueAt: { label: 'Échéance', kind: 'date' },
  extended: { label: 'Délai prolongé' },
  extensionReason: { label: 'Motif de la prolongation' },
  extensionNotifiedAt: { label: 'Demandeur informé de la prolongation le', kind: 'date' },
  pausedDays: { label: 'Jours de suspension', kind: 'count' },
  awaitingSince: { label: 'En attente du demandeur depuis le', kind: 'date' },
  answeredAt: { label: 'Répondue le', kind: 'date' },
  answerSummary: { label: 'Réponse apportée' },
  refusalReason: { label: 'Motif du refus' },
  treatmentIds: { label: 'Traitements concernés' },
  transition: {
    label: 'Action',
    values: {
      START: 'Commencer le traitement',
      AWAIT_REQUESTER: 'Attendre le demandeur',
      EXTEND: 'Prolonger de deux mois',
      ANSWER: 'Répondre',
      REFUSE: 'Refuser la demande',
    },
  },
};

/** The audited fields of each entity type, as the audit trail names them (`entityType`). */
export const AUDITED_FIELDS: Record<string, Record<string, FieldReading>> = {
  Treatment: TREATMENT_FIELDS,
  Violation: VIOLATION_FIELDS,
  ToolDeclaration: DECLARATION_FIELDS,
  RightsRequest: RIGHTS_REQUEST_FIELDS,
};

// ids of internal links (school, author): not shown in the history
const HIDDEN = new Set([
  'schoolId',
  'academyId',
  'reportedById',
  'createdById',
  'number',
  'declaredById',
  'decidedById',
  'recordedById',
]);

const EMPTY = '—';

/** One value of the trail, in French. */
export function formatValue(reading: FieldReading | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    if (reading?.kind === 'transfers') {
      return value
        .map((t: { country?: string; recipient?: string; safeguard?: string }) =>
          [
            t.recipient,
            t.country ? `(${t.country})` : '',
            t.safeguard ? `— ${label(TRANSFER_SAFEGUARD_LABELS, t.safeguard)}` : '',
          ]
            .filter(Boolean)
            .join(' '),
        )
        .join(' ; ');
    }
    return value.map((item) => formatValue(reading && { ...reading, kind: undefined }, item)).join(' ; ');
  }
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return reading?.kind === 'months' ? `${value} mois` : String(value);
  if (typeof value === 'string') {
    if (reading?.values) return label(reading.values, value);
    if (reading?.kind === 'date' && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    return value;
  }
  return JSON.stringify(value);
}

export interface HistoryChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/**
 * The readable lines of one audit event's `changes` ({ field: [before, after] }): the field's French
 * name, before → after. Unknown fields keep their name rather than disappearing from the evidence.
 */
export function readChanges(entityType: string, changes: string): HistoryChange[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(changes);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  const fields = AUDITED_FIELDS[entityType] ?? {};
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([field]) => !HIDDEN.has(field))
    .map(([field, pair]) => {
      const [before, after] = Array.isArray(pair) && pair.length === 2 ? pair : [null, pair];
      const reading = fields[field];
      return {
        field,
        label: reading?.label ?? field,
        before: formatValue(reading, before),
        after: formatValue(reading, after),
      };
    });
}
