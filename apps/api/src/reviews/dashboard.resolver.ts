import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller } from '@app/core';
import { Academy } from '../academies/academy.model';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { School } from '../schools/school.model';
import { AcademyDashboard, SchoolGroupCounts, SchoolGrouping, SchoolStats } from './dashboard.model';
import { DashboardService } from './dashboard.service';
import { schoolStatsOf } from './review.loaders';

@Resolver(() => AcademyDashboard)
export class DashboardResolver {
  constructor(private readonly service: DashboardService) {}

  @Query(() => AcademyDashboard)
  async academyDashboard(
    @CurrentCaller() caller: Caller,
    @Args('academyId', { type: () => ID, nullable: true }) academyId: string | null,
  ): Promise<AcademyDashboard> {
    const { academy, counts } = await this.service.academyDashboard(caller, academyId);
    return Object.assign(new AcademyDashboard(), { academy: Academy.from(academy), ...counts });
  }

  @ResolveField(() => [SchoolGroupCounts], {
    description: "the schools by département or by kind, with their state (the dashboard's chart)",
  })
  schoolGroups(
    @Parent() dashboard: AcademyDashboard,
    @Args('by', { type: () => SchoolGrouping }) by: SchoolGrouping,
  ): Promise<SchoolGroupCounts[]> {
    return this.service.schoolGroups(dashboard.academy.id, by);
  }
}

@Resolver(() => School)
export class SchoolStatsResolver {
  /** Batched: a page of schools with their stats is one stats query. */
  @ResolveField(() => SchoolStats)
  stats(school: School, _args: unknown, ctx: GraphqlContext): SchoolStats | Promise<SchoolStats> {
    return schoolStatsOf(ctx, school);
  }
}
