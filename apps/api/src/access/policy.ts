import { Caller, ScopeRules } from '@app/core';
import { EntityName } from './permissions';

/** Where a row (or its GraphQL model) belongs. `undefined` when the query did not select the column. */
export interface Tenant {
  schoolId?: string | null;
  academyId?: string | null;
  /** rows that belong to several schools (a user, through its grants) */
  schoolIds?: readonly string[];
}

/** A condition on an entity's rows, written once in SQL and once for a loaded row: they must agree. */
export interface RowCondition<R> {
  sql: (alias: string) => string;
  /** the named parameters `sql` uses (names unique to this policy) */
  params?: (caller: Caller) => Record<string, unknown>;
  row: (caller: Caller, row: R) => boolean;
}

/**
 * One entity's access definition. The permission table (permissions.ts) says which role reaches which
 * rows for each action; the policy says where a row belongs and what `limited` and `self` mean for it.
 */
export interface Policy<R> {
  name: EntityName;
  /** the school and academy of a row, or of its GraphQL model (they carry the same fields) */
  tenantOf: (row: R) => Tenant;
  /** the part of its schools' rows a `limited` role reaches */
  limited?: RowCondition<R>;
  /** the caller's own row, for a `self` reach */
  self?: RowCondition<R>;
  /** where the table keeps its school and academy, when not in `school_id` / `academy_id` */
  columns?: (alias: string) => Pick<ScopeRules, 'schoolColumn' | 'academyColumn' | 'throughSchools'>;
  /**
   * School-scoped tables: the TypeORM entity and the GraphQL object type that tenant isolation
   * (common/tenant-isolation.ts) checks on every load in a caller's transaction and every answer.
   */
  isolation?: { entity: abstract new (...args: never[]) => unknown; graphqlType: string };
}

/** Identity helper that keeps a policy's row type. */
export const definePolicy = <R>(policy: Policy<R>): Policy<R> => policy;

/** A row of a school-scoped table, or its model: its own schoolId and academyId. */
export const ownColumns = (row: { schoolId?: string | null; academyId?: string | null }): Tenant => ({
  schoolId: row.schoolId,
  academyId: row.academyId,
});
