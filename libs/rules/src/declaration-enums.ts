/**
 * The enumerations the risk rules read, defined once for the API and the web app (pure: no Nest
 * import; apps/api/src/common/enums.ts registers them with GraphQL). Each is a const object and the
 * union of its values.
 */
export const DataCategory = {
  IDENTITY: 'IDENTITY',
  CONTACT: 'CONTACT',
  SCHOOLING: 'SCHOOLING',
  ASSESSMENT: 'ASSESSMENT',
  IMAGE_VOICE: 'IMAGE_VOICE',
  CONNECTION_DATA: 'CONNECTION_DATA',
  LOCATION: 'LOCATION',
  FINANCIAL: 'FINANCIAL',
  HEALTH: 'HEALTH',
  OTHER_SENSITIVE: 'OTHER_SENSITIVE',
  OTHER: 'OTHER',
} as const;
export type DataCategory = (typeof DataCategory)[keyof typeof DataCategory];
/** art. 9 categories */
export const SENSITIVE_DATA_CATEGORIES: readonly string[] = [
  DataCategory.HEALTH,
  DataCategory.OTHER_SENSITIVE,
];

export const Answer = {
  YES: 'YES',
  NO: 'NO',
  UNKNOWN: 'UNKNOWN',
} as const;
export type Answer = (typeof Answer)[keyof typeof Answer];
export const Hosting = {
  EU: 'EU',
  NON_EU: 'NON_EU',
  UNKNOWN: 'UNKNOWN',
} as const;
export type Hosting = (typeof Hosting)[keyof typeof Hosting];
export const RiskFlag = {
  NON_EU_HOSTING: 'NON_EU_HOSTING',
  UNKNOWN_HOSTING: 'UNKNOWN_HOSTING',
  COMMERCIAL_REUSE: 'COMMERCIAL_REUSE',
  SENSITIVE_DATA: 'SENSITIVE_DATA',
  IDENTITY_WITHOUT_PSEUDONYMS: 'IDENTITY_WITHOUT_PSEUDONYMS',
  FAMILIES_NOT_INFORMED: 'FAMILIES_NOT_INFORMED',
  NO_RETENTION_LIMIT: 'NO_RETENTION_LIMIT',
  NEITHER_FREE_NOR_INSTITUTIONAL: 'NEITHER_FREE_NOR_INSTITUTIONAL',
  CATALOG_DISCOURAGED: 'CATALOG_DISCOURAGED',
  CATALOG_FORBIDDEN: 'CATALOG_FORBIDDEN',
} as const;
export type RiskFlag = (typeof RiskFlag)[keyof typeof RiskFlag];
export const RiskLevel = {
  LOW: 'LOW',
  MEDIUM: 'MEDIUM',
  HIGH: 'HIGH',
} as const;
export type RiskLevel = (typeof RiskLevel)[keyof typeof RiskLevel];

/** The DPD's opinion on a tool of the académie's catalogue (RULES.md, "Catalogue"). */
export const CatalogOpinion = {
  PENDING: 'PENDING',
  RECOMMENDED: 'RECOMMENDED',
  ALLOWED_WITH_CONDITIONS: 'ALLOWED_WITH_CONDITIONS',
  DISCOURAGED: 'DISCOURAGED',
  FORBIDDEN: 'FORBIDDEN',
} as const;
export type CatalogOpinion = (typeof CatalogOpinion)[keyof typeof CatalogOpinion];
