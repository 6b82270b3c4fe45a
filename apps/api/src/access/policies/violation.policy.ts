import { ViolationEntity } from '../../violations/violation.entity';
import { definePolicy, ownColumns } from '../policy';

type ViolationRow = Pick<ViolationEntity, 'schoolId' | 'academyId' | 'reportedById'>;

/** `limited`: the violations the caller reported (a TEACHER's incident reports). */
export const violationPolicy = definePolicy<ViolationRow>({
  name: 'violation',
  tenantOf: ownColumns,
  limited: {
    sql: (alias) => `${alias}.reported_by_id = :violationReporter`,
    params: (caller) => ({ violationReporter: caller.userId }),
    row: (caller, v) => v.reportedById === caller.userId,
  },
  isolation: { entity: ViolationEntity, graphqlType: 'Violation' },
});
