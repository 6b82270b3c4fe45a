import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  badInput,
  Caller,
  conflict,
  hasNulCharacter,
  isUuid,
  LONG_TEXT,
  notFound,
  Page,
  PageArgs,
  staleVersion,
} from '@app/core';
import {
  nextReferences,
  paginate,
  pick,
  versionedUpdate,
  versionedUpdateAll,
  whereSearch,
} from '@app/database';
import { requireCan, scope } from '../access';
import { AuditedTransactions, WriteContext } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { DataCategory, LegalBasis, SENSITIVE_DATA_CATEGORIES, SubjectCategory } from '../common/enums';
import { SchoolsService } from '../schools/schools.service';
import { TransferInput, TreatmentFilter, TreatmentInput, TreatmentPatch } from './dto/treatment.input';
import { TransferValue, TreatmentEntity } from './treatment.entity';

/** What the head writes in an entry; sensitiveData and the final dpiaRequired are derived from it. */
export interface TreatmentValues {
  name: string;
  purposes: string[];
  legalBasis: LegalBasis;
  subjectCategories: SubjectCategory[];
  dataCategories: DataCategory[];
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

/** The columns a write sets (school, number and reference never change). */
const WRITTEN_FIELDS = [
  'name',
  'purposes',
  'legalBasis',
  'subjectCategories',
  'dataCategories',
  'sensitiveData',
  'recipients',
  'processors',
  'transfers',
  'retention',
  'retentionMonths',
  'securityMeasures',
  'dpiaRequired',
  'status',
  'archivedReason',
  'archivedAt',
  'reviewState',
] as const satisfies readonly (keyof TreatmentEntity)[];

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

  /** The treatments the caller reads (access/permissions.ts, `treatment.read`). */
  private scoped(caller: Caller, em: EntityManager = this.dataSource.manager) {
    const visible = scope(caller, 'treatment.read', 't');
    return em.getRepository(TreatmentEntity).createQueryBuilder('t').where(visible.sql, visible.params);
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

  /**
   * The school the caller creates treatments in (createTreatment, importTreatments): NOT_FOUND out
   * of scope, FORBIDDEN unless HEAD of it.
   */
  async schoolForCreation(caller: Caller, schoolId: string): Promise<{ id: string; academyId: string }> {
    const school = await this.schools.findVisible(caller, schoolId);
    if (!school) throw notFound('Établissement');
    requireCan(caller, 'treatment.write', {
      schoolId: school.id,
      academyId: school.academyId,
      status: 'ACTIVE',
    });
    return school;
  }

  async create(caller: Caller, input: TreatmentInput): Promise<TreatmentEntity> {
    const school = await this.schoolForCreation(caller, input.schoolId);
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
    return (await this.createManyInTransaction(ctx, school, [values]))[0];
  }

  /**
   * Inserts entries in the given order with consecutive references (an import: T-004, T-005…), in
   * batched INSERTs, each with its CREATE event. The caller has checked the permission.
   */
  async createManyInTransaction(
    ctx: WriteContext,
    school: { id: string; academyId: string },
    list: TreatmentValues[],
  ): Promise<TreatmentEntity[]> {
    if (list.length === 0) return [];
    const references = await nextReferences(ctx.em, school.id, 'T', list.length);
    const entities = list.map((values, i) =>
      ctx.em.create(TreatmentEntity, {
        ...values,
        transfers: toTransfers(values.transfers),
        schoolId: school.id,
        academyId: school.academyId,
        number: references[i].number,
        reference: references[i].reference,
        sensitiveData: hasSensitiveData(values.dataCategories),
        dpiaRequired: dpiaRequiredFor(values.dpiaRequired, values.dataCategories),
        status: 'ACTIVE',
        archivedReason: null,
        archivedAt: null,
        reviewState: 'NOT_REVIEWED',
        createdById: ctx.caller?.userId ?? null,
      }),
    );
    const saved = await ctx.em.save(TreatmentEntity, entities, { chunk: 200 });
    for (const treatment of saved) {
      ctx.audit({
        action: 'CREATE',
        entityType: 'Treatment',
        entityId: treatment.id,
        schoolId: treatment.schoolId,
        academyId: treatment.academyId,
        changes: created(treatment, TREATMENT_AUDITED_FIELDS),
      });
    }
    return saved;
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
    dataCategories: readonly DataCategory[],
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
    requireCan(caller, 'treatment.write', treatment);
    return treatment;
  }

  /**
   * The DPD's verdict on an entry (ReviewsService, in its transaction, the row locked): APPROVED or
   * CHANGES_REQUESTED becomes its reviewState, a new version, so an edit prepared on the previous one is
   * refused as stale.
   */
  async setReviewState(
    ctx: WriteContext,
    current: Pick<TreatmentEntity, 'id' | 'version' | 'schoolId' | 'academyId' | 'reviewState'>,
    reviewState: TreatmentEntity['reviewState'],
  ): Promise<void> {
    if (current.reviewState === reviewState) return;
    await versionedUpdate(ctx, {
      entity: TreatmentEntity,
      entityType: 'Treatment',
      action: 'UPDATE',
      current: current as TreatmentEntity,
      next: { ...current, reviewState } as TreatmentEntity,
      set: { reviewState },
      audited: ['reviewState'],
      readBack: false,
    });
  }

  /**
   * The catalogue changed what these treatments were reviewed on (RULES.md, "Catalogue"): each ACTIVE
   * one goes back to NOT_REVIEWED (an audit event for each one that was reviewed), in the caller's
   * transaction. Returns those ACTIVE treatments (their schools' heads are told).
   */
  async sendBackToReview(ctx: WriteContext, treatmentIds: readonly string[]): Promise<TreatmentEntity[]> {
    if (treatmentIds.length === 0) return [];
    const treatments = await ctx.em
      .getRepository(TreatmentEntity)
      .createQueryBuilder('t')
      .where('t.id = ANY(:ids)', { ids: [...new Set(treatmentIds)] })
      .andWhere(`t.status = 'ACTIVE'`)
      .orderBy('t.id')
      .setLock('pessimistic_write')
      .getMany();
    await versionedUpdateAll(ctx, {
      entity: TreatmentEntity,
      entityType: 'Treatment',
      action: 'UPDATE',
      rows: treatments.filter((treatment) => treatment.reviewState !== 'NOT_REVIEWED'),
      set: { reviewState: 'NOT_REVIEWED' },
      audited: ['reviewState'],
    });
    return treatments;
  }

  /** Writes `next` over `current` if nobody changed it since (version in SQL), with its audit event. */
  private write(
    ctx: WriteContext,
    current: TreatmentEntity,
    next: TreatmentEntity,
    action: 'UPDATE' | 'TRANSITION',
  ): Promise<TreatmentEntity> {
    return versionedUpdate(ctx, {
      entity: TreatmentEntity,
      entityType: 'Treatment',
      action,
      current,
      next,
      set: pick(next, WRITTEN_FIELDS),
      audited: TREATMENT_AUDITED_FIELDS,
    });
  }
}
