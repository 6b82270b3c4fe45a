import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { Academy } from './academy.model';
import { AcademiesService } from './academies.service';
import { AcademyPatch } from './dto/academy-patch.input';
import { CreateAcademyInput } from './dto/create-academy.input';

@Resolver(() => Academy)
export class AcademiesResolver {
  constructor(private readonly service: AcademiesService) {}

  @Query(() => [Academy])
  async academies(@CurrentCaller() caller: Caller): Promise<Academy[]> {
    return (await this.service.list(caller)).map(Academy.from);
  }

  @Mutation(() => Academy)
  async createAcademy(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateAcademyInput,
  ): Promise<Academy> {
    return Academy.from(await this.service.create(caller, input));
  }

  @Mutation(() => Academy, {
    description: "ADMIN; the académie's DPD for its own dpo* fields. `version`, when given, must be current",
  })
  async updateAcademy(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: AcademyPatch,
    @Args('version', { type: () => Int, nullable: true }) version: number | null,
  ): Promise<Academy> {
    return Academy.from(await this.service.update(caller, id, input, version));
  }
}
