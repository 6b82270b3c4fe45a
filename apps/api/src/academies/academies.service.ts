import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from '../../../../libs/core/src';
import { requireCan, scope } from '../access';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { created } from '../audit/changes';
import { AcademyEntity } from './academy.entity';
import { CreateAcademyInput } from './dto/create-academy.input';

export const ACADEMY_AUDITED_FIELDS: (keyof AcademyEntity)[] = [
  'code',
  'name',
  'dpoName',
  'dpoEmail',
  'rssiEmail',
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
