import { RightsRequestEntity } from '../../rights-requests/rights-request.entity';
import { definePolicy, ownColumns } from '../policy';

type RightsRequestRow = Pick<RightsRequestEntity, 'schoolId' | 'academyId'>;

/** A rights request belongs to its school; no role reaches a `limited` part of them. */
export const rightsRequestPolicy = definePolicy<RightsRequestRow>({
  name: 'rightsRequest',
  tenantOf: ownColumns,
  isolation: { entity: RightsRequestEntity, graphqlType: 'RightsRequest' },
});
