/** The GraphQL documents of the data-subject rights requests the integration tests send. */

/** Every field of a rights request the specs read, with its school, author, treatments and reviews. */
export const RIGHTS_REQUEST_FIELDS = `id reference version status receivedAt dueAt extended extensionReason
  extensionNotifiedAt pausedDays overdue answeredAt answerSummary refusalReason requesterName subjectName
  school { id } recordedBy { id } treatments { id reference } reviews { id verdict comment }`;

/** Records a rights request. */
export const RECORD_RIGHTS_REQUEST = `mutation ($input: RightsRequestInput!) {
  recordRightsRequest(input: $input) { ${RIGHTS_REQUEST_FIELDS} } }`;

/** Updates a rights request (optimistic `$version`). */
export const UPDATE_RIGHTS_REQUEST = `mutation ($id: ID!, $version: Int!, $input: RightsRequestPatch!) {
  updateRightsRequest(id: $id, version: $version, input: $input) { ${RIGHTS_REQUEST_FIELDS} } }`;

/** Moves a rights request along its states (optimistic `$version`). */
export const TRANSITION_RIGHTS_REQUEST = `mutation ($id: ID!, $version: Int!, $input: RightsRequestTransitionInput!) {
  transitionRightsRequest(id: $id, version: $version, input: $input) { ${RIGHTS_REQUEST_FIELDS} } }`;

/** One rights request by id. */
export const RIGHTS_REQUEST = `query ($id: ID!) { rightsRequest(id: $id) { ${RIGHTS_REQUEST_FIELDS} } }`;

/** One page of the rights requests the caller may see, with the requesters' names. */
export const RIGHTS_REQUESTS = `query ($filter: RightsRequestFilter, $first: Int, $after: String) {
  rightsRequests(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id reference overdue status requesterName } } }`;
