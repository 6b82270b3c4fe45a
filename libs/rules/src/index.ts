export * from './cnil-deadline';
export * from './declaration-enums';
export * from './risk-assessment';
export * from './uai';
export * from './tool-name';
