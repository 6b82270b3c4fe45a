import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Caller, Page, PageArgs } from '@app/core';
import { requireCan, scope } from '../access';
import { paginate } from '@app/database';
import { eventHash, HASH_ALGORITHMS, HashAlgorithm } from './audit-chain';
import { AuditCheckpoints } from './audit-checkpoints';
import { securityEvent } from '../common/security-events';
import { AuditEventEntity } from './audit-event.entity';
import { AuditFilter, AuditProblem, AuditProblemKind, AuditVerification } from './audit.model';

const VERIFY_BATCH = 5000;
/** problems listed at most (all are counted in `valid`) */
const MAX_PROBLEMS = 100;

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkpoints: AuditCheckpoints,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
   * Recomputes every chain the caller answers for (DPD: its academy's; ADMIN: all) against the
   * signed checkpoints kept outside the database (audit-checkpoints.ts), and names every chain that
   * does not hold, one problem per chain: an event whose hash (HMAC-SHA-256, or plain SHA-256 for
   * events older than the checkpoints), link or sequence number does not match, an unkeyed event
   * past the checkpoint, a chain rewritten before its checkpoint, cut short of it, or gone.
   */
  async verify(caller: Caller): Promise<AuditVerification> {
    requireCan(caller, 'auditEvent.verify');
    const key = this.config.auditHmacKey;
    const { heads: checkpoints, invalidLines, conflicting } = await this.checkpoints.read();
    const inScope = (academyId: string | null) =>
      caller.isAdmin || (academyId !== null && caller.dpdAcademyIds.includes(academyId));
    const problems: AuditProblem[] = [];
    let problemCount = 0;
    const report = (problem: Omit<AuditProblem, 'seq' | 'eventId'> & Partial<AuditProblem>) => {
      problemCount += 1;
      if (problems.length < MAX_PROBLEMS) problems.push({ seq: null, eventId: null, ...problem });
    };
    for (const line of invalidLines) {
      report({
        kind: AuditProblemKind.INVALID_CHECKPOINT,
        chain: null,
        message: `La ligne ${line} du fichier des points de contrôle n'est pas signée par la clé du journal.`,
      });
    }

    const seen = new Set<string>();
    let checkedEvents = 0;
    /** the chain being read: its last event, whether it holds a keyed event, whether it broke */
    let current = null as {
      chain: string;
      seq: number;
      hash: string;
      keyed: boolean;
      broken: boolean;
    } | null;
    const endOfChain = () => {
      if (!current || current.broken) return;
      const checkpoint = checkpoints.get(current.chain);
      if (checkpoint && current.seq < checkpoint.seq) {
        report({
          kind: AuditProblemKind.MISSING_TAIL,
          chain: current.chain,
          seq: current.seq + 1,
          message: `La chaîne ${current.chain} s'arrête à l'événement n° ${current.seq} ; le point de contrôle signé du ${checkpoint.at} en atteste ${checkpoint.seq} : les événements ${current.seq + 1} à ${checkpoint.seq} manquent.`,
        });
      } else if (conflicting.has(current.chain)) {
        report({
          kind: AuditProblemKind.REWRITTEN_CHAIN,
          chain: current.chain,
          message: `Deux points de contrôle signés de la chaîne ${current.chain} donnent deux empreintes différentes pour un même numéro : la chaîne a été coupée puis prolongée.`,
        });
      }
    };

    const academyFilter = caller.isAdmin ? '' : 'AND academy_id = ANY($3)';
    let last: { chain: string; seq: number } | null = null;
    for (;;) {
      const params: unknown[] = [last?.chain ?? '', last?.seq ?? 0];
      if (!caller.isAdmin) params.push(caller.dpdAcademyIds);
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT id, chain, seq, at, actor_id, action, entity_type, entity_id, school_id, academy_id, changes, hash,
                previous_hash, hash_alg
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
        const algorithm = row.hash_alg as HashAlgorithm;
        checkedEvents += 1;
        last = { chain: event.chain, seq: event.seq };
        if (current?.chain !== event.chain) {
          endOfChain();
          seen.add(event.chain);
          current = { chain: event.chain, seq: 0, hash: '', keyed: false, broken: false };
        }
        if (current.broken) continue;
        const checkpoint = checkpoints.get(event.chain);
        const expectedSeq = current.seq + 1;
        const expectedPrevious = current.seq ? current.hash : null;
        const at = { chain: event.chain, seq: event.seq, eventId: event.id };
        const where = `l'événement ${event.id} (chaîne ${event.chain}, n° ${event.seq})`;
        let problem: Omit<AuditProblem, 'chain' | 'seq' | 'eventId'> | null = null;
        if (event.seq !== expectedSeq) {
          problem = {
            kind: AuditProblemKind.SEQUENCE_GAP,
            message: `${where} suit le n° ${current.seq} : des événements ont été supprimés ou insérés.`,
          };
        } else if (previousHash !== expectedPrevious) {
          problem = {
            kind: AuditProblemKind.BROKEN_LINK,
            message: `${where} ne reprend pas l'empreinte de l'événement qui le précède.`,
          };
        } else if (algorithm === 'sha256' && (current.keyed || !checkpoint || event.seq > checkpoint.seq)) {
          problem = {
            kind: AuditProblemKind.UNKEYED_EVENT,
            message: `${where} porte une empreinte SHA-256 sans clé qu'aucun point de contrôle signé ne couvre : il a été inséré sans la clé du journal.`,
          };
        } else if (
          !HASH_ALGORITHMS.includes(algorithm) ||
          eventHash(algorithm, key, previousHash, event) !== hash
        ) {
          problem = {
            kind: AuditProblemKind.ALTERED_EVENT,
            message: `${where} ne correspond plus à son empreinte : son contenu a été modifié.`,
          };
        } else if (checkpoint && event.seq === checkpoint.seq && hash !== checkpoint.hash) {
          problem = {
            kind: AuditProblemKind.REWRITTEN_CHAIN,
            message: `${where} n'a pas l'empreinte que le point de contrôle signé du ${checkpoint.at} lui donne : la chaîne a été réécrite jusqu'à ce numéro.`,
          };
        }
        if (problem) {
          report({ ...problem, ...at });
          current.broken = true;
          continue;
        }
        current.seq = event.seq;
        current.hash = hash;
        current.keyed ||= algorithm === 'hmac-sha256';
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    endOfChain();

    for (const [chain, checkpoint] of checkpoints) {
      if (seen.has(chain) || !inScope(checkpoint.academyId)) continue;
      report({
        kind: AuditProblemKind.MISSING_CHAIN,
        chain,
        seq: 1,
        message: `La chaîne ${chain} n'a plus aucun événement ; le point de contrôle signé du ${checkpoint.at} en atteste ${checkpoint.seq}.`,
      });
    }
    if (problemCount > 0) {
      securityEvent({
        event: 'audit.verification_failed',
        userId: caller.userId,
        firstBrokenEventId: problems.find((p) => p.eventId)?.eventId ?? null,
      });
    }
    return {
      valid: problemCount === 0,
      checkedEvents,
      firstBrokenEventId: problems.find((p) => p.eventId)?.eventId ?? null,
      checkedChains: new Set([
        ...seen,
        ...[...checkpoints.values()].filter((c) => inScope(c.academyId)).map((c) => c.chain),
      ]).size,
      problems,
    };
  }

  /**
   * The head (last event) of the chain of a school, as the caller's transaction sees it: what an
   * exported document prints, so that a later inquiry can check the register against it.
   */
  static async chainHead(
    em: EntityManager,
    schoolId: string,
  ): Promise<{ chain: string; seq: number; hash: string } | null> {
    const [head]: { seq: string; hash: string }[] = await em.query(
      `SELECT seq, hash FROM audit_event WHERE chain = $1 ORDER BY seq DESC LIMIT 1`,
      [schoolId],
    );
    return head ? { chain: schoolId, seq: Number(head.seq), hash: head.hash } : null;
  }
}
