import { Args, Context, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { fetchSelectedRelations, listPageArgs } from '../common/selection';
import { declarationReviewTarget, fetchReviewsOf } from '../reviews/review.loaders';
import { schoolById, schoolOf } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { visibleTreatmentOf } from '../treatments/treatment.loaders';
import { Treatment } from '../treatments/treatment.model';
import { userById, userOf } from '../users/user.loaders';
import { User } from '../users/user.model';
import { DeclarationsService } from './declarations.service';
import {
  DeclarationDecisionInput,
  DeclarationFilter,
  ToolDeclarationInput,
  ToolDeclarationPatch,
} from './dto/tool-declaration.input';
import { visibleDeclarationsOf } from './tool-declaration.loaders';
import { ToolDeclaration, ToolDeclarationConnection } from './tool-declaration.model';

@Resolver(() => ToolDeclaration)
export class DeclarationsResolver {
  constructor(private readonly service: DeclarationsService) {}

  @Query(() => ToolDeclarationConnection)
  async toolDeclarations(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => DeclarationFilter, nullable: true }) filter: DeclarationFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() ctx: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ToolDeclarationConnection> {
    const page = await this.service.list(
      caller,
      filter,
      listPageArgs(info, first, after),
      ToolDeclaration.from,
    );
    await fetchSelectedRelations(info, {
      school: () => schoolById(ctx.loaders).fetch(page.nodes.map((d) => d.schoolId)),
      declaredBy: () => userById(ctx.loaders).fetch(page.nodes.map((d) => d.declaredById)),
      reviews: () => fetchReviewsOf(ctx, page.nodes.map(declarationReviewTarget)),
    });
    return page;
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
  school(declaration: ToolDeclaration, _args: unknown, ctx: GraphqlContext): School | Promise<School> {
    return schoolOf(ctx.loaders, declaration.schoolId);
  }

  @ResolveField(() => User)
  declaredBy(declaration: ToolDeclaration, _args: unknown, ctx: GraphqlContext): User | Promise<User> {
    return userOf(ctx.loaders, declaration.declaredById);
  }

  /** null until approved, and for a teacher once the treatment is archived (it no longer reads it). */
  @ResolveField(() => Treatment, {
    nullable: true,
    description: 'the register entry this declaration was filed under, once approved',
  })
  treatment(
    declaration: ToolDeclaration,
    _args: unknown,
    ctx: GraphqlContext,
  ): Treatment | null | Promise<Treatment | null> {
    return declaration.treatmentId ? visibleTreatmentOf(ctx, declaration.treatmentId) : null;
  }
}

/** Treatment.declarations: what an entry came from, as far as the caller may read declarations. */
@Resolver(() => Treatment)
export class TreatmentDeclarationsResolver {
  @ResolveField(() => [ToolDeclaration])
  declarations(
    treatment: Treatment,
    _args: unknown,
    ctx: GraphqlContext,
  ): ToolDeclaration[] | Promise<ToolDeclaration[]> {
    return visibleDeclarationsOf(ctx, treatment.id);
  }
}
