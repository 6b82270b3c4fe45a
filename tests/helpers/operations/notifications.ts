/** The GraphQL documents of the notifications the integration tests send. */

/** The caller's own notifications (the first hundred). */
export const MY_NOTIFICATIONS = `query ($filter: NotificationFilter) {
  myNotifications(filter: $filter, first: 100) { totalCount nodes { id kind readAt recipient { id } } } }`;

/** One page of the notifications the caller may administer, with their delivery. */
export const NOTIFICATIONS = `query ($filter: NotificationFilter, $first: Int) {
  notifications(filter: $filter, first: $first) {
    totalCount
    nodes {
      id kind recipientEmail recipient { id } subject body deliveryStatus attempts lastError sentAt readAt
      school { id } entityType entityId } } }`;

/** Marks some of the caller's notifications read. */
export const MARK_NOTIFICATIONS_READ = `mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
