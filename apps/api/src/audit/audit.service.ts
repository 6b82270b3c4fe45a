import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, Page, PageArgs } from '../../../../libs/core/src';
import { requireCan, scope } from '../access';
import { paginate } from '../../../../libs/database/src';
import { securityEvent } from '../common/security-events';
import { chainHash } from './audit-chain';
import { AuditEventEntity } from './audit-event.entity';
import { AuditFilter, AuditVerification } from './audit.model';

const VERIFY_BATCH = 5000;

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** HEAD: its schools' events; DPD: its academy's; ADMIN: all. Newest first. */
  trail<M>(
    caller: Caller,
    filter: AuditFilter | null | undefined,
    page: PageArgs,
    map: (e: AuditEventEntity) => M,
  ): Promise<Page<M>> {
    requireCan(caller, 'auditEvent.read');
    const visible = scope(caller, 'auditEvent.read', 'e');
    const query = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where(visible.sql, visible.params);
    if (filter?.schoolId) query.andWhere('e.school_id = :schoolId', { schoolId: filter.schoolId });
    if (filter?.entityType) query.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter?.entityId) query.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter?.actorId) query.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter?.since) query.andWhere('e.at >= :since', { since: filter.since });
    return paginate(query, page, map, { timeColumn: 'at', timeProperty: 'at' });
  }

  /**
   * Recomputes every chain the caller answers for (DPD: its academy's; ADMIN: all) and names the first
   * event whose hash, link to its predecessor or sequence number does not match.
   */
  async verify(caller: Caller): Promise<AuditVerification> {
    requireCan(caller, 'auditEvent.verify');
    const academyFilter = caller.isAdmin ? '' : 'AND academy_id = ANY($3)';
    let checkedEvents = 0;
    let last: { chain: string; seq: number; hash: string } | null = null;
    for (;;) {
      const params: unknown[] = [last?.chain ?? '', last?.seq ?? 0];
      if (!caller.isAdmin) params.push(caller.dpdAcademyIds);
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT id, chain, seq, at, actor_id, action, entity_type, entity_id, school_id, academy_id, changes, hash, previous_hash
           FROM audit_event WHERE (chain, seq) > ($1, $2) ${academyFilter}
          ORDER BY chain, seq LIMIT ${VERIFY_BATCH}`,
        params,
      );
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
        const hash = row.hash as string;
        const previousHash = row.previous_hash as string | null;
        const sameChain: boolean = last?.chain === event.chain;
        const expectedSeq: number = sameChain ? last!.seq + 1 : 1;
        const expectedPrevious: string | null = sameChain ? last!.hash : null;
        checkedEvents += 1;
        if (
          event.seq !== expectedSeq ||
          previousHash !== expectedPrevious ||
          chainHash(previousHash, event) !== hash
        ) {
          securityEvent({
            event: 'audit.verification_failed',
            userId: caller.userId,
            firstBrokenEventId: event.id,
          });
          return { valid: false, checkedEvents, firstBrokenEventId: event.id };
        }
        last = { chain: event.chain, seq: event.seq, hash };
      }
      if (rows.length < VERIFY_BATCH) return { valid: true, checkedEvents, firstBrokenEventId: null };
    }
  }
}
