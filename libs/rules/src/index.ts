export * from './cnil-deadline';
