import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, notFound } from '../../../../libs/core/src';
import { CurrentCaller } from '../auth/auth.decorators';
import { ExportKind } from '../common/enums';
import { GraphqlContext } from '../common/graphql-context';
import { schoolById } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { userById } from '../users/user.loaders';
import { User } from '../users/user.model';
import { ExportFile } from './export-file.model';
import { ExportsService } from './exports.service';

@Resolver(() => ExportFile)
export class ExportsResolver {
  constructor(private readonly service: ExportsService) {}

  @Query(() => [ExportFile])
  async exports(
    @CurrentCaller() caller: Caller,
    @Args('schoolId', { type: () => ID }) schoolId: string,
  ): Promise<ExportFile[]> {
    return (await this.service.list(caller, schoolId)).map(ExportFile.from);
  }

  @Mutation(() => ExportFile)
  async exportRegister(
    @CurrentCaller() caller: Caller,
    @Args('schoolId', { type: () => ID }) schoolId: string,
    @Args('kind', { type: () => ExportKind }) kind: ExportKind,
  ): Promise<ExportFile> {
    return ExportFile.from(await this.service.exportRegister(caller, schoolId, kind));
  }

  @ResolveField(() => School)
  async school(@Parent() file: ExportFile, @Context() ctx: GraphqlContext): Promise<School> {
    const school = await schoolById(ctx.loaders).load(file.schoolId);
    if (!school) throw notFound('Établissement');
    return School.from(school);
  }

  @ResolveField(() => User)
  async createdBy(@Parent() file: ExportFile, @Context() ctx: GraphqlContext): Promise<User> {
    const user = await userById(ctx.loaders).load(file.createdById);
    if (!user) throw notFound('Utilisateur');
    return User.from(user);
  }
}
