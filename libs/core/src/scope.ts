import { Caller } from './caller';

/**
 * The SQL form of a read rule (RULES.md, "Who may do what"), built by the access layer
 * (apps/api/src/access) from an entity's policy: no service calls it directly. Every school-scoped
 * table carries `school_id` and `academy_id`, so the condition never needs a join.
 *
 * `admin` and `dpd` say whether an ADMIN (everything) and a DPD (its academy) read the rows;
 * `teacher` says what a TEACHER of the school sees: everything, nothing, or the rows matching an extra
 * SQL condition (own declarations, ACTIVE treatments…); `head` likewise for a HEAD.
 */
export interface ScopeRules {
  /** default true */
  admin?: boolean;
  /** default true */
  dpd?: boolean;
  head?: boolean | string;
  teacher?: boolean | string;
  /** the column naming the school: `school_id`, or `id` on the school table itself; a dotted name is taken as is */
  schoolColumn?: string;
  /** the column naming the academy: `academy_id` by default */
  academyColumn?: string;
  /** wraps the school condition, for rows that reach their schools through another table (a user's grants) */
  throughSchools?: (condition: string) => string;
}

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

let counter = 0;

/** A SQL condition (TypeORM named parameters) on `alias.school_id` / `alias.academy_id`. */
export function scopeFor(caller: Caller, alias: string, rules: ScopeRules = { head: true }): SqlCondition {
  if (caller.isAdmin && rules.admin !== false) return { sql: 'TRUE', params: {} };
  const n = ++counter % 1_000_000;
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const qualified = (name: string) => (name.includes('.') ? name : `${alias}.${name}`);
  // one id (the usual case: a DPD's académie, a head's school) is compared with `=`, not `= ANY`:
  // PostgreSQL then reads a (column, …, created_at, id) index in the page's order, where `= ANY` of
  // a one-element array makes it fetch every match and sort, or scan the whole register in order
  const column = (name: string, key: string, ids: string[]) => {
    params[key] = ids.length === 1 ? ids[0] : ids;
    return ids.length === 1 ? `${qualified(name)} = :${key}` : `${qualified(name)} = ANY(:${key})`;
  };
  if (rules.dpd !== false && caller.dpdAcademyIds.length) {
    parts.push(column(rules.academyColumn ?? 'academy_id', `scopeAcademies${n}`, caller.dpdAcademyIds));
  }
  const roleCondition = (rule: boolean | string | undefined, schoolIds: string[], key: string) => {
    if (!rule || schoolIds.length === 0) return;
    const extra = typeof rule === 'string' ? ` AND (${rule})` : '';
    const schools = column(rules.schoolColumn ?? 'school_id', `${key}${n}`, schoolIds);
    parts.push(`(${rules.throughSchools ? rules.throughSchools(schools) : schools}${extra})`);
  };
  roleCondition(rules.head, caller.headSchoolIds, 'scopeHeadSchools');
  roleCondition(rules.teacher, caller.teacherSchoolIds, 'scopeTeacherSchools');
  if (parts.length === 0) return { sql: 'FALSE', params: {} };
  return { sql: `(${parts.join(' OR ')})`, params };
}
