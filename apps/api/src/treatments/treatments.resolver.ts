import { Args, Context, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { fetchSelectedRelations, listPageArgs } from '../common/selection';
import { fetchReviewsOf, treatmentReviewTarget } from '../reviews/review.loaders';
import { schoolById, schoolOf } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { TreatmentFilter, TreatmentInput, TreatmentPatch } from './dto/treatment.input';
import { Treatment, TreatmentConnection } from './treatment.model';
import { TreatmentsService } from './treatments.service';

@Resolver(() => Treatment)
export class TreatmentsResolver {
  constructor(private readonly service: TreatmentsService) {}

  @Query(() => TreatmentConnection)
  async treatments(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => TreatmentFilter, nullable: true }) filter: TreatmentFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() ctx: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TreatmentConnection> {
    const page = await this.service.list(caller, filter, listPageArgs(info, first, after), Treatment.from);
    await fetchSelectedRelations(info, {
      school: () => schoolById(ctx.loaders).fetch(page.nodes.map((t) => t.schoolId)),
      reviews: () => fetchReviewsOf(ctx, page.nodes.map(treatmentReviewTarget)),
    });
    return page;
  }

  @Query(() => Treatment, { nullable: true })
  async treatment(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Treatment | null> {
    const treatment = await this.service.findVisible(caller, id);
    return treatment ? Treatment.from(treatment) : null;
  }

  @Mutation(() => Treatment)
  async createTreatment(
    @CurrentCaller() caller: Caller,
    @Args('input') input: TreatmentInput,
  ): Promise<Treatment> {
    return Treatment.from(await this.service.create(caller, input));
  }

  @Mutation(() => Treatment)
  async updateTreatment(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: TreatmentPatch,
  ): Promise<Treatment> {
    return Treatment.from(await this.service.update(caller, id, version, input));
  }

  @Mutation(() => Treatment)
  async archiveTreatment(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<Treatment> {
    return Treatment.from(await this.service.archive(caller, id, reason));
  }

  @ResolveField(() => School)
  school(treatment: Treatment, _args: unknown, ctx: GraphqlContext): School | Promise<School> {
    return schoolOf(ctx.loaders, treatment.schoolId);
  }
}
