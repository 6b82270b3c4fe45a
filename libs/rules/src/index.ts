export * from './cnil-deadline';
export * from './declaration-enums';
export * from './departement';
export * from './rights-request-deadline';
export * from './risk-assessment';
export * from './uai';
export * from './violation-closing';
export * from './tool-name';
