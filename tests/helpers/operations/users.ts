/** The GraphQL documents of the user-account administration the integration tests send. */

/** Creates an account: its e-mail, name, state, académie and grants. */
export const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) {
    id email displayName active invitationPending academy { id } grants { role school { id } } } }`;

/** One page of the accounts the caller may see. */
export const USERS = `query ($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;

/** Activates or deactivates an account. */
export const SET_USER_ACTIVE = `mutation ($userId: ID!, $active: Boolean!) {
  setUserActive(userId: $userId, active: $active) { id active } }`;

/** Replaces an account's grants. */
export const UPDATE_USER_GRANTS = `mutation ($userId: ID!, $grants: [RoleGrantInput!]!) {
  updateUserGrants(userId: $userId, grants: $grants) { id grants { role school { id } } } }`;

/** Sends an account's invitation e-mail again. */
export const RESEND_INVITATION = `mutation ($userId: ID!) { resendInvitation(userId: $userId) }`;
