/** The audited diff is defined with the write helper, in libs/database. */
export type { Changes } from '../../../../libs/database/src';
export { created, diff } from '../../../../libs/database/src';
