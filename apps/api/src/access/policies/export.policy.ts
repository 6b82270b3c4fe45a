import { ExportFileEntity } from '../../exports/export-file.entity';
import { definePolicy, ownColumns } from '../policy';

type ExportRow = Pick<ExportFileEntity, 'schoolId' | 'academyId'>;

/** An exported file belongs to the school whose register it shows. */
export const exportPolicy = definePolicy<ExportRow>({
  name: 'export',
  tenantOf: ownColumns,
  isolation: { entity: ExportFileEntity, graphqlType: 'ExportFile' },
});
