import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, notFound } from '../../../../libs/core/src';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { schoolById } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { treatmentById } from '../treatments/treatment.loaders';
import { Treatment } from '../treatments/treatment.model';
import { canReadTreatment } from '../treatments/treatments.service';
import { userById } from '../users/user.loaders';
import { User } from '../users/user.model';
import { canReadDeclaration, DeclarationsService } from './declarations.service';
import {
  DeclarationDecisionInput,
  DeclarationFilter,
  ToolDeclarationInput,
  ToolDeclarationPatch,
} from './dto/tool-declaration.input';
import { declarationsByTreatment } from './tool-declaration.loaders';
import { ToolDeclaration, ToolDeclarationConnection } from './tool-declaration.model';

@Resolver(() => ToolDeclaration)
export class DeclarationsResolver {
  constructor(private readonly service: DeclarationsService) {}

  @Query(() => ToolDeclarationConnection)
  toolDeclarations(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => DeclarationFilter, nullable: true }) filter: DeclarationFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ToolDeclarationConnection> {
    return this.service.list(caller, filter, { first, after }, ToolDeclaration.from);
  }

  @Query(() => ToolDeclaration, { nullable: true })
  async toolDeclaration(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ToolDeclaration | null> {
    const declaration = await this.service.findVisible(caller, id);
    return declaration ? ToolDeclaration.from(declaration) : null;
  }

  @Mutation(() => ToolDeclaration)
  async createToolDeclaration(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ToolDeclarationInput,
    @Context() ctx: GraphqlContext,
  ): Promise<ToolDeclaration> {
    const { declaration, school } = await this.service.create(caller, input);
    schoolById(ctx.loaders).prime(school.id, school);
    return ToolDeclaration.from(declaration);
  }

  @Mutation(() => ToolDeclaration)
  async updateToolDeclaration(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: ToolDeclarationPatch,
  ): Promise<ToolDeclaration> {
    return ToolDeclaration.from(await this.service.update(caller, id, version, input));
  }

  @Mutation(() => ToolDeclaration)
  async submitToolDeclaration(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ToolDeclaration> {
    return ToolDeclaration.from(await this.service.submit(caller, id));
  }

  @Mutation(() => ToolDeclaration)
  async withdrawToolDeclaration(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ToolDeclaration> {
    return ToolDeclaration.from(await this.service.withdraw(caller, id));
  }

  @Mutation(() => ToolDeclaration)
  async decideToolDeclaration(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: DeclarationDecisionInput,
  ): Promise<ToolDeclaration> {
    return ToolDeclaration.from(await this.service.decide(caller, id, input));
  }

  @ResolveField(() => School)
  async school(@Parent() declaration: ToolDeclaration, @Context() ctx: GraphqlContext): Promise<School> {
    const school = await schoolById(ctx.loaders).load(declaration.schoolId);
    if (!school) throw notFound('Établissement');
    return School.from(school);
  }

  @ResolveField(() => User)
  async declaredBy(@Parent() declaration: ToolDeclaration, @Context() ctx: GraphqlContext): Promise<User> {
    const user = await userById(ctx.loaders).load(declaration.declaredById);
    if (!user) throw notFound('Utilisateur');
    return User.from(user);
  }

  /** null until approved, and for a teacher once the treatment is archived (it no longer reads it). */
  @ResolveField(() => Treatment, {
    nullable: true,
    description: 'the register entry this declaration was filed under, once approved',
  })
  async treatment(
    @Parent() declaration: ToolDeclaration,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<Treatment | null> {
    if (!declaration.treatmentId) return null;
    const treatment = await treatmentById(ctx.loaders).load(declaration.treatmentId);
    return treatment && canReadTreatment(caller, treatment) ? Treatment.from(treatment) : null;
  }
}

/** Treatment.declarations: what an entry came from, as far as the caller may read declarations. */
@Resolver(() => Treatment)
export class TreatmentDeclarationsResolver {
  @ResolveField(() => [ToolDeclaration])
  async declarations(
    @Parent() treatment: Treatment,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<ToolDeclaration[]> {
    const declarations = await declarationsByTreatment(ctx.loaders).load(treatment.id);
    return declarations.filter((d) => canReadDeclaration(caller, d)).map(ToolDeclaration.from);
  }
}
