import { EntityManager } from 'typeorm';
import { Caller, isUuid } from '@app/core';
import { scope } from '../access';
import { normaliseToolName } from '@app/rules';
import { CatalogToolEntity, CatalogToolNameEntity } from './catalog-tool.entity';

/**
 * A catalogue entry as the caller reads it (`catalogTool.read`), or null. For the services of other
 * domains (a declaration made from an entry), which read the catalogue but never write it.
 * `share` holds the entry (FOR SHARE) until commit: an entry's change waits for the declaration made
 * from it, and then follows it.
 */
export function findVisibleCatalogTool(
  em: EntityManager,
  caller: Caller,
  id: string,
  options: { share?: boolean } = {},
): Promise<CatalogToolEntity | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  const visible = scope(caller, 'catalogTool.read', 'c');
  const query = em
    .getRepository(CatalogToolEntity)
    .createQueryBuilder('c')
    .where(visible.sql, visible.params)
    .andWhere('c.id = :id', { id });
  if (options.share) query.setLock('pessimistic_read');
  return query.getOne();
}

/** The current entry a declaration is linked to (the link itself was checked when it was made). */
export function linkedCatalogTool(em: EntityManager, id: string): Promise<CatalogToolEntity> {
  return em.getRepository(CatalogToolEntity).findOneByOrFail({ id });
}

/**
 * The entry of the académie that holds this name (normalised) as its name or an alias, held FOR SHARE
 * until commit; null when none. A tool declared under a catalogued name is linked to its entry.
 */
export function catalogToolNamed(
  em: EntityManager,
  academyId: string,
  toolName: string,
): Promise<CatalogToolEntity | null> {
  const key = normaliseToolName(toolName);
  if (!key) return Promise.resolve(null);
  return em
    .getRepository(CatalogToolEntity)
    .createQueryBuilder('c')
    .innerJoin(CatalogToolNameEntity, 'n', 'n.catalog_tool_id = c.id')
    .where('n.academy_id = :academyId AND n.name_key = :key', { academyId, key })
    .setLock('pessimistic_read')
    .getOne();
}
