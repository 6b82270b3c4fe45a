import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditAction } from '../common/enums';
import type { HashAlgorithm } from './audit-chain';

export type AuditActionValue = AuditAction;

/** One link of a hash chain. Append-only: a database trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryColumn('uuid') id: string;
  /** the chain this event belongs to: a school id, or "global" for academy- and user-level events */
  @Column() chain: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;
  @Column({ type: 'timestamptz', precision: 3 }) at: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text' }) action: AuditAction;
  @Column({ name: 'entity_type' }) entityType: string;
  @Column({ name: 'entity_id', type: 'uuid' }) entityId: string;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ name: 'academy_id', type: 'uuid', nullable: true }) academyId: string | null;
  /** canonical JSON `{ field: [before, after] }`, kept as text so the hash can be recomputed byte for byte */
  @Column({ type: 'text' }) changes: string;
  @Column({ type: 'char', length: 64 }) hash: string;
  /** how `hash` was computed: 'hmac-sha256' (keyed, every event the API writes) or legacy 'sha256' */
  @Column({ name: 'hash_alg', type: 'text', default: 'sha256' }) hashAlg: HashAlgorithm;
  @Column({ name: 'previous_hash', type: 'char', length: 64, nullable: true }) previousHash: string | null;
}
