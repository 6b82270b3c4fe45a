export * from './caller';
export * from './config';
export * from './errors';
export * from './pagination';
export * from './scope';
export * from './validation';
export * from './validate';
export * from './vocabulary';
