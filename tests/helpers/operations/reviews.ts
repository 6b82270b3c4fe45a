/** The GraphQL documents of the DPD's reviews the integration tests send. */

const REVIEW_FIELDS = `id targetType targetId verdict comment createdAt school { id name } reviewer { id displayName }`;

/** Records a review of a treatment, a declaration, a violation or a rights request. */
export const REVIEW_ENTRY = `mutation ($input: ReviewInput!) { reviewEntry(input: $input) { ${REVIEW_FIELDS} } }`;

/** One page of the reviews the caller may see, of one entry or all. */
export const REVIEWS = `query ($targetType: ReviewTargetType, $targetId: ID, $first: Int, $after: String) {
  reviews(targetType: $targetType, targetId: $targetId, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${REVIEW_FIELDS} } } }`;
