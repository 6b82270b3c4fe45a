import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller } from '../../../../libs/core/src';
import { academyById } from '../academies/academy.loaders';
import { Academy } from '../academies/academy.model';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { User } from '../users/user.model';
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
  ): Promise<SchoolConnection> {
    return this.service.list(caller, filter, { first, after }, School.from);
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

  @ResolveField(() => Academy)
  async academy(@Parent() school: School, @Context() ctx: GraphqlContext): Promise<Academy> {
    return Academy.from((await academyById(ctx.loaders).load(school.academyId))!);
  }

  @ResolveField(() => [User], {
    description: "users holding a HEAD grant on this school: the controller's representatives",
  })
  async heads(@Parent() school: School, @Context() ctx: GraphqlContext): Promise<User[]> {
    return (await headsBySchool(ctx.loaders).load(school.id)).map(User.from);
  }
}
