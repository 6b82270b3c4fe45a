import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** What the hash of an event covers: everything but the hash itself. */
export interface ChainedContent {
  id: string;
  chain: string;
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  schoolId: string | null;
  academyId: string | null;
  changes: string;
}

/**
 * How an event's hash was computed (audit_event.hash_alg, migration 1764000001010):
 * - `hmac-sha256`: HMAC-SHA-256 keyed with AUDIT_HMAC_KEY, which the database never holds: every
 *   event written since that migration;
 * - `sha256`: plain SHA-256, the events written before it. Anyone can recompute those, so they are
 *   believed only up to the signed checkpoint of their chain's head (audit-checkpoints.ts).
 */
export type HashAlgorithm = 'sha256' | 'hmac-sha256';
export const HASH_ALGORITHMS: HashAlgorithm[] = ['sha256', 'hmac-sha256'];

/** The hash of an event under `algorithm`; `key` is used by hmac-sha256 only. */
export function eventHash(
  algorithm: HashAlgorithm,
  key: string,
  previousHash: string | null,
  content: ChainedContent,
): string {
  const digest = algorithm === 'hmac-sha256' ? createHmac('sha256', key) : createHash('sha256');
  return digest.update(chainInput(previousHash, content)).digest('hex');
}

/** The legacy hash = SHA-256 (hex) over the previous hash and the event's canonical content. */
export function chainHash(previousHash: string | null, content: ChainedContent): string {
  return createHash('sha256').update(chainInput(previousHash, content)).digest('hex');
}

/** What an event's hash covers: the previous hash, a line break, the canonical content. */
function chainInput(previousHash: string | null, content: ChainedContent): string {
  return (
    (previousHash ?? '') +
    '\n' +
    canonicalJson({
      id: content.id,
      chain: content.chain,
      seq: content.seq,
      at: content.at.toISOString(),
      actorId: content.actorId,
      action: content.action,
      entityType: content.entityType,
      entityId: content.entityId,
      schoolId: content.schoolId,
      academyId: content.academyId,
      changes: content.changes,
    })
  );
}

/** The chain an event belongs to: its school's, else its academy's, else the global one. */
export function chainKey(schoolId: string | null, academyId: string | null): string {
  return schoolId ?? (academyId ? `academy:${academyId}` : 'global');
}
