import { EntityManager, In } from 'typeorm';
import type {
  DeclarationEntry,
  ExportSources,
  ReviewEntry,
  ReviewSummary,
  RightsRequestEntry,
  TreatmentEntry,
  ViolationEntry,
} from '@app/pdf';
import { ToolDeclarationEntity } from '../declarations/tool-declaration.entity';
import { ReviewEntity, ReviewTargetTypeValue } from '../reviews/review.entity';
import { RightsRequestEntity, RightsRequestTreatmentEntity } from '../rights-requests/rights-request.entity';
import { TreatmentEntity } from '../treatments/treatment.entity';
import { UserEntity } from '../users/user.entity';
import { ViolationEntity, ViolationTreatmentEntity } from '../violations/violation.entity';

/** Entries read per query: a register of any size is held in memory one batch at a time. */
export const EXPORT_BATCH_SIZE = 50;

/** Declarations not decided yet (RULES.md: a DRAFT is not declared; APPROVED ones are in the register). */
export const OPEN_DECLARATION_STATUSES = ['SUBMITTED', 'CHANGES_REQUESTED'] as const;

const MISSING_USER = 'Utilisateur inconnu';

/**
 * The entries of one school's registers, read in batches from the entities' tables with the given
 * entity manager (the export's read-only snapshot), in register order: treatments and violations by
 * reference number, declarations and reviews oldest first. Each batch brings its related rows
 * (names, linked treatments, filed declarations, reviews) in one query per relation.
 */
export class ExportSourceReader implements ExportSources {
  constructor(
    private readonly em: EntityManager,
    private readonly schoolId: string,
  ) {}

  async *treatments(status: 'ACTIVE' | 'ARCHIVED'): AsyncIterable<TreatmentEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.em
        .getRepository(TreatmentEntity)
        .createQueryBuilder('t')
        .where('t.school_id = :schoolId AND t.status = :status AND t.number > :after', {
          schoolId: this.schoolId,
          status,
          after,
        })
        .orderBy('t.number', 'ASC')
        .limit(EXPORT_BATCH_SIZE)
        .getMany();
      if (rows.length === 0) return;
      const ids = rows.map((t) => t.id);
      const declarations = await this.em.getRepository(ToolDeclarationEntity).find({
        where: { treatmentId: In(ids), schoolId: this.schoolId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const reviews = await this.reviewsOf('TREATMENT', ids);
      const names = await this.userNames(rows.map((t) => t.createdById));
      for (const t of rows) {
        yield {
          reference: t.reference,
          name: t.name,
          purposes: t.purposes,
          legalBasis: t.legalBasis,
          subjectCategories: t.subjectCategories,
          dataCategories: t.dataCategories,
          sensitiveData: t.sensitiveData,
          recipients: t.recipients,
          processors: t.processors,
          transfers: t.transfers ?? [],
          retention: t.retention,
          retentionMonths: t.retentionMonths,
          securityMeasures: t.securityMeasures,
          dpiaRequired: t.dpiaRequired,
          status: t.status,
          archivedReason: t.archivedReason,
          archivedAt: t.archivedAt,
          reviewState: t.reviewState,
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
          version: t.version,
          createdBy: t.createdById ? (names.get(t.createdById) ?? MISSING_USER) : null,
          declarations: declarations
            .filter((d) => d.treatmentId === t.id)
            .map((d) => ({ toolName: d.toolName, vendor: d.vendor })),
          reviews: reviews.get(t.id) ?? [],
        };
      }
      if (rows.length < EXPORT_BATCH_SIZE) return;
      after = rows[rows.length - 1].number;
    }
  }

  async *violations(): AsyncIterable<ViolationEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.em
        .getRepository(ViolationEntity)
        .createQueryBuilder('v')
        .where('v.school_id = :schoolId AND v.number > :after', { schoolId: this.schoolId, after })
        .orderBy('v.number', 'ASC')
        .limit(EXPORT_BATCH_SIZE)
        .getMany();
      if (rows.length === 0) return;
      const ids = rows.map((v) => v.id);
      const links: { violationId: string; reference: string; name: string }[] = await this.em
        .getRepository(ViolationTreatmentEntity)
        .createQueryBuilder('vt')
        .innerJoin(TreatmentEntity, 't', 't.id = vt.treatment_id')
        .select(['vt.violation_id AS "violationId"', 't.reference AS reference', 't.name AS name'])
        .where('vt.violation_id IN (:...ids)', { ids })
        .orderBy('t.number', 'ASC')
        .getRawMany();
      const reviews = await this.reviewsOf('VIOLATION', ids);
      const names = await this.userNames(rows.map((v) => v.reportedById));
      for (const v of rows) {
        yield {
          reference: v.reference,
          title: v.title,
          description: v.description,
          incidentType: v.incidentType,
          natures: v.natures,
          occurredAt: v.occurredAt,
          discoveredAt: v.discoveredAt,
          dataCategories: v.dataCategories,
          subjectCategories: v.subjectCategories,
          approxSubjectCount: v.approxSubjectCount,
          approxRecordCount: v.approxRecordCount,
          consequences: v.consequences,
          measuresTaken: v.measuresTaken,
          risk: v.risk,
          cnilNotificationRequired: v.cnilNotificationRequired,
          cnilDeadline: v.cnilDeadline,
          cnilNotifiedAt: v.cnilNotifiedAt,
          cnilReference: v.cnilReference,
          lateNotificationReason: v.lateNotificationReason,
          subjectsInformedAt: v.subjectsInformedAt,
          noNotificationJustification: v.noNotificationJustification,
          rssiInformedAt: v.rssiInformedAt,
          hierarchyInformedAt: v.hierarchyInformedAt,
          status: v.status,
          closedAt: v.closedAt,
          reportedBy: names.get(v.reportedById) ?? MISSING_USER,
          treatments: links
            .filter((l) => l.violationId === v.id)
            .map((l) => ({ reference: l.reference, name: l.name })),
          createdAt: v.createdAt,
          updatedAt: v.updatedAt,
          version: v.version,
          reviews: reviews.get(v.id) ?? [],
        };
      }
      if (rows.length < EXPORT_BATCH_SIZE) return;
      after = rows[rows.length - 1].number;
    }
  }

  async *rightsRequests(): AsyncIterable<RightsRequestEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.em
        .getRepository(RightsRequestEntity)
        .createQueryBuilder('r')
        .where('r.school_id = :schoolId AND r.number > :after', { schoolId: this.schoolId, after })
        .orderBy('r.number', 'ASC')
        .limit(EXPORT_BATCH_SIZE)
        .getMany();
      if (rows.length === 0) return;
      const ids = rows.map((r) => r.id);
      const links: { rightsRequestId: string; reference: string; name: string }[] = await this.em
        .getRepository(RightsRequestTreatmentEntity)
        .createQueryBuilder('rt')
        .innerJoin(TreatmentEntity, 't', 't.id = rt.treatment_id')
        .select(['rt.rights_request_id AS "rightsRequestId"', 't.reference AS reference', 't.name AS name'])
        .where('rt.rights_request_id IN (:...ids)', { ids })
        .orderBy('t.number', 'ASC')
        .getRawMany();
      const reviews = await this.reviewsOf('RIGHTS_REQUEST', ids);
      const names = await this.userNames(rows.map((r) => r.recordedById));
      for (const r of rows) {
        yield {
          reference: r.reference,
          rightTypes: r.rightTypes,
          channel: r.channel,
          receivedAt: r.receivedAt,
          requesterName: r.requesterName,
          requesterRelation: r.requesterRelation,
          subjectName: r.subjectName,
          subjectCategory: r.subjectCategory,
          description: r.description,
          treatments: links
            .filter((l) => l.rightsRequestId === r.id)
            .map((l) => ({ reference: l.reference, name: l.name })),
          status: r.status,
          extended: r.extended,
          extensionReason: r.extensionReason,
          extensionNotifiedAt: r.extensionNotifiedAt,
          pausedDays: r.pausedDays,
          awaitingSince: r.awaitingSince,
          answeredAt: r.answeredAt,
          answerSummary: r.answerSummary,
          refusalReason: r.refusalReason,
          recordedBy: names.get(r.recordedById) ?? MISSING_USER,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          version: r.version,
          reviews: reviews.get(r.id) ?? [],
        };
      }
      if (rows.length < EXPORT_BATCH_SIZE) return;
      after = rows[rows.length - 1].number;
    }
  }

  async *openDeclarations(): AsyncIterable<DeclarationEntry> {
    let cursor: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const query = this.em
        .getRepository(ToolDeclarationEntity)
        .createQueryBuilder('d')
        .where('d.school_id = :schoolId AND d.status IN (:...statuses)', {
          schoolId: this.schoolId,
          statuses: [...OPEN_DECLARATION_STATUSES],
        });
      if (cursor) {
        query.andWhere('(d.created_at, d.id) > (:afterAt, :afterId)', {
          afterAt: cursor.createdAt,
          afterId: cursor.id,
        });
      }
      const rows = await query
        .orderBy('d.created_at', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .limit(EXPORT_BATCH_SIZE)
        .getMany();
      if (rows.length === 0) return;
      const names = await this.userNames(rows.map((d) => d.declaredById));
      for (const d of rows) {
        yield {
          toolName: d.toolName,
          vendor: d.vendor,
          url: d.url,
          status: d.status,
          purpose: d.purpose,
          classes: d.classes,
          approxStudentCount: d.approxStudentCount,
          dataCategories: d.dataCategories,
          pseudonymsUsed: d.pseudonymsUsed,
          hosting: d.hosting,
          hostingCountry: d.hostingCountry,
          freeSoftware: d.freeSoftware,
          institutional: d.institutional,
          commercialReuse: d.commercialReuse,
          familiesInformed: d.familiesInformed,
          retentionMonths: d.retentionMonths,
          securityMeasures: d.securityMeasures,
          riskFlags: d.riskFlags,
          riskLevel: d.riskLevel,
          decisionComment: d.decisionComment,
          declaredBy: names.get(d.declaredById) ?? MISSING_USER,
          submittedAt: d.submittedAt,
          decidedAt: d.decidedAt,
          createdAt: d.createdAt,
          updatedAt: d.updatedAt,
          version: d.version,
        };
      }
      if (rows.length < EXPORT_BATCH_SIZE) return;
      const last = rows[rows.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }

  async *reviews(): AsyncIterable<ReviewEntry> {
    let cursor: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const query = this.em
        .getRepository(ReviewEntity)
        .createQueryBuilder('r')
        .where('r.school_id = :schoolId', { schoolId: this.schoolId });
      if (cursor) {
        query.andWhere('(r.created_at, r.id) > (:afterAt, :afterId)', {
          afterAt: cursor.createdAt,
          afterId: cursor.id,
        });
      }
      const rows = await query
        .orderBy('r.created_at', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(EXPORT_BATCH_SIZE)
        .getMany();
      if (rows.length === 0) return;
      const names = await this.userNames(rows.map((r) => r.reviewerId));
      const targets = await this.targetNames(rows);
      for (const r of rows) {
        yield {
          createdAt: r.createdAt,
          verdict: r.verdict,
          comment: r.comment,
          reviewer: names.get(r.reviewerId) ?? MISSING_USER,
          targetType: r.targetType,
          target: targets.get(r.targetId) ?? 'entrée introuvable',
        };
      }
      if (rows.length < EXPORT_BATCH_SIZE) return;
      const last = rows[rows.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }

  /** The reviews of a batch of entries, oldest first, by entry id. */
  private async reviewsOf(
    targetType: ReviewTargetTypeValue,
    targetIds: string[],
  ): Promise<Map<string, ReviewSummary[]>> {
    const rows = await this.em.getRepository(ReviewEntity).find({
      where: { targetType, targetId: In(targetIds), schoolId: this.schoolId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const names = await this.userNames(rows.map((r) => r.reviewerId));
    const byTarget = new Map<string, ReviewSummary[]>();
    for (const r of rows) {
      const list = byTarget.get(r.targetId) ?? [];
      list.push({
        createdAt: r.createdAt,
        verdict: r.verdict,
        comment: r.comment,
        reviewer: names.get(r.reviewerId) ?? MISSING_USER,
      });
      byTarget.set(r.targetId, list);
    }
    return byTarget;
  }

  /** "T-004 — Cantine", "V-002 — Clé USB perdue", "Padlet (Wallwisher)" for a batch of reviews. */
  private async targetNames(reviews: ReviewEntity[]): Promise<Map<string, string>> {
    const idsOf = (type: ReviewTargetTypeValue) =>
      reviews.filter((r) => r.targetType === type).map((r) => r.targetId);
    const names = new Map<string, string>();
    const treatmentIds = idsOf('TREATMENT');
    if (treatmentIds.length) {
      for (const t of await this.em.getRepository(TreatmentEntity).findBy({ id: In(treatmentIds) })) {
        names.set(t.id, `${t.reference} — ${t.name}`);
      }
    }
    const violationIds = idsOf('VIOLATION');
    if (violationIds.length) {
      for (const v of await this.em.getRepository(ViolationEntity).findBy({ id: In(violationIds) })) {
        names.set(v.id, `${v.reference} — ${v.title}`);
      }
    }
    // a request is named by its reference and rights, not by the requester: reviews are listed apart
    const requestIds = idsOf('RIGHTS_REQUEST');
    if (requestIds.length) {
      for (const r of await this.em.getRepository(RightsRequestEntity).findBy({ id: In(requestIds) })) {
        names.set(r.id, r.reference);
      }
    }
    const declarationIds = idsOf('TOOL_DECLARATION');
    if (declarationIds.length) {
      for (const d of await this.em.getRepository(ToolDeclarationEntity).findBy({ id: In(declarationIds) })) {
        names.set(d.id, d.vendor ? `${d.toolName} (${d.vendor})` : d.toolName);
      }
    }
    return names;
  }

  private async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (wanted.length === 0) return new Map();
    const users = await this.em.getRepository(UserEntity).findBy({ id: In(wanted) });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
