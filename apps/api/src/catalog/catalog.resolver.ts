import { Args, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller } from '@app/core';
import { academyOf } from '../academies/academy.loaders';
import { Academy } from '../academies/academy.model';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { listPageArgs } from '../common/selection';
import { ToolDeclaration } from '../declarations/tool-declaration.model';
import { userOf } from '../users/user.loaders';
import { User } from '../users/user.model';
import { catalogToolUse, visibleCatalogToolOf, visibleCatalogToolsOf } from './catalog-tool.loaders';
import { CatalogCandidateConnection, CatalogTool, CatalogToolConnection } from './catalog-tool.model';
import { CatalogService } from './catalog.service';
import { CatalogFilter, CatalogToolInput, CatalogToolPatch } from './dto/catalog-tool.input';

@Resolver(() => CatalogTool)
export class CatalogResolver {
  constructor(private readonly service: CatalogService) {}

  @Query(() => CatalogToolConnection)
  catalogTools(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CatalogFilter, nullable: true }) filter: CatalogFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CatalogToolConnection> {
    return this.service.list(caller, filter, listPageArgs(info, first, after), CatalogTool.from);
  }

  @Query(() => CatalogTool, { nullable: true })
  async catalogTool(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CatalogTool | null> {
    const entry = await this.service.findVisible(caller, id);
    return entry ? CatalogTool.from(entry) : null;
  }

  @Query(() => CatalogCandidateConnection)
  catalogCandidates(
    @CurrentCaller() caller: Caller,
    @Args('academyId', { type: () => ID, nullable: true }) academyId: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CatalogCandidateConnection> {
    return this.service.candidates(caller, academyId, listPageArgs(info, first, after));
  }

  @Mutation(() => CatalogTool)
  async createCatalogTool(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CatalogToolInput,
  ): Promise<CatalogTool> {
    return CatalogTool.from(await this.service.create(caller, input));
  }

  @Mutation(() => CatalogTool)
  async updateCatalogTool(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: CatalogToolPatch,
  ): Promise<CatalogTool> {
    return CatalogTool.from(await this.service.update(caller, id, version, input));
  }

  @Mutation(() => CatalogTool, {
    description: 'link declarations to an entry by hand (a spelling the aliases did not catch)',
  })
  async linkDeclarationsToCatalog(
    @CurrentCaller() caller: Caller,
    @Args('catalogToolId', { type: () => ID }) catalogToolId: string,
    @Args('declarationIds', { type: () => [ID] }) declarationIds: string[],
  ): Promise<CatalogTool> {
    return CatalogTool.from(await this.service.link(caller, catalogToolId, declarationIds));
  }

  @ResolveField(() => Academy)
  academy(entry: CatalogTool, _args: unknown, ctx: GraphqlContext): Academy | Promise<Academy> {
    return academyOf(ctx.loaders, entry.academyId);
  }

  @ResolveField(() => [CatalogTool], { description: 'catalogue entries to use instead' })
  alternatives(entry: CatalogTool, _args: unknown, ctx: GraphqlContext): Promise<CatalogTool[]> {
    return visibleCatalogToolsOf(ctx, entry.alternativeIds);
  }

  @ResolveField(() => Int, {
    description: 'schools with at least one linked declaration that is not WITHDRAWN',
  })
  async schoolCount(entry: CatalogTool, _args: unknown, ctx: GraphqlContext): Promise<number> {
    return (await catalogToolUse(ctx.loaders).load(entry.id)).schoolCount;
  }

  @ResolveField(() => Int)
  async declarationCount(entry: CatalogTool, _args: unknown, ctx: GraphqlContext): Promise<number> {
    return (await catalogToolUse(ctx.loaders).load(entry.id)).declarationCount;
  }

  @ResolveField(() => User, { nullable: true, description: 'who last set the opinion, and when' })
  reviewedBy(entry: CatalogTool, _args: unknown, ctx: GraphqlContext): User | null | Promise<User> {
    return entry.reviewedById ? userOf(ctx.loaders, entry.reviewedById) : null;
  }
}

/** ToolDeclaration.catalogTool: the entry it is linked to (live), as far as the caller reads it. */
@Resolver(() => ToolDeclaration)
export class DeclarationCatalogResolver {
  @ResolveField(() => CatalogTool, { nullable: true })
  catalogTool(
    declaration: ToolDeclaration,
    _args: unknown,
    ctx: GraphqlContext,
  ): CatalogTool | null | Promise<CatalogTool | null> {
    return declaration.catalogToolId ? visibleCatalogToolOf(ctx, declaration.catalogToolId) : null;
  }
}
