/** The GraphQL documents of the register's PDF exports the integration tests send. */

/** Renders a school's register of one kind as a PDF, and gives its record. */
export const EXPORT_REGISTER = `mutation ($schoolId: ID!, $kind: ExportKind!) {
  exportRegister(schoolId: $schoolId, kind: $kind) {
    id kind createdAt sha256 byteSize pageCount downloadPath school { id uai name } createdBy { id displayName } } }`;

/** A school's past exports. */
export const EXPORTS = `query ($schoolId: ID!) {
  exports(schoolId: $schoolId) {
    id kind createdAt sha256 byteSize pageCount downloadPath school { uai } createdBy { id } } }`;
