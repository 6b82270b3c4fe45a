import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The académie's tool catalogue (RULES.md, "Catalogue"): one entry per tool, reviewed once by the DPD;
 * declarations link to it. `tool_name_key()` is the SQL form of libs/rules/src/tool-name.ts.
 *
 * catalog_tool_name holds every normalised name and alias of every entry, unique per académie: the
 * database refuses a duplicate even when two DPDs write at once (CONFLICT).
 */
export class Catalog1764000004000 implements MigrationInterface {
  name = 'Catalog1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION tool_name_key(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT regexp_replace(search_fold($1), '[^a-z0-9]', '', 'g') $$`);
    await q.query(`
      CREATE TABLE catalog_tool (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        academy_id uuid NOT NULL REFERENCES academy(id),
        name text NOT NULL,
        name_key text GENERATED ALWAYS AS (tool_name_key(name)) STORED NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        vendor text,
        url text,
        description text,
        data_categories text[] NOT NULL,
        hosting text NOT NULL CHECK (hosting IN ('EU','NON_EU','UNKNOWN')),
        hosting_country text,
        free_software text NOT NULL CHECK (free_software IN ('YES','NO','UNKNOWN')),
        institutional boolean NOT NULL,
        commercial_reuse text NOT NULL CHECK (commercial_reuse IN ('YES','NO','UNKNOWN')),
        retention_months integer CHECK (retention_months BETWEEN 0 AND 1200),
        security_measures text,
        opinion text NOT NULL
          CHECK (opinion IN ('PENDING','RECOMMENDED','ALLOWED_WITH_CONDITIONS','DISCOURAGED','FORBIDDEN')),
        conditions text,
        alternative_ids uuid[] NOT NULL DEFAULT '{}',
        risk_flags text[] NOT NULL DEFAULT '{}',
        risk_level text NOT NULL CHECK (risk_level IN ('LOW','MEDIUM','HIGH')),
        reviewed_by_id uuid REFERENCES app_user(id),
        reviewed_at timestamptz(3),
        search_text text GENERATED ALWAYS AS
          (search_fold_all(ARRAY[name, vendor] || aliases)) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX catalog_tool_academy_name ON catalog_tool (academy_id, name_key, id)`);
    await q.query(`CREATE INDEX catalog_tool_name_order ON catalog_tool (name_key, id)`);
    await q.query(`CREATE INDEX catalog_tool_search ON catalog_tool USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE catalog_tool_name (
        academy_id uuid NOT NULL REFERENCES academy(id),
        name_key text NOT NULL,
        catalog_tool_id uuid NOT NULL REFERENCES catalog_tool(id),
        CONSTRAINT catalog_tool_name_unique PRIMARY KEY (academy_id, name_key)
      )`);
    await q.query(`CREATE INDEX catalog_tool_name_tool ON catalog_tool_name (catalog_tool_id)`);

    await q.query(`ALTER TABLE tool_declaration ADD COLUMN catalog_tool_id uuid REFERENCES catalog_tool(id)`);
    await q.query(
      `ALTER TABLE tool_declaration ADD COLUMN tool_key text GENERATED ALWAYS AS (tool_name_key(tool_name)) STORED`,
    );
    await q.query(`ALTER TABLE tool_declaration ALTER COLUMN tool_key SET NOT NULL`);
    await q.query(
      `CREATE INDEX tool_declaration_catalog ON tool_declaration (catalog_tool_id, status, school_id)
        WHERE catalog_tool_id IS NOT NULL`,
    );
    // the uncatalogued declarations of an académie, by name: the linking of a new entry and the candidates
    await q.query(
      `CREATE INDEX tool_declaration_uncatalogued ON tool_declaration (academy_id, tool_key)
        INCLUDE (school_id, risk_level) WHERE catalog_tool_id IS NULL AND status <> 'WITHDRAWN'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tool_declaration_uncatalogued`);
    await q.query(`DROP INDEX IF EXISTS tool_declaration_catalog`);
    await q.query(`ALTER TABLE tool_declaration DROP COLUMN IF EXISTS tool_key`);
    await q.query(`ALTER TABLE tool_declaration DROP COLUMN IF EXISTS catalog_tool_id`);
    await q.query(`DROP TABLE IF EXISTS catalog_tool_name`);
    await q.query(`DROP TABLE IF EXISTS catalog_tool`);
    await q.query(`DROP FUNCTION IF EXISTS tool_name_key(text)`);
  }
}
