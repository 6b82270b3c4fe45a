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
import { nextReference, paginate, pick, VersionedUpdate, versionedUpdate } from '@app/database';
import { requireCan, scope } from '../access';
import { AuditedTransactions, WriteContext } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { AlertChain } from '../notifications/alert-chain.service';
import { SchoolsService } from '../schools/schools.service';
import { TreatmentEntity } from '../treatments/treatment.entity';
import { ViolationFilter, ViolationInput, ViolationPatch } from './dto/violation.input';
import { ViolationEntity, ViolationTreatmentEntity } from './violation.entity';
import { cnilOverdueSql } from '@app/rules';
import { closingErrors, dateErrors } from './violation.rules';

/** Every stored field an audit event shows (derived columns included: they are read back). */
export const VIOLATION_AUDITED_FIELDS: (keyof ViolationEntity)[] = [
  'reference',
  'schoolId',
  'reportedById',
  'title',
  'description',
  'incidentType',
  'natures',
  'occurredAt',
  'discoveredAt',
  'dataCategories',
  'subjectCategories',
  'approxSubjectCount',
  'approxRecordCount',
  'consequences',
  'measuresTaken',
  'risk',
  'cnilNotificationRequired',
  'cnilDeadline',
  'cnilNotifiedAt',
  'cnilReference',
  'lateNotificationReason',
  'subjectsInformedAt',
  'noNotificationJustification',
  'rssiInformedAt',
  'hierarchyInformedAt',
  'status',
  'closedAt',
];

/** The fields updateViolation may change (treatmentIds aside: they live in violation_treatment). */
const PATCHABLE_FIELDS = [
  'title',
  'description',
  'incidentType',
  'natures',
  'occurredAt',
  'discoveredAt',
  'dataCategories',
  'subjectCategories',
  'approxSubjectCount',
  'approxRecordCount',
  'consequences',
  'measuresTaken',
  'risk',
  'cnilNotifiedAt',
  'cnilReference',
  'lateNotificationReason',
  'subjectsInformedAt',
  'noNotificationJustification',
  'rssiInformedAt',
  'hierarchyInformedAt',
] as const satisfies readonly (keyof ViolationPatch & keyof ViolationEntity)[];

type PatchableField = (typeof PATCHABLE_FIELDS)[number];

const REQUIRED_FIELDS: readonly PatchableField[] = [
  'title',
  'description',
  'incidentType',
  'natures',
  'discoveredAt',
  'risk',
];
/** Lists are never null: null in a patch clears them. */
const LIST_FIELDS: readonly PatchableField[] = ['dataCategories', 'subjectCategories'];

const TREATMENTS_MESSAGE =
  'Chaque traitement doit appartenir au registre de l’établissement de la violation.';

@Injectable()
export class ViolationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly schools: SchoolsService,
    private readonly alerts: AlertChain,
  ) {}

  /** The violations the caller reads (access/permissions.ts, `violation.read`). */
  private scoped(caller: Caller, em: EntityManager = this.dataSource.manager) {
    const visible = scope(caller, 'violation.read', 'v');
    return em.getRepository(ViolationEntity).createQueryBuilder('v').where(visible.sql, visible.params);
  }

  list<M>(
    caller: Caller,
    filter: ViolationFilter | null | undefined,
    page: PageArgs,
    map: (v: ViolationEntity) => M,
  ): Promise<Page<M>> {
    const query = this.scoped(caller);
    if (filter?.schoolId) query.andWhere('v.school_id = :filterSchool', { filterSchool: filter.schoolId });
    if (filter?.status) query.andWhere('v.status = :filterStatus', { filterStatus: filter.status });
    if (filter?.risk) query.andWhere('v.risk = :filterRisk', { filterRisk: filter.risk });
    if (filter?.cnilOverdue === true) query.andWhere(cnilOverdueSql('v'));
    if (filter?.cnilOverdue === false) query.andWhere(`NOT ${cnilOverdueSql('v')}`);
    return paginate(query, page, map);
  }

  /** null when the violation does not exist or is out of the caller's scope. */
  async findVisible(caller: Caller, id: string): Promise<ViolationEntity | null> {
    if (!isUuid(id)) return null;
    return this.scoped(caller).andWhere('v.id = :id', { id }).getOne();
  }

  /** A TEACHER of the school (an incident report) or a HEAD records; DPD and ADMIN read only. */
  async record(caller: Caller, input: ViolationInput): Promise<ViolationEntity> {
    const school = await this.schools.getVisible(caller, input.schoolId);
    requireCan(caller, 'violation.record', {
      schoolId: school.id,
      academyId: school.academyId,
      reportedById: caller.userId,
    });
    const values = {
      title: input.title,
      description: input.description,
      incidentType: input.incidentType,
      natures: input.natures,
      occurredAt: input.occurredAt ?? null,
      discoveredAt: input.discoveredAt,
      dataCategories: input.dataCategories ?? [],
      subjectCategories: input.subjectCategories ?? [],
      approxSubjectCount: input.approxSubjectCount ?? null,
      approxRecordCount: input.approxRecordCount ?? null,
      consequences: input.consequences ?? null,
      measuresTaken: input.measuresTaken ?? null,
      risk: input.risk,
      cnilNotifiedAt: null,
      subjectsInformedAt: null,
      rssiInformedAt: null,
      hierarchyInformedAt: null,
    };
    assertNoFieldErrors(dateErrors(values));
    return this.tx.run(caller, async ({ em, audit }) => {
      // the counter row stays locked until commit; any refusal below rolls the number back with the rest
      const { number, reference } = await nextReference(em, school.id, 'V');
      const treatmentIds = await this.checkTreatments(em, caller, school.id, input.treatmentIds ?? []);
      const inserted = await em.save(
        em.create(ViolationEntity, {
          ...values,
          schoolId: school.id,
          academyId: school.academyId,
          number,
          reference,
          reportedById: caller.userId,
          status: 'OPEN',
          closedAt: null,
        }),
      );
      await this.writeTreatments(em, inserted.id, treatmentIds);
      // cnil_notification_required and cnil_deadline are computed by the database
      const violation = await em.findOneByOrFail(ViolationEntity, { id: inserted.id });
      audit({
        action: 'CREATE',
        entityType: 'Violation',
        entityId: violation.id,
        schoolId: violation.schoolId,
        academyId: violation.academyId,
        changes: {
          ...created(violation, VIOLATION_AUDITED_FIELDS),
          ...(treatmentIds.length ? { treatmentIds: [null, treatmentIds] } : {}),
        },
      });
      await this.alerts.breachRecorded(em, violation.id);
      return violation;
    });
  }

  /** HEAD of the school: completes an OPEN violation; omitted fields stay, null clears. */
  update(caller: Caller, id: string, version: number, patch: ViolationPatch): Promise<ViolationEntity> {
    return this.tx.run(caller, async (ctx) => {
      const { em } = ctx;
      const before = await this.loadForChange(em, caller, id, version);
      const next: ViolationEntity = { ...before };
      const nulled: FieldErrors = {};
      for (const field of PATCHABLE_FIELDS) {
        const value = patch[field];
        if (value === undefined) continue;
        if (value === null && REQUIRED_FIELDS.includes(field)) nulled[field] = 'Ce champ est obligatoire.';
        (next as unknown as Record<string, unknown>)[field] =
          value === null && LIST_FIELDS.includes(field) ? [] : value;
      }
      assertNoFieldErrors(nulled);
      assertNoFieldErrors(dateErrors(next));

      const beforeIds = await this.linkedTreatmentIds(em, before.id);
      const afterIds =
        patch.treatmentIds === undefined
          ? beforeIds
          : await this.checkTreatments(em, caller, before.schoolId, patch.treatmentIds ?? []);
      const idsChanged = afterIds.join() !== beforeIds.join();
      const fieldChanges = diff(before, next, [...PATCHABLE_FIELDS]);
      if (Object.keys(fieldChanges).length === 0 && !idsChanged) return before;

      if (idsChanged) {
        await em.delete(ViolationTreatmentEntity, { violationId: before.id });
        await this.writeTreatments(em, before.id, afterIds);
      }
      return this.write(ctx, before, {
        action: 'UPDATE',
        set: pick(next, Object.keys(fieldChanges) as PatchableField[]),
        audited: VIOLATION_AUDITED_FIELDS,
        extraChanges: idsChanged ? { treatmentIds: [beforeIds, afterIds] } : {},
      });
    });
  }

  /** HEAD of the school: closes a complete violation; a closed violation is read-only. */
  close(caller: Caller, id: string, version: number): Promise<ViolationEntity> {
    return this.tx.run(caller, async (ctx) => {
      const before = await this.loadForChange(ctx.em, caller, id, version);
      assertNoFieldErrors(
        closingErrors(before),
        'La violation ne peut pas être close : complétez les champs signalés.',
      );
      return this.write(ctx, before, {
        action: 'TRANSITION',
        set: { status: 'CLOSED', closedAt: () => 'now()' },
        audited: ['status', 'closedAt'],
      });
    });
  }

  /**
   * The violation a HEAD of its school may change: out of scope → NOT_FOUND, another role →
   * FORBIDDEN, CLOSED or another version → CONFLICT.
   */
  private async loadForChange(
    em: EntityManager,
    caller: Caller,
    id: string,
    version: number,
  ): Promise<ViolationEntity> {
    if (!isUuid(id)) throw notFound('Violation');
    const violation = await this.scoped(caller, em).andWhere('v.id = :id', { id }).getOne();
    if (!violation) throw notFound('Violation');
    requireCan(caller, 'violation.write', violation);
    if (violation.status === 'CLOSED') {
      throw conflict('Cette violation est close : elle ne peut plus être modifiée.');
    }
    if (violation.version !== version) throw staleVersion();
    return violation;
  }

  /**
   * Writes only if the row is still at the version read and OPEN: the check is in the UPDATE itself,
   * so a concurrent change (or close) in between makes this one fail instead of overwriting it. The
   * row is read back (the database computes the CNIL deadline) and the audited diff taken against it.
   */
  private write(
    ctx: WriteContext,
    before: ViolationEntity,
    write: Pick<VersionedUpdate<ViolationEntity>, 'action' | 'set' | 'audited' | 'extraChanges'>,
  ): Promise<ViolationEntity> {
    return versionedUpdate(ctx, {
      ...write,
      entity: ViolationEntity,
      entityType: 'Violation',
      current: before,
      still: { sql: 'status = :stillOpen', params: { stillOpen: 'OPEN' } },
    });
  }

  /**
   * treatmentIds must name treatments of the violation's school. An id of another school, of another
   * academy, or of nothing at all gets the same BAD_USER_INPUT on `treatmentIds` (not NOT_FOUND): the
   * mutation's own target exists, only one of its inputs is wrong, and the form can show where.
   * The message is the same in every case, so it tells nothing about entries out of scope.
   * A TEACHER (not HEAD of the school) may only name the ACTIVE ones, the only ones it can read.
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
    const query = em
      .getRepository(TreatmentEntity)
      .createQueryBuilder('t')
      .select('t.id')
      .where('t.id = ANY(:treatmentIds) AND t.school_id = :treatmentSchool', {
        treatmentIds: unique,
        treatmentSchool: schoolId,
      });
    // the caller names only treatments it may read: a TEACHER, the ACTIVE ones
    const visible = scope(caller, 'treatment.read', 't');
    query.andWhere(visible.sql, visible.params);
    const found = await query.getCount();
    if (found !== unique.length) throw badInput({ treatmentIds: TREATMENTS_MESSAGE });
    return unique;
  }

  private async linkedTreatmentIds(em: EntityManager, violationId: string): Promise<string[]> {
    const links = await em.findBy(ViolationTreatmentEntity, { violationId });
    return links.map((l) => l.treatmentId).sort();
  }

  private async writeTreatments(
    em: EntityManager,
    violationId: string,
    treatmentIds: string[],
  ): Promise<void> {
    if (treatmentIds.length) {
      await em.insert(
        ViolationTreatmentEntity,
        treatmentIds.map((treatmentId) => ({ violationId, treatmentId })),
      );
    }
  }
}
