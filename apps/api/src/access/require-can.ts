import { Caller, forbidden } from '@app/core';
import { can, EntityOf, RowOf } from './access';
import { Action, permission } from './permissions';

/** `can`, or FORBIDDEN with the table's message (or `refusal`). Check the scope (NOT_FOUND) first. */
export function requireCan<A extends Action>(
  caller: Caller,
  action: A,
  row?: RowOf<EntityOf<A>>,
  refusal?: string,
): void {
  if (!can(caller, action, row)) throw forbidden(refusal ?? permission(action).refusal);
}
