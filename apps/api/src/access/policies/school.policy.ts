import { SchoolEntity } from '../../schools/school.entity';
import { definePolicy } from '../policy';

type SchoolRow = Pick<SchoolEntity, 'id' | 'academyId'>;

/** A school belongs to itself. */
export const schoolPolicy = definePolicy<SchoolRow>({
  name: 'school',
  tenantOf: (s) => ({ schoolId: s.id, academyId: s.academyId }),
  columns: () => ({ schoolColumn: 'id' }),
  isolation: { entity: SchoolEntity, graphqlType: 'School' },
});
