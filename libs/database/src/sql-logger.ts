import type { Logger as TypeormLogger } from 'typeorm';

/** Where the lines go: the application's Nest logger (app.module.ts), pino's `info`/`warn` (main.ts). */
export interface SqlLogSink {
  log(line: string | Record<string, unknown>): void;
  warn(line: string | Record<string, unknown>): void;
}

/** Without a logger of the application's (scripts, tests): one JSON line on stdout / stderr. */
const CONSOLE: SqlLogSink = {
  log: (line) => console.log(typeof line === 'string' ? line : JSON.stringify(line)),
  warn: (line) => console.warn(typeof line === 'string' ? line : JSON.stringify(line)),
};

/**
 * TypeORM's lines, through the application's logger (JSON lines with the request id), and never a
 * query's parameters: they are the e-mail addresses, names, password hashes and register texts a
 * statement writes. TypeORM's own console logger prints them after a failed statement (a duplicate
 * account is an ordinary CONFLICT). What is written: the statement's text, PostgreSQL's code, the
 * constraint, table or column it names, and its message except for the data exceptions (class 22:
 * "invalid input syntax for type uuid: "…"" quotes the value).
 */
export class SqlLogger implements TypeormLogger {
  /**
   * `all`: every statement (LOG_SQL), without its parameters; otherwise failures and warnings only.
   * `logger`: Nest's (the application's pino logger once it runs); main.ts hands pino itself for the
   * migrations it runs before the application exists; scripts and tests, the console.
   */
  constructor(
    private readonly all = false,
    private readonly logger: SqlLogSink = CONSOLE,
  ) {}

  logQuery(query: string): void {
    if (this.all) this.logger.log({ query, msg: 'query' });
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ query, ...describe(error), msg: 'query failed' });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query, durationMs: time, msg: 'slow query' });
  }

  logSchemaBuild(message: string): void {
    if (this.all) this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else if (this.all) this.logger.log(String(message));
  }
}

/** What of a failed statement's error is safe to write. */
function describe(error: string | Error): Record<string, string | undefined> {
  if (typeof error === 'string') return { error: 'query failed' };
  const pg = error as Error & { code?: string; constraint?: string; table?: string; column?: string };
  const dataException = typeof pg.code === 'string' && pg.code.startsWith('22');
  return {
    sqlState: pg.code,
    constraint: pg.constraint,
    table: pg.table,
    column: pg.column,
    error: dataException ? 'data exception' : pg.message,
  };
}
