import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_chain_head(chain)`: takes the chain's transaction-scoped advisory lock, then reads the
 * chain's last event (seq, hash), in one round trip where appendEvents took two
 * (apps/api/src/audit/audited-transaction.service.ts).
 *
 * The order matters and holds because the function is VOLATILE plpgsql: under READ COMMITTED each
 * of its statements takes a fresh snapshot, so the head is read after the lock is granted and sees
 * the events of the previous holder, committed while this transaction waited. (One plain SQL
 * statement calling the lock would read with the snapshot taken before the wait, and fork the chain.)
 */
export class AuditChainHead1764000000600 implements MigrationInterface {
  name = 'AuditChainHead1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION audit_chain_head(p_chain text) RETURNS TABLE (seq bigint, hash char(64))
       LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(hashtextextended(p_chain, 0));
         RETURN QUERY
           SELECT e.seq, e.hash FROM audit_event e WHERE e.chain = p_chain ORDER BY e.seq DESC LIMIT 1;
       END
       $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS audit_chain_head(text)`);
  }
}
