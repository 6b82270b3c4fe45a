/**
 * Words the libraries share with the API (the GraphQL enums of the same name, registered in
 * apps/api/src/common/enums.ts, are these objects): one definition each.
 */

/** A role grant's role (RULES.md, "Who may do what"). */
export const Role = {
  TEACHER: 'TEACHER',
  HEAD: 'HEAD',
  DPD: 'DPD',
  ADMIN: 'ADMIN',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** The documents exportRegister renders (libs/pdf). */
export const ExportKind = {
  TREATMENT_REGISTER: 'TREATMENT_REGISTER',
  VIOLATION_REGISTER: 'VIOLATION_REGISTER',
  CNIL_DOSSIER: 'CNIL_DOSSIER',
  RIGHTS_REQUEST_REGISTER: 'RIGHTS_REQUEST_REGISTER',
} as const;
export type ExportKind = (typeof ExportKind)[keyof typeof ExportKind];

/** The file formats exportRegister writes (libs/pdf: the PDF documents and the spreadsheets). */
export const ExportFormat = {
  PDF: 'PDF',
  XLSX: 'XLSX',
  CSV: 'CSV',
} as const;
export type ExportFormat = (typeof ExportFormat)[keyof typeof ExportFormat];
