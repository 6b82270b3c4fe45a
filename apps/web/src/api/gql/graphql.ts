/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Answer =
  | 'NO'
  | 'UNKNOWN'
  | 'YES';

export type BreachNature =
  | 'AVAILABILITY'
  | 'CONFIDENTIALITY'
  | 'INTEGRITY';

/** UNLIKELY: no notification; RISK: notify the CNIL within 72 h; HIGH_RISK: also inform the people concerned */
export type BreachRisk =
  | 'HIGH_RISK'
  | 'RISK'
  | 'UNLIKELY';

export type DataCategory =
  /** notes, compétences, appréciations, productions */
  | 'ASSESSMENT'
  /** identifiants, traces de connexion, adresse IP */
  | 'CONNECTION_DATA'
  /** adresse, courriel, téléphone */
  | 'CONTACT'
  /** bourses, paiements, situation sociale */
  | 'FINANCIAL'
  /** sensitive (art. 9): santé, handicap, PAI */
  | 'HEALTH'
  /** nom, prénom, date de naissance, INE */
  | 'IDENTITY'
  /** photos, vidéos, enregistrements de voix */
  | 'IMAGE_VOICE'
  | 'LOCATION'
  | 'OTHER'
  /** sensitive (art. 9): origine, religion, opinions, biométrie, etc. */
  | 'OTHER_SENSITIVE'
  /** classe, emploi du temps, vie scolaire, absences */
  | 'SCHOOLING';

export type DeclarationFilter = {
  riskLevel?: RiskLevel | null | undefined;
  schoolId?: string | number | null | undefined;
  /** matches tool name or vendor, case- and accent-insensitive */
  search?: string | null | undefined;
  status?: DeclarationStatus | null | undefined;
};

export type DeclarationStatus =
  | 'APPROVED'
  | 'CHANGES_REQUESTED'
  | 'DRAFT'
  | 'REJECTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type Hosting =
  | 'EU'
  | 'NON_EU'
  | 'UNKNOWN';

export type IncidentType =
  | 'DATA_DISCLOSURE'
  | 'EQUIPMENT_THEFT_OR_LOSS'
  | 'ILLEGAL_DOWNLOAD'
  | 'INTRUSION'
  | 'MALWARE'
  | 'OTHER'
  | 'PASSWORD_MISUSE'
  | 'POLICY_BREACH'
  | 'RESOURCE_USURPATION'
  | 'SERVICE_DISRUPTION';

/** A concern raised by the 'Bien choisir ses outils' and 'Protéger les données des élèves' rules. */
export type RiskFlag =
  | 'CATALOG_DISCOURAGED'
  | 'CATALOG_FORBIDDEN'
  | 'COMMERCIAL_REUSE'
  | 'FAMILIES_NOT_INFORMED'
  | 'IDENTITY_WITHOUT_PSEUDONYMS'
  | 'NEITHER_FREE_NOR_INSTITUTIONAL'
  | 'NON_EU_HOSTING'
  | 'NO_RETENTION_LIMIT'
  | 'SENSITIVE_DATA'
  | 'UNKNOWN_HOSTING';

export type RiskLevel =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type Role =
  | 'ADMIN'
  | 'DPD'
  | 'HEAD'
  | 'TEACHER';

export type SubjectCategory =
  | 'OTHER'
  | 'PARENTS'
  | 'STAFF'
  | 'STUDENTS';

export type ToolDeclarationInput = {
  approxStudentCount?: number | null | undefined;
  /** declare a catalogued tool: its tool-level facts come from the entry */
  catalogToolId?: string | number | null | undefined;
  classes?: Array<string> | null | undefined;
  commercialReuse?: Answer | null | undefined;
  dataCategories: Array<DataCategory>;
  familiesInformed: boolean;
  freeSoftware?: Answer | null | undefined;
  hosting?: Hosting | null | undefined;
  hostingCountry?: string | null | undefined;
  institutional?: boolean | null | undefined;
  pseudonymsUsed: boolean;
  purpose: string;
  retentionMonths?: number | null | undefined;
  schoolId: string | number;
  securityMeasures?: string | null | undefined;
  toolName?: string | null | undefined;
  url?: string | null | undefined;
  vendor?: string | null | undefined;
};

export type ToolDeclarationPatch = {
  approxStudentCount?: number | null | undefined;
  classes?: Array<string> | null | undefined;
  commercialReuse?: Answer | null | undefined;
  dataCategories?: Array<DataCategory> | null | undefined;
  familiesInformed?: boolean | null | undefined;
  freeSoftware?: Answer | null | undefined;
  hosting?: Hosting | null | undefined;
  hostingCountry?: string | null | undefined;
  institutional?: boolean | null | undefined;
  pseudonymsUsed?: boolean | null | undefined;
  purpose?: string | null | undefined;
  retentionMonths?: number | null | undefined;
  securityMeasures?: string | null | undefined;
  toolName?: string | null | undefined;
  url?: string | null | undefined;
  vendor?: string | null | undefined;
};

export type ViolationInput = {
  approxRecordCount?: number | null | undefined;
  approxSubjectCount?: number | null | undefined;
  consequences?: string | null | undefined;
  dataCategories?: Array<DataCategory> | null | undefined;
  description: string;
  discoveredAt: string;
  incidentType: IncidentType;
  measuresTaken?: string | null | undefined;
  natures: Array<BreachNature>;
  occurredAt?: string | null | undefined;
  risk: BreachRisk;
  schoolId: string | number;
  subjectCategories?: Array<SubjectCategory> | null | undefined;
  title: string;
  treatmentIds?: Array<string | number> | null | undefined;
};

export type DeclarationFormFragment = { id: string, version: number, status: DeclarationStatus, decisionComment: string | null, updatedAt: string, toolName: string, vendor: string | null, url: string | null, purpose: string, classes: Array<string>, approxStudentCount: number | null, freeSoftware: Answer, institutional: boolean, hosting: Hosting, hostingCountry: string | null, commercialReuse: Answer, dataCategories: Array<DataCategory>, pseudonymsUsed: boolean, retentionMonths: number | null, familiesInformed: boolean, securityMeasures: string | null, riskLevel: RiskLevel, riskFlags: Array<RiskFlag>, school: { id: string, name: string } };

export type DeclarationToEditQueryVariables = Exact<{
  id: string | number;
}>;


export type DeclarationToEditQuery = { toolDeclaration: { id: string, version: number, status: DeclarationStatus, decisionComment: string | null, updatedAt: string, toolName: string, vendor: string | null, url: string | null, purpose: string, classes: Array<string>, approxStudentCount: number | null, freeSoftware: Answer, institutional: boolean, hosting: Hosting, hostingCountry: string | null, commercialReuse: Answer, dataCategories: Array<DataCategory>, pseudonymsUsed: boolean, retentionMonths: number | null, familiesInformed: boolean, securityMeasures: string | null, riskLevel: RiskLevel, riskFlags: Array<RiskFlag>, school: { id: string, name: string } } | null };

export type CreateDeclarationMutationVariables = Exact<{
  input: ToolDeclarationInput;
}>;


export type CreateDeclarationMutation = { createToolDeclaration: { id: string, version: number, status: DeclarationStatus, decisionComment: string | null, updatedAt: string, toolName: string, vendor: string | null, url: string | null, purpose: string, classes: Array<string>, approxStudentCount: number | null, freeSoftware: Answer, institutional: boolean, hosting: Hosting, hostingCountry: string | null, commercialReuse: Answer, dataCategories: Array<DataCategory>, pseudonymsUsed: boolean, retentionMonths: number | null, familiesInformed: boolean, securityMeasures: string | null, riskLevel: RiskLevel, riskFlags: Array<RiskFlag>, school: { id: string, name: string } } };

export type UpdateDeclarationMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: ToolDeclarationPatch;
}>;


export type UpdateDeclarationMutation = { updateToolDeclaration: { id: string, version: number, status: DeclarationStatus, decisionComment: string | null, updatedAt: string, toolName: string, vendor: string | null, url: string | null, purpose: string, classes: Array<string>, approxStudentCount: number | null, freeSoftware: Answer, institutional: boolean, hosting: Hosting, hostingCountry: string | null, commercialReuse: Answer, dataCategories: Array<DataCategory>, pseudonymsUsed: boolean, retentionMonths: number | null, familiesInformed: boolean, securityMeasures: string | null, riskLevel: RiskLevel, riskFlags: Array<RiskFlag>, school: { id: string, name: string } } };

export type SubmitDeclarationMutationVariables = Exact<{
  id: string | number;
}>;


export type SubmitDeclarationMutation = { submitToolDeclaration: { id: string, status: DeclarationStatus, version: number } };

export type MyDeclarationsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: DeclarationFilter | null | undefined;
}>;


export type MyDeclarationsQuery = { toolDeclarations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, toolName: string, vendor: string | null, status: DeclarationStatus, riskLevel: RiskLevel, decisionComment: string | null, decidedAt: string | null, updatedAt: string, school: { id: string, name: string } }> } };

export type WithdrawDeclarationMutationVariables = Exact<{
  id: string | number;
}>;


export type WithdrawDeclarationMutation = { withdrawToolDeclaration: { id: string, status: DeclarationStatus, version: number } };

export type VerifyAuditTrailQueryVariables = Exact<{ [key: string]: never; }>;


export type VerifyAuditTrailQuery = { verifyAuditTrail: { valid: boolean, checkedEvents: number, firstBrokenEventId: string | null } };

export type AcademyDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type AcademyDashboardQuery = { academyDashboard: { schools: number, schoolsWithoutTreatments: number, pendingDeclarations: number, highRiskDeclarations: number, treatmentsAwaitingReview: number, openViolations: number, overdueCnilNotifications: number, academy: { id: string, name: string } } };

export type DpdDeclarationsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: DeclarationFilter | null | undefined;
}>;


export type DpdDeclarationsQuery = { toolDeclarations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, toolName: string, vendor: string | null, status: DeclarationStatus, riskLevel: RiskLevel, updatedAt: string, school: { id: string, name: string } }> } };

export type ReportIncidentMutationVariables = Exact<{
  input: ViolationInput;
}>;


export type ReportIncidentMutation = { recordViolation: { id: string, title: string, cnilDeadline: string, discoveredAt: string } };

export type SessionUserFragment = { id: string, displayName: string, email: string, grants: Array<{ role: Role, school: { id: string, name: string } | null }> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, displayName: string, email: string, grants: Array<{ role: Role, school: { id: string, name: string } | null }> } };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { expiresAt: string, user: { id: string, displayName: string, email: string, grants: Array<{ role: Role, school: { id: string, name: string } | null }> } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export const DeclarationFormFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeclarationForm"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ToolDeclaration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decisionComment"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"toolName"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"classes"}},{"kind":"Field","name":{"kind":"Name","value":"approxStudentCount"}},{"kind":"Field","name":{"kind":"Name","value":"freeSoftware"}},{"kind":"Field","name":{"kind":"Name","value":"institutional"}},{"kind":"Field","name":{"kind":"Name","value":"hosting"}},{"kind":"Field","name":{"kind":"Name","value":"hostingCountry"}},{"kind":"Field","name":{"kind":"Name","value":"commercialReuse"}},{"kind":"Field","name":{"kind":"Name","value":"dataCategories"}},{"kind":"Field","name":{"kind":"Name","value":"pseudonymsUsed"}},{"kind":"Field","name":{"kind":"Name","value":"retentionMonths"}},{"kind":"Field","name":{"kind":"Name","value":"familiesInformed"}},{"kind":"Field","name":{"kind":"Name","value":"securityMeasures"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"riskFlags"}}]}}]} as unknown as DocumentNode<DeclarationFormFragment, unknown>;
export const SessionUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"grants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SessionUserFragment, unknown>;
export const DeclarationToEditDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeclarationToEdit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"toolDeclaration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeclarationForm"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeclarationForm"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ToolDeclaration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decisionComment"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"toolName"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"classes"}},{"kind":"Field","name":{"kind":"Name","value":"approxStudentCount"}},{"kind":"Field","name":{"kind":"Name","value":"freeSoftware"}},{"kind":"Field","name":{"kind":"Name","value":"institutional"}},{"kind":"Field","name":{"kind":"Name","value":"hosting"}},{"kind":"Field","name":{"kind":"Name","value":"hostingCountry"}},{"kind":"Field","name":{"kind":"Name","value":"commercialReuse"}},{"kind":"Field","name":{"kind":"Name","value":"dataCategories"}},{"kind":"Field","name":{"kind":"Name","value":"pseudonymsUsed"}},{"kind":"Field","name":{"kind":"Name","value":"retentionMonths"}},{"kind":"Field","name":{"kind":"Name","value":"familiesInformed"}},{"kind":"Field","name":{"kind":"Name","value":"securityMeasures"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"riskFlags"}}]}}]} as unknown as DocumentNode<DeclarationToEditQuery, DeclarationToEditQueryVariables>;
export const CreateDeclarationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDeclaration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ToolDeclarationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createToolDeclaration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeclarationForm"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeclarationForm"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ToolDeclaration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decisionComment"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"toolName"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"classes"}},{"kind":"Field","name":{"kind":"Name","value":"approxStudentCount"}},{"kind":"Field","name":{"kind":"Name","value":"freeSoftware"}},{"kind":"Field","name":{"kind":"Name","value":"institutional"}},{"kind":"Field","name":{"kind":"Name","value":"hosting"}},{"kind":"Field","name":{"kind":"Name","value":"hostingCountry"}},{"kind":"Field","name":{"kind":"Name","value":"commercialReuse"}},{"kind":"Field","name":{"kind":"Name","value":"dataCategories"}},{"kind":"Field","name":{"kind":"Name","value":"pseudonymsUsed"}},{"kind":"Field","name":{"kind":"Name","value":"retentionMonths"}},{"kind":"Field","name":{"kind":"Name","value":"familiesInformed"}},{"kind":"Field","name":{"kind":"Name","value":"securityMeasures"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"riskFlags"}}]}}]} as unknown as DocumentNode<CreateDeclarationMutation, CreateDeclarationMutationVariables>;
export const UpdateDeclarationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateDeclaration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ToolDeclarationPatch"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateToolDeclaration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeclarationForm"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeclarationForm"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ToolDeclaration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decisionComment"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"toolName"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"classes"}},{"kind":"Field","name":{"kind":"Name","value":"approxStudentCount"}},{"kind":"Field","name":{"kind":"Name","value":"freeSoftware"}},{"kind":"Field","name":{"kind":"Name","value":"institutional"}},{"kind":"Field","name":{"kind":"Name","value":"hosting"}},{"kind":"Field","name":{"kind":"Name","value":"hostingCountry"}},{"kind":"Field","name":{"kind":"Name","value":"commercialReuse"}},{"kind":"Field","name":{"kind":"Name","value":"dataCategories"}},{"kind":"Field","name":{"kind":"Name","value":"pseudonymsUsed"}},{"kind":"Field","name":{"kind":"Name","value":"retentionMonths"}},{"kind":"Field","name":{"kind":"Name","value":"familiesInformed"}},{"kind":"Field","name":{"kind":"Name","value":"securityMeasures"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"riskFlags"}}]}}]} as unknown as DocumentNode<UpdateDeclarationMutation, UpdateDeclarationMutationVariables>;
export const SubmitDeclarationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitDeclaration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitToolDeclaration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<SubmitDeclarationMutation, SubmitDeclarationMutationVariables>;
export const MyDeclarationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyDeclarations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DeclarationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"toolDeclarations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"toolName"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"decisionComment"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyDeclarationsQuery, MyDeclarationsQueryVariables>;
export const WithdrawDeclarationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawDeclaration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawToolDeclaration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<WithdrawDeclarationMutation, WithdrawDeclarationMutationVariables>;
export const VerifyAuditTrailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyAuditTrail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyAuditTrail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"checkedEvents"}},{"kind":"Field","name":{"kind":"Name","value":"firstBrokenEventId"}}]}}]}}]} as unknown as DocumentNode<VerifyAuditTrailQuery, VerifyAuditTrailQueryVariables>;
export const AcademyDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AcademyDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"academyDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"academy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schools"}},{"kind":"Field","name":{"kind":"Name","value":"schoolsWithoutTreatments"}},{"kind":"Field","name":{"kind":"Name","value":"pendingDeclarations"}},{"kind":"Field","name":{"kind":"Name","value":"highRiskDeclarations"}},{"kind":"Field","name":{"kind":"Name","value":"treatmentsAwaitingReview"}},{"kind":"Field","name":{"kind":"Name","value":"openViolations"}},{"kind":"Field","name":{"kind":"Name","value":"overdueCnilNotifications"}}]}}]}}]} as unknown as DocumentNode<AcademyDashboardQuery, AcademyDashboardQueryVariables>;
export const DpdDeclarationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DpdDeclarations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DeclarationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"toolDeclarations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"toolName"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DpdDeclarationsQuery, DpdDeclarationsQueryVariables>;
export const ReportIncidentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReportIncident"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ViolationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordViolation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"cnilDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"discoveredAt"}}]}}]}}]} as unknown as DocumentNode<ReportIncidentMutation, ReportIncidentMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"grants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"grants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;