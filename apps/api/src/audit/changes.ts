/** The audited diff is defined with the write helper, in libs/database. */
export type { Changes } from '@app/database';
export { created, diff } from '@app/database';
