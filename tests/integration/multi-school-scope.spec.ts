import { Factory, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, ok, TestApp } from '../helpers/test-app';

/**
 * A teacher working in two schools holds two grants (RULES.md, "Who may do what"), and so may a
 * head. Scope compares one school with `=` and several with `= ANY` (libs/core/src/scope.ts): each
 * form is read here beside the other, on the same registers.
 */
describe('grants on two schools', () => {
  let t: TestApp;
  let twoSchoolsHead: TestUser;
  let twoSchoolsTeacher: TestUser;
  let oneSchoolHead: TestUser;
  const expected = {
    headTreatments: new Set<string>(),
    schoolATreatments: new Set<string>(),
    teacherTreatments: new Set<string>(),
    teacherDeclarations: new Set<string>(),
    headDeclarations: new Set<string>(),
    teacherViolations: new Set<string>(),
    headViolations: new Set<string>(),
  };

  beforeAll(async () => {
    t = await createTestApp();
    const f = new Factory(t.dataSource);
    const fx = new RegisterFixtures(t.dataSource);
    const academy = await f.academy();
    const [a, b, c] = [await f.school(academy), await f.school(academy), await f.school(academy)];
    twoSchoolsHead = await f.user(academy, [
      { role: 'HEAD', school: a },
      { role: 'HEAD', school: b },
    ]);
    twoSchoolsTeacher = await f.user(academy, [
      { role: 'TEACHER', school: a },
      { role: 'TEACHER', school: b },
    ]);
    oneSchoolHead = await f.user(academy, [{ role: 'HEAD', school: a }]);
    const colleague = await f.user(academy, [{ role: 'TEACHER', school: a }]);
    const elsewhere = await f.user(academy, [{ role: 'TEACHER', school: c }]);

    for (const school of [a, b, c]) {
      const inScope = school !== c;
      for (const status of ['ACTIVE', 'ARCHIVED'] as const) {
        const { id } = await fx.treatment(school, { status });
        if (inScope) expected.headTreatments.add(id);
        if (school === a) expected.schoolATreatments.add(id);
        if (inScope && status === 'ACTIVE') expected.teacherTreatments.add(id);
      }
      const own = await fx.declaration(school, inScope ? twoSchoolsTeacher : elsewhere);
      const other = await fx.declaration(school, inScope ? colleague : elsewhere);
      if (inScope) {
        expected.teacherDeclarations.add(own.id);
        expected.headDeclarations.add(own.id).add(other.id);
      }
      const reported = await fx.violation(school, inScope ? twoSchoolsTeacher : elsewhere);
      const byColleague = await fx.violation(school, inScope ? colleague : elsewhere);
      if (inScope) {
        expected.teacherViolations.add(reported.id);
        expected.headViolations.add(reported.id).add(byColleague.id);
      }
    }
  });
  afterAll(() => t.close());

  async function ids(list: 'treatments' | 'toolDeclarations' | 'violations', user: TestUser) {
    const data = ok(
      await t.gql<Record<string, { totalCount: number; nodes: { id: string }[] }>>(
        `{ ${list}(first: 100) { totalCount nodes { id } } }`,
        {},
        user.token,
      ),
    );
    const connection = data[list];
    expect(connection.totalCount).toBe(connection.nodes.length);
    return new Set(connection.nodes.map((node) => node.id));
  }

  it('shows a head of two schools both registers, and nothing of a third school', async () => {
    expect(await ids('treatments', twoSchoolsHead)).toEqual(expected.headTreatments);
    expect(await ids('toolDeclarations', twoSchoolsHead)).toEqual(expected.headDeclarations);
    expect(await ids('violations', twoSchoolsHead)).toEqual(expected.headViolations);
  });

  it('shows a head of one school that school only', async () => {
    expect(await ids('treatments', oneSchoolHead)).toEqual(expected.schoolATreatments);
  });

  it("shows a teacher of two schools both schools' ACTIVE treatments and its own entries", async () => {
    expect(await ids('treatments', twoSchoolsTeacher)).toEqual(expected.teacherTreatments);
    expect(await ids('toolDeclarations', twoSchoolsTeacher)).toEqual(expected.teacherDeclarations);
    expect(await ids('violations', twoSchoolsTeacher)).toEqual(expected.teacherViolations);
  });

  it('lists the schools of both grants', async () => {
    const data = ok(
      await t.gql<{ schools: { nodes: { id: string }[] } }>(
        `{ schools(first: 100) { nodes { id } } }`,
        {},
        twoSchoolsTeacher.token,
      ),
    );
    expect(data.schools.nodes).toHaveLength(2);
  });
});
