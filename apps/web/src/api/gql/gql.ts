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
    "\n  query EntryHistory($filter: AuditFilter!, $first: Int!) {\n    auditTrail(filter: $filter, first: $first) {\n      totalCount\n      nodes {\n        id\n        at\n        action\n        changes\n        actor {\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.EntryHistoryDocument,
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
    "\n  query DeclarationToDecide($id: ID!) {\n    toolDeclaration(id: $id) {\n      id\n      toolName\n      vendor\n      url\n      purpose\n      status\n      classes\n      approxStudentCount\n      dataCategories\n      hosting\n      hostingCountry\n      commercialReuse\n      freeSoftware\n      institutional\n      pseudonymsUsed\n      familiesInformed\n      retentionMonths\n      securityMeasures\n      riskLevel\n      riskFlags\n      submittedAt\n      decidedAt\n      decisionComment\n      declaredBy {\n        displayName\n      }\n      school {\n        id\n        name\n      }\n      treatment {\n        id\n        reference\n        name\n      }\n      reviews {\n        id\n        verdict\n        comment\n        createdAt\n        reviewer {\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.DeclarationToDecideDocument,
    "\n  query ActiveTreatments($schoolId: ID!) {\n    treatments(first: 100, filter: { status: ACTIVE, schoolId: $schoolId }) {\n      totalCount\n      nodes {\n        id\n        reference\n        name\n      }\n    }\n  }\n": typeof types.ActiveTreatmentsDocument,
    "\n  mutation DecideDeclaration($id: ID!, $input: DeclarationDecisionInput!) {\n    decideToolDeclaration(id: $id, input: $input) {\n      id\n      status\n      version\n      treatment {\n        id\n        reference\n      }\n    }\n  }\n": typeof types.DecideDeclarationDocument,
    "\n  query HeadHome {\n    schools(first: 50) {\n      nodes {\n        id\n        name\n        stats {\n          activeTreatments\n          pendingDeclarations\n          openViolations\n          overdueCnilNotifications\n        }\n      }\n    }\n  }\n": typeof types.HeadHomeDocument,
    "\n  query HeadToDo {\n    violations(first: 50, filter: { status: OPEN }) {\n      totalCount\n      nodes {\n        id\n        reference\n        title\n        risk\n        discoveredAt\n        cnilDeadline\n        cnilNotificationRequired\n        cnilNotifiedAt\n        consequences\n        measuresTaken\n        noNotificationJustification\n        lateNotificationReason\n        subjectsInformedAt\n        school {\n          name\n        }\n      }\n    }\n    toolDeclarations(first: 50, filter: { status: SUBMITTED }) {\n      totalCount\n      nodes {\n        id\n        toolName\n        vendor\n        riskLevel\n        submittedAt\n        declaredBy {\n          displayName\n        }\n        school {\n          name\n        }\n      }\n    }\n  }\n": typeof types.HeadToDoDocument,
    "\n  query TreatmentForEdit($id: ID!) {\n    treatment(id: $id) {\n      ...TreatmentDetail\n      school {\n        id\n        name\n      }\n    }\n  }\n": typeof types.TreatmentForEditDocument,
    "\n  mutation UpdateTreatment($id: ID!, $input: TreatmentPatch!, $version: Int!) {\n    updateTreatment(id: $id, input: $input, version: $version) {\n      ...TreatmentDetail\n    }\n  }\n": typeof types.UpdateTreatmentDocument,
    "\n  mutation CreateTreatment($input: TreatmentInput!) {\n    createTreatment(input: $input) {\n      ...TreatmentDetail\n    }\n  }\n": typeof types.CreateTreatmentDocument,
    "\n  fragment TreatmentDetail on Treatment {\n    id\n    reference\n    name\n    purposes\n    legalBasis\n    subjectCategories\n    dataCategories\n    sensitiveData\n    recipients\n    processors\n    transfers {\n      country\n      recipient\n      safeguard\n    }\n    retention\n    retentionMonths\n    securityMeasures\n    dpiaRequired\n    status\n    archivedReason\n    reviewState\n    createdAt\n    updatedAt\n    version\n  }\n": typeof types.TreatmentDetailFragmentDoc,
    "\n  query TreatmentEntry($id: ID!) {\n    treatment(id: $id) {\n      ...TreatmentDetail\n      school {\n        id\n        name\n        uai\n        heads {\n          id\n          displayName\n          email\n        }\n        academy {\n          name\n          dpoName\n          dpoEmail\n        }\n      }\n      declarations {\n        id\n        toolName\n        status\n        declaredBy {\n          displayName\n        }\n      }\n      reviews {\n        id\n        verdict\n        comment\n        createdAt\n        reviewer {\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.TreatmentEntryDocument,
    "\n  mutation ArchiveTreatment($id: ID!, $reason: String!) {\n    archiveTreatment(id: $id, reason: $reason) {\n      ...TreatmentDetail\n    }\n  }\n": typeof types.ArchiveTreatmentDocument,
    "\n  query HeadTreatments($first: Int!, $after: String, $filter: TreatmentFilter) {\n    treatments(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        name\n        purposes\n        status\n        reviewState\n        sensitiveData\n        updatedAt\n      }\n    }\n  }\n": typeof types.HeadTreatmentsDocument,
    "\n  mutation ReportIncident($input: ViolationInput!) {\n    recordViolation(input: $input) {\n      id\n      title\n      cnilDeadline\n      discoveredAt\n    }\n  }\n": typeof types.ReportIncidentDocument,
    "\n  fragment SessionUser on User {\n    id\n    displayName\n    email\n    grants {\n      role\n      school {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
};
const documents: Documents = {
    "\n  query EntryHistory($filter: AuditFilter!, $first: Int!) {\n    auditTrail(filter: $filter, first: $first) {\n      totalCount\n      nodes {\n        id\n        at\n        action\n        changes\n        actor {\n          displayName\n        }\n      }\n    }\n  }\n": types.EntryHistoryDocument,
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
    "\n  query DeclarationToDecide($id: ID!) {\n    toolDeclaration(id: $id) {\n      id\n      toolName\n      vendor\n      url\n      purpose\n      status\n      classes\n      approxStudentCount\n      dataCategories\n      hosting\n      hostingCountry\n      commercialReuse\n      freeSoftware\n      institutional\n      pseudonymsUsed\n      familiesInformed\n      retentionMonths\n      securityMeasures\n      riskLevel\n      riskFlags\n      submittedAt\n      decidedAt\n      decisionComment\n      declaredBy {\n        displayName\n      }\n      school {\n        id\n        name\n      }\n      treatment {\n        id\n        reference\n        name\n      }\n      reviews {\n        id\n        verdict\n        comment\n        createdAt\n        reviewer {\n          displayName\n        }\n      }\n    }\n  }\n": types.DeclarationToDecideDocument,
    "\n  query ActiveTreatments($schoolId: ID!) {\n    treatments(first: 100, filter: { status: ACTIVE, schoolId: $schoolId }) {\n      totalCount\n      nodes {\n        id\n        reference\n        name\n      }\n    }\n  }\n": types.ActiveTreatmentsDocument,
    "\n  mutation DecideDeclaration($id: ID!, $input: DeclarationDecisionInput!) {\n    decideToolDeclaration(id: $id, input: $input) {\n      id\n      status\n      version\n      treatment {\n        id\n        reference\n      }\n    }\n  }\n": types.DecideDeclarationDocument,
    "\n  query HeadHome {\n    schools(first: 50) {\n      nodes {\n        id\n        name\n        stats {\n          activeTreatments\n          pendingDeclarations\n          openViolations\n          overdueCnilNotifications\n        }\n      }\n    }\n  }\n": types.HeadHomeDocument,
    "\n  query HeadToDo {\n    violations(first: 50, filter: { status: OPEN }) {\n      totalCount\n      nodes {\n        id\n        reference\n        title\n        risk\n        discoveredAt\n        cnilDeadline\n        cnilNotificationRequired\n        cnilNotifiedAt\n        consequences\n        measuresTaken\n        noNotificationJustification\n        lateNotificationReason\n        subjectsInformedAt\n        school {\n          name\n        }\n      }\n    }\n    toolDeclarations(first: 50, filter: { status: SUBMITTED }) {\n      totalCount\n      nodes {\n        id\n        toolName\n        vendor\n        riskLevel\n        submittedAt\n        declaredBy {\n          displayName\n        }\n        school {\n          name\n        }\n      }\n    }\n  }\n": types.HeadToDoDocument,
    "\n  query TreatmentForEdit($id: ID!) {\n    treatment(id: $id) {\n      ...TreatmentDetail\n      school {\n        id\n        name\n      }\n    }\n  }\n": types.TreatmentForEditDocument,
    "\n  mutation UpdateTreatment($id: ID!, $input: TreatmentPatch!, $version: Int!) {\n    updateTreatment(id: $id, input: $input, version: $version) {\n      ...TreatmentDetail\n    }\n  }\n": types.UpdateTreatmentDocument,
    "\n  mutation CreateTreatment($input: TreatmentInput!) {\n    createTreatment(input: $input) {\n      ...TreatmentDetail\n    }\n  }\n": types.CreateTreatmentDocument,
    "\n  fragment TreatmentDetail on Treatment {\n    id\n    reference\n    name\n    purposes\n    legalBasis\n    subjectCategories\n    dataCategories\n    sensitiveData\n    recipients\n    processors\n    transfers {\n      country\n      recipient\n      safeguard\n    }\n    retention\n    retentionMonths\n    securityMeasures\n    dpiaRequired\n    status\n    archivedReason\n    reviewState\n    createdAt\n    updatedAt\n    version\n  }\n": types.TreatmentDetailFragmentDoc,
    "\n  query TreatmentEntry($id: ID!) {\n    treatment(id: $id) {\n      ...TreatmentDetail\n      school {\n        id\n        name\n        uai\n        heads {\n          id\n          displayName\n          email\n        }\n        academy {\n          name\n          dpoName\n          dpoEmail\n        }\n      }\n      declarations {\n        id\n        toolName\n        status\n        declaredBy {\n          displayName\n        }\n      }\n      reviews {\n        id\n        verdict\n        comment\n        createdAt\n        reviewer {\n          displayName\n        }\n      }\n    }\n  }\n": types.TreatmentEntryDocument,
    "\n  mutation ArchiveTreatment($id: ID!, $reason: String!) {\n    archiveTreatment(id: $id, reason: $reason) {\n      ...TreatmentDetail\n    }\n  }\n": types.ArchiveTreatmentDocument,
    "\n  query HeadTreatments($first: Int!, $after: String, $filter: TreatmentFilter) {\n    treatments(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        name\n        purposes\n        status\n        reviewState\n        sensitiveData\n        updatedAt\n      }\n    }\n  }\n": types.HeadTreatmentsDocument,
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
export function graphql(source: "\n  query EntryHistory($filter: AuditFilter!, $first: Int!) {\n    auditTrail(filter: $filter, first: $first) {\n      totalCount\n      nodes {\n        id\n        at\n        action\n        changes\n        actor {\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EntryHistory($filter: AuditFilter!, $first: Int!) {\n    auditTrail(filter: $filter, first: $first) {\n      totalCount\n      nodes {\n        id\n        at\n        action\n        changes\n        actor {\n          displayName\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query DeclarationToDecide($id: ID!) {\n    toolDeclaration(id: $id) {\n      id\n      toolName\n      vendor\n      url\n      purpose\n      status\n      classes\n      approxStudentCount\n      dataCategories\n      hosting\n      hostingCountry\n      commercialReuse\n      freeSoftware\n      institutional\n      pseudonymsUsed\n      familiesInformed\n      retentionMonths\n      securityMeasures\n      riskLevel\n      riskFlags\n      submittedAt\n      decidedAt\n      decisionComment\n      declaredBy {\n        displayName\n      }\n      school {\n        id\n        name\n      }\n      treatment {\n        id\n        reference\n        name\n      }\n      reviews {\n        id\n        verdict\n        comment\n        createdAt\n        reviewer {\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeclarationToDecide($id: ID!) {\n    toolDeclaration(id: $id) {\n      id\n      toolName\n      vendor\n      url\n      purpose\n      status\n      classes\n      approxStudentCount\n      dataCategories\n      hosting\n      hostingCountry\n      commercialReuse\n      freeSoftware\n      institutional\n      pseudonymsUsed\n      familiesInformed\n      retentionMonths\n      securityMeasures\n      riskLevel\n      riskFlags\n      submittedAt\n      decidedAt\n      decisionComment\n      declaredBy {\n        displayName\n      }\n      school {\n        id\n        name\n      }\n      treatment {\n        id\n        reference\n        name\n      }\n      reviews {\n        id\n        verdict\n        comment\n        createdAt\n        reviewer {\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveTreatments($schoolId: ID!) {\n    treatments(first: 100, filter: { status: ACTIVE, schoolId: $schoolId }) {\n      totalCount\n      nodes {\n        id\n        reference\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActiveTreatments($schoolId: ID!) {\n    treatments(first: 100, filter: { status: ACTIVE, schoolId: $schoolId }) {\n      totalCount\n      nodes {\n        id\n        reference\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideDeclaration($id: ID!, $input: DeclarationDecisionInput!) {\n    decideToolDeclaration(id: $id, input: $input) {\n      id\n      status\n      version\n      treatment {\n        id\n        reference\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DecideDeclaration($id: ID!, $input: DeclarationDecisionInput!) {\n    decideToolDeclaration(id: $id, input: $input) {\n      id\n      status\n      version\n      treatment {\n        id\n        reference\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadHome {\n    schools(first: 50) {\n      nodes {\n        id\n        name\n        stats {\n          activeTreatments\n          pendingDeclarations\n          openViolations\n          overdueCnilNotifications\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HeadHome {\n    schools(first: 50) {\n      nodes {\n        id\n        name\n        stats {\n          activeTreatments\n          pendingDeclarations\n          openViolations\n          overdueCnilNotifications\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadToDo {\n    violations(first: 50, filter: { status: OPEN }) {\n      totalCount\n      nodes {\n        id\n        reference\n        title\n        risk\n        discoveredAt\n        cnilDeadline\n        cnilNotificationRequired\n        cnilNotifiedAt\n        consequences\n        measuresTaken\n        noNotificationJustification\n        lateNotificationReason\n        subjectsInformedAt\n        school {\n          name\n        }\n      }\n    }\n    toolDeclarations(first: 50, filter: { status: SUBMITTED }) {\n      totalCount\n      nodes {\n        id\n        toolName\n        vendor\n        riskLevel\n        submittedAt\n        declaredBy {\n          displayName\n        }\n        school {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HeadToDo {\n    violations(first: 50, filter: { status: OPEN }) {\n      totalCount\n      nodes {\n        id\n        reference\n        title\n        risk\n        discoveredAt\n        cnilDeadline\n        cnilNotificationRequired\n        cnilNotifiedAt\n        consequences\n        measuresTaken\n        noNotificationJustification\n        lateNotificationReason\n        subjectsInformedAt\n        school {\n          name\n        }\n      }\n    }\n    toolDeclarations(first: 50, filter: { status: SUBMITTED }) {\n      totalCount\n      nodes {\n        id\n        toolName\n        vendor\n        riskLevel\n        submittedAt\n        declaredBy {\n          displayName\n        }\n        school {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TreatmentForEdit($id: ID!) {\n    treatment(id: $id) {\n      ...TreatmentDetail\n      school {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query TreatmentForEdit($id: ID!) {\n    treatment(id: $id) {\n      ...TreatmentDetail\n      school {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTreatment($id: ID!, $input: TreatmentPatch!, $version: Int!) {\n    updateTreatment(id: $id, input: $input, version: $version) {\n      ...TreatmentDetail\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTreatment($id: ID!, $input: TreatmentPatch!, $version: Int!) {\n    updateTreatment(id: $id, input: $input, version: $version) {\n      ...TreatmentDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTreatment($input: TreatmentInput!) {\n    createTreatment(input: $input) {\n      ...TreatmentDetail\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTreatment($input: TreatmentInput!) {\n    createTreatment(input: $input) {\n      ...TreatmentDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TreatmentDetail on Treatment {\n    id\n    reference\n    name\n    purposes\n    legalBasis\n    subjectCategories\n    dataCategories\n    sensitiveData\n    recipients\n    processors\n    transfers {\n      country\n      recipient\n      safeguard\n    }\n    retention\n    retentionMonths\n    securityMeasures\n    dpiaRequired\n    status\n    archivedReason\n    reviewState\n    createdAt\n    updatedAt\n    version\n  }\n"): (typeof documents)["\n  fragment TreatmentDetail on Treatment {\n    id\n    reference\n    name\n    purposes\n    legalBasis\n    subjectCategories\n    dataCategories\n    sensitiveData\n    recipients\n    processors\n    transfers {\n      country\n      recipient\n      safeguard\n    }\n    retention\n    retentionMonths\n    securityMeasures\n    dpiaRequired\n    status\n    archivedReason\n    reviewState\n    createdAt\n    updatedAt\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TreatmentEntry($id: ID!) {\n    treatment(id: $id) {\n      ...TreatmentDetail\n      school {\n        id\n        name\n        uai\n        heads {\n          id\n          displayName\n          email\n        }\n        academy {\n          name\n          dpoName\n          dpoEmail\n        }\n      }\n      declarations {\n        id\n        toolName\n        status\n        declaredBy {\n          displayName\n        }\n      }\n      reviews {\n        id\n        verdict\n        comment\n        createdAt\n        reviewer {\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TreatmentEntry($id: ID!) {\n    treatment(id: $id) {\n      ...TreatmentDetail\n      school {\n        id\n        name\n        uai\n        heads {\n          id\n          displayName\n          email\n        }\n        academy {\n          name\n          dpoName\n          dpoEmail\n        }\n      }\n      declarations {\n        id\n        toolName\n        status\n        declaredBy {\n          displayName\n        }\n      }\n      reviews {\n        id\n        verdict\n        comment\n        createdAt\n        reviewer {\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveTreatment($id: ID!, $reason: String!) {\n    archiveTreatment(id: $id, reason: $reason) {\n      ...TreatmentDetail\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveTreatment($id: ID!, $reason: String!) {\n    archiveTreatment(id: $id, reason: $reason) {\n      ...TreatmentDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadTreatments($first: Int!, $after: String, $filter: TreatmentFilter) {\n    treatments(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        name\n        purposes\n        status\n        reviewState\n        sensitiveData\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query HeadTreatments($first: Int!, $after: String, $filter: TreatmentFilter) {\n    treatments(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        name\n        purposes\n        status\n        reviewState\n        sensitiveData\n        updatedAt\n      }\n    }\n  }\n"];
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