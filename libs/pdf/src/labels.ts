import type { ExportKind, Role } from '@app/core/vocabulary';
import type { CnilDeadlineStatus } from '@app/rules/cnil-deadline';
/**
 * French labels for every value of the contract's enumerations, as the documents print them.
 * Each table is exhaustive over its enumeration (a unit test compares them with the GraphQL enums).
 */
export const SCHOOL_KIND_LABELS = {
  ECOLE: 'École',
  COLLEGE: 'Collège',
  LYCEE: 'Lycée',
  LYCEE_PROFESSIONNEL: 'Lycée professionnel',
  EREA: "Établissement régional d'enseignement adapté (EREA)",
  OTHER: 'Autre établissement',
} as const;

export const DATA_CATEGORY_LABELS = {
  IDENTITY: 'Identité (nom, prénom, date de naissance, INE)',
  CONTACT: 'Coordonnées (adresse, courriel, téléphone)',
  SCHOOLING: 'Scolarité (classe, emploi du temps, vie scolaire, absences)',
  ASSESSMENT: 'Évaluation (notes, compétences, appréciations, productions)',
  IMAGE_VOICE: 'Image et voix (photos, vidéos, enregistrements de voix)',
  CONNECTION_DATA: 'Données de connexion (identifiants, traces de connexion, adresse IP)',
  LOCATION: 'Données de localisation',
  FINANCIAL: 'Situation économique et sociale (bourses, paiements, situation sociale)',
  HEALTH: 'Santé, donnée sensible (art. 9 : santé, handicap, PAI)',
  OTHER_SENSITIVE: 'Autre donnée sensible (art. 9 : origine, religion, opinions, biométrie, etc.)',
  OTHER: 'Autres données',
} as const;

export const SUBJECT_CATEGORY_LABELS = {
  STUDENTS: 'Élèves',
  PARENTS: 'Parents et responsables légaux',
  STAFF: 'Personnels',
  OTHER: 'Autres personnes',
} as const;

export const ANSWER_LABELS = {
  YES: 'Oui',
  NO: 'Non',
  UNKNOWN: 'Ne sait pas',
} as const;

export const HOSTING_LABELS = {
  EU: 'Union européenne',
  NON_EU: 'Hors Union européenne',
  UNKNOWN: 'Lieu inconnu',
} as const;

export const DECLARATION_STATUS_LABELS = {
  DRAFT: 'Brouillon',
  SUBMITTED: 'Soumise, en attente de décision',
  CHANGES_REQUESTED: 'Modifications demandées',
  APPROVED: 'Approuvée',
  REJECTED: 'Refusée',
  WITHDRAWN: 'Retirée',
} as const;

export const RISK_FLAG_LABELS = {
  NON_EU_HOSTING: 'Hébergement hors Union européenne',
  UNKNOWN_HOSTING: "Lieu d'hébergement inconnu",
  COMMERCIAL_REUSE: 'Réutilisation commerciale des données possible',
  SENSITIVE_DATA: 'Données sensibles (art. 9)',
  IDENTITY_WITHOUT_PSEUDONYMS: 'Identité des élèves collectée sans pseudonymes',
  FAMILIES_NOT_INFORMED: 'Familles non informées',
  NO_RETENTION_LIMIT: 'Aucune durée de conservation définie',
  NEITHER_FREE_NOR_INSTITUTIONAL: 'Outil ni libre ni institutionnel',
  CATALOG_DISCOURAGED: 'Outil déconseillé par le catalogue de l’académie',
  CATALOG_FORBIDDEN: 'Outil interdit par le catalogue de l’académie',
} as const;

export const RISK_LEVEL_LABELS = {
  LOW: 'Faible',
  MEDIUM: 'Moyen',
  HIGH: 'Élevé',
} as const;

/** the DPD's opinion of a tool in the académie's catalogue */
export const CATALOG_OPINION_LABELS = {
  PENDING: 'En attente d’avis',
  RECOMMENDED: 'Recommandé',
  ALLOWED_WITH_CONDITIONS: 'Autorisé sous conditions',
  DISCOURAGED: 'Déconseillé',
  FORBIDDEN: 'Interdit',
} as const;

export const DECLARATION_DECISION_LABELS = {
  APPROVE: 'Approuver',
  REQUEST_CHANGES: 'Demander des modifications',
  REJECT: 'Refuser',
} as const;

export const LEGAL_BASIS_LABELS = {
  PUBLIC_INTEREST: "Mission d'intérêt public (art. 6.1.e du RGPD)",
  LEGAL_OBLIGATION: 'Obligation légale (art. 6.1.c du RGPD)',
  CONSENT: 'Consentement (art. 6.1.a du RGPD)',
  CONTRACT: "Exécution d'un contrat (art. 6.1.b du RGPD)",
  VITAL_INTERESTS: 'Sauvegarde des intérêts vitaux (art. 6.1.d du RGPD)',
  LEGITIMATE_INTERESTS: 'Intérêts légitimes (art. 6.1.f du RGPD)',
} as const;

export const TREATMENT_STATUS_LABELS = {
  ACTIVE: 'Actif',
  ARCHIVED: 'Archivé',
} as const;

export const REVIEW_STATE_LABELS = {
  NOT_REVIEWED: 'Non revu par le DPD',
  APPROVED: 'Validé par le DPD',
  CHANGES_REQUESTED: 'Modifications demandées par le DPD',
} as const;

export const TRANSFER_SAFEGUARD_LABELS = {
  ADEQUACY_DECISION: "Décision d'adéquation de la Commission européenne",
  STANDARD_CONTRACTUAL_CLAUSES: 'Clauses contractuelles types',
  BINDING_CORPORATE_RULES: "Règles d'entreprise contraignantes",
  DEROGATION: 'Dérogation pour une situation particulière (art. 49 du RGPD)',
  OTHER: 'Autre garantie',
} as const;

export const BREACH_NATURE_LABELS = {
  CONFIDENTIALITY: 'Perte de confidentialité',
  INTEGRITY: "Perte d'intégrité",
  AVAILABILITY: 'Perte de disponibilité',
} as const;

export const INCIDENT_TYPE_LABELS = {
  PASSWORD_MISUSE: 'Mot de passe divulgué ou utilisé par un tiers',
  EQUIPMENT_THEFT_OR_LOSS: 'Vol ou perte de matériel',
  INTRUSION: 'Intrusion dans un système',
  RESOURCE_USURPATION: 'Usurpation de ressources',
  SERVICE_DISRUPTION: 'Interruption de service',
  DATA_DISCLOSURE: 'Divulgation de données',
  POLICY_BREACH: 'Manquement à la charte ou aux règles de sécurité',
  ILLEGAL_DOWNLOAD: 'Téléchargement illégal',
  MALWARE: 'Logiciel malveillant',
  OTHER: 'Autre incident',
} as const;

export const BREACH_RISK_LABELS = {
  UNLIKELY: 'Risque improbable (pas de notification à la CNIL)',
  RISK: 'Risque (notification à la CNIL sous 72 heures)',
  HIGH_RISK: 'Risque élevé (notification à la CNIL et information des personnes concernées)',
} as const;

export const VIOLATION_STATUS_LABELS = {
  OPEN: 'Ouverte',
  CLOSED: 'Clôturée',
} as const;

export const REVIEW_TARGET_TYPE_LABELS = {
  TREATMENT: 'Traitement',
  TOOL_DECLARATION: "Déclaration d'outil",
  VIOLATION: 'Violation',
  RIGHTS_REQUEST: "Demande d'exercice des droits",
} as const;

export const REVIEW_VERDICT_LABELS = {
  APPROVED: 'Validé',
  CHANGES_REQUESTED: 'Modifications demandées',
  COMMENT: 'Commentaire',
} as const;

export const ROLE_LABELS = {
  TEACHER: 'Enseignant',
  HEAD: "Chef d'établissement",
  DPD: 'Délégué à la protection des données (DPD)',
  ADMIN: 'Administrateur',
} as const satisfies Record<Role, string>;

export const AUDIT_ACTION_LABELS = {
  CREATE: 'Création',
  UPDATE: 'Modification',
  TRANSITION: "Changement d'état",
  REVIEW: 'Avis',
  EXPORT: 'Export',
} as const;

export const EXPORT_KIND_LABELS = {
  TREATMENT_REGISTER: 'Registre des activités de traitement',
  VIOLATION_REGISTER: 'Registre des violations de données personnelles',
  CNIL_DOSSIER: 'Dossier de conformité pour la CNIL',
  RIGHTS_REQUEST_REGISTER: "Registre des demandes d'exercice des droits",
} as const satisfies Record<ExportKind, string>;

export const RIGHT_TYPE_LABELS = {
  ACCESS: "Droit d'accès (art. 15)",
  RECTIFICATION: 'Droit de rectification (art. 16)',
  ERASURE: "Droit à l'effacement (art. 17)",
  RESTRICTION: 'Droit à la limitation du traitement (art. 18)',
  OBJECTION: "Droit d'opposition (art. 21)",
  PORTABILITY: 'Droit à la portabilité (art. 20)',
  WITHDRAW_CONSENT: 'Retrait du consentement (art. 7.3)',
  OTHER: 'Autre demande',
} as const;

export const REQUESTER_RELATION_LABELS = {
  SELF: 'La personne concernée elle-même',
  LEGAL_GUARDIAN: "Parent ou représentant légal d'un élève mineur",
  REPRESENTATIVE: 'Avocat ou autre mandataire',
  OTHER: 'Autre lien',
} as const;

export const RIGHTS_REQUEST_STATUS_LABELS = {
  RECEIVED: 'Reçue',
  AWAITING_REQUESTER: 'En attente du demandeur (délai suspendu)',
  IN_PROGRESS: 'En cours de traitement',
  ANSWERED: 'Répondue',
  REFUSED: 'Refusée',
} as const;

export const RIGHTS_REQUEST_CHANNEL_LABELS = {
  EMAIL: 'Courriel',
  LETTER: 'Courrier',
  IN_PERSON: 'En personne',
  ENT: "Messagerie de l'ENT",
  OTHER: 'Autre canal',
} as const;

/** Whether the 72-hour deadline to notify the CNIL was met (computed in deadline.ts). */
export const DEADLINE_STATUS_LABELS = {
  NOTIFIED_IN_TIME: 'Notifiée à la CNIL dans le délai de 72 heures',
  NOTIFIED_LATE: 'Notifiée à la CNIL en retard, après le délai de 72 heures',
  NOT_NOTIFIED_OVERDUE: 'Non notifiée à la CNIL : délai de 72 heures dépassé',
  NOT_NOTIFIED_PENDING: 'Non notifiée à la CNIL : délai de 72 heures en cours',
  NOT_REQUIRED: 'Notification à la CNIL non requise (risque improbable)',
} as const satisfies Record<CnilDeadlineStatus, string>;

export type ExportKindValue = ExportKind;
export type DeadlineStatus = CnilDeadlineStatus;

/** Every table above, by the GraphQL name of its enumeration. */
export const ENUM_LABELS: Record<string, Record<string, string>> = {
  SchoolKind: SCHOOL_KIND_LABELS,
  DataCategory: DATA_CATEGORY_LABELS,
  SubjectCategory: SUBJECT_CATEGORY_LABELS,
  Answer: ANSWER_LABELS,
  Hosting: HOSTING_LABELS,
  DeclarationStatus: DECLARATION_STATUS_LABELS,
  RiskFlag: RISK_FLAG_LABELS,
  RiskLevel: RISK_LEVEL_LABELS,
  DeclarationDecision: DECLARATION_DECISION_LABELS,
  LegalBasis: LEGAL_BASIS_LABELS,
  TreatmentStatus: TREATMENT_STATUS_LABELS,
  ReviewState: REVIEW_STATE_LABELS,
  TransferSafeguard: TRANSFER_SAFEGUARD_LABELS,
  BreachNature: BREACH_NATURE_LABELS,
  IncidentType: INCIDENT_TYPE_LABELS,
  BreachRisk: BREACH_RISK_LABELS,
  ViolationStatus: VIOLATION_STATUS_LABELS,
  ReviewTargetType: REVIEW_TARGET_TYPE_LABELS,
  ReviewVerdict: REVIEW_VERDICT_LABELS,
  Role: ROLE_LABELS,
  AuditAction: AUDIT_ACTION_LABELS,
  ExportKind: EXPORT_KIND_LABELS,
  RightType: RIGHT_TYPE_LABELS,
  RequesterRelation: REQUESTER_RELATION_LABELS,
  RightsRequestStatus: RIGHTS_REQUEST_STATUS_LABELS,
  RightsRequestChannel: RIGHTS_REQUEST_CHANNEL_LABELS,
};

/**
 * The French label of a stored value. A value missing from the table (a newer enumeration value
 * than this library knows) prints as itself rather than disappearing from the evidence.
 */
export function label(table: Readonly<Record<string, string>>, value: string): string {
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : value;
}

export function labels(table: Readonly<Record<string, string>>, values: readonly string[]): string[] {
  return values.map((value) => label(table, value));
}
