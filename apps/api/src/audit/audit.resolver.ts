import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller } from '../../../../libs/core/src';
import { CurrentCaller } from '../auth/auth.decorators';
import { GraphqlContext } from '../common/graphql-context';
import { visibleSchoolById } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { userById } from '../users/user.loaders';
import { User } from '../users/user.model';
import { AuditEvent, AuditEventConnection, AuditFilter, AuditVerification } from './audit.model';
import { AuditService } from './audit.service';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection)
  auditTrail(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => AuditFilter, nullable: true }) filter: AuditFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AuditEventConnection> {
    return this.audit.trail(caller, filter, { first, after }, AuditEvent.from);
  }

  @Query(() => AuditVerification)
  verifyAuditTrail(@CurrentCaller() caller: Caller): Promise<AuditVerification> {
    return this.audit.verify(caller);
  }

  @ResolveField(() => User, {
    nullable: true,
    description: 'null for events the system itself made (start-up bootstrap, seeding)',
  })
  async actor(@Parent() event: AuditEvent, @Context() ctx: GraphqlContext): Promise<User | null> {
    if (!event.actorId) return null;
    const user = await userById(ctx.loaders).load(event.actorId);
    return user ? User.from(user) : null;
  }

  @ResolveField(() => School, { nullable: true })
  async school(
    @Parent() event: AuditEvent,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
  ): Promise<School | null> {
    if (!event.schoolId) return null;
    const school = await visibleSchoolById(ctx.loaders, caller).load(event.schoolId);
    return school ? School.from(school) : null;
  }
}
