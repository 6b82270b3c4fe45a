import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  badInput,
  Caller,
  conflict,
  forbidden,
  isUuid,
  notFound,
  Page,
  PageArgs,
  scopeFor,
} from '../../../../libs/core/src';
import { paginate } from '../../../../libs/database/src';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { created } from '../audit/changes';
import { ReviewTargetType, ReviewVerdict } from '../common/enums';
import { ReviewInput } from './dto/review.input';
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
  reviewState: string | null;
}

/**
 * May the caller read the reviews of this entry (RULES.md, "read reviews")? DPD: its academy; HEAD: its
 * schools' entries; TEACHER: its own declarations only; ADMIN: all.
 */
export function mayReadReviewsOf(
  caller: Caller,
  target: Pick<ReviewTarget, 'type' | 'schoolId' | 'academyId' | 'authorId'>,
): boolean {
  if (caller.isAdmin || caller.isDpdOf(target.academyId) || caller.isHeadOf(target.schoolId)) return true;
  return (
    target.type === 'TOOL_DECLARATION' &&
    caller.isTeacherOf(target.schoolId) &&
    target.authorId === caller.userId
  );
}

/** May the caller read the entry itself (the registers' read rules)? Anything else is invisible. */
function mayReadEntry(caller: Caller, target: ReviewTarget): boolean {
  if (caller.isAdmin || caller.isDpdOf(target.academyId) || caller.isHeadOf(target.schoolId)) return true;
  if (!caller.isTeacherOf(target.schoolId)) return false;
  switch (target.type) {
    case 'TREATMENT':
      return target.status === 'ACTIVE';
    case 'TOOL_DECLARATION':
    case 'VIOLATION':
      return target.authorId === caller.userId;
  }
}

/** The SQL that reads one entry of each register; a treatment is locked, its reviewState may change. */
const TARGET_QUERIES: Record<ReviewTargetTypeValue, string> = {
  TREATMENT: `SELECT id, school_id, academy_id, NULL::uuid AS author_id, status, review_state
                FROM treatment WHERE id = $1 FOR UPDATE`,
  TOOL_DECLARATION: `SELECT id, school_id, academy_id, declared_by_id AS author_id, status, NULL AS review_state
                       FROM tool_declaration WHERE id = $1`,
  VIOLATION: `SELECT id, school_id, academy_id, reported_by_id AS author_id, status, NULL AS review_state
                FROM violation WHERE id = $1`,
};

const VERDICTS_SETTING_REVIEW_STATE: string[] = [ReviewVerdict.APPROVED, ReviewVerdict.CHANGES_REQUESTED];
const VERDICTS_NEEDING_COMMENT: string[] = [ReviewVerdict.CHANGES_REQUESTED, ReviewVerdict.COMMENT];

@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
  ) {}

  /**
   * The DPD's verdict on an entry of its academy. On a treatment, APPROVED and CHANGES_REQUESTED set
   * its reviewState (a new version); COMMENT leaves it as it is. Reviews are never edited.
   */
  review(caller: Caller, input: ReviewInput): Promise<ReviewEntity> {
    return this.tx.run(caller, async ({ em, audit }) => {
      const target = await this.lockTarget(em, input.targetType, input.targetId);
      if (!target || !mayReadEntry(caller, target)) throw notFound(targetLabel(input.targetType));
      if (!caller.isDpdOf(target.academyId)) {
        throw forbidden("Seul le délégué à la protection des données de l'académie donne un avis.");
      }
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

      if (setsReviewState && target.reviewState !== input.verdict) {
        // the row is locked since lockTarget: no version check needed, but a new version all the same,
        // so an edit prepared on the previous one is refused as stale
        await em.query(
          `UPDATE treatment SET review_state = $2, version = version + 1, updated_at = now() WHERE id = $1`,
          [target.id, input.verdict],
        );
        audit({
          action: 'UPDATE',
          entityType: 'Treatment',
          entityId: target.id,
          schoolId: target.schoolId,
          academyId: target.academyId,
          changes: { reviewState: [target.reviewState, input.verdict] },
        });
      }
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
    const scope = scopeFor(caller, 'r', {
      head: true,
      teacher: `r.target_type = 'TOOL_DECLARATION' AND EXISTS (SELECT 1 FROM tool_declaration own
                  WHERE own.id = r.target_id AND own.declared_by_id = :reviewsReaderId)`,
    });
    const query = this.dataSource
      .getRepository(ReviewEntity)
      .createQueryBuilder('r')
      .where(scope.sql, { ...scope.params, reviewsReaderId: caller.userId });
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
      review_state: string | null;
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
  }
}
