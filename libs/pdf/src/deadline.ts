/** The documents' deadline status: the one CNIL deadline rule, in libs/rules. */
export { cnilDeadlineStatus as deadlineStatus } from '@app/rules/cnil-deadline';
