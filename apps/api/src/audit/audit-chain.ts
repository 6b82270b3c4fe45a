import { createHash } from 'node:crypto';
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

/** hash = SHA-256 (hex) over the previous hash and the event's canonical content. */
export function chainHash(previousHash: string | null, content: ChainedContent): string {
  return createHash('sha256')
    .update(previousHash ?? '')
    .update('\n')
    .update(
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
      }),
    )
    .digest('hex');
}

/** The chain an event belongs to: its school's, else its academy's, else the global one. */
export function chainKey(schoolId: string | null, academyId: string | null): string {
  return schoolId ?? (academyId ? `academy:${academyId}` : 'global');
}
