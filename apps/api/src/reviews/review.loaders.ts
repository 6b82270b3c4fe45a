import { Caller } from '../../../../libs/core/src';
import { cnilOverdueSql } from '../../../../libs/rules/src';
import { canRead } from '../access';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { groupBy, RequestLoaders } from '../common/request-loaders';
import type { ToolDeclaration } from '../declarations/tool-declaration.model';
import type { Treatment } from '../treatments/treatment.model';
import type { Violation } from '../violations/violation.model';
import { SchoolStats } from './dashboard.model';
import { ReviewEntity, ReviewTargetTypeValue } from './review.entity';
import { Review } from './review.model';
import { reviewRowOf, ReviewTarget } from './reviews.service';

export const reviewTargetKey = (type: ReviewTargetTypeValue, id: string) => `${type}:${id}`;

/**
 * The reviews of each entry, newest first, keyed by `${targetType}:${targetId}`: one query for a page
 * of entries, on the review_target index.
 */
export const reviewsByTarget = (loaders: RequestLoaders) =>
  loaders.get<string, ReviewEntity[]>('reviewsByTarget', async (keys, ds) => {
    const idsByType = new Map<string, string[]>();
    for (const key of new Set(keys)) {
      const [type, id] = key.split(':');
      idsByType.set(type, [...(idsByType.get(type) ?? []), id]);
    }
    const query = ds.getRepository(ReviewEntity).createQueryBuilder('r');
    const conditions: string[] = [];
    [...idsByType.entries()].forEach(([type, ids], i) => {
      conditions.push(`(r.target_type = :type${i} AND r.target_id = ANY(:ids${i}::uuid[]))`);
      query.setParameter(`type${i}`, type).setParameter(`ids${i}`, ids);
    });
    const rows = await query
      .where(conditions.join(' OR '))
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
    return groupBy(rows, keys, (r) => reviewTargetKey(r.targetType, r.targetId));
  });

type ReviewedEntry = Pick<ReviewTarget, 'type' | 'id' | 'schoolId' | 'academyId' | 'authorId'>;

/** The reviews of an entry the caller reads, newest first; [] for a reader the rules leave out. */
export function reviewsOf(ctx: GraphqlContext, target: ReviewedEntry): Review[] | Promise<Review[]> {
  if (!canRead(callerOf(ctx), 'review', reviewRowOf(target))) return [];
  return reviewsByTarget(ctx.loaders).now(reviewTargetKey(target.type, target.id), (reviews) =>
    reviews.map(Review.from),
  );
}

/** Loads the reviews of a page's entries in one query, for `reviewsOf` to answer at once. */
export function fetchReviewsOf(ctx: GraphqlContext, targets: ReviewedEntry[]): Promise<void> {
  const caller = callerOf(ctx);
  return reviewsByTarget(ctx.loaders).fetch(
    targets
      .filter((t) => canRead(caller, 'review', reviewRowOf(t)))
      .map((t) => reviewTargetKey(t.type, t.id)),
  );
}

export const treatmentReviewTarget = (treatment: Treatment): ReviewedEntry => ({
  type: 'TREATMENT',
  id: treatment.id,
  schoolId: treatment.schoolId,
  academyId: treatment.academyId,
  authorId: null,
});

export const declarationReviewTarget = (declaration: ToolDeclaration): ReviewedEntry => ({
  type: 'TOOL_DECLARATION',
  id: declaration.id,
  schoolId: declaration.schoolId,
  academyId: declaration.academyId,
  authorId: declaration.declaredById,
});

export const violationReviewTarget = (violation: Violation): ReviewedEntry => ({
  type: 'VIOLATION',
  id: violation.id,
  schoolId: violation.schoolId,
  academyId: violation.academyId,
  authorId: violation.reportedById,
});

/**
 * The stats of each school, in one query for a page of schools. A caller who sees the school only as a
 * TEACHER counts what it may read: ACTIVE treatments, its own declarations, the violations it reported.
 */
export const schoolStatsById = (loaders: RequestLoaders, caller: Caller) =>
  loaders.get<string, SchoolStats>('schoolStatsById', async (schoolIds, ds) => {
    const rows: {
      id: string;
      active_treatments: number;
      pending_declarations: number;
      open_violations: number;
      overdue_cnil_notifications: number;
    }[] = await ds.query(
      `SELECT s.id,
              (SELECT count(*)::int FROM treatment t
                WHERE t.school_id = s.id AND t.status = 'ACTIVE') AS active_treatments,
              (SELECT count(*)::int FROM tool_declaration d
                WHERE d.school_id = s.id AND d.status = 'SUBMITTED'
                  AND (reader.full_view OR d.declared_by_id = $2)) AS pending_declarations,
              vio.open_violations,
              vio.overdue_cnil_notifications
         FROM school s
        CROSS JOIN LATERAL (SELECT ($3 OR s.academy_id = ANY($4::uuid[]) OR s.id = ANY($5::uuid[])) AS full_view) reader
        CROSS JOIN LATERAL (
              SELECT count(*)::int AS open_violations,
                     count(*) FILTER (WHERE ${cnilOverdueSql('v')})::int AS overdue_cnil_notifications
                FROM violation v
               WHERE v.school_id = s.id AND v.status = 'OPEN'
                 AND (reader.full_view OR v.reported_by_id = $2)) vio
        WHERE s.id = ANY($1::uuid[])`,
      [[...schoolIds], caller.userId, caller.isAdmin, caller.dpdAcademyIds, caller.headSchoolIds],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return schoolIds.map((id) => {
      const row = byId.get(id);
      return {
        activeTreatments: row?.active_treatments ?? 0,
        pendingDeclarations: row?.pending_declarations ?? 0,
        openViolations: row?.open_violations ?? 0,
        overdueCnilNotifications: row?.overdue_cnil_notifications ?? 0,
      };
    });
  });
