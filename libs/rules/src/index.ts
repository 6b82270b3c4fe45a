export * from './declaration-enums';
export * from './risk-assessment';
