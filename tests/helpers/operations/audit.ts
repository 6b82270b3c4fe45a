/** The GraphQL documents of the audit trail the integration tests send. */

/** One page of the audit trail, filtered, with each event's chain hashes. */
export const AUDIT_TRAIL = `query ($filter: AuditFilter, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    totalCount
    nodes { id at action entityType entityId changes hash previousHash actor { id } school { id } }
    pageInfo { hasNextPage endCursor } } }`;
