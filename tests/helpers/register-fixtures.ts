import { DataSource } from 'typeorm';
import { nextReference } from '@app/database';

/**
 * Register entries written straight in the database (no API, no audit events), for tests about what
 * reads them: dashboards, stats, lists, query counts. References come from the same per-school counter
 * as the API's, so an entry created later through the API gets the next number, not a duplicate.
 */
export interface FixtureSchool {
  id: string;
  academyId: string;
}
export interface FixtureUser {
  id: string;
}

export type TreatmentStatusValue = 'ACTIVE' | 'ARCHIVED';
export type ReviewStateValue = 'NOT_REVIEWED' | 'APPROVED' | 'CHANGES_REQUESTED';
export type DeclarationStatusValue =
  'DRAFT' | 'SUBMITTED' | 'CHANGES_REQUESTED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
export type RiskLevelValue = 'LOW' | 'MEDIUM' | 'HIGH';
export type BreachRiskValue = 'UNLIKELY' | 'RISK' | 'HIGH_RISK';
export type TargetTypeValue = 'TREATMENT' | 'TOOL_DECLARATION' | 'VIOLATION';
export type VerdictValue = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENT';

export interface TreatmentFixture {
  name?: string;
  purposes?: string[];
  dataCategories?: string[];
  status?: TreatmentStatusValue;
  reviewState?: ReviewStateValue;
  createdBy?: FixtureUser;
  createdAt?: Date;
}

export interface DeclarationFixture {
  toolName?: string;
  vendor?: string | null;
  status?: DeclarationStatusValue;
  riskLevel?: RiskLevelValue;
  riskFlags?: string[];
  dataCategories?: string[];
  /** required by the schema for APPROVED; a treatment is created in the school when omitted */
  treatmentId?: string;
  createdAt?: Date;
}

export interface ViolationFixture {
  title?: string;
  risk?: BreachRiskValue;
  status?: 'OPEN' | 'CLOSED';
  discoveredAt?: Date;
  cnilNotifiedAt?: Date | null;
  createdAt?: Date;
}

export interface ReviewFixture {
  verdict?: VerdictValue;
  comment?: string | null;
  createdAt?: Date;
}

const HOUR = 3600_000;

export class RegisterFixtures {
  private names = 0;

  constructor(private readonly ds: DataSource) {}

  async treatment(
    school: FixtureSchool,
    fields: TreatmentFixture = {},
  ): Promise<{ id: string; reference: string }> {
    const { number, reference } = await nextReference(this.ds.manager, school.id, 'T');
    const status = fields.status ?? 'ACTIVE';
    const dataCategories = fields.dataCategories ?? ['IDENTITY', 'SCHOOLING'];
    const sensitive = dataCategories.some((c) => c === 'HEALTH' || c === 'OTHER_SENSITIVE');
    const [row] = await this.ds.query(
      `INSERT INTO treatment (school_id, academy_id, number, reference, name, purposes, legal_basis,
                              subject_categories, data_categories, sensitive_data, retention, dpia_required,
                              status, archived_reason, archived_at, review_state, created_by_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'PUBLIC_INTEREST', '{STUDENTS}', $7, $8, 'Un an', $8,
               $9, $10, $11, $12, $13, coalesce($14, now()), coalesce($14, now()))
       RETURNING id`,
      [
        school.id,
        school.academyId,
        number,
        reference,
        fields.name ?? `Traitement ${++this.names}`,
        fields.purposes ?? ['Gestion de la vie scolaire'],
        dataCategories,
        sensitive,
        status,
        status === 'ARCHIVED' ? 'Remplacé' : null,
        status === 'ARCHIVED' ? new Date() : null,
        fields.reviewState ?? 'NOT_REVIEWED',
        fields.createdBy?.id ?? null,
        fields.createdAt ?? null,
      ],
    );
    return { id: row.id, reference };
  }

  async declaration(
    school: FixtureSchool,
    author: FixtureUser,
    fields: DeclarationFixture = {},
  ): Promise<{ id: string }> {
    const status = fields.status ?? 'SUBMITTED';
    const treatmentId =
      fields.treatmentId ?? (status === 'APPROVED' ? (await this.treatment(school)).id : null);
    const [row] = await this.ds.query(
      `INSERT INTO tool_declaration (school_id, academy_id, declared_by_id, status, tool_name, vendor, purpose,
                                     data_categories, pseudonyms_used, hosting, free_software, institutional,
                                     commercial_reuse, families_informed, retention_months, risk_flags, risk_level,
                                     treatment_id, submitted_at, decided_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'Exercices en classe', $7, true, 'EU', 'YES', false, 'NO', true, 12,
               $8, $9, $10, $11, $12, coalesce($13, now()), coalesce($13, now()))
       RETURNING id`,
      [
        school.id,
        school.academyId,
        author.id,
        status,
        fields.toolName ?? `Outil ${++this.names}`,
        fields.vendor ?? null,
        fields.dataCategories ?? ['IDENTITY'],
        fields.riskFlags ?? [],
        fields.riskLevel ?? 'LOW',
        treatmentId,
        status === 'DRAFT' ? null : new Date(),
        ['APPROVED', 'REJECTED', 'CHANGES_REQUESTED'].includes(status) ? new Date() : null,
        fields.createdAt ?? null,
      ],
    );
    return { id: row.id };
  }

  async violation(
    school: FixtureSchool,
    reporter: FixtureUser,
    fields: ViolationFixture = {},
  ): Promise<{ id: string; reference: string }> {
    const { number, reference } = await nextReference(this.ds.manager, school.id, 'V');
    const status = fields.status ?? 'OPEN';
    const discoveredAt = fields.discoveredAt ?? new Date(Date.now() - HOUR);
    const [row] = await this.ds.query(
      `INSERT INTO violation (school_id, academy_id, number, reference, reported_by_id, title, description,
                              incident_type, natures, discovered_at, risk, cnil_notified_at, status, closed_at,
                              consequences, measures_taken, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'Description', 'DATA_DISCLOSURE', '{CONFIDENTIALITY}', $7, $8, $9, $10, $11,
               'Conséquences', 'Mesures', coalesce($12, now()), coalesce($12, now()))
       RETURNING id`,
      [
        school.id,
        school.academyId,
        number,
        reference,
        reporter.id,
        fields.title ?? `Violation ${++this.names}`,
        discoveredAt,
        fields.risk ?? 'RISK',
        fields.cnilNotifiedAt ?? null,
        status,
        status === 'CLOSED' ? new Date() : null,
        fields.createdAt ?? null,
      ],
    );
    return { id: row.id, reference };
  }

  /** A review of an entry of `school`, as a DPD would leave it (no reviewState change). */
  async review(
    target: { type: TargetTypeValue; id: string },
    school: FixtureSchool,
    reviewer: FixtureUser,
    fields: ReviewFixture = {},
  ): Promise<{ id: string }> {
    const verdict = fields.verdict ?? 'COMMENT';
    const [row] = await this.ds.query(
      `INSERT INTO review (target_type, target_id, school_id, academy_id, reviewer_id, verdict, comment, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, now()))
       RETURNING id`,
      [
        target.type,
        target.id,
        school.id,
        school.academyId,
        reviewer.id,
        verdict,
        fields.comment === undefined ? (verdict === 'APPROVED' ? null : 'Avis du délégué') : fields.comment,
        fields.createdAt ?? null,
      ],
    );
    return { id: row.id };
  }
}
