import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters and cursor, kept in the URL (a link can be shared, Back works): `filters` are the
 * names of the query parameters the page reads; changing one goes back to the first page.
 */
export function useListParams<K extends string>(filters: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(filters.map((name) => [name, params.get(name) ?? ''])) as Record<
    K,
    string
  >;
  const after = params.get('apres');
  const setFilter = (name: K, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      next.delete('apres');
      return next;
    });
  const goTo = (cursor: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (cursor) next.set('apres', cursor);
      else next.delete('apres');
      return next;
    });
  return { values, after, setFilter, goTo };
}

/** The count, then the page's rows, then "Page suivante" / "Première page" on the API's cursors. */
export function PagedList({
  totalCount,
  noun,
  pageInfo,
  after,
  goTo,
  children,
  empty,
}: {
  totalCount: number | undefined;
  /** singular and plural: ['déclaration', 'déclarations'] */
  noun: [string, string];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  after: string | null;
  goTo: (cursor: string | null) => void;
  children: ReactNode;
  empty: ReactNode;
}) {
  return (
    <div>
      {totalCount !== undefined && (
        <p role="status" className="fr-text--sm fr-mb-2w">
          {totalCount} {totalCount > 1 ? noun[1] : noun[0]}
        </p>
      )}
      {totalCount === 0 ? empty : children}
      {(after || pageInfo?.hasNextPage) && (
        <nav aria-label="Pages de la liste" className="fr-mt-3w">
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            {after && (
              <li>
                <Button type="button" priority="secondary" onClick={() => goTo(null)}>
                  Première page
                </Button>
              </li>
            )}
            {pageInfo?.hasNextPage && (
              <li>
                <Button type="button" priority="secondary" onClick={() => goTo(pageInfo.endCursor ?? null)}>
                  Page suivante
                </Button>
              </li>
            )}
          </ul>
        </nav>
      )}
    </div>
  );
}
