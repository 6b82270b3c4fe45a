import { Args, Context, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { fetchSelectedRelations, listPageArgs } from '../common/selection';
import { fetchReviewsOf, violationReviewTarget } from '../reviews/review.loaders';
import { schoolById, schoolOf } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { Treatment } from '../treatments/treatment.model';
import { userById, userOf } from '../users/user.loaders';
import { User } from '../users/user.model';
import { ViolationFilter, ViolationInput, ViolationPatch } from './dto/violation.input';
import { treatmentsByViolation, visibleTreatmentsOf } from './violation.loaders';
import { Violation, ViolationConnection } from './violation.model';
import { ViolationsService } from './violations.service';

@Resolver(() => Violation)
export class ViolationsResolver {
  constructor(private readonly service: ViolationsService) {}

  @Query(() => ViolationConnection)
  async violations(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => ViolationFilter, nullable: true }) filter: ViolationFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() ctx: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ViolationConnection> {
    const now = new Date();
    const page = await this.service.list(caller, filter, listPageArgs(info, first, after), (v) =>
      Violation.from(v, now),
    );
    await fetchSelectedRelations(info, {
      school: () => schoolById(ctx.loaders).fetch(page.nodes.map((v) => v.schoolId)),
      reportedBy: () => userById(ctx.loaders).fetch(page.nodes.map((v) => v.reportedById)),
      reviews: () => fetchReviewsOf(ctx, page.nodes.map(violationReviewTarget)),
    });
    return page;
  }

  @Query(() => Violation, { nullable: true })
  async violation(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Violation | null> {
    const violation = await this.service.findVisible(caller, id);
    return violation ? Violation.from(violation) : null;
  }

  @Mutation(() => Violation)
  async recordViolation(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ViolationInput,
  ): Promise<Violation> {
    return Violation.from(await this.service.record(caller, input));
  }

  @Mutation(() => Violation)
  async updateViolation(
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: ViolationPatch,
  ): Promise<Violation> {
    const violation = await this.service.update(caller, id, version, input);
    treatmentsByViolation(ctx.loaders).clear(violation.id);
    return Violation.from(violation);
  }

  @Mutation(() => Violation)
  async closeViolation(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<Violation> {
    return Violation.from(await this.service.close(caller, id, version));
  }

  @ResolveField(() => School)
  school(violation: Violation, _args: unknown, ctx: GraphqlContext): School | Promise<School> {
    return schoolOf(ctx.loaders, violation.schoolId);
  }

  @ResolveField(() => User)
  reportedBy(violation: Violation, _args: unknown, ctx: GraphqlContext): User | Promise<User> {
    return userOf(ctx.loaders, violation.reportedById);
  }

  /** The treatments concerned, as far as the caller may read them (a TEACHER: the ACTIVE ones). */
  @ResolveField(() => [Treatment])
  treatments(violation: Violation, _args: unknown, ctx: GraphqlContext): Treatment[] | Promise<Treatment[]> {
    return visibleTreatmentsOf(ctx, violation.id);
  }
}
