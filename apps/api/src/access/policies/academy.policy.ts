import { AcademyEntity } from '../../academies/academy.entity';
import { definePolicy } from '../policy';

type AcademyRow = Pick<AcademyEntity, 'id'>;

/** An academy belongs to itself; every user reads its own. */
export const academyPolicy = definePolicy<AcademyRow>({
  name: 'academy',
  tenantOf: (a) => ({ schoolId: null, academyId: a.id }),
  self: {
    sql: (alias) => `${alias}.id = :ownAcademyId`,
    params: (caller) => ({ ownAcademyId: caller.academyId }),
    row: (caller, a) => a.id === caller.academyId,
  },
  columns: () => ({ academyColumn: 'id' }),
});
