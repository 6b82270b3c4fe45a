export * from './app-database';
export * from './data-source';
export * from './embedded-postgres';
export * from './paginate';
export * from './references';
export * from './search';
export * from './changes';
export * from './versioned-update';
