import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, isUuid, notFound, Page, PageArgs, staleVersion } from '@app/core';
import { paginate, versionedUpdate, whereSearch } from '@app/database';
import { AcademyEntity } from '../academies/academy.entity';
import { requireCan, scope } from '../access';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { SchoolPatch } from './dto/school-patch.input';
import { CreateSchoolInput, SchoolFilter } from './dto/school.input';
import { SchoolEntity } from './school.entity';

export const SCHOOL_AUDITED_FIELDS: (keyof SchoolEntity)[] = [
  'academyId',
  'uai',
  'name',
  'kind',
  'city',
  'address',
  'email',
  'phone',
];

const PATCHABLE_FIELDS = [
  'name',
  'kind',
  'city',
  'address',
  'email',
  'phone',
] as const satisfies readonly (keyof SchoolPatch & keyof SchoolEntity)[];

/** What a HEAD may change of its school (RULES.md, "Alert chain"). */
const HEAD_FIELDS: readonly (typeof PATCHABLE_FIELDS)[number][] = ['address', 'email', 'phone'];

@Injectable()
export class SchoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
  ) {}

  /** The schools the caller reads (access/permissions.ts, `school.read`). */
  private scoped(caller: Caller, em: EntityManager = this.dataSource.manager) {
    const visible = scope(caller, 'school.read', 's');
    return em.getRepository(SchoolEntity).createQueryBuilder('s').where(visible.sql, visible.params);
  }

  list<M>(
    caller: Caller,
    filter: SchoolFilter | null | undefined,
    page: PageArgs,
    map: (s: SchoolEntity) => M,
  ): Promise<Page<M>> {
    const query = this.scoped(caller);
    if (filter?.academyId) query.andWhere('s.academy_id = :academyId', { academyId: filter.academyId });
    if (filter?.kind) query.andWhere('s.kind = :kind', { kind: filter.kind });
    whereSearch(query, filter?.search);
    if (filter?.withoutTreatments != null) {
      // school_stats.active_treatments: the very counter the dashboard's schoolsWithoutTreatments sums
      query.andWhere(
        `EXISTS (SELECT 1 FROM school_stats st WHERE st.school_id = s.id AND st.active_treatments ${
          filter.withoutTreatments ? '= 0' : '> 0'
        })`,
      );
    }
    return paginate(query, page, map);
  }

  /** null when the school does not exist or is out of the caller's scope. */
  async findVisible(caller: Caller, id: string): Promise<SchoolEntity | null> {
    if (!isUuid(id)) return null;
    return this.scoped(caller).andWhere('s.id = :id', { id }).getOne();
  }

  /** The school, or NOT_FOUND when it does not exist or is out of scope (for mutations). */
  async getVisible(caller: Caller, id: string): Promise<SchoolEntity> {
    const school = await this.findVisible(caller, id);
    if (!school) throw notFound('Établissement');
    return school;
  }

  /**
   * ADMIN: every field (`school.update`); a HEAD of the school: its address, e-mail and phone
   * (`school.updateContacts`). Out of scope: NOT_FOUND; a stale `version` (when given): CONFLICT.
   * Omitted fields stay, null clears.
   */
  update(caller: Caller, id: string, input: SchoolPatch, version?: number | null): Promise<SchoolEntity> {
    return this.tx.run(caller, async (ctx) => {
      const current = isUuid(id)
        ? await this.scoped(caller, ctx.em)
            .andWhere('s.id = :id', { id })
            .setLock('pessimistic_write')
            .getOne()
        : null;
      if (!current) throw notFound('Établissement');
      const present = PATCHABLE_FIELDS.filter((field) => input[field] !== undefined);
      const contactsOnly = present.every((field) => HEAD_FIELDS.includes(field));
      requireCan(caller, contactsOnly ? 'school.updateContacts' : 'school.update', current);
      if (version != null && version !== current.version) throw staleVersion();
      const set = Object.fromEntries(present.map((field) => [field, input[field] ?? null]));
      const next = { ...current, ...set } as SchoolEntity;
      if (Object.keys(diff(current, next, SCHOOL_AUDITED_FIELDS)).length === 0) return current;
      // a school's audit events belong to its own chain (schoolId: itself)
      return versionedUpdate(ctx, {
        entity: SchoolEntity,
        entityType: 'School',
        action: 'UPDATE',
        current: Object.assign(current, { schoolId: current.id }),
        set,
        audited: SCHOOL_AUDITED_FIELDS,
        next,
      });
    });
  }

  create(caller: Caller, input: CreateSchoolInput): Promise<SchoolEntity> {
    requireCan(caller, 'school.create');
    return this.tx.run(caller, async ({ em, audit }) => {
      const academy = isUuid(input.academyId)
        ? await em.findOneBy(AcademyEntity, { id: input.academyId })
        : null;
      if (!academy) throw notFound('Académie');
      const school = await em.save(
        em.create(SchoolEntity, {
          academyId: academy.id,
          uai: input.uai,
          name: input.name,
          kind: input.kind,
          city: input.city ?? null,
        }),
      );
      audit({
        action: 'CREATE',
        entityType: 'School',
        entityId: school.id,
        schoolId: school.id,
        academyId: school.academyId,
        changes: created(school, SCHOOL_AUDITED_FIELDS),
      });
      return school;
    });
  }
}
