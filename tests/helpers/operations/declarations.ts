import { TREATMENT_FIELDS } from './treatments';

/** The GraphQL documents of the tool declarations the integration tests send. */

/** Every field of a tool declaration the specs read, with its school and author. */
export const DECLARATION_FIELDS = `id status toolName vendor url purpose classes approxStudentCount dataCategories
  pseudonymsUsed hosting hostingCountry freeSoftware institutional commercialReuse familiesInformed
  retentionMonths securityMeasures riskFlags riskLevel decisionComment submittedAt decidedAt version
  createdAt updatedAt school { id } declaredBy { id }`;

/** Creates a draft declaration. */
export const CREATE_DECLARATION = `mutation ($input: ToolDeclarationInput!) {
  createToolDeclaration(input: $input) { ${DECLARATION_FIELDS} } }`;

/** Updates a declaration (optimistic `$version`). */
export const UPDATE_DECLARATION = `mutation ($id: ID!, $version: Int!, $input: ToolDeclarationPatch!) {
  updateToolDeclaration(id: $id, version: $version, input: $input) { ${DECLARATION_FIELDS} } }`;

/** Submits a draft declaration to its school's head. */
export const SUBMIT_DECLARATION = `mutation ($id: ID!) { submitToolDeclaration(id: $id) { ${DECLARATION_FIELDS} } }`;

/** Withdraws a submitted declaration. */
export const WITHDRAW_DECLARATION = `mutation ($id: ID!) { withdrawToolDeclaration(id: $id) { ${DECLARATION_FIELDS} } }`;

/** Decides a declaration, with the treatment an approval creates. */
export const DECIDE_DECLARATION = `mutation ($id: ID!, $input: DeclarationDecisionInput!) {
  decideToolDeclaration(id: $id, input: $input) { ${DECLARATION_FIELDS} treatment { ${TREATMENT_FIELDS} } } }`;

/** One declaration by id, with its treatment's id and status. */
export const DECLARATION = `query ($id: ID!) { toolDeclaration(id: $id) { ${DECLARATION_FIELDS} treatment { id status } } }`;

/** One page of the declarations the caller may see. */
export const DECLARATIONS = `query ($filter: DeclarationFilter, $first: Int, $after: String) {
  toolDeclarations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id toolName status riskLevel } } }`;
