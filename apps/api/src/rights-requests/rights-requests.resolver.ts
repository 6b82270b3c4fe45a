import { Args, Context, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { fetchSelectedRelations, listPageArgs } from '../common/selection';
import { Review } from '../reviews/review.model';
import { fetchReviewsOf, reviewsOf, rightsRequestReviewTarget } from '../reviews/review.loaders';
import { schoolById, schoolOf } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { Treatment } from '../treatments/treatment.model';
import { userById, userOf } from '../users/user.loaders';
import { User } from '../users/user.model';
import {
  RightsRequestFilter,
  RightsRequestInput,
  RightsRequestPatch,
  RightsRequestTransitionInput,
} from './dto/rights-request.input';
import { treatmentsByRightsRequest, visibleTreatmentsOf } from './rights-request.loaders';
import { RightsRequest, RightsRequestConnection } from './rights-request.model';
import { RightsRequestsService } from './rights-requests.service';

@Resolver(() => RightsRequest)
export class RightsRequestsResolver {
  constructor(private readonly service: RightsRequestsService) {}

  @Query(() => RightsRequestConnection)
  async rightsRequests(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => RightsRequestFilter, nullable: true }) filter: RightsRequestFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() ctx: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RightsRequestConnection> {
    const now = new Date();
    const page = await this.service.list(caller, filter, listPageArgs(info, first, after), (r) =>
      RightsRequest.from(r, now),
    );
    await fetchSelectedRelations(info, {
      school: () => schoolById(ctx.loaders).fetch(page.nodes.map((r) => r.schoolId)),
      recordedBy: () => userById(ctx.loaders).fetch(page.nodes.map((r) => r.recordedById)),
      treatments: () => treatmentsByRightsRequest(ctx.loaders).fetch(page.nodes.map((r) => r.id)),
      reviews: () => fetchReviewsOf(ctx, page.nodes.map(rightsRequestReviewTarget)),
    });
    return page;
  }

  @Query(() => RightsRequest, { nullable: true })
  async rightsRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<RightsRequest | null> {
    const request = await this.service.findVisible(caller, id);
    return request ? RightsRequest.from(request) : null;
  }

  @Mutation(() => RightsRequest)
  async recordRightsRequest(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RightsRequestInput,
  ): Promise<RightsRequest> {
    return RightsRequest.from(await this.service.record(caller, input));
  }

  @Mutation(() => RightsRequest)
  async updateRightsRequest(
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: RightsRequestPatch,
  ): Promise<RightsRequest> {
    const request = await this.service.update(caller, id, version, input);
    treatmentsByRightsRequest(ctx.loaders).clear(request.id);
    return RightsRequest.from(request);
  }

  @Mutation(() => RightsRequest)
  async transitionRightsRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: RightsRequestTransitionInput,
  ): Promise<RightsRequest> {
    return RightsRequest.from(await this.service.transition(caller, id, version, input));
  }

  @ResolveField(() => School)
  school(request: RightsRequest, _args: unknown, ctx: GraphqlContext): School | Promise<School> {
    return schoolOf(ctx.loaders, request.schoolId);
  }

  @ResolveField(() => User)
  recordedBy(request: RightsRequest, _args: unknown, ctx: GraphqlContext): User | Promise<User> {
    return userOf(ctx.loaders, request.recordedById);
  }

  /** The treatments concerned, as far as the caller reads them. */
  @ResolveField(() => [Treatment])
  treatments(
    request: RightsRequest,
    _args: unknown,
    ctx: GraphqlContext,
  ): Treatment[] | Promise<Treatment[]> {
    return visibleTreatmentsOf(ctx, request.id);
  }

  @ResolveField(() => [Review])
  reviews(request: RightsRequest, _args: unknown, ctx: GraphqlContext): Review[] | Promise<Review[]> {
    return reviewsOf(ctx, rightsRequestReviewTarget(request));
  }
}
