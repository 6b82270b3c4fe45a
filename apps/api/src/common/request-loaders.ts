import DataLoader from 'dataloader';
import { DataSource, EntityTarget, In, ObjectLiteral } from 'typeorm';

/**
 * One relation of a request, batched (DataLoader) and remembered: a value already loaded is also
 * readable without a promise (`now`), so a field resolver whose value the list has fetched answers
 * synchronously and graphql-js completes the page without a promise per entry.
 */
export class RequestLoader<K, V> {
  private readonly known = new Map<K, V>();
  private readonly loader: DataLoader<K, V>;

  constructor(batch: (keys: readonly K[]) => Promise<V[]>) {
    this.loader = new DataLoader<K, V>(
      async (keys) => {
        const values = await batch(keys);
        keys.forEach((key, i) => this.known.set(key, values[i]));
        return values;
      },
      { maxBatchSize: 1000 },
    );
  }

  load(key: K): Promise<V> {
    return this.loader.load(key);
  }

  loadMany(keys: readonly K[]): Promise<V[]> {
    return Promise.all(keys.map((key) => this.loader.load(key)));
  }

  /** Loads every key not known yet, in one batch (a list fetching its entries' relations). */
  async fetch(keys: Iterable<K>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.known.has(key));
    if (missing.length) await this.loader.loadMany(missing);
  }

  /** `map` of the value: at once when it is known, otherwise once loaded. */
  now<R>(key: K, map: (value: V) => R): R | Promise<R> {
    return this.known.has(key) ? map(this.known.get(key) as V) : this.loader.load(key).then(map);
  }

  /** As DataLoader's: a key already loaded keeps its value. */
  prime(key: K, value: V): void {
    if (this.known.has(key)) return;
    this.known.set(key, value);
    this.loader.prime(key, value);
  }

  clear(key: K): void {
    this.known.delete(key);
    this.loader.clear(key);
  }

  clearAll(): void {
    this.known.clear();
    this.loader.clearAll();
  }
}

/**
 * Per-request loaders (DESIGN.md, pattern 5). A domain declares its loaders next to its code with
 * `loaders.get(name, batch)`; the first call in a request creates the loader, later ones reuse it,
 * so a page of 100 entries resolves each relation in one query.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, RequestLoader<unknown, unknown>>();

  constructor(readonly dataSource: DataSource) {}

  get<K, V>(
    name: string,
    batch: (keys: readonly K[], dataSource: DataSource) => Promise<V[]>,
  ): RequestLoader<K, V> {
    let loader = this.loaders.get(name) as RequestLoader<K, V> | undefined;
    if (!loader) {
      loader = new RequestLoader<K, V>((keys) => batch(keys, this.dataSource));
      this.loaders.set(name, loader);
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
