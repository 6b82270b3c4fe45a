import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, notFound } from '../../../../libs/core/src';
import { CurrentCaller } from '../auth/auth.decorators';
import { ReviewTargetType } from '../common/enums';
import { GraphqlContext } from '../common/graphql-context';
import { ToolDeclaration } from '../declarations/tool-declaration.model';
import { schoolById } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { Treatment } from '../treatments/treatment.model';
import { userById } from '../users/user.loaders';
import { User } from '../users/user.model';
import { Violation } from '../violations/violation.model';
import { ReviewInput } from './dto/review.input';
import { reviewsByTarget, reviewTargetKey } from './review.loaders';
import { Review, ReviewConnection } from './review.model';
import { mayReadReviewsOf, ReviewTarget, ReviewsService } from './reviews.service';

@Resolver(() => Review)
export class ReviewsResolver {
  constructor(private readonly service: ReviewsService) {}

  @Mutation(() => Review)
  async reviewEntry(@CurrentCaller() caller: Caller, @Args('input') input: ReviewInput): Promise<Review> {
    return Review.from(await this.service.review(caller, input));
  }

  @Query(() => ReviewConnection)
  reviews(
    @CurrentCaller() caller: Caller,
    @Args('targetType', { type: () => ReviewTargetType, nullable: true }) targetType: ReviewTargetType | null,
    @Args('targetId', { type: () => ID, nullable: true }) targetId: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ReviewConnection> {
    return this.service.list(caller, { targetType, targetId }, { first, after }, Review.from);
  }

  @ResolveField(() => School)
  async school(@Parent() review: Review, @Context() ctx: GraphqlContext): Promise<School> {
    const school = await schoolById(ctx.loaders).load(review.schoolId);
    if (!school) throw notFound('Établissement');
    return School.from(school);
  }

  @ResolveField(() => User)
  async reviewer(@Parent() review: Review, @Context() ctx: GraphqlContext): Promise<User> {
    const user = await userById(ctx.loaders).load(review.reviewerId);
    if (!user) throw notFound('Utilisateur');
    return User.from(user);
  }
}

/** The reviews of an entry the caller reads, newest first; [] for a reader the rules leave out. */
async function reviewsOf(
  caller: Caller,
  ctx: GraphqlContext,
  target: Pick<ReviewTarget, 'type' | 'id' | 'schoolId' | 'academyId' | 'authorId'>,
): Promise<Review[]> {
  if (!mayReadReviewsOf(caller, target)) return [];
  const reviews = await reviewsByTarget(ctx.loaders).load(reviewTargetKey(target.type, target.id));
  return reviews.map(Review.from);
}

@Resolver(() => Treatment)
export class TreatmentReviewsResolver {
  @ResolveField(() => [Review])
  reviews(
    @Parent() treatment: Treatment,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<Review[]> {
    return reviewsOf(caller, ctx, {
      type: 'TREATMENT',
      id: treatment.id,
      schoolId: treatment.schoolId,
      academyId: treatment.academyId,
      authorId: null,
    });
  }
}

@Resolver(() => ToolDeclaration)
export class ToolDeclarationReviewsResolver {
  @ResolveField(() => [Review])
  reviews(
    @Parent() declaration: ToolDeclaration,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<Review[]> {
    return reviewsOf(caller, ctx, {
      type: 'TOOL_DECLARATION',
      id: declaration.id,
      schoolId: declaration.schoolId,
      academyId: declaration.academyId,
      authorId: declaration.declaredById,
    });
  }
}

@Resolver(() => Violation)
export class ViolationReviewsResolver {
  @ResolveField(() => [Review])
  reviews(
    @Parent() violation: Violation,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<Review[]> {
    return reviewsOf(caller, ctx, {
      type: 'VIOLATION',
      id: violation.id,
      schoolId: violation.schoolId,
      academyId: violation.academyId,
      authorId: violation.reportedById,
    });
  }
}
