/** Who is calling, as the auth guard loaded it: one user and its role grants. */
import type { Role } from './vocabulary';

export interface Grant {
  role: Role;
  /** null for academy-wide roles (DPD, ADMIN) */
  schoolId: string | null;
}

export class Caller {
  readonly adminAcademyIds: string[];
  readonly dpdAcademyIds: string[];
  readonly headSchoolIds: string[];
  readonly teacherSchoolIds: string[];

  constructor(
    readonly userId: string,
    /** the user's academy: DPD and ADMIN grants are for this academy */
    readonly academyId: string,
    readonly grants: Grant[],
  ) {
    const academyWide = (role: Role) => (grants.some((g) => g.role === role) ? [academyId] : []);
    const schools = (role: Role) =>
      grants.filter((g) => g.role === role && g.schoolId).map((g) => g.schoolId as string);
    this.adminAcademyIds = academyWide('ADMIN');
    this.dpdAcademyIds = academyWide('DPD');
    this.headSchoolIds = schools('HEAD');
    this.teacherSchoolIds = schools('TEACHER');
  }

  /** ADMIN sees every academy. */
  get isAdmin(): boolean {
    return this.adminAcademyIds.length > 0;
  }

  isDpdOf(academyId: string): boolean {
    return this.dpdAcademyIds.includes(academyId);
  }

  isHeadOf(schoolId: string): boolean {
    return this.headSchoolIds.includes(schoolId);
  }

  isTeacherOf(schoolId: string): boolean {
    return this.teacherSchoolIds.includes(schoolId);
  }

  /** Schools where the caller holds a TEACHER or HEAD grant. */
  get memberSchoolIds(): string[] {
    return [...new Set([...this.headSchoolIds, ...this.teacherSchoolIds])];
  }
}
