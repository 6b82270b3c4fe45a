import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The uncatalogued declarations' index gets the school as a key column (it was only carried along,
 * INCLUDE): (academy_id, tool_key, school_id). The dashboard's count of catalogue candidates (names
 * declared in two schools or more, DashboardService.counts) then reads, per distinct name, its first
 * school and whether a second one exists: a few index probes per name, where grouping every
 * uncatalogued declaration of the académie took 37 ms at the size of Toulouse (63,174 of them, for
 * ten names). The index still serves what it served: the académie's uncatalogued declarations of
 * one name (a new entry's links, the candidates page), index-only with the risk level.
 */
export class UncataloguedBySchool1764000007000 implements MigrationInterface {
  name = 'UncataloguedBySchool1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tool_declaration_uncatalogued`);
    await q.query(
      `CREATE INDEX tool_declaration_uncatalogued ON tool_declaration (academy_id, tool_key, school_id)
        INCLUDE (risk_level) WHERE catalog_tool_id IS NULL AND status <> 'WITHDRAWN'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tool_declaration_uncatalogued`);
    await q.query(
      `CREATE INDEX tool_declaration_uncatalogued ON tool_declaration (academy_id, tool_key)
        INCLUDE (school_id, risk_level) WHERE catalog_tool_id IS NULL AND status <> 'WITHDRAWN'`,
    );
  }
}
