import { Caller, Role } from '@app/core';
import { definePolicy } from '../policy';

/** A user, with the schools of its grants when the check needs them. */
interface UserRow {
  id: string;
  academyId: string;
  grantSchoolIds?: readonly string[];
}

/** A user belongs to its academy, and to the schools of its grants. */
export const userPolicy = definePolicy<UserRow>({
  name: 'user',
  tenantOf: (u) => ({ schoolId: null, academyId: u.academyId, schoolIds: u.grantSchoolIds ?? [] }),
  self: {
    sql: (alias) => `${alias}.id = :ownUserId`,
    params: (caller) => ({ ownUserId: caller.userId }),
    row: (caller, u) => u.id === caller.userId,
  },
  columns: (alias) => ({
    schoolColumn: 'hg.school_id',
    throughSchools: (condition) =>
      `EXISTS (SELECT 1 FROM role_grant hg WHERE hg.user_id = ${alias}.id AND ${condition})`,
  }),
});

interface GrantRow {
  role: Role;
  schoolId: string | null;
}

/** What a HEAD controls of the grants: the TEACHER grants on its own schools (RULES.md). */
export const headControls = (caller: Caller, grant: GrantRow): boolean =>
  grant.role === 'TEACHER' && caller.isHeadOf(grant.schoolId ?? '');
