import { Pool } from 'pg';
import { eventHash, HashAlgorithm } from '../apps/api/src/audit/audit-chain';
import { BENCH_AUDIT_HMAC_KEY } from './api';

export interface ChainCheck {
  valid: boolean;
  chains: number;
  events: number;
  firstBrokenEventId: string | null;
}

/**
 * Recomputes the given chains exactly as verifyAuditTrail does (seq 1..n, each previous_hash the hash
 * before it, each hash over the previous one and the canonical content, plain SHA-256 or keyed
 * with the bench API's key as its hash_alg says).
 */
export async function verifyChains(
  pool: Pool,
  chains: string[],
  key = BENCH_AUDIT_HMAC_KEY,
): Promise<ChainCheck> {
  const { rows } = await pool.query(
    `SELECT id, chain, seq, at, actor_id, action, entity_type, entity_id, school_id, academy_id, changes, hash,
            previous_hash, hash_alg
       FROM audit_event WHERE chain = ANY($1) ORDER BY chain, seq`,
    [chains],
  );
  let last: { chain: string; seq: number; hash: string } | null = null;
  let events = 0;
  for (const row of rows) {
    const event = {
      id: row.id as string,
      chain: row.chain as string,
      seq: Number(row.seq),
      at: row.at as Date,
      actorId: row.actor_id as string | null,
      action: row.action as string,
      entityType: row.entity_type as string,
      entityId: row.entity_id as string,
      schoolId: row.school_id as string | null,
      academyId: row.academy_id as string | null,
      changes: row.changes as string,
    };
    const sameChain: boolean = last?.chain === event.chain;
    const expectedSeq: number = sameChain && last ? last.seq + 1 : 1;
    const expectedPrevious: string | null = sameChain && last ? last.hash : null;
    events += 1;
    if (
      event.seq !== expectedSeq ||
      row.previous_hash !== expectedPrevious ||
      eventHash(row.hash_alg as HashAlgorithm, key, row.previous_hash as string | null, event) !== row.hash
    ) {
      return { valid: false, chains: chains.length, events, firstBrokenEventId: event.id };
    }
    last = { chain: event.chain, seq: event.seq, hash: row.hash as string };
  }
  return { valid: true, chains: chains.length, events, firstBrokenEventId: null };
}
