import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the filters the treatments and declarations lists offer beyond the initial ones:
 * a school's treatments by status (a teacher's scope is "ACTIVE ones of its schools"), an academy's
 * treatments by sensitiveData, and an academy's declarations by riskLevel alone. Each ends with the
 * keyset (created_at, id) so a filtered page is read in order.
 */
export class RegisterFilterIndexes1764000000300 implements MigrationInterface {
  name = 'RegisterFilterIndexes1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX treatment_school_status ON treatment (school_id, status, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX treatment_academy_sensitive ON treatment (academy_id, sensitive_data, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX tool_declaration_academy_risk ON tool_declaration (academy_id, risk_level, created_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tool_declaration_academy_risk`);
    await q.query(`DROP INDEX IF EXISTS treatment_academy_sensitive`);
    await q.query(`DROP INDEX IF EXISTS treatment_school_status`);
  }
}
