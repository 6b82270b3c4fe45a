import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, notFound } from '../../../../libs/core/src';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { schoolById } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { Treatment } from '../treatments/treatment.model';
import { canReadTreatment } from '../treatments/treatments.service';
import { userById } from '../users/user.loaders';
import { User } from '../users/user.model';
import { ViolationFilter, ViolationInput, ViolationPatch } from './dto/violation.input';
import { treatmentsByViolation } from './violation.loaders';
import { Violation, ViolationConnection } from './violation.model';
import { ViolationsService } from './violations.service';

@Resolver(() => Violation)
export class ViolationsResolver {
  constructor(private readonly service: ViolationsService) {}

  @Query(() => ViolationConnection)
  violations(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => ViolationFilter, nullable: true }) filter: ViolationFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ViolationConnection> {
    const now = new Date();
    return this.service.list(caller, filter, { first, after }, (v) => Violation.from(v, now));
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
  async school(@Parent() violation: Violation, @Context() ctx: GraphqlContext): Promise<School> {
    const school = await schoolById(ctx.loaders).load(violation.schoolId);
    if (!school) throw notFound('Établissement');
    return School.from(school);
  }

  @ResolveField(() => User)
  async reportedBy(@Parent() violation: Violation, @Context() ctx: GraphqlContext): Promise<User> {
    const user = await userById(ctx.loaders).load(violation.reportedById);
    if (!user) throw notFound('Utilisateur');
    return User.from(user);
  }

  /** The treatments concerned, as far as the caller may read them (a TEACHER: the ACTIVE ones). */
  @ResolveField(() => [Treatment])
  async treatments(
    @Parent() violation: Violation,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<Treatment[]> {
    const treatments = await treatmentsByViolation(ctx.loaders).load(violation.id);
    return treatments.filter((t) => canReadTreatment(caller, t)).map(Treatment.from);
  }
}
