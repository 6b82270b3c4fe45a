import { NotificationEntity } from '../../notifications/notification.entity';
import { definePolicy, ownColumns } from '../policy';

type NotificationRow = Pick<NotificationEntity, 'schoolId' | 'academyId' | 'recipientId'>;

/**
 * A notification belongs to the school and academy of its cause (none for an account e-mail's
 * school) and to its recipient: `self` is the caller's own (myNotifications, markNotificationsRead).
 *
 * No `isolation`: a notification is its recipient's before it is its school's (a teacher keeps the
 * notifications of a school it no longer works in, an invitation has no school), so the school-level
 * tenant check would refuse rows the caller rightly reads; the scope above is the only line.
 */
export const notificationPolicy = definePolicy<NotificationRow>({
  name: 'notification',
  tenantOf: ownColumns,
  self: {
    sql: (alias) => `${alias}.recipient_id = :notificationOwner`,
    params: (caller) => ({ notificationOwner: caller.userId }),
    row: (caller, n) => n.recipientId === caller.userId,
  },
});
