import { Logger as TypeormLogger } from 'typeorm';

/** Counts every SQL statement TypeORM sends (logQuery is called for each, whatever `logging` says). */
export class CountingLogger implements TypeormLogger {
  queries: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
