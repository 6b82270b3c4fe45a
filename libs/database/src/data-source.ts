import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { SqlLogger } from './sql-logger';

export interface DatabaseOptions {
  url: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  /** log every SQL statement (LOG_SQL) */
  logSql?: boolean;
  /** counts queries, for the tests that assert a constant number of queries per page */
  logger?: Logger;
  poolSize?: number;
}

/**
 * The one way to configure TypeORM, for the app, the tests and the scripts.
 * `synchronize` is never used: the schema is what the migrations say.
 */
/** `application_name` of the API's connections: how the bench finds their PostgreSQL backends. */
export const APPLICATION_NAME = 'registre-rgpd';

export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: options.logSql ? 'all' : ['error'],
    // never a statement's parameters (personal data): sql-logger.ts
    logger: options.logger ?? new SqlLogger(options.logSql ?? false),
    extra: {
      max: options.poolSize ?? 10,
      // fail fast when the database is away, instead of hanging requests
      connectionTimeoutMillis: 5000,
      statement_timeout: 30000,
      application_name: APPLICATION_NAME,
    },
  };
}

/** Runs the pending migrations on a fresh DataSource, serialised by an advisory lock. */
export async function runMigrations(options: DatabaseOptions): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions({ ...options, poolSize: 1 }));
  await dataSource.initialize();
  try {
    await dataSource.query(`SELECT pg_advisory_lock(827364501)`);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await dataSource.query(`SELECT pg_advisory_unlock(827364501)`);
    }
  } finally {
    await dataSource.destroy();
  }
}
