import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, notFound, validateAs } from '../../../../libs/core/src';
import { academyById } from '../academies/academy.loaders';
import { Academy } from '../academies/academy.model';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { visibleSchoolById } from '../schools/school.loaders';
import { SchoolEntity } from '../schools/school.entity';
import { School } from '../schools/school.model';
import { CreateUserInput, RoleGrantInput, UserFilter } from './dto/user.input';
import { grantsByUser } from './user.loaders';
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
  ): Promise<UserConnection> {
    return this.service.list(caller, filter, { first, after }, User.from);
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

  @Mutation(() => Boolean, { description: 'the caller changes its own password' })
  changePassword(
    @CurrentCaller() caller: Caller,
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
  ): Promise<boolean> {
    return this.service.changePassword(caller, currentPassword, newPassword);
  }

  @ResolveField(() => Academy)
  async academy(@Parent() user: User, @Context() ctx: GraphqlContext): Promise<Academy> {
    const academy = await academyById(ctx.loaders).load(user.academyId);
    if (!academy) throw notFound('Académie');
    return Academy.from(academy);
  }

  /** The grants the caller may see: a school it cannot read stays invisible, grant included. */
  @ResolveField(() => [RoleGrant])
  async grants(
    @Parent() user: User,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<RoleGrant[]> {
    const grants = await grantsByUser(ctx.loaders).load(user.id);
    // read through the caller's scope: a school it may not see is never loaded
    const schools = await visibleSchoolById(ctx.loaders, caller).loadMany(
      grants.map((g) => g.schoolId).filter((id): id is string => !!id),
    );
    const visible = new Set(
      schools.filter((s): s is SchoolEntity => !!s && !(s instanceof Error)).map((s) => s.id),
    );
    return grants.filter((g) => !g.schoolId || visible.has(g.schoolId)).map(RoleGrant.from);
  }
}

@Resolver(() => RoleGrant)
export class RoleGrantResolver {
  @ResolveField(() => School, { nullable: true, description: 'null for academy-wide roles (DPD, ADMIN)' })
  async school(
    @Parent() grant: RoleGrant,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<School | null> {
    if (!grant.schoolId) return null;
    const school = await visibleSchoolById(ctx.loaders, caller).load(grant.schoolId);
    return school ? School.from(school) : null;
  }
}
