import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig, Caller, conflict, DomainError } from '@app/core';
import { bindCaller } from '../common/tenant-isolation';
import { chainKey, eventHash } from './audit-chain';
import { AuditCheckpoints, ChainHead } from './audit-checkpoints';
import { AuditActionValue, AuditEventEntity } from './audit-event.entity';
import { canonicalJson } from './canonical-json';
import { Changes } from './changes';

export interface AuditInput {
  action: AuditActionValue;
  entityType: string;
  entityId: string;
  schoolId?: string | null;
  academyId?: string | null;
  changes: Changes;
}

/** What a write sees: the transaction's entity manager, and the audit trail to append to. */
export interface WriteContext {
  em: EntityManager;
  caller: Caller | null;
  /** Queues an event; it is chained and inserted in the same transaction, just before commit. */
  audit(event: AuditInput): void;
}

/** Unique constraints whose violation is the user's duplicate, not a bug. */
const DUPLICATE_MESSAGES: Record<string, string> = {
  academy_code_key: 'Une académie porte déjà ce code.',
  school_uai_key: 'Un établissement porte déjà cet UAI.',
  app_user_email_key: 'Un compte utilise déjà cette adresse électronique.',
  role_grant_unique: 'Ce rôle est déjà attribué.',
  catalog_tool_name_unique: 'Un outil du catalogue de l’académie porte déjà ce nom ou cet alias.',
};

/**
 * Every mutation goes through `run`: one database transaction holding the change and its audit
 * events (RULES.md, "Traceability"). Nothing commits without its events, no event without its change.
 */
@Injectable()
export class AuditedTransactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkpoints: AuditCheckpoints,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(caller: Caller | null, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    let heads: ChainHead[] = [];
    let result: T;
    try {
      result = await this.dataSource.transaction(async (em) => {
        bindCaller(em, caller);
        const events: AuditInput[] = [];
        const value = await work({ em, caller, audit: (event) => events.push(event) });
        heads = await appendEvents(em, caller?.userId ?? null, events, this.config.auditHmacKey);
        return value;
      });
    } catch (error) {
      throw translateDatabaseError(error);
    }
    // committed: the chains' new heads are checkpointed outside the database
    await this.checkpoints.record(heads);
    return result;
  }
}

/** Events inserted per statement. */
const INSERT_SLICE = 100;

/**
 * Chains and inserts events, keyed with `key` (HMAC-SHA-256); the heads of the chains it appended
 * to. Each chain is serialised by a transaction-scoped advisory lock taken in a fixed order, so
 * concurrent writers never fork a chain nor deadlock on it: the locks and the heads of every chain
 * the transaction touches come in one statement (migration 6000), the events in slices of
 * INSERT_SLICE whatever their chains, so a write to 500 schools costs a few statements, not 1,000.
 */
export async function appendEvents(
  em: EntityManager,
  actorId: string | null,
  events: AuditInput[],
  key: string,
): Promise<ChainHead[]> {
  if (events.length === 0) return [];
  const at = new Date();
  const byChain = new Map<string, AuditInput[]>();
  for (const event of events) {
    const key = chainKey(event.schoolId ?? null, event.academyId ?? null);
    const chain = byChain.get(key);
    if (chain) chain.push(event);
    else byChain.set(key, [event]);
  }
  const chains = [...byChain.keys()].sort();
  // the chains' locks, then their last events as the previous holders committed them
  const found: { chain_key: string; last_seq: string; last_hash: string }[] = await em.query(
    'SELECT chain_key, last_seq, last_hash FROM audit_chain_heads($1::text[])',
    [chains],
  );
  const previous = new Map(found.map((row) => [row.chain_key, row]));
  const heads: ChainHead[] = [];
  const rows: AuditEventEntity[] = [];
  for (const chain of chains) {
    const head = previous.get(chain);
    let seq = head ? Number(head.last_seq) : 0;
    let previousHash: string | null = head ? head.last_hash : null;
    for (const event of byChain.get(chain) ?? []) {
      seq += 1;
      const row = Object.assign(new AuditEventEntity(), {
        id: randomUUID(),
        chain,
        seq,
        at,
        actorId,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        schoolId: event.schoolId ?? null,
        academyId: event.academyId ?? null,
        changes: canonicalJson(event.changes),
        previousHash,
        hashAlg: 'hmac-sha256',
      });
      row.hash = eventHash('hmac-sha256', key, previousHash, row);
      previousHash = row.hash;
      rows.push(row);
    }
    const last = rows[rows.length - 1];
    heads.push({ chain, academyId: last.academyId, seq: last.seq, hash: last.hash });
  }
  // an import's 2,000 events go in slices: each insert's await lets the event loop serve others
  for (let start = 0; start < rows.length; start += INSERT_SLICE) {
    await em.insert(AuditEventEntity, rows.slice(start, start + INSERT_SLICE));
  }
  return heads;
}

/** A duplicate becomes CONFLICT; any other database error stays internal. */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof QueryFailedError) {
    const driverError = error.driverError as { code?: string; constraint?: string };
    if (driverError.code === '23505') {
      return conflict(DUPLICATE_MESSAGES[driverError.constraint ?? ''] ?? 'Cet élément existe déjà.');
    }
  }
  return error;
}
