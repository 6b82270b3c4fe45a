/** The GraphQL documents of the académies and schools the integration tests send. */

/** Creates an académie: its id, code, name and DPO e-mail. */
export const CREATE_ACADEMY = `mutation ($input: CreateAcademyInput!) {
  createAcademy(input: $input) { id code name dpoEmail } }`;

/** Updates an académie's name and contacts (optimistic `$version`). */
export const UPDATE_ACADEMY = `mutation ($id: ID!, $input: AcademyPatch!, $version: Int) {
  updateAcademy(id: $id, input: $input, version: $version) {
    id name dpoName dpoEmail dpoPhone dpoAddress rssiEmail hierarchyEmail version } }`;

/** Creates a school, with its académie and heads. */
export const CREATE_SCHOOL = `mutation ($input: CreateSchoolInput!) {
  createSchool(input: $input) { id uai name kind city academy { id } heads { id } } }`;

/** Updates a school's identity and contacts (optimistic `$version`). */
export const UPDATE_SCHOOL = `mutation ($id: ID!, $input: SchoolPatch!, $version: Int) {
  updateSchool(id: $id, input: $input, version: $version) { id name kind city address email phone version } }`;

/** One page of the schools the caller may see. */
export const SCHOOLS = `query ($filter: SchoolFilter, $first: Int, $after: String) {
  schools(filter: $filter, first: $first, after: $after) {
    totalCount nodes { id uai name city } pageInfo { hasNextPage endCursor } } }`;
