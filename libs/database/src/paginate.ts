import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Page, PageArgs, pageArgs, toPage } from '@app/core/pagination';

/**
 * Keyset pagination, newest first, on `(alias.created_at, alias.id)` (or another timestamp column):
 * page 900 costs what page 1 costs. `totalCount` counts the filtered rows, cursor aside, unless
 * `args.count` is false (the operation does not select it: an académie's audit trail is counted in
 * tens of milliseconds, for nothing).
 */
export async function paginate<E extends ObjectLiteral & { id: string }, M>(
  query: SelectQueryBuilder<E>,
  args: PageArgs,
  map: (row: E) => M,
  options: { timeColumn?: string; timeProperty?: keyof E } = {},
): Promise<Page<M>> {
  const { limit, cursor } = pageArgs(args);
  const alias = query.alias;
  const timeColumn = `${alias}.${options.timeColumn ?? 'created_at'}`;
  const timeProperty = (options.timeProperty ?? 'createdAt') as keyof E;
  const counted = query.clone();
  const paged = query.clone();
  if (cursor) {
    paged.andWhere(`(${timeColumn}, ${alias}.id) < (:cursorAt, :cursorId)`, {
      cursorAt: cursor.createdAt,
      cursorId: cursor.id,
    });
  }
  paged
    .orderBy(timeColumn, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1);
  const [rows, totalCount] = await Promise.all([
    paged.getMany(),
    args.count === false ? null : counted.getCount(),
  ]);
  return toPage(
    rows.map((row) => ({ row, createdAt: row[timeProperty], id: row.id })),
    limit,
    totalCount,
    (wrapped) => map(wrapped.row),
  );
}
