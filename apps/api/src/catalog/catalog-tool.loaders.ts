import { canRead } from '../access';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { loadByIds, RequestLoaders } from '../common/request-loaders';
import { CatalogToolEntity } from './catalog-tool.entity';
import { CatalogTool } from './catalog-tool.model';

/** Entries by id, unscoped: `visibleCatalogToolOf` / `visibleCatalogToolsOf` apply the read rule. */
export const catalogToolById = (loaders: RequestLoaders) =>
  loaders.get<string, CatalogToolEntity | null>('catalogToolById', (ids, ds) =>
    loadByIds(ds, CatalogToolEntity, ids),
  );

/** ToolDeclaration.catalogTool: the entry it is linked to, when the caller reads it. */
export const visibleCatalogToolOf = (
  ctx: GraphqlContext,
  id: string,
): CatalogTool | null | Promise<CatalogTool | null> => {
  const caller = callerOf(ctx);
  return catalogToolById(ctx.loaders).now(id, (entry) =>
    entry && canRead(caller, 'catalogTool', entry) ? CatalogTool.from(entry) : null,
  );
};

/** CatalogTool.alternatives: the entries named, in their order, as far as the caller reads them. */
export const visibleCatalogToolsOf = async (
  ctx: GraphqlContext,
  ids: readonly string[],
): Promise<CatalogTool[]> => {
  const caller = callerOf(ctx);
  const entries = await catalogToolById(ctx.loaders).loadMany(ids);
  return entries
    .filter((e): e is CatalogToolEntity => !!e && canRead(caller, 'catalogTool', e))
    .map(CatalogTool.from);
};

export interface CatalogToolUse {
  schoolCount: number;
  declarationCount: number;
}

/** schoolCount and declarationCount of each entry: its linked declarations that are not WITHDRAWN. */
export const catalogToolUse = (loaders: RequestLoaders) =>
  loaders.get<string, CatalogToolUse>('catalogToolUse', async (ids, ds) => {
    const rows: { id: string; schools: number; declarations: number }[] = await ds.query(
      `SELECT catalog_tool_id AS id, count(DISTINCT school_id)::int AS schools, count(*)::int AS declarations
         FROM tool_declaration
        WHERE catalog_tool_id = ANY($1) AND status <> 'WITHDRAWN'
        GROUP BY catalog_tool_id`,
      [[...ids]],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => ({
      schoolCount: byId.get(id)?.schools ?? 0,
      declarationCount: byId.get(id)?.declarations ?? 0,
    }));
  });
