import type { Role, RoleGrantInput } from '../../api/gql/graphql';

/** A grant as the accounts page holds it: a role, and its school for the roles of a school. */
export interface GrantDraft {
  role: Role;
  schoolId: string | null;
  schoolName?: string;
}

/** Roles held academy-wide (no school); the others are held per school. */
export const ACADEMY_ROLES: readonly Role[] = ['DPD', 'ADMIN'];

export const needsSchool = (role: Role): boolean => !ACADEMY_ROLES.includes(role);

/** Adds a grant unless it is already held (same role, same school). */
export function addGrant(grants: readonly GrantDraft[], grant: GrantDraft): GrantDraft[] {
  const normalized = { ...grant, schoolId: needsSchool(grant.role) ? grant.schoolId : null };
  if (grants.some((g) => g.role === normalized.role && g.schoolId === normalized.schoolId))
    return [...grants];
  return [...grants, normalized];
}

/** What updateUserGrants and createUser take. */
export const grantInputs = (grants: readonly GrantDraft[]): RoleGrantInput[] =>
  grants.map((g) => (g.schoolId ? { role: g.role, schoolId: g.schoolId } : { role: g.role }));
