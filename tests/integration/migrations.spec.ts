import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { entities } from '../../apps/api/src/entities';
import { dataSourceOptions, runMigrations } from '@app/database';
import { migrations } from '../../migrations';
import { testDatabaseUrl } from '../helpers/test-app';

/**
 * The schema is what the migrations say (synchronize is never used); the entities must describe it.
 * Indexes, foreign keys, triggers and functions live in the migrations only, by design (the entities
 * declare none of them), so the agreement checked here is the one TypeORM relies on: every entity
 * column is a column of its table, of a compatible type and the same nullability, and every column of
 * a table is mapped by its entity. A second test runs every `down()` then every `up()` again and
 * compares the whole catalogue (columns, constraints, indexes, functions, triggers) before and after.
 */

/** PostgreSQL's type names (information_schema.columns.udt_name) each entity column type may map to */
const TYPE_FAMILIES: Record<string, string[]> = {
  uuid: ['uuid'],
  text: ['text', 'varchar'],
  varchar: ['text', 'varchar'],
  'character varying': ['text', 'varchar'],
  character: ['bpchar'],
  int: ['int4'],
  integer: ['int4'],
  int4: ['int4'],
  bigint: ['int8'],
  smallint: ['int2'],
  boolean: ['bool'],
  date: ['date'],
  timestamptz: ['timestamptz'],
  'timestamp with time zone': ['timestamptz'],
  jsonb: ['jsonb'],
  tsvector: ['tsvector'],
  bytea: ['bytea'],
  'double precision': ['float8'],
  numeric: ['numeric'],
};

/** the PostgreSQL type name of an entity column as TypeORM would create it */
function entityType(
  dataSource: DataSource,
  column: DataSource['entityMetadatas'][number]['columns'][number],
): string {
  const normalized = dataSource.driver.normalizeType(column);
  return column.isArray ? `${normalized}[]` : normalized;
}

/**
 * Columns the database keeps for itself, read through SQL only: the generated `search_text` that the
 * search indexes (libs/database/src/search.ts), on every searchable table.
 */
const DATABASE_ONLY_COLUMNS = ['search_text'];

function databaseUrlNamed(name: string): string {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Everything a migration can create, described in one comparable text per object. */
async function catalogue(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const queries = [
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' null=' || is_nullable
              || ' default=' || coalesce(column_default, '') || ' generated=' || coalesce(generation_expression, '') AS d
         FROM information_schema.columns WHERE table_schema = 'public'`,
      `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
      `SELECT 'index ' || indexdef AS d FROM pg_indexes WHERE schemaname = 'public'`,
      // the extensions' own functions stay: the first migration creates the extensions IF NOT EXISTS
      // and leaves them in place (another database object may use them)
      `SELECT 'function ' || p.proname || ' ' || md5(pg_get_functiondef(p.oid)) AS d
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
      `SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || pg_get_triggerdef(oid) AS d
         FROM pg_trigger WHERE NOT tgisinternal`,
      `SELECT 'type ' || t.typname AS d FROM pg_type t
         WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0`,
    ];
    const lines: string[] = [];
    for (const sql of queries) {
      const { rows } = await client.query<{ d: string }>(sql);
      lines.push(...rows.map((r) => r.d));
    }
    return lines.sort();
  });
}

describe('migrations and entities', () => {
  const name = `registre_migrations_${process.pid}`;
  const url = databaseUrlNamed(name);
  const admin = databaseUrlNamed('postgres');

  beforeAll(async () => {
    await withClient(admin, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      await client.query(`CREATE DATABASE ${name}`);
    });
    await runMigrations({ url, entities, migrations });
  }, 120_000);

  afterAll(async () => {
    await withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('agree: every entity column is a column of its table (type, nullability) and every column is mapped', async () => {
    const dataSource = new DataSource(dataSourceOptions({ url, entities, migrations, poolSize: 1 }));
    await dataSource.initialize();
    try {
      const columns: { table_name: string; column_name: string; udt_name: string; is_nullable: string }[] =
        await dataSource.query(
          `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
            WHERE table_schema = 'public'`,
        );
      const byTable = new Map<string, Map<string, { udt: string; nullable: boolean }>>();
      for (const c of columns) {
        if (!byTable.has(c.table_name)) byTable.set(c.table_name, new Map());
        byTable.get(c.table_name)!.set(c.column_name, { udt: c.udt_name, nullable: c.is_nullable === 'YES' });
      }
      const problems: string[] = [];
      for (const metadata of dataSource.entityMetadatas) {
        const table = byTable.get(metadata.tableName);
        if (!table) {
          problems.push(`entity ${metadata.name}: no table ${metadata.tableName}`);
          continue;
        }
        const mapped = new Set<string>();
        for (const column of metadata.columns) {
          mapped.add(column.databaseName);
          const actual = table.get(column.databaseName);
          const where = `${metadata.tableName}.${column.databaseName}`;
          if (!actual) {
            problems.push(`${where}: declared by ${metadata.name}, absent from the table`);
            continue;
          }
          const declared = entityType(dataSource, column);
          const base = declared.endsWith('[]') ? declared.slice(0, -2) : declared;
          const expected = (TYPE_FAMILIES[base] ?? [base]).map((t) =>
            declared.endsWith('[]') ? `_${t}` : t,
          );
          if (!expected.includes(actual.udt)) {
            problems.push(`${where}: entity type ${declared}, table type ${actual.udt}`);
          }
          if (column.isNullable !== actual.nullable) {
            problems.push(
              `${where}: entity says ${column.isNullable ? 'nullable' : 'NOT NULL'}, table says ${actual.nullable ? 'nullable' : 'NOT NULL'}`,
            );
          }
        }
        for (const columnName of table.keys()) {
          if (mapped.has(columnName) || DATABASE_ONLY_COLUMNS.includes(columnName)) continue;
          problems.push(`${metadata.tableName}.${columnName}: in the table, not in ${metadata.name}`);
        }
      }
      expect(problems).toEqual([]);
      // the check above can fail: every entity was compared
      expect(dataSource.entityMetadatas.length).toBeGreaterThanOrEqual(9);
    } finally {
      await dataSource.destroy();
    }
  }, 60_000);

  it("every migration's down() runs, newest first, and up() again restores the same schema", async () => {
    const before = await catalogue(url);
    expect(before.length).toBeGreaterThan(100);
    const dataSource = new DataSource(dataSourceOptions({ url, entities, migrations, poolSize: 1 }));
    await dataSource.initialize();
    try {
      for (let i = 0; i < migrations.length; i += 1) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      const applied: unknown[] = await dataSource.query(`SELECT name FROM migrations`);
      expect(applied).toEqual([]);
      // nothing of ours is left once every down() ran (but TypeORM's own migrations table)
      const left = (await catalogue(url)).filter((line) => !/\bmigrations\b/.test(line));
      expect(left).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
    await runMigrations({ url, entities, migrations });
    expect(await catalogue(url)).toEqual(before);
  }, 180_000);
});
