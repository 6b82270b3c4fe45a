import type { Role, RoleGrantInput } from '../../api/gql/graphql';

interface Grant {
  role: Role;
  school?: { id: string; name: string } | null;
}

/** The schools where the user holds a TEACHER grant (those the caller may see), each once. */
export function teachesIn(grants: readonly Grant[]): { id: string; name: string }[] {
  const schools = new Map<string, { id: string; name: string }>();
  for (const g of grants) if (g.role === 'TEACHER' && g.school) schools.set(g.school.id, g.school);
  return [...schools.values()];
}

/**
 * The grants a head sends for a teacher: TEACHER on each school chosen among its own (the API keeps
 * the teacher's other grants, and refuses any other role).
 */
export function teacherGrants(schoolIds: readonly string[]): RoleGrantInput[] {
  return [...new Set(schoolIds)].map((schoolId) => ({ role: 'TEACHER', schoolId }));
}
