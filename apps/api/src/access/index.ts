export * from './access';
export * from './permissions';
export * from './policy';
export * from './require-can';
export { headControls } from './policies/user.policy';
export type { ReviewRow } from './policies/review.policy';
