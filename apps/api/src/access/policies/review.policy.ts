import { ReviewEntity, ReviewTargetTypeValue } from '../../reviews/review.entity';
import { definePolicy, ownColumns } from '../policy';

/** A review, or the reviews of one entry: where the entry belongs, and its author. */
export interface ReviewRow {
  schoolId: string;
  academyId: string;
  targetType: ReviewTargetTypeValue;
  /** the declaration's author or the violation's reporter; null for a treatment */
  targetAuthorId: string | null;
}

/** `limited`: the reviews on the caller's own declarations. */
export const reviewPolicy = definePolicy<ReviewRow>({
  name: 'review',
  tenantOf: ownColumns,
  limited: {
    sql: (alias) => `${alias}.target_type = 'TOOL_DECLARATION' AND EXISTS (SELECT 1 FROM tool_declaration own
                  WHERE own.id = ${alias}.target_id AND own.declared_by_id = :reviewsReaderId)`,
    params: (caller) => ({ reviewsReaderId: caller.userId }),
    row: (caller, r) => r.targetType === 'TOOL_DECLARATION' && r.targetAuthorId === caller.userId,
  },
  isolation: { entity: ReviewEntity, graphqlType: 'Review' },
});
