import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_event.hash_alg`: how the event's hash was computed. The events written before this
 * migration keep their plain SHA-256 ('sha256', the column's default, so that nothing written
 * without the column changes meaning); the API writes every new event as 'hmac-sha256', keyed
 * with AUDIT_HMAC_KEY, which the database never holds (apps/api/src/audit/audit-chain.ts,
 * docs/audit-trail.md). A plain SHA-256 event is believed only up to its chain's signed checkpoint.
 */
export class AuditHmac1764000001010 implements MigrationInterface {
  name = 'AuditHmac1764000001010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE audit_event ADD COLUMN hash_alg text NOT NULL DEFAULT 'sha256'
         CONSTRAINT audit_event_hash_alg CHECK (hash_alg IN ('sha256', 'hmac-sha256'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // events written under the HMAC would no longer verify as plain SHA-256: down() refuses them
    const [{ count }] = await q.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE hash_alg = 'hmac-sha256'`,
    );
    if (count > 0) {
      throw new Error(
        `${count} audit events are keyed (hmac-sha256): dropping hash_alg would make them unverifiable`,
      );
    }
    await q.query(`ALTER TABLE audit_event DROP COLUMN hash_alg`);
  }
}
