import { Args, Info, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller, validateAs } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { listPageArgs } from '../common/selection';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<AuditEventConnection> {
    // `AuditFilter | null` reaches the global pipe as Object: validated here, field by field
    const checked = filter ? validateAs(AuditFilter, filter, 'filter') : null;
    return this.audit.trail(caller, checked, listPageArgs(info, first, after), AuditEvent.from);
  }

  @Query(() => AuditVerification)
  verifyAuditTrail(@CurrentCaller() caller: Caller): Promise<AuditVerification> {
    return this.audit.verify(caller);
  }

  @ResolveField(() => User, {
    nullable: true,
    description: 'null for events the system itself made (start-up bootstrap, seeding)',
  })
  actor(event: AuditEvent, _args: unknown, ctx: GraphqlContext): User | null | Promise<User | null> {
    if (!event.actorId) return null;
    return userById(ctx.loaders).now(event.actorId, (user) => (user ? User.from(user) : null));
  }

  @ResolveField(() => School, { nullable: true })
  school(event: AuditEvent, _args: unknown, ctx: GraphqlContext): School | null | Promise<School | null> {
    if (!event.schoolId) return null;
    return visibleSchoolById(ctx.loaders, callerOf(ctx)).now(event.schoolId, (school) =>
      school ? School.from(school) : null,
    );
  }
}
