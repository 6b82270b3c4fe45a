import { Args, Context, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller, validateAs } from '@app/core';
import { academyOf } from '../academies/academy.loaders';
import { Academy } from '../academies/academy.model';
import { CurrentCaller } from '../auth/auth.decorators';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { listPageArgs } from '../common/selection';
import { visibleSchoolById } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { CreateUserInput, RoleGrantInput, UserFilter } from './dto/user.input';
import { visibleGrantsOf } from './user.loaders';
import { RoleGrant, User, UserConnection } from './user.model';
import { UsersService } from './users.service';

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Query(() => User)
  async me(@CurrentCaller() caller: Caller): Promise<User> {
    return User.from(await this.service.me(caller));
  }

  @Query(() => UserConnection)
  users(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter: UserFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<UserConnection> {
    return this.service.list(caller, filter, listPageArgs(info, first, after), User.from);
  }

  @Mutation(() => User)
  async createUser(@CurrentCaller() caller: Caller, @Args('input') input: CreateUserInput): Promise<User> {
    return User.from(await this.service.create(caller, input));
  }

  @Mutation(() => User, {
    description: "replaces the user's grants (a new head at the rentrée, a teacher joining a second school)",
  })
  async updateUserGrants(
    @CurrentCaller() caller: Caller,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('grants', { type: () => [RoleGrantInput] }) grants: RoleGrantInput[],
  ): Promise<User> {
    const checked = grants.map((grant, i) => validateAs(RoleGrantInput, grant, `grants.${i}`));
    return User.from(await this.service.updateGrants(caller, userId, checked));
  }

  @Mutation(() => User, {
    description: 'a deactivated user can no longer log in, and its tokens stop working at once',
  })
  async setUserActive(
    @CurrentCaller() caller: Caller,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('active') active: boolean,
  ): Promise<User> {
    return User.from(await this.service.setActive(caller, userId, active));
  }

  @Mutation(() => Boolean, {
    description:
      'the caller changes its own password; every session of the user ends, this one included (log in again)',
  })
  changePassword(
    @CurrentCaller() caller: Caller,
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
    @Context() ctx: GraphqlContext,
  ): Promise<boolean> {
    return this.service.changePassword(caller, currentPassword, newPassword, ctx.req.ip ?? 'unknown');
  }

  @ResolveField(() => Academy)
  academy(user: User, _args: unknown, ctx: GraphqlContext): Academy | Promise<Academy> {
    return academyOf(ctx.loaders, user.academyId);
  }

  /** The grants the caller may see: a school it cannot read stays invisible, grant included. */
  @ResolveField(() => [RoleGrant])
  grants(user: User, _args: unknown, ctx: GraphqlContext): Promise<RoleGrant[]> {
    return visibleGrantsOf(ctx, user.id);
  }
}

@Resolver(() => RoleGrant)
export class RoleGrantResolver {
  @ResolveField(() => School, { nullable: true, description: 'null for academy-wide roles (DPD, ADMIN)' })
  school(grant: RoleGrant, _args: unknown, ctx: GraphqlContext): School | null | Promise<School | null> {
    if (!grant.schoolId) return null;
    return visibleSchoolById(ctx.loaders, callerOf(ctx)).now(grant.schoolId, (school) =>
      school ? School.from(school) : null,
    );
  }
}
