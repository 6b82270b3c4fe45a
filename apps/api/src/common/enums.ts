import { registerEnumType } from '@nestjs/graphql';
import { ExportFormat, ExportKind, Role } from '@app/core';
import {
  Answer,
  CatalogOpinion,
  DataCategory,
  Hosting,
  RiskFlag,
  RiskLevel,
} from '@app/rules/declaration-enums';
import { RightsRequestStatus } from '@app/rules/rights-request-deadline';

export { ExportFormat, ExportKind, Role, RightsRequestStatus };

// the declarations' enums are defined in the shared rules lib (the web app reads them too), registered here
export {
  Answer,
  CatalogOpinion,
  DataCategory,
  Hosting,
  RiskFlag,
  RiskLevel,
  SENSITIVE_DATA_CATEGORIES,
} from '@app/rules/declaration-enums';

/**
 * The contract's enumerations, registered with GraphQL: each is a const object and the union of its
 * values (entity columns, DTOs and models use the same type, no casts). The names and values are the
 * contract's; French labels for documents live in libs/pdf. Role and ExportKind, which the libraries
 * use too, are defined in libs/core (vocabulary.ts).
 */
export const SchoolKind = {
  ECOLE: 'ECOLE',
  COLLEGE: 'COLLEGE',
  LYCEE: 'LYCEE',
  LYCEE_PROFESSIONNEL: 'LYCEE_PROFESSIONNEL',
  EREA: 'EREA',
  OTHER: 'OTHER',
} as const;
export type SchoolKind = (typeof SchoolKind)[keyof typeof SchoolKind];

export const SubjectCategory = {
  STUDENTS: 'STUDENTS',
  PARENTS: 'PARENTS',
  STAFF: 'STAFF',
  OTHER: 'OTHER',
} as const;
export type SubjectCategory = (typeof SubjectCategory)[keyof typeof SubjectCategory];
export const DeclarationStatus = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  CHANGES_REQUESTED: 'CHANGES_REQUESTED',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type DeclarationStatus = (typeof DeclarationStatus)[keyof typeof DeclarationStatus];
export const DeclarationDecision = {
  APPROVE: 'APPROVE',
  REQUEST_CHANGES: 'REQUEST_CHANGES',
  REJECT: 'REJECT',
} as const;
export type DeclarationDecision = (typeof DeclarationDecision)[keyof typeof DeclarationDecision];
export const LegalBasis = {
  PUBLIC_INTEREST: 'PUBLIC_INTEREST',
  LEGAL_OBLIGATION: 'LEGAL_OBLIGATION',
  CONSENT: 'CONSENT',
  CONTRACT: 'CONTRACT',
  VITAL_INTERESTS: 'VITAL_INTERESTS',
  LEGITIMATE_INTERESTS: 'LEGITIMATE_INTERESTS',
} as const;
export type LegalBasis = (typeof LegalBasis)[keyof typeof LegalBasis];
export const TreatmentStatus = {
  ACTIVE: 'ACTIVE',
  ARCHIVED: 'ARCHIVED',
} as const;
export type TreatmentStatus = (typeof TreatmentStatus)[keyof typeof TreatmentStatus];
/** A row of an imported register (importTreatments). */
export const ImportRowStatus = {
  OK: 'OK',
  REJECTED: 'REJECTED',
} as const;
export type ImportRowStatus = (typeof ImportRowStatus)[keyof typeof ImportRowStatus];
export const ReviewState = {
  NOT_REVIEWED: 'NOT_REVIEWED',
  APPROVED: 'APPROVED',
  CHANGES_REQUESTED: 'CHANGES_REQUESTED',
} as const;
export type ReviewState = (typeof ReviewState)[keyof typeof ReviewState];
export const TransferSafeguard = {
  ADEQUACY_DECISION: 'ADEQUACY_DECISION',
  STANDARD_CONTRACTUAL_CLAUSES: 'STANDARD_CONTRACTUAL_CLAUSES',
  BINDING_CORPORATE_RULES: 'BINDING_CORPORATE_RULES',
  DEROGATION: 'DEROGATION',
  OTHER: 'OTHER',
} as const;
export type TransferSafeguard = (typeof TransferSafeguard)[keyof typeof TransferSafeguard];
export const BreachNature = {
  CONFIDENTIALITY: 'CONFIDENTIALITY',
  INTEGRITY: 'INTEGRITY',
  AVAILABILITY: 'AVAILABILITY',
} as const;
export type BreachNature = (typeof BreachNature)[keyof typeof BreachNature];
export const IncidentType = {
  PASSWORD_MISUSE: 'PASSWORD_MISUSE',
  EQUIPMENT_THEFT_OR_LOSS: 'EQUIPMENT_THEFT_OR_LOSS',
  INTRUSION: 'INTRUSION',
  RESOURCE_USURPATION: 'RESOURCE_USURPATION',
  SERVICE_DISRUPTION: 'SERVICE_DISRUPTION',
  DATA_DISCLOSURE: 'DATA_DISCLOSURE',
  POLICY_BREACH: 'POLICY_BREACH',
  ILLEGAL_DOWNLOAD: 'ILLEGAL_DOWNLOAD',
  MALWARE: 'MALWARE',
  OTHER: 'OTHER',
} as const;
export type IncidentType = (typeof IncidentType)[keyof typeof IncidentType];
export const BreachRisk = {
  UNLIKELY: 'UNLIKELY',
  RISK: 'RISK',
  HIGH_RISK: 'HIGH_RISK',
} as const;
export type BreachRisk = (typeof BreachRisk)[keyof typeof BreachRisk];
export const ViolationStatus = {
  OPEN: 'OPEN',
  CLOSED: 'CLOSED',
} as const;
export type ViolationStatus = (typeof ViolationStatus)[keyof typeof ViolationStatus];
export const ReviewTargetType = {
  TREATMENT: 'TREATMENT',
  TOOL_DECLARATION: 'TOOL_DECLARATION',
  VIOLATION: 'VIOLATION',
  RIGHTS_REQUEST: 'RIGHTS_REQUEST',
} as const;
export type ReviewTargetType = (typeof ReviewTargetType)[keyof typeof ReviewTargetType];
export const ReviewVerdict = {
  APPROVED: 'APPROVED',
  CHANGES_REQUESTED: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENT',
} as const;
export type ReviewVerdict = (typeof ReviewVerdict)[keyof typeof ReviewVerdict];
export const AuditAction = {
  CREATE: 'CREATE',
  UPDATE: 'UPDATE',
  TRANSITION: 'TRANSITION',
  REVIEW: 'REVIEW',
  EXPORT: 'EXPORT',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];
export const NotificationKind = {
  BREACH_RECORDED: 'BREACH_RECORDED',
  CNIL_DEADLINE_REMINDER: 'CNIL_DEADLINE_REMINDER',
  CNIL_DEADLINE_PASSED: 'CNIL_DEADLINE_PASSED',
  DECLARATION_SUBMITTED: 'DECLARATION_SUBMITTED',
  DECLARATION_DECIDED: 'DECLARATION_DECIDED',
  REVIEW_RECORDED: 'REVIEW_RECORDED',
  CATALOG_OPINION_CHANGED: 'CATALOG_OPINION_CHANGED',
  RIGHTS_REQUEST_DUE_SOON: 'RIGHTS_REQUEST_DUE_SOON',
  RIGHTS_REQUEST_OVERDUE: 'RIGHTS_REQUEST_OVERDUE',
  WEEKLY_DIGEST: 'WEEKLY_DIGEST',
  INVITATION: 'INVITATION',
  PASSWORD_RESET: 'PASSWORD_RESET',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
export const DeliveryStatus = {
  QUEUED: 'QUEUED',
  SENT: 'SENT',
  FAILED: 'FAILED',
  NOT_SENT: 'NOT_SENT',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];
export const RightType = {
  ACCESS: 'ACCESS',
  RECTIFICATION: 'RECTIFICATION',
  ERASURE: 'ERASURE',
  RESTRICTION: 'RESTRICTION',
  OBJECTION: 'OBJECTION',
  PORTABILITY: 'PORTABILITY',
  WITHDRAW_CONSENT: 'WITHDRAW_CONSENT',
  OTHER: 'OTHER',
} as const;
export type RightType = (typeof RightType)[keyof typeof RightType];
export const RequesterRelation = {
  SELF: 'SELF',
  LEGAL_GUARDIAN: 'LEGAL_GUARDIAN',
  REPRESENTATIVE: 'REPRESENTATIVE',
  OTHER: 'OTHER',
} as const;
export type RequesterRelation = (typeof RequesterRelation)[keyof typeof RequesterRelation];
export const RightsRequestChannel = {
  EMAIL: 'EMAIL',
  LETTER: 'LETTER',
  IN_PERSON: 'IN_PERSON',
  ENT: 'ENT',
  OTHER: 'OTHER',
} as const;
export type RightsRequestChannel = (typeof RightsRequestChannel)[keyof typeof RightsRequestChannel];
export const RightsRequestTransition = {
  AWAIT_REQUESTER: 'AWAIT_REQUESTER',
  START: 'START',
  ANSWER: 'ANSWER',
  REFUSE: 'REFUSE',
  EXTEND: 'EXTEND',
} as const;
export type RightsRequestTransition = (typeof RightsRequestTransition)[keyof typeof RightsRequestTransition];

const DATA_CATEGORY_DESCRIPTIONS: Partial<Record<DataCategory, string>> = {
  IDENTITY: 'nom, prénom, date de naissance, INE',
  CONTACT: 'adresse, courriel, téléphone',
  SCHOOLING: 'classe, emploi du temps, vie scolaire, absences',
  ASSESSMENT: 'notes, compétences, appréciations, productions',
  IMAGE_VOICE: 'photos, vidéos, enregistrements de voix',
  CONNECTION_DATA: 'identifiants, traces de connexion, adresse IP',
  FINANCIAL: 'bourses, paiements, situation sociale',
  HEALTH: 'sensitive (art. 9): santé, handicap, PAI',
  OTHER_SENSITIVE: 'sensitive (art. 9): origine, religion, opinions, biométrie, etc.',
};

registerEnumType(Role, { name: 'Role' });
registerEnumType(SchoolKind, { name: 'SchoolKind' });
registerEnumType(DataCategory, {
  name: 'DataCategory',
  valuesMap: Object.fromEntries(
    Object.entries(DATA_CATEGORY_DESCRIPTIONS).map(([key, description]) => [key, { description }]),
  ),
});
registerEnumType(SubjectCategory, { name: 'SubjectCategory' });
registerEnumType(Answer, { name: 'Answer' });
registerEnumType(Hosting, { name: 'Hosting' });
registerEnumType(DeclarationStatus, { name: 'DeclarationStatus' });
registerEnumType(RiskFlag, {
  name: 'RiskFlag',
  description:
    "A concern raised by the 'Bien choisir ses outils' and 'Protéger les données des élèves' rules.",
});
registerEnumType(RiskLevel, { name: 'RiskLevel' });
registerEnumType(CatalogOpinion, {
  name: 'CatalogOpinion',
  valuesMap: {
    PENDING: { description: 'not reviewed yet' },
    RECOMMENDED: { description: 'institutional or reviewed: use it' },
    ALLOWED_WITH_CONDITIONS: { description: 'allowed when the conditions are met' },
    DISCOURAGED: { description: 'prefer an alternative' },
    FORBIDDEN: { description: "not to be used in the académie's schools" },
  },
});
registerEnumType(DeclarationDecision, { name: 'DeclarationDecision' });
registerEnumType(LegalBasis, { name: 'LegalBasis' });
registerEnumType(TreatmentStatus, { name: 'TreatmentStatus' });
registerEnumType(ImportRowStatus, {
  name: 'ImportRowStatus',
  valuesMap: {
    OK: { description: 'the row is valid (dry run) or was created' },
  },
});
registerEnumType(ReviewState, { name: 'ReviewState' });
registerEnumType(TransferSafeguard, { name: 'TransferSafeguard' });
registerEnumType(BreachNature, { name: 'BreachNature' });
registerEnumType(IncidentType, { name: 'IncidentType' });
registerEnumType(BreachRisk, {
  name: 'BreachRisk',
  description:
    'UNLIKELY: no notification; RISK: notify the CNIL within 72 h; HIGH_RISK: also inform the people concerned',
});
registerEnumType(ViolationStatus, { name: 'ViolationStatus' });
registerEnumType(ReviewTargetType, { name: 'ReviewTargetType' });
registerEnumType(ReviewVerdict, { name: 'ReviewVerdict' });
registerEnumType(AuditAction, { name: 'AuditAction' });
registerEnumType(NotificationKind, { name: 'NotificationKind' });
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  valuesMap: {
    QUEUED: { description: 'waiting for the mail worker (or for the SMTP server to come back)' },
    FAILED: { description: 'gave up after the last retry; lastError says why' },
    NOT_SENT: { description: 'no SMTP server is configured: kept in the application only' },
  },
});
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  valuesMap: {
    XLSX: { description: 'Office Open XML workbook, one sheet per register (LibreOffice and Excel open it)' },
    CSV: {
      description: 'UTF-8 with BOM, semicolon-separated (what French Excel expects), one register per file',
    },
  },
});
registerEnumType(ExportKind, {
  name: 'ExportKind',
  valuesMap: {
    CNIL_DOSSIER: {
      description: "both registers, the open declarations and the DPD's reviews, in one document",
    },
    RIGHTS_REQUEST_REGISTER: { description: 'the register of rights requests' },
  },
});
registerEnumType(RightType, { name: 'RightType' });
registerEnumType(RequesterRelation, {
  name: 'RequesterRelation',
  valuesMap: {
    SELF: { description: 'the data subject itself' },
    LEGAL_GUARDIAN: { description: 'a parent or legal guardian (représentant légal) of a minor pupil' },
    REPRESENTATIVE: { description: 'a lawyer or other mandated person' },
  },
});
registerEnumType(RightsRequestStatus, {
  name: 'RightsRequestStatus',
  valuesMap: {
    AWAITING_REQUESTER: {
      description: 'the clock is paused until the requester proves its identity or clarifies the request',
    },
  },
});
registerEnumType(RightsRequestChannel, { name: 'RightsRequestChannel' });
registerEnumType(RightsRequestTransition, {
  name: 'RightsRequestTransition',
  valuesMap: {
    AWAIT_REQUESTER: { description: 'RECEIVED or IN_PROGRESS → AWAITING_REQUESTER (pauses the clock)' },
    START: { description: 'RECEIVED or AWAITING_REQUESTER → IN_PROGRESS (resumes the clock)' },
    ANSWER: { description: '→ ANSWERED: needs answerSummary' },
    REFUSE: {
      description: '→ REFUSED: needs refusalReason (manifestly unfounded or excessive, identity not proven…)',
    },
    EXTEND: { description: 'adds two months to dueAt, once: needs extensionReason and extensionNotifiedAt' },
  },
});
