import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badInput, Caller, conflict, isUuid, notFound, Page, PageArgs } from '@app/core';
import { paginate } from '@app/database';
import { canRead, requireCan, ReviewRow, scope } from '../access';
import { AlertChain } from '../notifications/alert-chain.service';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { created } from '../audit/changes';
import { ReviewTargetType, ReviewVerdict } from '../common/enums';
import { ReviewInput } from './dto/review.input';
import { TreatmentEntity } from '../treatments/treatment.entity';
import { TreatmentsService } from '../treatments/treatments.service';
import { ReviewEntity, ReviewTargetTypeValue } from './review.entity';

export const REVIEW_AUDITED_FIELDS: (keyof ReviewEntity)[] = [
  'targetType',
  'targetId',
  'verdict',
  'comment',
  'reviewerId',
];

/** What the review rules need to know of a reviewed entry, whatever its register. */
export interface ReviewTarget {
  type: ReviewTargetTypeValue;
  id: string;
  schoolId: string;
  academyId: string;
  /** the declaration's author or the violation's reporter; null for a treatment */
  authorId: string | null;
  /** ACTIVE/ARCHIVED, declaration or violation status */
  status: string;
  /** treatments only */
  reviewState: TreatmentEntity['reviewState'] | null;
  /** treatments only: the version the review's new reviewState replaces */
  version: number | null;
}

/** The review rules' view of an entry: where it belongs, and its author (access/policies/review.policy.ts). */
export const reviewRowOf = (
  target: Pick<ReviewTarget, 'type' | 'schoolId' | 'academyId' | 'authorId'>,
): ReviewRow => ({
  schoolId: target.schoolId,
  academyId: target.academyId,
  targetType: target.type,
  targetAuthorId: target.authorId,
});

/** May the caller read the entry itself (its register's read rule)? Anything else is invisible. */
function mayReadEntry(caller: Caller, target: ReviewTarget): boolean {
  const { schoolId, academyId, authorId } = target;
  switch (target.type) {
    case 'TREATMENT':
      return canRead(caller, 'treatment', {
        schoolId,
        academyId,
        status: target.status as TreatmentEntity['status'],
      });
    case 'TOOL_DECLARATION':
      return canRead(caller, 'declaration', { schoolId, academyId, declaredById: authorId ?? '' });
    case 'VIOLATION':
      return canRead(caller, 'violation', { schoolId, academyId, reportedById: authorId ?? '' });
    case 'RIGHTS_REQUEST':
      return canRead(caller, 'rightsRequest', { schoolId, academyId });
  }
}

/** The SQL that reads one entry of each register; a treatment is locked, its reviewState may change. */
const TARGET_QUERIES: Record<ReviewTargetTypeValue, string> = {
  TREATMENT: `SELECT id, school_id, academy_id, NULL::uuid AS author_id, status, review_state, version
                FROM treatment WHERE id = $1 FOR UPDATE`,
  TOOL_DECLARATION: `SELECT id, school_id, academy_id, declared_by_id AS author_id, status, NULL AS review_state,
                            NULL::int AS version
                       FROM tool_declaration WHERE id = $1`,
  VIOLATION: `SELECT id, school_id, academy_id, reported_by_id AS author_id, status, NULL AS review_state,
                     NULL::int AS version
                FROM violation WHERE id = $1`,
  RIGHTS_REQUEST: `SELECT id, school_id, academy_id, recorded_by_id AS author_id, status, NULL AS review_state,
                          NULL::int AS version
                     FROM rights_request WHERE id = $1`,
};

const VERDICTS_SETTING_REVIEW_STATE: string[] = [ReviewVerdict.APPROVED, ReviewVerdict.CHANGES_REQUESTED];
const VERDICTS_NEEDING_COMMENT: string[] = [ReviewVerdict.CHANGES_REQUESTED, ReviewVerdict.COMMENT];

@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly treatments: TreatmentsService,
    private readonly alerts: AlertChain,
  ) {}

  /**
   * The DPD's verdict on an entry of its academy. On a treatment, APPROVED and CHANGES_REQUESTED set
   * its reviewState (a new version); COMMENT leaves it as it is. Reviews are never edited.
   */
  review(caller: Caller, input: ReviewInput): Promise<ReviewEntity> {
    return this.tx.run(caller, async (ctx) => {
      const { em, audit } = ctx;
      const target = await this.lockTarget(em, input.targetType, input.targetId);
      if (!target || !mayReadEntry(caller, target)) throw notFound(targetLabel(input.targetType));
      requireCan(caller, 'review.create', reviewRowOf(target));
      const comment = input.comment ?? null;
      if (VERDICTS_NEEDING_COMMENT.includes(input.verdict) && !comment) {
        throw badInput({ comment: 'Un commentaire est obligatoire pour ce verdict.' });
      }
      const setsReviewState =
        target.type === 'TREATMENT' && VERDICTS_SETTING_REVIEW_STATE.includes(input.verdict);
      if (setsReviewState && target.status === 'ARCHIVED') {
        throw conflict(
          'Ce traitement est archivé : il ne peut plus être approuvé ni renvoyé pour modification (un commentaire reste possible).',
        );
      }

      const review = await em.save(
        em.create(ReviewEntity, {
          targetType: target.type,
          targetId: target.id,
          schoolId: target.schoolId,
          academyId: target.academyId,
          reviewerId: caller.userId,
          verdict: input.verdict,
          comment,
        }),
      );
      audit({
        action: 'REVIEW',
        entityType: 'Review',
        entityId: review.id,
        schoolId: review.schoolId,
        academyId: review.academyId,
        changes: created(review, REVIEW_AUDITED_FIELDS),
      });

      if (setsReviewState && target.reviewState && target.version !== null) {
        // the treatment's own write path (its version, its audited diff); the row is locked since lockTarget
        await this.treatments.setReviewState(
          ctx,
          { ...target, version: target.version, reviewState: target.reviewState },
          input.verdict as TreatmentEntity['reviewState'],
        );
      }
      await this.alerts.reviewRecorded(em, review.id);
      return review;
    });
  }

  /** Reviews the caller may read, newest first; optionally those of one type or one entry. */
  list<M>(
    caller: Caller,
    filter: { targetType?: ReviewTargetType | null; targetId?: string | null },
    page: PageArgs,
    map: (r: ReviewEntity) => M,
  ): Promise<Page<M>> {
    if (filter.targetId && !isUuid(filter.targetId)) throw badInput({ targetId: 'Identifiant invalide.' });
    const visible = scope(caller, 'review.read', 'r');
    const query = this.dataSource
      .getRepository(ReviewEntity)
      .createQueryBuilder('r')
      .where(visible.sql, visible.params);
    if (filter.targetType) query.andWhere('r.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('r.target_id = :targetId', { targetId: filter.targetId });
    return paginate(query, page, map);
  }

  private async lockTarget(
    em: EntityManager,
    type: ReviewTargetTypeValue,
    id: string,
  ): Promise<ReviewTarget | null> {
    const rows: {
      id: string;
      school_id: string;
      academy_id: string;
      author_id: string | null;
      status: string;
      review_state: TreatmentEntity['reviewState'] | null;
      version: number | null;
    }[] = await em.query(TARGET_QUERIES[type], [id]);
    const row = rows[0];
    if (!row) return null;
    return {
      type,
      id: row.id,
      schoolId: row.school_id,
      academyId: row.academy_id,
      authorId: row.author_id,
      status: row.status,
      reviewState: row.review_state,
      version: row.version,
    };
  }
}

function targetLabel(type: ReviewTargetTypeValue): string {
  switch (type) {
    case 'TREATMENT':
      return 'Traitement';
    case 'TOOL_DECLARATION':
      return "Déclaration d'outil";
    case 'VIOLATION':
      return 'Violation';
    case 'RIGHTS_REQUEST':
      return "Demande d'exercice des droits";
  }
}
