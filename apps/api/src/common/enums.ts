import { registerEnumType } from '@nestjs/graphql';
import {
  Answer,
  DataCategory,
  Hosting,
  RiskFlag,
  RiskLevel,
} from '../../../../libs/rules/src/declaration-enums';

// defined in the shared rules lib (the web app reads them too), registered here
export {
  Answer,
  DataCategory,
  Hosting,
  RiskFlag,
  RiskLevel,
  SENSITIVE_DATA_CATEGORIES,
} from '../../../../libs/rules/src/declaration-enums';

/**
 * The contract's enumerations, as TypeScript enums registered with GraphQL. The names and values
 * are the contract's; French labels for documents live in libs/pdf.
 */
export enum Role {
  TEACHER = 'TEACHER',
  HEAD = 'HEAD',
  DPD = 'DPD',
  ADMIN = 'ADMIN',
}
export enum SchoolKind {
  ECOLE = 'ECOLE',
  COLLEGE = 'COLLEGE',
  LYCEE = 'LYCEE',
  LYCEE_PROFESSIONNEL = 'LYCEE_PROFESSIONNEL',
  EREA = 'EREA',
  OTHER = 'OTHER',
}
export enum SubjectCategory {
  STUDENTS = 'STUDENTS',
  PARENTS = 'PARENTS',
  STAFF = 'STAFF',
  OTHER = 'OTHER',
}
export enum DeclarationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
export enum DeclarationDecision {
  APPROVE = 'APPROVE',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
  REJECT = 'REJECT',
}
export enum LegalBasis {
  PUBLIC_INTEREST = 'PUBLIC_INTEREST',
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
  CONSENT = 'CONSENT',
  CONTRACT = 'CONTRACT',
  VITAL_INTERESTS = 'VITAL_INTERESTS',
  LEGITIMATE_INTERESTS = 'LEGITIMATE_INTERESTS',
}
export enum TreatmentStatus {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}
export enum ReviewState {
  NOT_REVIEWED = 'NOT_REVIEWED',
  APPROVED = 'APPROVED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
}
export enum TransferSafeguard {
  ADEQUACY_DECISION = 'ADEQUACY_DECISION',
  STANDARD_CONTRACTUAL_CLAUSES = 'STANDARD_CONTRACTUAL_CLAUSES',
  BINDING_CORPORATE_RULES = 'BINDING_CORPORATE_RULES',
  DEROGATION = 'DEROGATION',
  OTHER = 'OTHER',
}
export enum BreachNature {
  CONFIDENTIALITY = 'CONFIDENTIALITY',
  INTEGRITY = 'INTEGRITY',
  AVAILABILITY = 'AVAILABILITY',
}
export enum IncidentType {
  PASSWORD_MISUSE = 'PASSWORD_MISUSE',
  EQUIPMENT_THEFT_OR_LOSS = 'EQUIPMENT_THEFT_OR_LOSS',
  INTRUSION = 'INTRUSION',
  RESOURCE_USURPATION = 'RESOURCE_USURPATION',
  SERVICE_DISRUPTION = 'SERVICE_DISRUPTION',
  DATA_DISCLOSURE = 'DATA_DISCLOSURE',
  POLICY_BREACH = 'POLICY_BREACH',
  ILLEGAL_DOWNLOAD = 'ILLEGAL_DOWNLOAD',
  MALWARE = 'MALWARE',
  OTHER = 'OTHER',
}
export enum BreachRisk {
  UNLIKELY = 'UNLIKELY',
  RISK = 'RISK',
  HIGH_RISK = 'HIGH_RISK',
}
export enum ViolationStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
export enum ReviewTargetType {
  TREATMENT = 'TREATMENT',
  TOOL_DECLARATION = 'TOOL_DECLARATION',
  VIOLATION = 'VIOLATION',
}
export enum ReviewVerdict {
  APPROVED = 'APPROVED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  COMMENT = 'COMMENT',
}
export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  TRANSITION = 'TRANSITION',
  REVIEW = 'REVIEW',
  EXPORT = 'EXPORT',
}
export enum ExportKind {
  TREATMENT_REGISTER = 'TREATMENT_REGISTER',
  VIOLATION_REGISTER = 'VIOLATION_REGISTER',
  CNIL_DOSSIER = 'CNIL_DOSSIER',
}

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
registerEnumType(DeclarationDecision, { name: 'DeclarationDecision' });
registerEnumType(LegalBasis, { name: 'LegalBasis' });
registerEnumType(TreatmentStatus, { name: 'TreatmentStatus' });
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
registerEnumType(ExportKind, {
  name: 'ExportKind',
  valuesMap: {
    CNIL_DOSSIER: {
      description: "both registers, the open declarations and the DPD's reviews, in one document",
    },
  },
});
