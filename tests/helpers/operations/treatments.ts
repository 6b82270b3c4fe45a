/** The GraphQL documents of the processing register (treatments) the integration tests send. */

/** Every field of a treatment the specs read, with its school and declarations. */
export const TREATMENT_FIELDS = `id reference name purposes legalBasis subjectCategories dataCategories sensitiveData
  recipients processors transfers { country recipient safeguard } retention retentionMonths
  securityMeasures dpiaRequired status archivedReason reviewState version createdAt updatedAt
  school { id } declarations { id }`;

/** Creates a treatment. */
export const CREATE_TREATMENT = `mutation ($input: TreatmentInput!) { createTreatment(input: $input) { ${TREATMENT_FIELDS} } }`;

/** Updates a treatment (optimistic `$version`). */
export const UPDATE_TREATMENT = `mutation ($id: ID!, $version: Int!, $input: TreatmentPatch!) {
  updateTreatment(id: $id, version: $version, input: $input) { ${TREATMENT_FIELDS} } }`;

/** Archives a treatment with its reason. */
export const ARCHIVE_TREATMENT = `mutation ($id: ID!, $reason: String!) {
  archiveTreatment(id: $id, reason: $reason) { ${TREATMENT_FIELDS} } }`;

/** One treatment by id. */
export const TREATMENT = `query ($id: ID!) { treatment(id: $id) { ${TREATMENT_FIELDS} } }`;

/** One page of the treatments the caller may see. */
export const TREATMENTS = `query ($filter: TreatmentFilter, $first: Int, $after: String) {
  treatments(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id reference name status } } }`;
