import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_chain_heads(chains)`: `audit_chain_head` (migration 600) for several chains in one round
 * trip. A transaction that writes to 500 schools' chains at once (a catalogue entry followed by 500
 * schools' treatments) took 500 statements to lock and read them; it now takes one.
 *
 * The locks are taken in the order of the array (appendEvents sorts it, as it sorted its calls to
 * audit_chain_head), so writers never deadlock on chains. The heads are read by the function's
 * last statement, which under READ COMMITTED takes its snapshot after every lock was granted: it
 * sees the events that the previous holders committed while this transaction waited.
 */
export class AuditChainHeads1764000006000 implements MigrationInterface {
  name = 'AuditChainHeads1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION audit_chain_heads(p_chains text[])
         RETURNS TABLE (chain_key text, last_seq bigint, last_hash char(64))
       LANGUAGE plpgsql VOLATILE AS $$
       DECLARE
         c text;
       BEGIN
         FOREACH c IN ARRAY p_chains LOOP
           PERFORM pg_advisory_xact_lock(hashtextextended(c, 0));
         END LOOP;
         RETURN QUERY
           SELECT k.key, e.seq, e.hash
             FROM unnest(p_chains) AS k(key)
             CROSS JOIN LATERAL (
               SELECT a.seq, a.hash FROM audit_event a WHERE a.chain = k.key ORDER BY a.seq DESC LIMIT 1
             ) e;
       END
       $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS audit_chain_heads(text[])`);
  }
}
