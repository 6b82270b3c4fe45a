import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '../../../../libs/core/src';
import { CurrentCaller } from '../auth/auth.decorators';
import { Academy } from './academy.model';
import { AcademiesService } from './academies.service';
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
}
