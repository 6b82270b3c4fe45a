import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  badInput,
  Caller,
  conflict,
  forbidden,
  hasNulCharacter,
  isUuid,
  LONG_TEXT,
  notFound,
  Page,
  PageArgs,
  scopeFor,
  staleVersion,
} from '../../../../libs/core/src';
import { nextReference, paginate, whereSearch } from '../../../../libs/database/src';
import { AuditedTransactions, WriteContext } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { SENSITIVE_DATA_CATEGORIES } from '../common/enums';
import { SchoolsService } from '../schools/schools.service';
import { TransferInput, TreatmentFilter, TreatmentInput, TreatmentPatch } from './dto/treatment.input';
import { TransferValue, TreatmentEntity } from './treatment.entity';

/** What the head writes in an entry; sensitiveData and the final dpiaRequired are derived from it. */
export interface TreatmentValues {
  name: string;
  purposes: string[];
  legalBasis: string;
  subjectCategories: string[];
  dataCategories: string[];
  recipients: string[];
  processors: string[];
  transfers: TransferValue[];
  retention: string;
  retentionMonths: number | null;
  securityMeasures: string[];
  /** the head's answer; a DPIA is required anyway when the data is sensitive */
  dpiaRequired: boolean;
}

const EDITABLE_FIELDS = [
  'name',
  'purposes',
  'legalBasis',
  'subjectCategories',
  'dataCategories',
  'recipients',
  'processors',
  'transfers',
  'retention',
  'retentionMonths',
  'securityMeasures',
] as const satisfies readonly (keyof TreatmentValues & keyof TreatmentEntity)[];

/** The fields the audit trail follows, derived ones included. */
export const TREATMENT_AUDITED_FIELDS: (keyof TreatmentEntity)[] = [
  'reference',
  ...EDITABLE_FIELDS,
  'sensitiveData',
  'dpiaRequired',
  'status',
  'archivedReason',
  'reviewState',
];

/** art. 9 data: health, or another sensitive category. */
export function hasSensitiveData(dataCategories: readonly string[]): boolean {
  return dataCategories.some((category) => SENSITIVE_DATA_CATEGORIES.includes(category));
}

/**
 * RULES.md: students are minors, so sensitive data meets two of the CNIL's criteria and a DPIA is
 * required whatever the head answered.
 */
export function dpiaRequiredFor(answer: boolean, dataCategories: readonly string[]): boolean {
  return answer || hasSensitiveData(dataCategories);
}

/** Who reads which treatment: the same rules as the SQL scope below, for one loaded row. */
export function canReadTreatment(
  caller: Caller,
  treatment: Pick<TreatmentEntity, 'schoolId' | 'academyId' | 'status'>,
): boolean {
  return (
    caller.isAdmin ||
    caller.isDpdOf(treatment.academyId) ||
    caller.isHeadOf(treatment.schoolId) ||
    (caller.isTeacherOf(treatment.schoolId) && treatment.status === 'ACTIVE')
  );
}

const toTransfers = (transfers: readonly (TransferInput | TransferValue)[]): TransferValue[] =>
  transfers.map((t) => ({ country: t.country, recipient: t.recipient, safeguard: t.safeguard }));

const ARCHIVED = "Ce traitement est archivé : il n'est plus modifiable.";

@Injectable()
export class TreatmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly schools: SchoolsService,
  ) {}

  /** ADMIN: all; DPD: its academy; HEAD: its schools; TEACHER: the ACTIVE ones of its schools. */
  private scoped(caller: Caller, em: EntityManager = this.dataSource.manager) {
    const scope = scopeFor(caller, 't', { head: true, teacher: "t.status = 'ACTIVE'" });
    return em.getRepository(TreatmentEntity).createQueryBuilder('t').where(scope.sql, scope.params);
  }

  list<M>(
    caller: Caller,
    filter: TreatmentFilter | null | undefined,
    page: PageArgs,
    map: (t: TreatmentEntity) => M,
  ): Promise<Page<M>> {
    const query = this.scoped(caller);
    if (filter?.schoolId) query.andWhere('t.school_id = :schoolId', { schoolId: filter.schoolId });
    if (filter?.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter?.reviewState)
      query.andWhere('t.review_state = :reviewState', { reviewState: filter.reviewState });
    if (typeof filter?.sensitiveData === 'boolean') {
      query.andWhere('t.sensitive_data = :sensitiveData', { sensitiveData: filter.sensitiveData });
    }
    whereSearch(query, filter?.search);
    return paginate(query, page, map);
  }

  /** null when the treatment does not exist or is out of the caller's scope. */
  async findVisible(caller: Caller, id: string): Promise<TreatmentEntity | null> {
    if (!isUuid(id)) return null;
    return this.scoped(caller).andWhere('t.id = :id', { id }).getOne();
  }

  async create(caller: Caller, input: TreatmentInput): Promise<TreatmentEntity> {
    const school = await this.schools.findVisible(caller, input.schoolId);
    if (!school) throw notFound('Établissement');
    this.assertHeadOf(caller, school.id);
    return this.tx.run(caller, (ctx) =>
      this.createInTransaction(ctx, school, {
        name: input.name,
        purposes: input.purposes,
        legalBasis: input.legalBasis,
        subjectCategories: input.subjectCategories,
        dataCategories: input.dataCategories,
        recipients: input.recipients ?? [],
        processors: input.processors ?? [],
        transfers: toTransfers(input.transfers ?? []),
        retention: input.retention,
        retentionMonths: input.retentionMonths ?? null,
        securityMeasures: input.securityMeasures ?? [],
        dpiaRequired: input.dpiaRequired ?? false,
      }),
    );
  }

  /**
   * Inserts an entry inside the caller's transaction, with the school's next reference (the counter
   * row stays locked until commit: concurrent creations queue, a rollback gives the number back).
   * The caller has checked the permission.
   */
  async createInTransaction(
    ctx: WriteContext,
    school: { id: string; academyId: string },
    values: TreatmentValues,
  ): Promise<TreatmentEntity> {
    const { number, reference } = await nextReference(ctx.em, school.id, 'T');
    const treatment = await ctx.em.save(
      ctx.em.create(TreatmentEntity, {
        ...values,
        transfers: toTransfers(values.transfers),
        schoolId: school.id,
        academyId: school.academyId,
        number,
        reference,
        sensitiveData: hasSensitiveData(values.dataCategories),
        dpiaRequired: dpiaRequiredFor(values.dpiaRequired, values.dataCategories),
        status: 'ACTIVE',
        archivedReason: null,
        archivedAt: null,
        reviewState: 'NOT_REVIEWED',
        createdById: ctx.caller?.userId ?? null,
      }),
    );
    ctx.audit({
      action: 'CREATE',
      entityType: 'Treatment',
      entityId: treatment.id,
      schoolId: treatment.schoolId,
      academyId: treatment.academyId,
      changes: created(treatment, TREATMENT_AUDITED_FIELDS),
    });
    return treatment;
  }

  update(caller: Caller, id: string, version: number, patch: TreatmentPatch): Promise<TreatmentEntity> {
    return this.tx.run(caller, async (ctx) => {
      const current = await this.lockForWrite(ctx, caller, id);
      if (current.status === 'ARCHIVED') throw conflict(ARCHIVED);
      if (current.version !== version) throw staleVersion();
      const next: TreatmentEntity = { ...current };
      for (const field of EDITABLE_FIELDS) {
        if (patch[field] !== undefined) Object.assign(next, { [field]: patch[field] });
      }
      next.transfers = toTransfers(next.transfers);
      next.sensitiveData = hasSensitiveData(next.dataCategories);
      next.dpiaRequired = dpiaRequiredFor(patch.dpiaRequired ?? current.dpiaRequired, next.dataCategories);
      // the DPD reviewed another text: a changed entry waits for a new review
      if (Object.keys(diff(current, next, TREATMENT_AUDITED_FIELDS)).length === 0) return current;
      next.reviewState = 'NOT_REVIEWED';
      return this.write(ctx, current, next, 'UPDATE');
    });
  }

  archive(caller: Caller, id: string, reason: string): Promise<TreatmentEntity> {
    const trimmed = typeof reason === 'string' ? reason.trim() : '';
    if (!trimmed) throw badInput({ reason: "Indiquez la raison de l'archivage." });
    if (trimmed.length > LONG_TEXT) throw badInput({ reason: `${LONG_TEXT} caractères au maximum.` });
    if (hasNulCharacter(trimmed)) throw badInput({ reason: 'Le caractère nul (U+0000) n’est pas accepté.' });
    return this.tx.run(caller, async (ctx) => {
      const current = await this.lockForWrite(ctx, caller, id);
      if (current.status === 'ARCHIVED') throw conflict('Ce traitement est déjà archivé.');
      return this.write(
        ctx,
        current,
        { ...current, status: 'ARCHIVED', archivedReason: trimmed, archivedAt: new Date() },
        'TRANSITION',
      );
    });
  }

  /**
   * The ACTIVE treatment a HEAD files a declaration of `schoolId` under, locked until commit.
   * NOT_FOUND out of scope; BAD_USER_INPUT for another school's; CONFLICT when archived.
   */
  async lockForFiling(
    ctx: WriteContext,
    caller: Caller,
    id: string,
    schoolId: string,
  ): Promise<TreatmentEntity> {
    const treatment = await this.lockForWrite(ctx, caller, id);
    if (treatment.schoolId !== schoolId) {
      throw badInput({
        treatmentId: 'Ce traitement appartient à un autre établissement que la déclaration.',
      });
    }
    if (treatment.status === 'ARCHIVED') throw conflict(ARCHIVED);
    return treatment;
  }

  /**
   * Adds data categories to a locked treatment (an approved declaration filed under it); sensitiveData
   * and dpiaRequired follow, and the changed entry waits for a new review. Unchanged when it already
   * holds them all.
   */
  async addDataCategories(
    ctx: WriteContext,
    current: TreatmentEntity,
    dataCategories: readonly string[],
  ): Promise<TreatmentEntity> {
    const merged = [...new Set([...current.dataCategories, ...dataCategories])];
    if (merged.length === current.dataCategories.length) return current;
    return this.write(
      ctx,
      current,
      {
        ...current,
        dataCategories: merged,
        sensitiveData: hasSensitiveData(merged),
        dpiaRequired: dpiaRequiredFor(current.dpiaRequired, merged),
        reviewState: 'NOT_REVIEWED',
      },
      'UPDATE',
    );
  }

  /** The visible treatment, row-locked; NOT_FOUND out of scope, FORBIDDEN unless HEAD of its school. */
  private async lockForWrite(ctx: WriteContext, caller: Caller, id: string): Promise<TreatmentEntity> {
    if (!isUuid(id)) throw notFound('Traitement');
    const treatment = await this.scoped(caller, ctx.em)
      .andWhere('t.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!treatment) throw notFound('Traitement');
    this.assertHeadOf(caller, treatment.schoolId);
    return treatment;
  }

  private assertHeadOf(caller: Caller, schoolId: string): void {
    if (!caller.isHeadOf(schoolId)) {
      throw forbidden("Seul le chef d'établissement tient le registre des traitements de son établissement.");
    }
  }

  /** Writes `next` over `current` if nobody changed it since (version in SQL), with its audit event. */
  private async write(
    ctx: WriteContext,
    current: TreatmentEntity,
    next: TreatmentEntity,
    action: 'UPDATE' | 'TRANSITION',
  ): Promise<TreatmentEntity> {
    const changes = diff(current, next, TREATMENT_AUDITED_FIELDS);
    const result = await ctx.em
      .createQueryBuilder()
      .update(TreatmentEntity)
      .set({
        name: next.name,
        purposes: next.purposes,
        legalBasis: next.legalBasis,
        subjectCategories: next.subjectCategories,
        dataCategories: next.dataCategories,
        sensitiveData: next.sensitiveData,
        recipients: next.recipients,
        processors: next.processors,
        transfers: next.transfers,
        retention: next.retention,
        retentionMonths: next.retentionMonths,
        securityMeasures: next.securityMeasures,
        dpiaRequired: next.dpiaRequired,
        status: next.status,
        archivedReason: next.archivedReason,
        archivedAt: next.archivedAt,
        reviewState: next.reviewState,
        version: () => 'version + 1',
      })
      .where('id = :id AND version = :version', { id: current.id, version: current.version })
      .execute();
    if (result.affected !== 1) throw staleVersion();
    ctx.audit({
      action,
      entityType: 'Treatment',
      entityId: current.id,
      schoolId: current.schoolId,
      academyId: current.academyId,
      changes,
    });
    return ctx.em.findOneByOrFail(TreatmentEntity, { id: current.id });
  }
}
