import { Args, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { ReviewTargetType } from '../common/enums';
import { GraphqlContext } from '../common/graphql-context';
import { listPageArgs } from '../common/selection';
import { ToolDeclaration } from '../declarations/tool-declaration.model';
import { schoolOf } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { Treatment } from '../treatments/treatment.model';
import { userOf } from '../users/user.loaders';
import { User } from '../users/user.model';
import { Violation } from '../violations/violation.model';
import { ReviewInput } from './dto/review.input';
import {
  declarationReviewTarget,
  reviewsOf,
  treatmentReviewTarget,
  violationReviewTarget,
} from './review.loaders';
import { Review, ReviewConnection } from './review.model';
import { ReviewsService } from './reviews.service';

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
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReviewConnection> {
    return this.service.list(caller, { targetType, targetId }, listPageArgs(info, first, after), Review.from);
  }

  @ResolveField(() => School)
  school(review: Review, _args: unknown, ctx: GraphqlContext): School | Promise<School> {
    return schoolOf(ctx.loaders, review.schoolId);
  }

  @ResolveField(() => User)
  reviewer(review: Review, _args: unknown, ctx: GraphqlContext): User | Promise<User> {
    return userOf(ctx.loaders, review.reviewerId);
  }
}

@Resolver(() => Treatment)
export class TreatmentReviewsResolver {
  @ResolveField(() => [Review])
  reviews(treatment: Treatment, _args: unknown, ctx: GraphqlContext): Review[] | Promise<Review[]> {
    return reviewsOf(ctx, treatmentReviewTarget(treatment));
  }
}

@Resolver(() => ToolDeclaration)
export class ToolDeclarationReviewsResolver {
  @ResolveField(() => [Review])
  reviews(declaration: ToolDeclaration, _args: unknown, ctx: GraphqlContext): Review[] | Promise<Review[]> {
    return reviewsOf(ctx, declarationReviewTarget(declaration));
  }
}

@Resolver(() => Violation)
export class ViolationReviewsResolver {
  @ResolveField(() => [Review])
  reviews(violation: Violation, _args: unknown, ctx: GraphqlContext): Review[] | Promise<Review[]> {
    return reviewsOf(ctx, violationReviewTarget(violation));
  }
}
