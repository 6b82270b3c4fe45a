import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ReviewTargetType, ReviewVerdict } from '../common/enums';
import { PageInfo } from '../common/page-info.model';
import { ReviewEntity } from './review.entity';

/** The DPD's verdict or comment. `school` and `reviewer` are resolved by field resolvers. */
@ObjectType()
export class Review {
  @Field(() => ID) id: string;
  @Field(() => ReviewTargetType) targetType: ReviewTargetType;
  @Field(() => ID) targetId: string;
  @Field(() => ReviewVerdict) verdict: ReviewVerdict;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field() createdAt: Date;
  schoolId: string;
  academyId: string;
  reviewerId: string;

  static from(e: ReviewEntity): Review {
    return Object.assign(new Review(), {
      id: e.id,
      targetType: e.targetType,
      targetId: e.targetId,
      verdict: e.verdict,
      comment: e.comment,
      createdAt: e.createdAt,
      schoolId: e.schoolId,
      academyId: e.academyId,
      reviewerId: e.reviewerId,
    });
  }
}

@ObjectType()
export class ReviewConnection {
  @Field(() => [Review]) nodes: Review[];
  /** null only when the operation does not select it (libs/core/src/pagination.ts, Page) */
  @Field(() => Int) totalCount: number | null;
  @Field(() => PageInfo) pageInfo: PageInfo;
}
