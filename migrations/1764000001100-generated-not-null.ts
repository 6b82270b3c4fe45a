import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A generated column is nullable in the catalogue unless it says otherwise: the violation's two
 * derived columns are never null (their inputs are NOT NULL), as the entity declares; the schema
 * says so too (checked by tests/integration/migrations.spec.ts).
 */
export class GeneratedNotNull1764000001100 implements MigrationInterface {
  name = 'GeneratedNotNull1764000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE violation ALTER COLUMN cnil_notification_required SET NOT NULL`);
    await q.query(`ALTER TABLE violation ALTER COLUMN cnil_deadline SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE violation ALTER COLUMN cnil_deadline DROP NOT NULL`);
    await q.query(`ALTER TABLE violation ALTER COLUMN cnil_notification_required DROP NOT NULL`);
  }
}
