import { Caller } from './caller';

/**
 * Scope in one place (RULES.md, "Who may do what"): which rows of a school-scoped table a caller may read.
 * Every school-scoped table carries `school_id` and `academy_id`, so the condition never needs a join.
 *
 * `teacher` says what a TEACHER of the school sees: everything, nothing, or the rows matching an extra
 * SQL condition (own declarations, ACTIVE treatments…); `head` likewise for a HEAD.
 */
export interface ScopeRules {
  head?: boolean | string;
  teacher?: boolean | string;
  /** the column naming the school: `school_id`, or `id` on the school table itself */
  schoolColumn?: string;
}

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

let counter = 0;

/** A SQL condition (TypeORM named parameters) on `alias.school_id` / `alias.academy_id`. */
export function scopeFor(caller: Caller, alias: string, rules: ScopeRules = { head: true }): SqlCondition {
  if (caller.isAdmin) return { sql: 'TRUE', params: {} };
  const n = ++counter % 1_000_000;
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  // one id (the usual case: a DPD's académie, a head's school) is compared with `=`, not `= ANY`:
  // PostgreSQL then reads a (column, …, created_at, id) index in the page's order, where `= ANY` of
  // a one-element array makes it fetch every match and sort, or scan the whole register in order
  const column = (name: string, key: string, ids: string[]) => {
    params[key] = ids.length === 1 ? ids[0] : ids;
    return ids.length === 1 ? `${alias}.${name} = :${key}` : `${alias}.${name} = ANY(:${key})`;
  };
  if (caller.dpdAcademyIds.length) {
    parts.push(column('academy_id', `scopeAcademies${n}`, caller.dpdAcademyIds));
  }
  const roleCondition = (rule: boolean | string | undefined, schoolIds: string[], key: string) => {
    if (!rule || schoolIds.length === 0) return;
    const extra = typeof rule === 'string' ? ` AND (${rule})` : '';
    parts.push(`(${column(rules.schoolColumn ?? 'school_id', `${key}${n}`, schoolIds)}${extra})`);
  };
  roleCondition(rules.head, caller.headSchoolIds, 'scopeHeadSchools');
  roleCondition(rules.teacher, caller.teacherSchoolIds, 'scopeTeacherSchools');
  if (parts.length === 0) return { sql: 'FALSE', params: {} };
  return { sql: `(${parts.join(' OR ')})`, params };
}
