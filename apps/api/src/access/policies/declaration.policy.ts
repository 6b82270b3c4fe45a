import { ToolDeclarationEntity } from '../../declarations/tool-declaration.entity';
import { definePolicy, ownColumns } from '../policy';

type DeclarationRow = Pick<ToolDeclarationEntity, 'schoolId' | 'academyId' | 'declaredById'>;

/** `limited`: the caller's own declarations (a TEACHER reads them; an author edits them). */
export const declarationPolicy = definePolicy<DeclarationRow>({
  name: 'declaration',
  tenantOf: ownColumns,
  limited: {
    sql: (alias) => `${alias}.declared_by_id = :declarationAuthor`,
    params: (caller) => ({ declarationAuthor: caller.userId }),
    row: (caller, d) => d.declaredById === caller.userId,
  },
  isolation: { entity: ToolDeclarationEntity, graphqlType: 'ToolDeclaration' },
});
