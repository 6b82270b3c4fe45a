/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment DeclarationForm on ToolDeclaration {\n    id\n    version\n    status\n    decisionComment\n    updatedAt\n    school {\n      id\n      name\n    }\n    toolName\n    vendor\n    url\n    purpose\n    classes\n    approxStudentCount\n    freeSoftware\n    institutional\n    hosting\n    hostingCountry\n    commercialReuse\n    dataCategories\n    pseudonymsUsed\n    retentionMonths\n    familiesInformed\n    securityMeasures\n    riskLevel\n    riskFlags\n  }\n": typeof types.DeclarationFormFragmentDoc,
    "\n  query DeclarationToEdit($id: ID!) {\n    toolDeclaration(id: $id) {\n      ...DeclarationForm\n    }\n  }\n": typeof types.DeclarationToEditDocument,
    "\n  mutation CreateDeclaration($input: ToolDeclarationInput!) {\n    createToolDeclaration(input: $input) {\n      ...DeclarationForm\n    }\n  }\n": typeof types.CreateDeclarationDocument,
    "\n  mutation UpdateDeclaration($id: ID!, $version: Int!, $input: ToolDeclarationPatch!) {\n    updateToolDeclaration(id: $id, version: $version, input: $input) {\n      ...DeclarationForm\n    }\n  }\n": typeof types.UpdateDeclarationDocument,
    "\n  mutation SubmitDeclaration($id: ID!) {\n    submitToolDeclaration(id: $id) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.SubmitDeclarationDocument,
    "\n  query MyDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {\n    toolDeclarations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        toolName\n        vendor\n        status\n        riskLevel\n        decisionComment\n        decidedAt\n        updatedAt\n        school {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.MyDeclarationsDocument,
    "\n  mutation WithdrawDeclaration($id: ID!) {\n    withdrawToolDeclaration(id: $id) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.WithdrawDeclarationDocument,
    "\n  query VerifyAuditTrail {\n    verifyAuditTrail {\n      valid\n      checkedEvents\n      firstBrokenEventId\n    }\n  }\n": typeof types.VerifyAuditTrailDocument,
    "\n  query AcademyDashboard {\n    academyDashboard {\n      academy {\n        id\n        name\n      }\n      schools\n      schoolsWithoutTreatments\n      pendingDeclarations\n      highRiskDeclarations\n      treatmentsAwaitingReview\n      openViolations\n      overdueCnilNotifications\n    }\n  }\n": typeof types.AcademyDashboardDocument,
    "\n  query DpdDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {\n    toolDeclarations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        toolName\n        vendor\n        status\n        riskLevel\n        updatedAt\n        school {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.DpdDeclarationsDocument,
    "\n  mutation ReportIncident($input: ViolationInput!) {\n    recordViolation(input: $input) {\n      id\n      title\n      cnilDeadline\n      discoveredAt\n    }\n  }\n": typeof types.ReportIncidentDocument,
    "\n  fragment SessionUser on User {\n    id\n    displayName\n    email\n    grants {\n      role\n      school {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
};
const documents: Documents = {
    "\n  fragment DeclarationForm on ToolDeclaration {\n    id\n    version\n    status\n    decisionComment\n    updatedAt\n    school {\n      id\n      name\n    }\n    toolName\n    vendor\n    url\n    purpose\n    classes\n    approxStudentCount\n    freeSoftware\n    institutional\n    hosting\n    hostingCountry\n    commercialReuse\n    dataCategories\n    pseudonymsUsed\n    retentionMonths\n    familiesInformed\n    securityMeasures\n    riskLevel\n    riskFlags\n  }\n": types.DeclarationFormFragmentDoc,
    "\n  query DeclarationToEdit($id: ID!) {\n    toolDeclaration(id: $id) {\n      ...DeclarationForm\n    }\n  }\n": types.DeclarationToEditDocument,
    "\n  mutation CreateDeclaration($input: ToolDeclarationInput!) {\n    createToolDeclaration(input: $input) {\n      ...DeclarationForm\n    }\n  }\n": types.CreateDeclarationDocument,
    "\n  mutation UpdateDeclaration($id: ID!, $version: Int!, $input: ToolDeclarationPatch!) {\n    updateToolDeclaration(id: $id, version: $version, input: $input) {\n      ...DeclarationForm\n    }\n  }\n": types.UpdateDeclarationDocument,
    "\n  mutation SubmitDeclaration($id: ID!) {\n    submitToolDeclaration(id: $id) {\n      id\n      status\n      version\n    }\n  }\n": types.SubmitDeclarationDocument,
    "\n  query MyDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {\n    toolDeclarations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        toolName\n        vendor\n        status\n        riskLevel\n        decisionComment\n        decidedAt\n        updatedAt\n        school {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.MyDeclarationsDocument,
    "\n  mutation WithdrawDeclaration($id: ID!) {\n    withdrawToolDeclaration(id: $id) {\n      id\n      status\n      version\n    }\n  }\n": types.WithdrawDeclarationDocument,
    "\n  query VerifyAuditTrail {\n    verifyAuditTrail {\n      valid\n      checkedEvents\n      firstBrokenEventId\n    }\n  }\n": types.VerifyAuditTrailDocument,
    "\n  query AcademyDashboard {\n    academyDashboard {\n      academy {\n        id\n        name\n      }\n      schools\n      schoolsWithoutTreatments\n      pendingDeclarations\n      highRiskDeclarations\n      treatmentsAwaitingReview\n      openViolations\n      overdueCnilNotifications\n    }\n  }\n": types.AcademyDashboardDocument,
    "\n  query DpdDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {\n    toolDeclarations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        toolName\n        vendor\n        status\n        riskLevel\n        updatedAt\n        school {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.DpdDeclarationsDocument,
    "\n  mutation ReportIncident($input: ViolationInput!) {\n    recordViolation(input: $input) {\n      id\n      title\n      cnilDeadline\n      discoveredAt\n    }\n  }\n": types.ReportIncidentDocument,
    "\n  fragment SessionUser on User {\n    id\n    displayName\n    email\n    grants {\n      role\n      school {\n        id\n        name\n      }\n    }\n  }\n": types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeclarationForm on ToolDeclaration {\n    id\n    version\n    status\n    decisionComment\n    updatedAt\n    school {\n      id\n      name\n    }\n    toolName\n    vendor\n    url\n    purpose\n    classes\n    approxStudentCount\n    freeSoftware\n    institutional\n    hosting\n    hostingCountry\n    commercialReuse\n    dataCategories\n    pseudonymsUsed\n    retentionMonths\n    familiesInformed\n    securityMeasures\n    riskLevel\n    riskFlags\n  }\n"): (typeof documents)["\n  fragment DeclarationForm on ToolDeclaration {\n    id\n    version\n    status\n    decisionComment\n    updatedAt\n    school {\n      id\n      name\n    }\n    toolName\n    vendor\n    url\n    purpose\n    classes\n    approxStudentCount\n    freeSoftware\n    institutional\n    hosting\n    hostingCountry\n    commercialReuse\n    dataCategories\n    pseudonymsUsed\n    retentionMonths\n    familiesInformed\n    securityMeasures\n    riskLevel\n    riskFlags\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeclarationToEdit($id: ID!) {\n    toolDeclaration(id: $id) {\n      ...DeclarationForm\n    }\n  }\n"): (typeof documents)["\n  query DeclarationToEdit($id: ID!) {\n    toolDeclaration(id: $id) {\n      ...DeclarationForm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDeclaration($input: ToolDeclarationInput!) {\n    createToolDeclaration(input: $input) {\n      ...DeclarationForm\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDeclaration($input: ToolDeclarationInput!) {\n    createToolDeclaration(input: $input) {\n      ...DeclarationForm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDeclaration($id: ID!, $version: Int!, $input: ToolDeclarationPatch!) {\n    updateToolDeclaration(id: $id, version: $version, input: $input) {\n      ...DeclarationForm\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDeclaration($id: ID!, $version: Int!, $input: ToolDeclarationPatch!) {\n    updateToolDeclaration(id: $id, version: $version, input: $input) {\n      ...DeclarationForm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitDeclaration($id: ID!) {\n    submitToolDeclaration(id: $id) {\n      id\n      status\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitDeclaration($id: ID!) {\n    submitToolDeclaration(id: $id) {\n      id\n      status\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {\n    toolDeclarations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        toolName\n        vendor\n        status\n        riskLevel\n        decisionComment\n        decidedAt\n        updatedAt\n        school {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {\n    toolDeclarations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        toolName\n        vendor\n        status\n        riskLevel\n        decisionComment\n        decidedAt\n        updatedAt\n        school {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawDeclaration($id: ID!) {\n    withdrawToolDeclaration(id: $id) {\n      id\n      status\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawDeclaration($id: ID!) {\n    withdrawToolDeclaration(id: $id) {\n      id\n      status\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditTrail {\n    verifyAuditTrail {\n      valid\n      checkedEvents\n      firstBrokenEventId\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditTrail {\n    verifyAuditTrail {\n      valid\n      checkedEvents\n      firstBrokenEventId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AcademyDashboard {\n    academyDashboard {\n      academy {\n        id\n        name\n      }\n      schools\n      schoolsWithoutTreatments\n      pendingDeclarations\n      highRiskDeclarations\n      treatmentsAwaitingReview\n      openViolations\n      overdueCnilNotifications\n    }\n  }\n"): (typeof documents)["\n  query AcademyDashboard {\n    academyDashboard {\n      academy {\n        id\n        name\n      }\n      schools\n      schoolsWithoutTreatments\n      pendingDeclarations\n      highRiskDeclarations\n      treatmentsAwaitingReview\n      openViolations\n      overdueCnilNotifications\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DpdDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {\n    toolDeclarations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        toolName\n        vendor\n        status\n        riskLevel\n        updatedAt\n        school {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DpdDeclarations($first: Int!, $after: String, $filter: DeclarationFilter) {\n    toolDeclarations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        toolName\n        vendor\n        status\n        riskLevel\n        updatedAt\n        school {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportIncident($input: ViolationInput!) {\n    recordViolation(input: $input) {\n      id\n      title\n      cnilDeadline\n      discoveredAt\n    }\n  }\n"): (typeof documents)["\n  mutation ReportIncident($input: ViolationInput!) {\n    recordViolation(input: $input) {\n      id\n      title\n      cnilDeadline\n      discoveredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    displayName\n    email\n    grants {\n      role\n      school {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SessionUser on User {\n    id\n    displayName\n    email\n    grants {\n      role\n      school {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;