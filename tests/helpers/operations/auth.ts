/**
 * The GraphQL documents of the account operations the integration tests send (login, me, passwords).
 * Each document selects what every spec using it reads; a spec testing a particular selection keeps its own.
 */

/** Password login: the token, its expiry and the user with their grants. */
export const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email grants { role } } } }`;

/** The caller's own account (id and e-mail): opens only with a valid session. */
export const ME = `{ me { id email } }`;

/** Changes the caller's password (`$c` the current one, `$n` the new one). */
export const CHANGE_PASSWORD = `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;

/** Asks for a password-reset e-mail (answers the same for a known or unknown address). */
export const REQUEST_PASSWORD_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;

/** Sets a new password with a reset or invitation token, and opens a session. */
export const RESET_PASSWORD = `mutation ($token: String!, $newPassword: String!) {
  resetPassword(token: $token, newPassword: $newPassword) { token user { id email invitationPending } } }`;
