import DataLoader from 'dataloader';
import { DataSource, EntityTarget, In, ObjectLiteral } from 'typeorm';

/**
 * Per-request DataLoaders (DESIGN.md, pattern 5). A domain declares its loaders next to its code with
 * `loaders.get(name, batch)`; the first call in a request creates the loader, later ones reuse it,
 * so a page of 100 entries resolves each relation in one query.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(readonly dataSource: DataSource) {}

  get<K, V>(
    name: string,
    batch: (keys: readonly K[], dataSource: DataSource) => Promise<V[]>,
  ): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => batch(keys, this.dataSource), { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Forgets what was loaded (after a mutation changed it). */
  clearAll(): void {
    this.loaders.forEach((loader) => loader.clearAll());
  }
}

/** Rows by id, in the order of `ids` (null for an id with no row). */
export async function loadByIds<E extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  ids: readonly string[],
): Promise<(E | null)[]> {
  const rows = await dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Rows grouped by a key column, in the order of `keys` (empty list for a key with no row). */
export function groupBy<E, K>(rows: E[], keys: readonly K[], keyOf: (row: E) => K): E[][] {
  const groups = new Map<K, E[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
