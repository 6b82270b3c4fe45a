import { TreatmentEntity } from '../../treatments/treatment.entity';
import { definePolicy, ownColumns } from '../policy';

type TreatmentRow = Pick<TreatmentEntity, 'schoolId' | 'academyId' | 'status'>;

/** `limited`: the ACTIVE entries (what a TEACHER reads of its schools' register). */
export const treatmentPolicy = definePolicy<TreatmentRow>({
  name: 'treatment',
  tenantOf: ownColumns,
  limited: {
    sql: (alias) => `${alias}.status = 'ACTIVE'`,
    row: (_caller, t) => t.status === 'ACTIVE',
  },
  isolation: { entity: TreatmentEntity, graphqlType: 'Treatment' },
});
