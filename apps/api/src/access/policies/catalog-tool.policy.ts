import { CatalogToolEntity } from '../../catalog/catalog-tool.entity';
import { definePolicy } from '../policy';

type CatalogToolRow = Pick<CatalogToolEntity, 'academyId'>;

/**
 * A catalogue entry belongs to its académie, not to a school. `self`: the entries of the caller's own
 * académie (every TEACHER and HEAD reads them: teachers search the catalogue when declaring).
 * Tenant isolation checks it at the académie level (access.ts, `inTenant`).
 */
export const catalogToolPolicy = definePolicy<CatalogToolRow>({
  name: 'catalogTool',
  tenantOf: (c) => ({ schoolId: null, academyId: c.academyId }),
  self: {
    sql: (alias) => `${alias}.academy_id = :catalogOwnAcademy`,
    params: (caller) => ({ catalogOwnAcademy: caller.academyId }),
    row: (caller, c) => c.academyId === caller.academyId,
  },
  isolation: { entity: CatalogToolEntity, graphqlType: 'CatalogTool' },
});
