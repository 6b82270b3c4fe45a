import { Caller } from '@app/core';
import { cnilOverdueSql, openOverdueRightsRequestSql } from '@app/rules';
import { canRead, readsWholeSchool } from '../access';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { groupBy, RequestLoaders } from '../common/request-loaders';
import type { ToolDeclaration } from '../declarations/tool-declaration.model';
import type { Treatment } from '../treatments/treatment.model';
import type { Violation } from '../violations/violation.model';
import type { RightsRequest } from '../rights-requests/rights-request.model';
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

export const rightsRequestReviewTarget = (request: RightsRequest): ReviewedEntry => ({
  type: 'RIGHTS_REQUEST',
  id: request.id,
  schoolId: request.schoolId,
  academyId: request.academyId,
  authorId: request.recordedById,
});

/**
 * The stats of each school, in one query for a page of schools, keyed by `${schoolId}:all` (the
 * caller reads every declaration and violation of the school) or `${schoolId}:own` (only its own: a
 * TEACHER). The school's counters have one source: school_stats, which the registers' triggers keep
 * (migrations/1764000000400-school-stats.ts) and the academy's dashboard sums too. Only what depends
 * on the reader (a TEACHER's own declarations and reports) or on now() (overdue CNIL notifications,
 * overdue rights requests) is counted from the registers. The rights-request counters are the whole
 * school's: `schoolStatsOf` gives them only to a caller who reads the school's rights requests.
 */
export const schoolStatsByKey = (loaders: RequestLoaders, caller: Caller) =>
  loaders.get<string, SchoolStats>('schoolStatsByKey', async (keys, ds) => {
    const ids = [...new Set(keys.map((key) => key.split(':')[0]))];
    const whole = [...new Set(keys.filter((key) => key.endsWith(':all')).map((key) => key.split(':')[0]))];
    const rows: {
      id: string;
      active_treatments: number;
      pending_declarations: number;
      open_violations: number;
      overdue_cnil_notifications: number;
      open_rights_requests: number;
      overdue_rights_requests: number;
    }[] = await ds.query(
      `SELECT s.id,
              coalesce(st.active_treatments, 0)::int AS active_treatments,
              CASE WHEN reader.whole THEN coalesce(st.pending_declarations, 0)::int
                   ELSE (SELECT count(*)::int FROM tool_declaration d
                          WHERE d.school_id = s.id AND d.status = 'SUBMITTED' AND d.declared_by_id = $2)
              END AS pending_declarations,
              CASE WHEN reader.whole THEN coalesce(st.open_violations, 0)::int ELSE vio.open_violations
              END AS open_violations,
              vio.overdue_cnil_notifications,
              coalesce(st.open_rights_requests, 0)::int AS open_rights_requests,
              (SELECT count(*)::int FROM rights_request r
                WHERE r.school_id = s.id AND r.status IN ('RECEIVED','AWAITING_REQUESTER','IN_PROGRESS')
                  AND ${openOverdueRightsRequestSql('r')}) AS overdue_rights_requests
         FROM school s
         LEFT JOIN school_stats st ON st.school_id = s.id
        CROSS JOIN LATERAL (SELECT s.id = ANY($3::uuid[]) AS whole) reader
        CROSS JOIN LATERAL (
              SELECT count(*)::int AS open_violations,
                     count(*) FILTER (WHERE ${cnilOverdueSql('v')})::int AS overdue_cnil_notifications
                FROM violation v
               WHERE v.school_id = s.id AND v.status = 'OPEN'
                 AND (reader.whole OR v.reported_by_id = $2)) vio
        WHERE s.id = ANY($1::uuid[])`,
      [ids, caller.userId, whole],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return keys.map((key) => {
      const row = byId.get(key.split(':')[0]);
      return {
        activeTreatments: row?.active_treatments ?? 0,
        pendingDeclarations: row?.pending_declarations ?? 0,
        openViolations: row?.open_violations ?? 0,
        overdueCnilNotifications: row?.overdue_cnil_notifications ?? 0,
        openRightsRequests: row?.open_rights_requests ?? 0,
        overdueRightsRequests: row?.overdue_rights_requests ?? 0,
      };
    });
  });

/**
 * School.stats, as the caller counts: everything of the school when it reads the school's whole
 * registers (HEAD, DPD, ADMIN), its own declarations and reports otherwise (access: `readsWholeSchool`).
 */
export function schoolStatsOf(
  ctx: GraphqlContext,
  school: { id: string; academyId: string },
): SchoolStats | Promise<SchoolStats> {
  const caller = callerOf(ctx);
  const tenant = { schoolId: school.id, academyId: school.academyId };
  const whole =
    readsWholeSchool(caller, 'declaration', tenant) && readsWholeSchool(caller, 'violation', tenant);
  const rights = readsWholeSchool(caller, 'rightsRequest', tenant);
  return schoolStatsByKey(ctx.loaders, caller).now(`${school.id}:${whole ? 'all' : 'own'}`, (stats) =>
    rights ? stats : { ...stats, openRightsRequests: 0, overdueRightsRequests: 0 },
  );
}
