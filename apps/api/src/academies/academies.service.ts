import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, isUuid, notFound, staleVersion } from '@app/core';
import { versionedUpdate } from '@app/database';
import { requireCan, scope } from '../access';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { created, diff } from '../audit/changes';
import { AcademyEntity } from './academy.entity';
import { AcademyPatch } from './dto/academy-patch.input';
import { CreateAcademyInput } from './dto/create-academy.input';

export const ACADEMY_AUDITED_FIELDS: (keyof AcademyEntity)[] = [
  'code',
  'name',
  'dpoName',
  'dpoEmail',
  'rssiEmail',
  'dpoPhone',
  'dpoAddress',
  'hierarchyEmail',
];

const PATCHABLE_FIELDS = [
  'name',
  'dpoName',
  'dpoEmail',
  'dpoPhone',
  'dpoAddress',
  'rssiEmail',
  'hierarchyEmail',
] as const satisfies readonly (keyof AcademyPatch & keyof AcademyEntity)[];

/** What the académie's DPD may change of its own académie (RULES.md, "Alert chain"). */
const DPD_FIELDS: readonly (typeof PATCHABLE_FIELDS)[number][] = [
  'dpoName',
  'dpoEmail',
  'dpoPhone',
  'dpoAddress',
];

@Injectable()
export class AcademiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
  ) {}

  /** ADMIN: every academy; anyone else: its own. */
  list(caller: Caller): Promise<AcademyEntity[]> {
    const visible = scope(caller, 'academy.read', 'a');
    return this.dataSource
      .getRepository(AcademyEntity)
      .createQueryBuilder('a')
      .where(visible.sql, visible.params)
      .orderBy('a.name')
      .getMany();
  }

  /**
   * ADMIN: every field (`academy.update`); the académie's DPD: the dpo* fields of its own
   * (`academy.updateDpo`). Out of scope: NOT_FOUND; a stale `version` (when given): CONFLICT.
   * Omitted fields stay, null clears.
   */
  update(caller: Caller, id: string, input: AcademyPatch, version?: number | null): Promise<AcademyEntity> {
    return this.tx.run(caller, async (ctx) => {
      const visible = scope(caller, 'academy.read', 'a');
      const current = isUuid(id)
        ? await ctx.em
            .getRepository(AcademyEntity)
            .createQueryBuilder('a')
            .where('a.id = :id', { id })
            .andWhere(visible.sql, visible.params)
            .setLock('pessimistic_write')
            .getOne()
        : null;
      if (!current) throw notFound('Académie');
      const present = PATCHABLE_FIELDS.filter((field) => input[field] !== undefined);
      const dpoOnly = present.every((field) => DPD_FIELDS.includes(field));
      requireCan(caller, dpoOnly ? 'academy.updateDpo' : 'academy.update', current);
      if (version != null && version !== current.version) throw staleVersion();
      const set = Object.fromEntries(present.map((field) => [field, input[field] ?? null]));
      const next = { ...current, ...set } as AcademyEntity;
      if (Object.keys(diff(current, next, ACADEMY_AUDITED_FIELDS)).length === 0) return current;
      // an academy's audit events belong to its own chain (academyId: itself)
      return versionedUpdate(ctx, {
        entity: AcademyEntity,
        entityType: 'Academy',
        action: 'UPDATE',
        current: Object.assign(current, { academyId: current.id }),
        set,
        audited: ACADEMY_AUDITED_FIELDS,
        next,
      });
    });
  }

  create(caller: Caller, input: CreateAcademyInput): Promise<AcademyEntity> {
    requireCan(caller, 'academy.create');
    return this.tx.run(caller, async ({ em, audit }) => {
      const academy = await em.save(
        em.create(AcademyEntity, {
          code: input.code,
          name: input.name,
          dpoName: input.dpoName ?? null,
          dpoEmail: input.dpoEmail ?? null,
          rssiEmail: input.rssiEmail ?? null,
        }),
      );
      audit({
        action: 'CREATE',
        entityType: 'Academy',
        entityId: academy.id,
        academyId: academy.id,
        changes: created(academy, ACADEMY_AUDITED_FIELDS),
      });
      return academy;
    });
  }
}
