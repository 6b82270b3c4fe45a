import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { staleVersion } from '@app/core';
import { Changes, diff } from './changes';

/** A row under optimistic concurrency: its id and the version the writer read. */
export interface VersionedRow extends ObjectLiteral {
  id: string;
  version: number;
  schoolId?: string | null;
  academyId?: string | null;
}

/** The audit event of a write (AuditedTransactions' `audit`, structurally). */
export interface UpdateAuditEvent {
  action: 'UPDATE' | 'TRANSITION';
  entityType: string;
  entityId: string;
  schoolId?: string | null;
  academyId?: string | null;
  changes: Changes;
}

/** What a write runs in: the transaction (AuditedTransactions' WriteContext, structurally). */
export interface UpdateContext {
  em: EntityManager;
  audit(event: UpdateAuditEvent): void;
}

export interface VersionedUpdate<E extends VersionedRow> {
  entity: EntityTarget<E>;
  /** the audit trail's name of the entity: `Treatment`, `Violation`… */
  entityType: string;
  action: 'UPDATE' | 'TRANSITION';
  /** the row as read, usually under its lock: its version is the one the write expects */
  current: E;
  /** the columns to write (property names; a function is raw SQL, as `closedAt: () => 'now()'`) */
  set: QueryDeepPartialEntity<E>;
  /** the fields whose change the audit event shows */
  audited: (keyof E)[];
  /**
   * The row as the service computed it: the audited diff is taken against it. Without it, against the
   * row read back (columns the database computes, such as a violation's CNIL deadline).
   */
  next?: E;
  /** a condition the row must still meet at write time, besides its version (`status = 'OPEN'`) */
  still?: { sql: string; params: Record<string, unknown> };
  /** read the row back after the write (default); false returns `current` with `set`'s values */
  readBack?: boolean;
  /** changes of linked rows to show in the same event (a violation's treatmentIds) */
  extraChanges?: Changes;
}

/**
 * The one write path of a register entry (docs/architecture.md): sets the columns only if the row is
 * still at the version read (and meets `still`), bumps the version, and queues the audit event with
 * the diff of the audited fields; CONFLICT (staleVersion) when someone wrote in between. Runs inside
 * the caller's AuditedTransactions.run: the write and its event commit together or not at all.
 * The caller has loaded `current` through its scope (NOT_FOUND) and checked the action (FORBIDDEN).
 */
export async function versionedUpdate<E extends VersionedRow>(
  ctx: UpdateContext,
  write: VersionedUpdate<E>,
): Promise<E> {
  const { current } = write;
  const query = ctx.em
    .createQueryBuilder()
    .update(write.entity)
    .set({ ...write.set, version: () => 'version + 1' })
    .where('id = :versionedId AND version = :versionedVersion', {
      versionedId: current.id,
      versionedVersion: current.version,
    });
  if (write.still) query.andWhere(write.still.sql, write.still.params);
  const result = await query.execute();
  if (result.affected !== 1) throw staleVersion();
  const after =
    write.readBack === false
      ? ({ ...current, ...plainValues(write.set), version: current.version + 1 } as E)
      : await ctx.em.findOneByOrFail(write.entity, { id: current.id } as never);
  auditWrite(ctx, write, current, write.next ?? after, write.extraChanges);
  return after;
}

/** Queues the audit event of one row's write: the diff of its audited fields, in its chain. */
function auditWrite<E extends VersionedRow>(
  ctx: UpdateContext,
  write: Pick<VersionedUpdate<E>, 'action' | 'entityType' | 'audited'>,
  current: E,
  next: E,
  extraChanges?: Changes,
): void {
  ctx.audit({
    action: write.action,
    entityType: write.entityType,
    entityId: current.id,
    schoolId: current.schoolId ?? null,
    academyId: current.academyId ?? null,
    changes: { ...diff(current, next, write.audited), ...extraChanges },
  });
}

/** The values of a SET that are not raw SQL. */
function plainValues(set: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(set).filter(([, value]) => typeof value !== 'function'));
}

/** Every field of `fields` taken from `next`: the SET of a write that may change any of them. */
export function pick<E extends object, K extends keyof E>(next: E, fields: readonly K[]): Pick<E, K> {
  return Object.fromEntries(fields.map((field) => [field, next[field]])) as Pick<E, K>;
}

export interface VersionedUpdateAll<E extends VersionedRow> {
  entity: EntityTarget<E>;
  entityType: string;
  action: 'UPDATE' | 'TRANSITION';
  /** the rows as read under their locks: each one's version is the one the write expects */
  rows: readonly E[];
  /** the same plain values for every row (no raw SQL: each row's audit event shows them) */
  set: Partial<E>;
  audited: (keyof E)[];
}

/**
 * `versionedUpdate` of many rows with the same values, in one statement: every row still at its
 * version gets `set` and a version bump, and each one its own audit event; CONFLICT (staleVersion)
 * if any of them moved, so the transaction writes all of them or none. Returns the rows as written.
 */
export async function versionedUpdateAll<E extends VersionedRow>(
  ctx: UpdateContext,
  write: VersionedUpdateAll<E>,
): Promise<E[]> {
  if (write.rows.length === 0) return [];
  const result = await ctx.em
    .createQueryBuilder()
    .update(write.entity)
    .set({ ...write.set, version: () => 'version + 1' } as QueryDeepPartialEntity<E>)
    .where('(id, version) IN (SELECT * FROM unnest(:versionedIds::uuid[], :versionedVersions::int[]))', {
      versionedIds: write.rows.map((row) => row.id),
      versionedVersions: write.rows.map((row) => row.version),
    })
    .execute();
  if (result.affected !== write.rows.length) throw staleVersion();
  return write.rows.map((current) => {
    const after = { ...current, ...write.set, version: current.version + 1 } as E;
    auditWrite(ctx, write, current, after);
    return after;
  });
}
