import { badInput } from './errors';

/** Keyset pagination on (created_at, id), newest first (DESIGN.md, pattern 7). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  /** false when the operation does not select `totalCount`: the rows are then not counted */
  count?: boolean;
}

export interface Cursor {
  createdAt: Date;
  id: string;
}

export interface Page<T> {
  nodes: T[];
  /** null only when not counted (`PageArgs.count` false), i.e. when nobody asked for it */
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

export function decodeCursor(after: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== 'string' || !UUID.test(id) || Number.isNaN(date.getTime())) throw new Error();
    return { createdAt: date, id };
  } catch {
    throw badInput({ after: 'Curseur invalide : utilisez pageInfo.endCursor.' });
  }
}

/** Validates `first`/`after` (RULES.md: first 1–100, default 20). */
export function pageArgs(args: PageArgs): { limit: number; cursor: Cursor | null } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput({ first: `first doit être compris entre 1 et ${MAX_PAGE_SIZE}.` });
  }
  return { limit: first, cursor: args.after ? decodeCursor(args.after) : null };
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T extends { createdAt: Date; id: string }, M>(
  rows: T[],
  limit: number,
  totalCount: number | null,
  map: (row: T) => M,
): Page<M> {
  const hasNextPage = rows.length > limit;
  const kept = hasNextPage ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    nodes: kept.map(map),
    totalCount,
    pageInfo: { hasNextPage, endCursor: last ? encodeCursor(last) : null },
  };
}
