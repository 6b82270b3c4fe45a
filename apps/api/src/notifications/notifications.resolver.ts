import { Args, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller } from '@app/core';
import { CurrentCaller } from '../auth/auth.decorators';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { listPageArgs } from '../common/selection';
import { visibleSchoolById } from '../schools/school.loaders';
import { School } from '../schools/school.model';
import { userById } from '../users/user.loaders';
import { User } from '../users/user.model';
import { Notification, NotificationConnection, NotificationFilter } from './notification.model';
import { NotificationsService } from './notifications.service';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: "the caller's own notifications, newest first" })
  myNotifications(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => NotificationFilter, nullable: true }) filter: NotificationFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NotificationConnection> {
    return this.service.list(caller, 'own', filter, listPageArgs(info, first, after), Notification.from);
  }

  @Query(() => NotificationConnection, {
    description: 'every notification the caller may oversee (ADMIN all, DPD its academy, HEAD its schools)',
  })
  notifications(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => NotificationFilter, nullable: true }) filter: NotificationFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NotificationConnection> {
    return this.service.list(caller, 'oversee', filter, listPageArgs(info, first, after), Notification.from);
  }

  @Mutation(() => Int, { description: "marks the caller's own notifications read; returns how many changed" })
  markNotificationsRead(
    @CurrentCaller() caller: Caller,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ): Promise<number> {
    return this.service.markRead(caller, ids);
  }

  @ResolveField(() => User, {
    nullable: true,
    description: 'the user it is for; null for an address that is not a user (the RSSI, the hierarchy)',
  })
  async recipient(notification: Notification, _args: unknown, ctx: GraphqlContext): Promise<User | null> {
    if (!notification.recipientId) return null;
    const user = await userById(ctx.loaders).load(notification.recipientId);
    return user ? User.from(user) : null;
  }

  /** The school, as far as the caller may still read it. */
  @ResolveField(() => School, { nullable: true })
  async school(notification: Notification, _args: unknown, ctx: GraphqlContext): Promise<School | null> {
    if (!notification.schoolId) return null;
    const school = await visibleSchoolById(ctx.loaders, callerOf(ctx)).load(notification.schoolId);
    return school ? School.from(school) : null;
  }
}
