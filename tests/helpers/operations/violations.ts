/** The GraphQL documents of the data breaches (violations) the integration tests send. */

/** Every field of a violation the specs read, as the fragment `ViolationFields` the documents append. */
export const VIOLATION_FIELDS = `
  fragment ViolationFields on Violation {
    id reference title description incidentType natures occurredAt discoveredAt
    dataCategories subjectCategories approxSubjectCount approxRecordCount consequences measuresTaken
    risk cnilNotificationRequired cnilDeadline cnilNotifiedAt cnilReference cnilOverdue
    lateNotificationReason subjectsInformedAt noNotificationJustification rssiInformedAt hierarchyInformedAt
    status closedAt version createdAt updatedAt
    school { id } reportedBy { id } treatments { id reference status }
  }`;

/** Records a violation. */
export const RECORD_VIOLATION = `mutation ($input: ViolationInput!) {
  recordViolation(input: $input) { ...ViolationFields } } ${VIOLATION_FIELDS}`;

/** Updates a violation (optimistic `$version`). */
export const UPDATE_VIOLATION = `mutation ($id: ID!, $version: Int!, $input: ViolationPatch!) {
  updateViolation(id: $id, version: $version, input: $input) { ...ViolationFields } } ${VIOLATION_FIELDS}`;

/** Closes a violation (optimistic `$version`). */
export const CLOSE_VIOLATION = `mutation ($id: ID!, $version: Int!) {
  closeViolation(id: $id, version: $version) { ...ViolationFields } } ${VIOLATION_FIELDS}`;

/** One violation by id. */
export const VIOLATION = `query ($id: ID!) { violation(id: $id) { ...ViolationFields } } ${VIOLATION_FIELDS}`;

/** One page of the violations the caller may see. */
export const VIOLATIONS = `query ($filter: ViolationFilter, $first: Int, $after: String) {
  violations(filter: $filter, first: $first, after: $after) {
    totalCount nodes { id reference cnilOverdue } pageInfo { hasNextPage endCursor } } }`;
