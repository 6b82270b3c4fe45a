import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertNoFieldErrors,
  badInput,
  Caller,
  conflict,
  FieldErrors,
  isUuid,
  notFound,
  Page,
  PageArgs,
  staleVersion,
} from '@app/core';
import { nextReference, paginate, pick, VersionedUpdate, versionedUpdate, whereSearch } from '@app/database';
import {
  isFinalRightsRequestStatus,
  pauseDays,
  rightsRequestClock,
  rightsRequestDueAt,
  rightsRequestOverdueSql,
} from '@app/rules';
import { requireCan, scope } from '../access';
import { AuditedTransactions, WriteContext } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { RightsRequestTransition } from '../common/enums';
import { SchoolsService } from '../schools/schools.service';
import { TreatmentEntity } from '../treatments/treatment.entity';
import { CLOCK_SKEW_MS } from '../violations/violation.rules';
import {
  RightsRequestFilter,
  RightsRequestInput,
  RightsRequestPatch,
  RightsRequestTransitionInput,
} from './dto/rights-request.input';
import { RightsRequestEntity, RightsRequestTreatmentEntity } from './rights-request.entity';
import { STATUS_LABELS, TRANSITION_FIELDS, TRANSITIONS } from './rights-request.rules';

/** Every stored field an audit event shows (requesters' names included: the trail is evidence). */
export const RIGHTS_REQUEST_AUDITED_FIELDS: (keyof RightsRequestEntity)[] = [
  'reference',
  'schoolId',
  'recordedById',
  'rightTypes',
  'channel',
  'receivedAt',
  'requesterName',
  'requesterRelation',
  'subjectName',
  'subjectCategory',
  'description',
  'status',
  'dueAt',
  'extended',
  'extensionReason',
  'extensionNotifiedAt',
  'pausedDays',
  'awaitingSince',
  'answeredAt',
  'answerSummary',
  'refusalReason',
];

const PATCHABLE_FIELDS = [
  'rightTypes',
  'channel',
  'requesterName',
  'requesterRelation',
  'subjectName',
  'subjectCategory',
  'description',
] as const satisfies readonly (keyof RightsRequestPatch & keyof RightsRequestEntity)[];

type PatchableField = (typeof PATCHABLE_FIELDS)[number];

/** Only subjectName may be cleared. */
const NULLABLE_FIELDS: readonly PatchableField[] = ['subjectName'];

const TREATMENTS_MESSAGE = 'Chaque traitement doit appartenir au registre de l’établissement de la demande.';
const FUTURE_MESSAGE = 'Cette date ne peut pas être dans le futur.';

@Injectable()
export class RightsRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly schools: SchoolsService,
  ) {}

  /** The requests the caller reads (access/permissions.ts, `rightsRequest.read`). */
  private scoped(caller: Caller, em: EntityManager = this.dataSource.manager) {
    const visible = scope(caller, 'rightsRequest.read', 'r');
    return em.getRepository(RightsRequestEntity).createQueryBuilder('r').where(visible.sql, visible.params);
  }

  /** A TEACHER, who reads no rights request anywhere, is FORBIDDEN the list. */
  list<M>(
    caller: Caller,
    filter: RightsRequestFilter | null | undefined,
    page: PageArgs,
    map: (r: RightsRequestEntity) => M,
  ): Promise<Page<M>> {
    requireCan(caller, 'rightsRequest.read');
    const query = this.scoped(caller);
    if (filter?.schoolId) query.andWhere('r.school_id = :filterSchool', { filterSchool: filter.schoolId });
    if (filter?.academyId) {
      query.andWhere('r.academy_id = :filterAcademy', { filterAcademy: filter.academyId });
    }
    if (filter?.status) query.andWhere('r.status = :filterStatus', { filterStatus: filter.status });
    if (filter?.overdue === true) query.andWhere(rightsRequestOverdueSql('r'));
    if (filter?.overdue === false) query.andWhere(`NOT ${rightsRequestOverdueSql('r')}`);
    whereSearch(query, filter?.search);
    return paginate(query, page, map);
  }

  /** null when it does not exist or is out of the caller's scope; FORBIDDEN for a TEACHER. */
  findVisible(caller: Caller, id: string): Promise<RightsRequestEntity | null> {
    return this.visible(caller, this.dataSource.manager, id);
  }

  /** HEAD of the school: records a request received on `receivedAt` (not in the future). */
  async record(caller: Caller, input: RightsRequestInput): Promise<RightsRequestEntity> {
    const school = await this.schools.getVisible(caller, input.schoolId);
    requireCan(caller, 'rightsRequest.write', { schoolId: school.id, academyId: school.academyId });
    if (input.receivedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw badInput({ receivedAt: 'La date de réception ne peut pas être dans le futur.' });
    }
    return this.tx.run(caller, async ({ em, audit }) => {
      // the counter row stays locked until commit; any refusal below gives the number back
      const { number, reference } = await nextReference(em, school.id, 'D');
      const treatmentIds = await this.checkTreatments(em, caller, school.id, input.treatmentIds ?? []);
      const inserted = await em.save(
        em.create(RightsRequestEntity, {
          schoolId: school.id,
          academyId: school.academyId,
          number,
          reference,
          recordedById: caller.userId,
          rightTypes: input.rightTypes,
          channel: input.channel,
          receivedAt: input.receivedAt,
          requesterName: input.requesterName,
          requesterRelation: input.requesterRelation,
          subjectName: input.subjectName ?? null,
          subjectCategory: input.subjectCategory,
          description: input.description,
          status: 'RECEIVED',
          dueAt: rightsRequestDueAt({ receivedAt: input.receivedAt, extended: false, pausedDays: 0 }),
          extended: false,
          extensionReason: null,
          extensionNotifiedAt: null,
          pausedDays: 0,
          awaitingSince: null,
          answeredAt: null,
          answerSummary: null,
          refusalReason: null,
        }),
      );
      await this.writeTreatments(em, inserted.id, treatmentIds);
      const request = await em.findOneByOrFail(RightsRequestEntity, { id: inserted.id });
      audit({
        action: 'CREATE',
        entityType: 'RightsRequest',
        entityId: request.id,
        schoolId: request.schoolId,
        academyId: request.academyId,
        changes: {
          ...created(request, RIGHTS_REQUEST_AUDITED_FIELDS),
          ...(treatmentIds.length ? { treatmentIds: [null, treatmentIds] } : {}),
        },
      });
      return request;
    });
  }

  /** HEAD of the school: corrects what was recorded; omitted fields stay, null clears subjectName. */
  update(
    caller: Caller,
    id: string,
    version: number,
    patch: RightsRequestPatch,
  ): Promise<RightsRequestEntity> {
    return this.tx.run(caller, async (ctx) => {
      const { em } = ctx;
      const before = await this.loadForChange(em, caller, id, version);
      const next: RightsRequestEntity = { ...before };
      const nulled: FieldErrors = {};
      for (const field of PATCHABLE_FIELDS) {
        const value = patch[field];
        if (value === undefined) continue;
        if (value === null && !NULLABLE_FIELDS.includes(field)) nulled[field] = 'Ce champ est obligatoire.';
        (next as unknown as Record<string, unknown>)[field] = value;
      }
      assertNoFieldErrors(nulled);
      const beforeIds = await this.linkedTreatmentIds(em, before.id);
      const afterIds =
        patch.treatmentIds === undefined
          ? beforeIds
          : await this.checkTreatments(em, caller, before.schoolId, patch.treatmentIds ?? []);
      const idsChanged = afterIds.join() !== beforeIds.join();
      const fieldChanges = diff(before, next, [...PATCHABLE_FIELDS]);
      if (Object.keys(fieldChanges).length === 0 && !idsChanged) return before;

      if (idsChanged) {
        await em.delete(RightsRequestTreatmentEntity, { rightsRequestId: before.id });
        await this.writeTreatments(em, before.id, afterIds);
      }
      return this.write(ctx, before, {
        action: 'UPDATE',
        set: pick(next, Object.keys(fieldChanges) as PatchableField[]),
        extraChanges: idsChanged ? { treatmentIds: [beforeIds, afterIds] } : {},
      });
    });
  }

  /** HEAD of the school: moves the request (RULES.md, "Rights requests", states and EXTEND). */
  transition(
    caller: Caller,
    id: string,
    version: number,
    input: RightsRequestTransitionInput,
  ): Promise<RightsRequestEntity> {
    return this.tx.run(caller, async (ctx) => {
      const before = await this.loadForChange(ctx.em, caller, id, version);
      const move = TRANSITIONS[input.transition];
      if (!move.from.includes(before.status)) {
        throw conflict(
          `Cette transition n’est pas possible : la demande ${before.reference} est ${STATUS_LABELS[before.status]}.`,
        );
      }
      const now = new Date();
      const at = input.at ?? now;
      const fields: FieldErrors = {};
      for (const field of [
        'answerSummary',
        'refusalReason',
        'extensionReason',
        'extensionNotifiedAt',
      ] as const) {
        const given = input[field] !== undefined && input[field] !== null;
        if (given && !TRANSITION_FIELDS[input.transition].includes(field)) {
          fields[field] = 'Ce champ ne s’applique pas à cette transition.';
        }
      }
      if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) fields.at = FUTURE_MESSAGE;
      else if (at.getTime() < before.receivedAt.getTime()) {
        fields.at = 'Cette date ne peut pas précéder la réception de la demande.';
      } else if (before.awaitingSince && at.getTime() < before.awaitingSince.getTime()) {
        fields.at = 'Cette date ne peut pas précéder la mise en attente du demandeur.';
      }

      const set: Partial<RightsRequestEntity> = {};
      // leaving a pause (START, ANSWER, REFUSE from AWAITING_REQUESTER) adds its days to the clock
      const endsPause =
        before.status === 'AWAITING_REQUESTER' && move.to !== null && move.to !== before.status;
      const pausedDays =
        endsPause && before.awaitingSince
          ? before.pausedDays + pauseDays(before.awaitingSince, at)
          : before.pausedDays;
      if (endsPause) Object.assign(set, { pausedDays, awaitingSince: null });

      switch (input.transition) {
        case RightsRequestTransition.AWAIT_REQUESTER:
          Object.assign(set, { status: 'AWAITING_REQUESTER', awaitingSince: at });
          break;
        case RightsRequestTransition.START:
          Object.assign(set, { status: 'IN_PROGRESS' });
          break;
        case RightsRequestTransition.ANSWER:
          if (!input.answerSummary) fields.answerSummary = 'Résumez la réponse apportée au demandeur.';
          Object.assign(set, { status: 'ANSWERED', answeredAt: at, answerSummary: input.answerSummary });
          break;
        case RightsRequestTransition.REFUSE:
          if (!input.refusalReason) fields.refusalReason = 'Indiquez le motif du refus.';
          Object.assign(set, { status: 'REFUSED', answeredAt: at, refusalReason: input.refusalReason });
          break;
        case RightsRequestTransition.EXTEND: {
          if (before.extended)
            throw conflict('Le délai de cette demande a déjà été prolongé (une seule fois).');
          const { originalDueAt } = rightsRequestClock(before, at);
          if (at.getTime() > originalDueAt.getTime()) {
            throw conflict(
              'Le premier mois est écoulé : le délai ne peut être prolongé qu’avant son échéance (art. 12.3 du RGPD).',
            );
          }
          if (!input.extensionReason) fields.extensionReason = 'Indiquez les raisons de la prolongation.';
          const notifiedAt = input.extensionNotifiedAt;
          if (!notifiedAt) {
            fields.extensionNotifiedAt = 'Indiquez quand le demandeur a été informé de la prolongation.';
          } else if (notifiedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
            fields.extensionNotifiedAt = FUTURE_MESSAGE;
          } else if (notifiedAt.getTime() > originalDueAt.getTime()) {
            fields.extensionNotifiedAt =
              'Le demandeur doit être informé de la prolongation dans le premier mois (art. 12.3 du RGPD).';
          } else if (notifiedAt.getTime() < before.receivedAt.getTime()) {
            fields.extensionNotifiedAt = 'Cette date ne peut pas précéder la réception de la demande.';
          }
          Object.assign(set, {
            extended: true,
            extensionReason: input.extensionReason,
            extensionNotifiedAt: notifiedAt,
          });
          break;
        }
      }
      assertNoFieldErrors(fields);
      set.dueAt = rightsRequestDueAt({
        receivedAt: before.receivedAt,
        extended: set.extended ?? before.extended,
        pausedDays,
      });
      return this.write(ctx, before, {
        action: 'TRANSITION',
        set,
        extraChanges: { transition: [null, input.transition] },
      });
    });
  }

  /**
   * The request by id through the caller's scope, row-locked until commit in a write. Not found: a
   * role that reads no rights request anywhere (a TEACHER) is FORBIDDEN; anyone else sees null.
   */
  private async visible(
    caller: Caller,
    em: EntityManager,
    id: string,
    lock = false,
  ): Promise<RightsRequestEntity | null> {
    const query = this.scoped(caller, em).andWhere('r.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const request = isUuid(id) ? await query.getOne() : null;
    if (!request) requireCan(caller, 'rightsRequest.read');
    return request;
  }

  /**
   * The request a HEAD of its school may change: out of scope → NOT_FOUND, another role →
   * FORBIDDEN, ANSWERED or REFUSED or another version → CONFLICT.
   */
  private async loadForChange(
    em: EntityManager,
    caller: Caller,
    id: string,
    version: number,
  ): Promise<RightsRequestEntity> {
    const request = await this.visible(caller, em, id, true);
    if (!request) throw notFound('Demande');
    requireCan(caller, 'rightsRequest.write', request);
    if (isFinalRightsRequestStatus(request.status)) {
      throw conflict(
        `La demande ${request.reference} est ${STATUS_LABELS[request.status]} : elle ne peut plus être modifiée.`,
      );
    }
    if (request.version !== version) throw staleVersion();
    return request;
  }

  /**
   * Writes only if the row is still at the version read and not final (checked in the UPDATE itself),
   * with its audit event; the row is read back and the audited diff taken against it.
   */
  private write(
    ctx: WriteContext,
    before: RightsRequestEntity,
    write: Pick<VersionedUpdate<RightsRequestEntity>, 'action' | 'set' | 'extraChanges'>,
  ): Promise<RightsRequestEntity> {
    return versionedUpdate(ctx, {
      ...write,
      entity: RightsRequestEntity,
      entityType: 'RightsRequest',
      current: before,
      audited: RIGHTS_REQUEST_AUDITED_FIELDS,
      still: { sql: `status NOT IN ('ANSWERED','REFUSED')`, params: {} },
    });
  }

  /**
   * treatmentIds must name treatments of the request's school that the caller reads (its HEAD: all of
   * them); the same BAD_USER_INPUT otherwise, which tells nothing of entries out of scope.
   */
  private async checkTreatments(
    em: EntityManager,
    caller: Caller,
    schoolId: string,
    ids: string[],
  ): Promise<string[]> {
    const unique = [...new Set(ids)].sort();
    if (unique.length !== ids.length) throw badInput({ treatmentIds: 'La liste contient des doublons.' });
    if (unique.length === 0) return [];
    if (!unique.every(isUuid)) throw badInput({ treatmentIds: TREATMENTS_MESSAGE });
    const visible = scope(caller, 'treatment.read', 't');
    const found = await em
      .getRepository(TreatmentEntity)
      .createQueryBuilder('t')
      .where('t.id = ANY(:treatmentIds) AND t.school_id = :treatmentSchool', {
        treatmentIds: unique,
        treatmentSchool: schoolId,
      })
      .andWhere(visible.sql, visible.params)
      .getCount();
    if (found !== unique.length) throw badInput({ treatmentIds: TREATMENTS_MESSAGE });
    return unique;
  }

  private async linkedTreatmentIds(em: EntityManager, rightsRequestId: string): Promise<string[]> {
    const links = await em.findBy(RightsRequestTreatmentEntity, { rightsRequestId });
    return links.map((l) => l.treatmentId).sort();
  }

  private async writeTreatments(
    em: EntityManager,
    rightsRequestId: string,
    treatmentIds: string[],
  ): Promise<void> {
    if (treatmentIds.length) {
      await em.insert(
        RightsRequestTreatmentEntity,
        treatmentIds.map((treatmentId) => ({ rightsRequestId, treatmentId })),
      );
    }
  }
}
