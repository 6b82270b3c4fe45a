import type { ExportFormat } from '@app/core/vocabulary';
import type { ExportKindValue } from './labels';

/**
 * What the documents print. Plain data, independent of the database: the API maps its rows to these
 * shapes, the unit tests build them by hand.
 */
export interface PersonRef {
  displayName: string;
  email?: string | null;
}

export interface DocumentContext {
  kind: ExportKindValue;
  /** PDF when absent; XLSX and CSV are written by spreadsheet.ts */
  format?: ExportFormat;
  academy: {
    code: string;
    name: string;
    dpoName: string | null;
    dpoEmail: string | null;
    dpoPhone?: string | null;
    dpoAddress?: string | null;
    rssiEmail?: string | null;
    hierarchyEmail?: string | null;
  };
  school: {
    uai: string;
    name: string;
    kind: string;
    city: string | null;
    address?: string | null;
    email?: string | null;
    phone?: string | null;
  };
  /** the school's heads: they represent the data controller */
  heads: PersonRef[];
  generatedAt: Date;
  generatedBy: PersonRef & { role: string };
  /**
   * The head of the school's audit chain when the document was generated (its last event's number
   * and hash): printed so that the register can later be checked against what was handed over.
   * null: the chain has no event yet; absent: not given (documents built by hand).
   */
  auditHead?: { seq: number; hash: string } | null;
}

export interface ReviewSummary {
  createdAt: Date;
  verdict: string;
  comment: string | null;
  reviewer: string;
}

export interface TreatmentEntry {
  reference: string;
  name: string;
  purposes: string[];
  legalBasis: string;
  subjectCategories: string[];
  dataCategories: string[];
  sensitiveData: boolean;
  recipients: string[];
  processors: string[];
  transfers: { country: string; recipient: string; safeguard: string }[];
  retention: string;
  retentionMonths: number | null;
  securityMeasures: string[];
  dpiaRequired: boolean;
  status: string;
  archivedReason: string | null;
  archivedAt: Date | null;
  reviewState: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** null when the entry was created by the system (seeding, import) */
  createdBy: string | null;
  /** approved tool declarations filed under this treatment */
  declarations: { toolName: string; vendor: string | null }[];
  reviews: ReviewSummary[];
}

export interface ViolationEntry {
  reference: string;
  title: string;
  description: string;
  incidentType: string;
  natures: string[];
  occurredAt: Date | null;
  discoveredAt: Date;
  dataCategories: string[];
  subjectCategories: string[];
  approxSubjectCount: number | null;
  approxRecordCount: number | null;
  consequences: string | null;
  measuresTaken: string | null;
  risk: string;
  cnilNotificationRequired: boolean;
  cnilDeadline: Date;
  cnilNotifiedAt: Date | null;
  cnilReference: string | null;
  lateNotificationReason: string | null;
  subjectsInformedAt: Date | null;
  noNotificationJustification: string | null;
  rssiInformedAt: Date | null;
  hierarchyInformedAt: Date | null;
  status: string;
  closedAt: Date | null;
  reportedBy: string;
  treatments: { reference: string; name: string }[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
  reviews: ReviewSummary[];
}

export interface DeclarationEntry {
  toolName: string;
  vendor: string | null;
  url: string | null;
  status: string;
  purpose: string;
  classes: string[];
  approxStudentCount: number | null;
  dataCategories: string[];
  pseudonymsUsed: boolean;
  hosting: string;
  hostingCountry: string | null;
  freeSoftware: string;
  institutional: boolean;
  commercialReuse: string;
  familiesInformed: boolean;
  retentionMonths: number | null;
  securityMeasures: string | null;
  riskFlags: string[];
  riskLevel: string;
  decisionComment: string | null;
  declaredBy: string;
  submittedAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * A request to exercise rights. The clock is given as stored (the ended pauses' days, the ongoing
 * pause's start): the document computes dueAt and whether it was met at its generation date, with
 * the one rule of libs/rules/src/rights-request-deadline.ts.
 */
export interface RightsRequestEntry {
  reference: string;
  rightTypes: string[];
  channel: string;
  receivedAt: Date;
  /** personal data: printed in full only in this register and the dossier (RULES.md) */
  requesterName: string;
  requesterRelation: string;
  subjectName: string | null;
  subjectCategory: string;
  description: string;
  treatments: { reference: string; name: string }[];
  status: string;
  extended: boolean;
  extensionReason: string | null;
  extensionNotifiedAt: Date | null;
  pausedDays: number;
  awaitingSince: Date | null;
  answeredAt: Date | null;
  answerSummary: string | null;
  refusalReason: string | null;
  recordedBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  reviews: ReviewSummary[];
}

export interface ReviewEntry extends ReviewSummary {
  targetType: string;
  /** what was reviewed, e.g. "T-004 — Cantine" */
  target: string;
}

/**
 * Where the entries come from. Each source is iterated once, in register order; the API reads
 * them from the database in batches, so a large register never sits in memory at once.
 */
export interface ExportSources {
  treatments(status: 'ACTIVE' | 'ARCHIVED'): AsyncIterable<TreatmentEntry>;
  violations(): AsyncIterable<ViolationEntry>;
  /** declarations not decided yet: SUBMITTED and CHANGES_REQUESTED */
  openDeclarations(): AsyncIterable<DeclarationEntry>;
  reviews(): AsyncIterable<ReviewEntry>;
  /** every request, by reference number */
  rightsRequests(): AsyncIterable<RightsRequestEntry>;
}

export interface RenderedPdf {
  content: Buffer;
  pageCount: number;
}
