import { Caller, Role, ScopeRules, scopeFor, SqlCondition } from '@app/core';
import { Action, EntityName, permission, Reach } from './permissions';
import { academyPolicy } from './policies/academy.policy';
import { auditEventPolicy } from './policies/audit-event.policy';
import { catalogToolPolicy } from './policies/catalog-tool.policy';
import { declarationPolicy } from './policies/declaration.policy';
import { exportPolicy } from './policies/export.policy';
import { notificationPolicy } from './policies/notification.policy';
import { reviewPolicy } from './policies/review.policy';
import { rightsRequestPolicy } from './policies/rights-request.policy';
import { schoolPolicy } from './policies/school.policy';
import { treatmentPolicy } from './policies/treatment.policy';
import { userPolicy } from './policies/user.policy';
import { violationPolicy } from './policies/violation.policy';
import { Policy, Tenant } from './policy';

/**
 * The access layer (docs/architecture.md): every "who may see and do what" of the API comes from the
 * permission table (permissions.ts) and one policy per entity (policies/). From them:
 *
 * - `scope(caller, 'treatment.read', 't')`: the SQL condition of the rows the caller reaches;
 * - `can(caller, 'declaration.decide', row)`: the same rule for one loaded row (`canRead` for `.read`);
 *   without a row, whether the caller reaches any row at all for that action;
 * - `requireCan(…)` (require-can.ts): the same, throwing FORBIDDEN with the table's French message;
 * - `inTenant` / `ISOLATED`: the coarse school-level tenancy that tenant isolation checks.
 */
export const POLICIES = {
  academy: academyPolicy,
  school: schoolPolicy,
  user: userPolicy,
  declaration: declarationPolicy,
  treatment: treatmentPolicy,
  violation: violationPolicy,
  review: reviewPolicy,
  rightsRequest: rightsRequestPolicy,
  auditEvent: auditEventPolicy,
  export: exportPolicy,
  notification: notificationPolicy,
  catalogTool: catalogToolPolicy,
} satisfies { [E in EntityName]: Policy<never> };

type Policies = typeof POLICIES;
/** The row an entity's checks look at. */
export type RowOf<E extends EntityName> = Parameters<Policies[E]['tenantOf']>[0];
export type EntityOf<A extends Action> = A extends `${infer E extends EntityName}.${string}` ? E : never;

const entityOf = (action: Action): EntityName => action.split('.')[0] as EntityName;
const policyOf = (entity: EntityName): Policy<unknown> => POLICIES[entity] as Policy<unknown>;

/** The roles the caller holds somewhere. */
export function rolesOf(caller: Caller): Role[] {
  const roles: Role[] = [];
  if (caller.teacherSchoolIds.length) roles.push('TEACHER');
  if (caller.headSchoolIds.length) roles.push('HEAD');
  if (caller.dpdAcademyIds.length) roles.push('DPD');
  if (caller.isAdmin) roles.push('ADMIN');
  return roles;
}

function schoolIdsAs(caller: Caller, role: Role): readonly string[] {
  return role === 'HEAD' ? caller.headSchoolIds : role === 'TEACHER' ? caller.teacherSchoolIds : [];
}

function academyIdsAs(caller: Caller, role: Role): readonly string[] {
  return role === 'DPD' ? caller.dpdAcademyIds : role === 'ADMIN' ? caller.adminAcademyIds : [];
}

function reaches(caller: Caller, policy: Policy<unknown>, role: Role, reach: Reach, row: unknown): boolean {
  const tenant = policy.tenantOf(row);
  const inSchools = () => {
    const schools = schoolIdsAs(caller, role);
    if (tenant.schoolId && schools.includes(tenant.schoolId)) return true;
    return (tenant.schoolIds ?? []).some((id) => schools.includes(id));
  };
  switch (reach) {
    case 'all':
      return true;
    case 'academy':
      return !!tenant.academyId && academyIdsAs(caller, role).includes(tenant.academyId);
    case 'school':
      return inSchools();
    case 'limited':
      return inSchools() && !!policy.limited?.row(caller, row);
    case 'self':
      return !!policy.self?.row(caller, row);
  }
}

/**
 * May the caller do `action` on `row` (RULES.md, "Who may do what")? Without a row: does the caller hold
 * a role that may do it somewhere (the list-level checks: "may this caller list users at all")?
 */
export function can<A extends Action>(caller: Caller, action: A, row?: RowOf<EntityOf<A>>): boolean {
  const { who } = permission(action);
  const policy = policyOf(entityOf(action));
  return rolesOf(caller).some((role) => {
    const reach = who[role];
    if (!reach) return false;
    return row === undefined || reaches(caller, policy, role, reach, row);
  });
}

/** May the caller read this row of `entity`: the row predicate of `scope(caller, '<entity>.read')`. */
export function canRead<E extends EntityName>(caller: Caller, entity: E, row: RowOf<E>): boolean {
  return can(caller, `${entity}.read` as Action, row as never);
}

/**
 * The SQL condition (TypeORM named parameters) of the rows of `alias` the caller reaches for `action`:
 * the same rule as `can`, for a query. Usually `<entity>.read`.
 */
export function scope(caller: Caller, action: Action, alias: string): SqlCondition {
  const { who } = permission(action);
  const policy = policyOf(entityOf(action));
  const params: Record<string, unknown> = {};
  const schoolRule = (reach: Reach | undefined): boolean | string => {
    if (reach === 'school' || reach === 'all') return true;
    if (reach !== 'limited' || !policy.limited) return false;
    Object.assign(params, policy.limited.params?.(caller));
    return policy.limited.sql(alias);
  };
  const rules: ScopeRules = {
    ...policy.columns?.(alias),
    admin: who.ADMIN === 'all',
    dpd: who.DPD === 'academy' || who.DPD === 'all',
    head: schoolRule(who.HEAD),
    teacher: schoolRule(who.TEACHER),
  };
  const base = scopeFor(caller, alias, rules);
  const self = policy.self;
  const selfApplies = !!self && rolesOf(caller).some((role) => who[role] === 'self');
  if (!self || !selfApplies || base.sql === 'TRUE')
    return { sql: base.sql, params: { ...base.params, ...params } };
  Object.assign(params, self.params?.(caller));
  const sql = base.sql === 'FALSE' ? self.sql(alias) : `(${base.sql} OR ${self.sql(alias)})`;
  return { sql, params: { ...base.params, ...params } };
}

/**
 * Does the caller read every row of `entity` in this school (a reach of the whole school, academy or
 * more, not only the `limited` part)? For counts that would otherwise depend on the reader.
 */
export function readsWholeSchool(
  caller: Caller,
  entity: EntityName,
  tenant: { schoolId: string; academyId: string },
): boolean {
  const { who } = permission(`${entity}.read` as Action);
  return rolesOf(caller).some((role) => {
    const reach = who[role];
    if (reach !== 'all' && reach !== 'academy' && reach !== 'school') return false;
    return reaches(caller, { name: entity, tenantOf: () => tenant }, role, reach, tenant);
  });
}

/**
 * Coarse school-level tenancy, the second line of defence (common/tenant-isolation.ts): ADMIN
 * everything, a DPD its academy, a TEACHER or HEAD its schools, whatever the entity. A row whose school
 * or academy is not known (not selected, not carried by the model) cannot be shown to belong to the
 * caller: it fails.
 */
export function inTenant(caller: Caller, tenant: Tenant): boolean {
  if (caller.isAdmin) return true;
  if (tenant.academyId && caller.isDpdOf(tenant.academyId)) return true;
  // a row of the whole académie, no school's (a catalogue entry): every member of that académie
  if (tenant.schoolId === null && tenant.academyId && tenant.academyId === caller.academyId) return true;
  return !!tenant.schoolId && caller.memberSchoolIds.includes(tenant.schoolId);
}

/** The school-scoped entities that tenant isolation checks, from their policies. */
export const ISOLATED = Object.values(POLICIES as Record<EntityName, Policy<unknown>>).flatMap((policy) =>
  policy.isolation ? [{ ...policy.isolation, tenantOf: policy.tenantOf }] : [],
);
