import { Caller, Role } from '@app/core';
import { can, readsWholeSchool, rolesOf, scope } from './access';
import { Action, PERMISSIONS } from './permissions';

/**
 * RULES.md, "Who may do what", cell by cell: what each role reaches for each action. `–` none;
 * `limited` its schools' rows the policy keeps (own declarations, ACTIVE treatments…); `school` its
 * schools; `academy` its academy; `all` every academy; `self` its own academy or account. Changing a
 * cell of PERMISSIONS without changing it here fails.
 */
const TABLE: Record<Action, [teacher: string, head: string, dpd: string, admin: string]> = {
  'academy.read': ['self', 'self', 'self', 'all'],
  'academy.create': ['–', '–', '–', 'all'],
  'academy.update': ['–', '–', '–', 'all'],
  'academy.updateDpo': ['–', '–', 'academy', 'all'],
  'academy.dashboard': ['–', '–', 'academy', 'all'],
  'school.read': ['school', 'school', 'academy', 'all'],
  'school.create': ['–', '–', '–', 'all'],
  'school.update': ['–', '–', '–', 'all'],
  'school.updateContacts': ['–', 'school', '–', 'all'],
  'user.read': ['–', 'school', 'academy', 'all'],
  'user.create': ['–', 'school', '–', 'all'],
  'user.manage': ['–', 'school', '–', 'all'],
  'user.own': ['self', 'self', 'self', 'self'],
  'declaration.read': ['limited', 'school', 'academy', 'all'],
  'declaration.declare': ['school', 'school', '–', '–'],
  'declaration.edit': ['limited', 'limited', '–', '–'],
  'declaration.decide': ['–', 'school', '–', '–'],
  'treatment.read': ['limited', 'school', 'academy', 'all'],
  'treatment.write': ['–', 'school', '–', '–'],
  'violation.read': ['limited', 'school', 'academy', 'all'],
  'violation.record': ['school', 'school', '–', '–'],
  'violation.write': ['–', 'school', '–', '–'],
  'review.read': ['limited', 'school', 'academy', 'all'],
  'review.create': ['–', '–', 'academy', '–'],
  'auditEvent.read': ['–', 'school', 'academy', 'all'],
  'auditEvent.verify': ['–', '–', 'academy', 'all'],
  'rightsRequest.read': ['–', 'school', 'academy', 'all'],
  'rightsRequest.write': ['–', 'school', '–', '–'],
  'export.read': ['–', 'school', 'academy', '–'],
  'export.create': ['–', 'school', 'academy', '–'],
  'notification.read': ['–', 'school', 'academy', 'all'],
  'notification.own': ['self', 'self', 'self', 'self'],
  'catalogTool.read': ['self', 'self', 'academy', 'all'],
  'catalogTool.write': ['–', '–', 'academy', '–'],
  'catalogTool.candidates': ['–', '–', 'academy', 'all'],
};
const ROLES: Role[] = ['TEACHER', 'HEAD', 'DPD', 'ADMIN'];

const ME = '00000000-0000-4000-8000-000000000001';
const SOMEONE = '00000000-0000-4000-8000-000000000002';
const ACADEMY = '00000000-0000-4000-8000-0000000000a1';
const OTHER_ACADEMY = '00000000-0000-4000-8000-0000000000a2';
const SCHOOL = '00000000-0000-4000-8000-0000000000b1';
const SIBLING_SCHOOL = '00000000-0000-4000-8000-0000000000b2';
const FAR_SCHOOL = '00000000-0000-4000-8000-0000000000b3';

const callerAs = (role: Role) =>
  new Caller(ME, ACADEMY, [{ role, schoolId: role === 'TEACHER' || role === 'HEAD' ? SCHOOL : null }]);

type Place = 'own row' | 'other row of its school' | 'other school of its academy' | 'other academy';
const PLACES: Place[] = [
  'own row',
  'other row of its school',
  'other school of its academy',
  'other academy',
];

/** A row of any entity (each policy reads its own fields of it), at `place` relative to the caller. */
function rowAt(place: Place, action: Action = 'treatment.read'): Record<string, unknown> {
  const own = place === 'own row';
  const [schoolId, academyId] =
    place === 'other academy'
      ? [FAR_SCHOOL, OTHER_ACADEMY]
      : place === 'other school of its academy'
        ? [SIBLING_SCHOOL, ACADEMY]
        : [SCHOOL, ACADEMY];
  return {
    // a school or an academy is its own id; a user's is the caller's for its own account
    id: action.startsWith('school.')
      ? schoolId
      : action.startsWith('academy.')
        ? academyId
        : own
          ? ME
          : SOMEONE,
    schoolId,
    academyId,
    grantSchoolIds: [schoolId],
    declaredById: own ? ME : SOMEONE,
    reportedById: own ? ME : SOMEONE,
    status: own ? 'ACTIVE' : 'ARCHIVED',
    targetType: 'TOOL_DECLARATION',
    targetAuthorId: own ? ME : SOMEONE,
    recipientId: own ? ME : SOMEONE,
  };
}

/** What a cell means for a row at each place. */
function expected(cell: string, place: Place, action: Action): boolean {
  switch (cell) {
    case '–':
      return false;
    case 'limited':
      return place === 'own row';
    case 'school':
      return place === 'own row' || place === 'other row of its school';
    case 'academy':
      return place !== 'other academy';
    case 'all':
      return true;
    case 'self':
      // an academy row (or a catalogue entry, the academy's) is the caller's own academy for every
      // place but another academy's
      return action.startsWith('academy.') || action.startsWith('catalogTool.')
        ? place !== 'other academy'
        : place === 'own row';
    default:
      throw new Error(`unknown cell ${cell}`);
  }
}

describe('the permission table (RULES.md, "Who may do what")', () => {
  it('names every action of PERMISSIONS, and nothing else', () => {
    const actions = Object.entries(PERMISSIONS).flatMap(([entity, verbs]) =>
      Object.keys(verbs).map((verb) => `${entity}.${verb}`),
    );
    expect(actions.sort()).toEqual(Object.keys(TABLE).sort());
  });

  const cells = (Object.entries(TABLE) as [Action, string[]][]).flatMap(([action, row]) =>
    ROLES.map((role, i) => ({ action, role, cell: row[i] })),
  );

  it.each(cells)('$action for a $role: $cell', ({ action, role, cell }) => {
    const caller = callerAs(role);
    expect(rolesOf(caller)).toEqual([role]);
    const answers = PLACES.map((place) => [place, can(caller, action, rowAt(place, action) as never)]);
    expect(Object.fromEntries(answers)).toEqual(
      Object.fromEntries(PLACES.map((place) => [place, expected(cell, place, action)])),
    );
    // without a row: may the role do it anywhere at all
    expect(can(caller, action)).toBe(cell !== '–');
  });

  it('a caller holding two grants may do what either allows', () => {
    const both = new Caller(ME, ACADEMY, [
      { role: 'TEACHER', schoolId: SCHOOL },
      { role: 'HEAD', schoolId: SIBLING_SCHOOL },
    ]);
    const sibling = rowAt('other school of its academy');
    expect(can(both, 'declaration.decide', sibling as never)).toBe(true);
    expect(can(both, 'declaration.decide', rowAt('own row') as never)).toBe(false);
    expect(can(both, 'treatment.read', { ...rowAt('other row of its school') } as never)).toBe(false);
    expect(can(both, 'treatment.read', { ...sibling, status: 'ARCHIVED' } as never)).toBe(true);
  });
});

describe('readsWholeSchool: the reader-independent view of a school (its counters)', () => {
  it('is the HEAD of the school, the DPD of its academy, an ADMIN; not a TEACHER, not another school', () => {
    const school = { schoolId: SCHOOL, academyId: ACADEMY };
    const answers = Object.fromEntries(
      ROLES.map((role) => [role, readsWholeSchool(callerAs(role), 'declaration', school)]),
    );
    expect(answers).toEqual({ TEACHER: false, HEAD: true, DPD: true, ADMIN: true });
    const sibling = { schoolId: SIBLING_SCHOOL, academyId: ACADEMY };
    expect(readsWholeSchool(callerAs('HEAD'), 'violation', sibling)).toBe(false);
    expect(readsWholeSchool(callerAs('DPD'), 'violation', { ...sibling, academyId: OTHER_ACADEMY })).toBe(
      false,
    );
  });
});

describe('the SQL scope, from the same table', () => {
  it('compares one school or academy with =, several with = ANY, and adds the limited condition', () => {
    const teacher = scope(callerAs('TEACHER'), 'declaration.read', 'd');
    expect(teacher.sql).toMatch(
      /^\(\(d\.school_id = :scopeTeacherSchools\d+ AND \(d\.declared_by_id = :declarationAuthor\)\)\)$/,
    );
    expect(Object.values(teacher.params)).toEqual([SCHOOL, ME]);
    const dpd = scope(callerAs('DPD'), 'treatment.read', 't');
    expect(dpd.sql).toMatch(/^\(t\.academy_id = :scopeAcademies\d+\)$/);
    const head = scope(
      new Caller(ME, ACADEMY, [
        { role: 'HEAD', schoolId: SCHOOL },
        { role: 'HEAD', schoolId: SIBLING_SCHOOL },
      ]),
      'violation.read',
      'v',
    );
    expect(head.sql).toMatch(/^\(\(v\.school_id = ANY\(:scopeHeadSchools\d+\)\)\)$/);
  });

  it('gives an ADMIN everything where the table says all, and nothing where it says –', () => {
    expect(scope(callerAs('ADMIN'), 'treatment.read', 't').sql).toBe('TRUE');
    expect(scope(callerAs('ADMIN'), 'export.read', 'f').sql).toBe('FALSE');
    expect(scope(callerAs('TEACHER'), 'auditEvent.read', 'e').sql).toBe('FALSE');
  });

  it('reads a school through its own id, a user through its grants, an academy as its own', () => {
    expect(scope(callerAs('HEAD'), 'school.read', 's').sql).toMatch(/^\(\(s\.id = :scopeHeadSchools\d+\)\)$/);
    expect(scope(callerAs('HEAD'), 'user.read', 'u').sql).toMatch(
      /^\(\(EXISTS \(SELECT 1 FROM role_grant hg WHERE hg\.user_id = u\.id AND hg\.school_id = :scopeHeadSchools\d+\)\)\)$/,
    );
    const academy = scope(callerAs('TEACHER'), 'academy.read', 'a');
    expect(academy).toEqual({ sql: 'a.id = :ownAcademyId', params: { ownAcademyId: ACADEMY } });
  });
});
