import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, forbidden } from '../../../../libs/core/src';
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
    const query = this.dataSource.getRepository(AcademyEntity).createQueryBuilder('a').orderBy('a.name');
    if (!caller.isAdmin) query.where('a.id = :id', { id: caller.academyId });
    return query.getMany();
  }

  create(caller: Caller, input: CreateAcademyInput): Promise<AcademyEntity> {
    if (!caller.isAdmin) throw forbidden('Seul un administrateur crée une académie.');
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
