import { AdvancedConsoleLogger, QueryRunner } from 'typeorm';

/**
 * TypeORM's console logger without the parameters of a failed statement: they carry personal data
 * (requesters' and pupils' names in the rights-request register, e-mail addresses, free texts), which
 * never go to the logs. The statement and the database's message (which names the constraint, not
 * the row) are kept. The default when LOG_SQL is off; LOG_SQL=true is a local debugging switch that
 * prints everything.
 */
export class RedactingSqlLogger extends AdvancedConsoleLogger {
  constructor() {
    super(['error']);
  }

  override logQueryError(
    error: string | Error,
    query: string,
    _parameters?: unknown,
    queryRunner?: QueryRunner,
  ): void {
    super.logQueryError(error as string, query, undefined, queryRunner);
  }
}
