import { uaiFor } from '@app/core';
import { Factory, TestSchool, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';

const GROUPS = `
  query ($by: SchoolGrouping!) {
    academyDashboard {
      schools
      schoolGroups(by: $by) {
        key label schools schoolsWithoutTreatments schoolsWithOpenViolations
        highRiskDeclarations treatmentsAwaitingReview
      }
    }
  }`;

interface Group {
  key: string;
  label: string;
  schools: number;
  schoolsWithoutTreatments: number;
  schoolsWithOpenViolations: number;
  highRiskDeclarations: number;
  treatmentsAwaitingReview: number;
}

/** The dashboard's chart: the académie's schools by département (from the UAI) and by kind. */
describe('academyDashboard.schoolGroups', () => {
  let t: TestApp;
  let dpd: TestUser;
  let head: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const f = new Factory(t.dataSource);
    const fx = new RegisterFixtures(t.dataSource);
    const academy = await f.academy();
    const school = (uaiDigits: number, kind: string): Promise<TestSchool> =>
      f.school(academy, { uai: uaiFor(uaiDigits), kind });
    // Haute-Garonne: two collèges and an école; Ariège: one école; Corse-du-Sud: one lycée
    const toulouse = await school(310_001, 'COLLEGE');
    const muret = await school(310_002, 'COLLEGE');
    await school(310_003, 'ECOLE'); // nothing in its registers
    const foix = await school(90_001, 'ECOLE');
    const ajaccio = await school(6_200_001, 'LYCEE');
    const teacher = await f.user(academy, [{ role: 'TEACHER', school: toulouse }]);
    head = await f.user(academy, [{ role: 'HEAD', school: toulouse }]);
    dpd = await f.user(academy, [{ role: 'DPD' }]);

    await fx.treatment(toulouse, { status: 'ACTIVE', reviewState: 'NOT_REVIEWED' });
    await fx.treatment(toulouse, { status: 'ACTIVE', reviewState: 'APPROVED' });
    await fx.declaration(toulouse, teacher, { status: 'SUBMITTED', riskLevel: 'HIGH' });
    await fx.declaration(toulouse, teacher, { status: 'SUBMITTED', riskLevel: 'LOW' });
    await fx.violation(toulouse, teacher, { status: 'OPEN', risk: 'RISK', discoveredAt: new Date() });
    // Muret: an archived treatment only (counts as without treatments), a closed violation
    await fx.treatment(muret, { status: 'ARCHIVED', reviewState: 'NOT_REVIEWED' });
    await fx.violation(muret, teacher, { status: 'CLOSED', risk: 'RISK', discoveredAt: new Date() });
    await fx.treatment(foix, { status: 'ACTIVE', reviewState: 'NOT_REVIEWED' });
    await fx.violation(foix, teacher, { status: 'OPEN', risk: 'UNLIKELY', discoveredAt: new Date() });
    await fx.declaration(ajaccio, teacher, { status: 'SUBMITTED', riskLevel: 'HIGH' });

    // another académie's school in the same département: never counted here
    const other = await f.academy();
    await f.school(other, { uai: uaiFor(310_004), kind: 'COLLEGE' });
  });
  afterAll(() => t.close());

  const groupsAs = async (user: TestUser, by: string) =>
    ok(
      await t.gql<{ academyDashboard: { schools: number; schoolGroups: Group[] } }>(
        GROUPS,
        { by },
        user.token,
      ),
    ).academyDashboard;

  it('groups the schools by département, named from the UAI, with their state', async () => {
    const d = await groupsAs(dpd, 'DEPARTEMENT');
    expect(d.schools).toBe(5);
    expect(d.schoolGroups).toEqual([
      {
        key: '09',
        label: 'Ariège (09)',
        schools: 1,
        schoolsWithoutTreatments: 0,
        schoolsWithOpenViolations: 1,
        highRiskDeclarations: 0,
        treatmentsAwaitingReview: 1,
      },
      {
        key: '31',
        label: 'Haute-Garonne (31)',
        schools: 3,
        schoolsWithoutTreatments: 2,
        schoolsWithOpenViolations: 1,
        highRiskDeclarations: 1,
        treatmentsAwaitingReview: 1,
      },
      {
        key: '2A',
        label: 'Corse-du-Sud (2A)',
        schools: 1,
        schoolsWithoutTreatments: 1,
        schoolsWithOpenViolations: 0,
        highRiskDeclarations: 1,
        treatmentsAwaitingReview: 0,
      },
    ]);
  });

  it('groups the schools by kind, with French labels', async () => {
    const d = await groupsAs(dpd, 'KIND');
    expect(d.schoolGroups.map((g) => [g.key, g.label, g.schools, g.schoolsWithoutTreatments])).toEqual([
      ['COLLEGE', 'Collège', 2, 1],
      ['ECOLE', 'École', 2, 1],
      ['LYCEE', 'Lycée', 1, 1],
    ]);
  });

  it('is the DPD’s: a head is refused the whole dashboard', async () => {
    expect(errorCode(await t.gql(GROUPS, { by: 'KIND' }, head.token))).toBe('FORBIDDEN');
  });
});
