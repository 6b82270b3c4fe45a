import { Args, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller } from '@app/core';
import { academyOf } from '../academies/academy.loaders';
import { Academy } from '../academies/academy.model';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { listPageArgs } from '../common/selection';
import { User } from '../users/user.model';
import { SchoolPatch } from './dto/school-patch.input';
import { CreateSchoolInput, SchoolFilter } from './dto/school.input';
import { headsBySchool } from './school.loaders';
import { School, SchoolConnection } from './school.model';
import { SchoolsService } from './schools.service';

@Resolver(() => School)
export class SchoolsResolver {
  constructor(private readonly service: SchoolsService) {}

  @Query(() => SchoolConnection)
  schools(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => SchoolFilter, nullable: true }) filter: SchoolFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SchoolConnection> {
    return this.service.list(caller, filter, listPageArgs(info, first, after), School.from);
  }

  @Query(() => School, { nullable: true })
  async school(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<School | null> {
    const school = await this.service.findVisible(caller, id);
    return school ? School.from(school) : null;
  }

  @Mutation(() => School)
  async createSchool(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateSchoolInput,
  ): Promise<School> {
    return School.from(await this.service.create(caller, input));
  }

  @Mutation(() => School, {
    description:
      'ADMIN; a HEAD of the school for its address, email and phone. `version`, when given, must be current',
  })
  async updateSchool(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: SchoolPatch,
    @Args('version', { type: () => Int, nullable: true }) version: number | null,
  ): Promise<School> {
    return School.from(await this.service.update(caller, id, input, version));
  }

  @ResolveField(() => Academy)
  academy(school: School, _args: unknown, ctx: GraphqlContext): Academy | Promise<Academy> {
    return academyOf(ctx.loaders, school.academyId);
  }

  @ResolveField(() => [User], {
    description: "users holding a HEAD grant on this school: the controller's representatives",
  })
  heads(school: School, _args: unknown, ctx: GraphqlContext): User[] | Promise<User[]> {
    return headsBySchool(ctx.loaders).now(school.id, (heads) => heads.map(User.from));
  }
}
