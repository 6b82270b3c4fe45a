import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

let counter = 0;

/**
 * Case- and accent-insensitive "contains" on a generated `search_text` column (search_fold in the
 * initial migration), served by its trigram index. LIKE wildcards typed by the user match literally.
 */
export function whereSearch<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  search: string | null | undefined,
  column = `${query.alias}.search_text`,
): SelectQueryBuilder<E> {
  const term = search?.trim();
  if (!term) return query;
  const key = `search${++counter % 1_000_000}`;
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
  return query.andWhere(`${column} LIKE '%' || search_fold(:${key}) || '%'`, { [key]: escaped });
}
