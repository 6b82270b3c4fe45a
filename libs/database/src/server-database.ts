import { Client } from 'pg';

/** A database of its own on a PostgreSQL server, and how to remove it. */
export interface ServerDatabase {
  url: string;
  /** drops it, closing whatever sessions are still connected to it */
  drop(): Promise<void>;
}

/**
 * Creates the database `name` on the server of `serverUrl` (the URL of any of its databases), empty
 * or as a copy of `template` (which must then have no other session). For the tests, the seed's and
 * the bench's runs that need a database of their own beside the one they were given.
 */
export async function createServerDatabase(
  serverUrl: string,
  name: string,
  options: { template?: string } = {},
): Promise<ServerDatabase> {
  const run = async (sql: string) => {
    const admin = new URL(serverUrl);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
  await run(
    `CREATE DATABASE ${quoted(name)}${options.template ? ` TEMPLATE ${quoted(options.template)}` : ''}`,
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`) };
}
