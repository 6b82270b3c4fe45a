import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { PageArgs } from '@app/core';

/**
 * Whether the operation selects `path` below the field being resolved, through fragments too:
 * `selects(info, ['nodes', 'school'])` in a list resolver tells whether its entries' schools are
 * asked for (and worth fetching with the page). Directives (@skip, @include) are not evaluated: at
 * worst a relation is fetched that is not shown.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const node of level) {
      if (node.selectionSet) collectFields(info, node.selectionSet, name, next);
    }
    if (next.length === 0) return false;
    level = next;
  }
  return true;
}

/** A list's page arguments: its rows are counted only when the operation selects `totalCount`. */
export function listPageArgs(info: GraphQLResolveInfo, first: number | null, after: string | null): PageArgs {
  return { first, after, count: selects(info, ['totalCount']) };
}

/**
 * A list resolver's relations, fetched with its page: runs together the fetch of each relation of
 * `nodes` the operation selects (`{ school: () => …, reviews: () => … }`), so that its entries'
 * relation fields answer at once (RequestLoader.now) instead of through a promise per entry.
 */
export async function fetchSelectedRelations(
  info: GraphQLResolveInfo,
  fetches: Record<string, () => Promise<void>>,
): Promise<void> {
  await Promise.all(
    Object.entries(fetches)
      .filter(([field]) => selects(info, ['nodes', field]))
      .map(([, fetch]) => fetch()),
  );
}

function collectFields(
  info: GraphQLResolveInfo,
  selectionSet: SelectionSetNode,
  name: string,
  into: FieldNode[],
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) into.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(info, selection.selectionSet, name, into);
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) collectFields(info, fragment.selectionSet, name, into);
    }
  }
}
