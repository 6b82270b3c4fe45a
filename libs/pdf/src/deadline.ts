import type { DeadlineStatus } from './labels';

/**
 * Whether the 72-hour deadline to notify the CNIL (GDPR art. 33.1) was met, as of `now`:
 * - not required when the risk is UNLIKELY;
 * - notified in time or late, by comparing the notification with the deadline;
 * - not notified: overdue once the deadline has passed, pending before.
 */
export function deadlineStatus(
  violation: { cnilNotificationRequired: boolean; cnilDeadline: Date; cnilNotifiedAt: Date | null },
  now: Date,
): DeadlineStatus {
  if (!violation.cnilNotificationRequired) return 'NOT_REQUIRED';
  if (violation.cnilNotifiedAt) {
    return violation.cnilNotifiedAt.getTime() <= violation.cnilDeadline.getTime()
      ? 'NOTIFIED_IN_TIME'
      : 'NOTIFIED_LATE';
  }
  return now.getTime() > violation.cnilDeadline.getTime() ? 'NOT_NOTIFIED_OVERDUE' : 'NOT_NOTIFIED_PENDING';
}
