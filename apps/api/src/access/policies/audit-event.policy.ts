import { AuditEventEntity } from '../../audit/audit-event.entity';
import { definePolicy, ownColumns } from '../policy';

type AuditEventRow = Pick<AuditEventEntity, 'schoolId' | 'academyId'>;

/** An event belongs to the school and academy of the entry it records (academy-wide ones: no school). */
export const auditEventPolicy = definePolicy<AuditEventRow>({
  name: 'auditEvent',
  tenantOf: ownColumns,
  isolation: { entity: AuditEventEntity, graphqlType: 'AuditEvent' },
});
