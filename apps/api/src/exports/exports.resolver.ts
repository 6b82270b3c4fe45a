import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { ExportFormat, ExportKind } from '../common/enums';
import { GraphqlContext } from '../common/graphql-context';
import { schoolOf } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { userOf } from '../users/user.loaders';
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
    @Args('format', { type: () => ExportFormat, nullable: true, defaultValue: 'PDF' })
    format: ExportFormat | null,
  ): Promise<ExportFile> {
    return ExportFile.from(await this.service.exportRegister(caller, schoolId, kind, format ?? 'PDF'));
  }

  @ResolveField(() => School)
  school(file: ExportFile, _args: unknown, ctx: GraphqlContext): School | Promise<School> {
    return schoolOf(ctx.loaders, file.schoolId);
  }

  @ResolveField(() => User)
  createdBy(file: ExportFile, _args: unknown, ctx: GraphqlContext): User | Promise<User> {
    return userOf(ctx.loaders, file.createdById);
  }
}
