import { randomUUID } from 'node:crypto';
import { Factory, TestAcademy, TestSchool, TestUser } from '../helpers/factories';
import {
  BreachRiskValue,
  DeclarationStatusValue,
  RegisterFixtures,
  ReviewStateValue,
  RiskLevelValue,
  TreatmentStatusValue,
} from '../helpers/register-fixtures';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';

/**
 * The fixtures are described as data, written with SQL, and the expected counts are computed from the
 * same data by the plain rules below (RULES.md, "Reviews"), not by the code under test.
 */
interface TreatmentSpec {
  status: TreatmentStatusValue;
  reviewState: ReviewStateValue;
  id?: string;
}
interface DeclarationSpec {
  status: DeclarationStatusValue;
  riskLevel: RiskLevelValue;
  author: TestUser;
}
interface ViolationSpec {
  status: 'OPEN' | 'CLOSED';
  risk: BreachRiskValue;
  discoveredAt: Date;
  cnilNotifiedAt: Date | null;
  reporter: TestUser;
}
interface SchoolSpec {
  school: TestSchool;
  treatments: TreatmentSpec[];
  declarations: DeclarationSpec[];
  violations: ViolationSpec[];
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const DEADLINE = 72 * HOUR;

const isOverdue = (v: ViolationSpec, now = Date.now()) =>
  v.risk !== 'UNLIKELY' &&
  (v.cnilNotifiedAt === null
    ? now > v.discoveredAt.getTime() + DEADLINE
    : v.cnilNotifiedAt.getTime() > v.discoveredAt.getTime() + DEADLINE);

function expectedStats(
  spec: SchoolSpec,
  visible: (entry: { author?: TestUser; reporter?: TestUser }) => boolean,
) {
  const open = spec.violations.filter((v) => v.status === 'OPEN' && visible(v));
  return {
    activeTreatments: spec.treatments.filter((t) => t.status === 'ACTIVE').length,
    pendingDeclarations: spec.declarations.filter((d) => d.status === 'SUBMITTED' && visible(d)).length,
    openViolations: open.length,
    overdueCnilNotifications: open.filter((v) => isOverdue(v)).length,
  };
}

function expectedDashboard(specs: SchoolSpec[]) {
  const all = <T>(pick: (s: SchoolSpec) => T[]) => specs.flatMap(pick);
  const submitted = all((s) => s.declarations).filter((d) => d.status === 'SUBMITTED');
  const open = all((s) => s.violations).filter((v) => v.status === 'OPEN');
  return {
    schools: specs.length,
    schoolsWithoutTreatments: specs.filter((s) => !s.treatments.some((t) => t.status === 'ACTIVE')).length,
    pendingDeclarations: submitted.length,
    highRiskDeclarations: submitted.filter((d) => d.riskLevel === 'HIGH').length,
    treatmentsAwaitingReview: all((s) => s.treatments).filter(
      (t) => t.status === 'ACTIVE' && t.reviewState === 'NOT_REVIEWED',
    ).length,
    openViolations: open.length,
    overdueCnilNotifications: open.filter((v) => isOverdue(v)).length,
  };
}

const DASHBOARD = `
  query ($academyId: ID) {
    academyDashboard(academyId: $academyId) {
      academy { id name }
      schools schoolsWithoutTreatments pendingDeclarations highRiskDeclarations
      treatmentsAwaitingReview openViolations overdueCnilNotifications
    }
  }`;
const STATS_FIELDS = 'activeTreatments pendingDeclarations openViolations overdueCnilNotifications';

type Dashboard = ReturnType<typeof expectedDashboard> & { academy: { id: string; name: string } };
type Stats = ReturnType<typeof expectedStats>;

describe('academyDashboard and School.stats', () => {
  let t: TestApp;
  let f: Factory;
  let fx: RegisterFixtures;
  let w: Awaited<ReturnType<Factory['world']>>;
  let teacherA2: TestUser;
  let specs: SchoolSpec[];
  let otherAcademy: TestAcademy;
  let otherSpecs: SchoolSpec[];
  let otherDpd: TestUser;
  let otherAdmin: TestUser;

  async function insert(spec: SchoolSpec): Promise<void> {
    const school = { id: spec.school.id, academyId: spec.school.academyId };
    for (const treatment of spec.treatments) {
      treatment.id = (await fx.treatment(school, treatment)).id;
    }
    // an APPROVED declaration is filed under an existing treatment, so it adds none
    const filedUnder = spec.treatments[0]?.id;
    for (const d of spec.declarations) {
      await fx.declaration(school, d.author, {
        status: d.status,
        riskLevel: d.riskLevel,
        treatmentId: d.status === 'APPROVED' ? filedUnder : undefined,
      });
    }
    for (const v of spec.violations) await fx.violation(school, v.reporter, v);
  }

  const dashboardAs = async (user: TestUser, academyId?: string) =>
    ok(await t.gql<{ academyDashboard: Dashboard }>(DASHBOARD, { academyId }, user.token)).academyDashboard;

  const statsAs = async (user: TestUser, schoolId: string) =>
    ok(
      await t.gql<{ school: { stats: Stats } | null }>(
        `query ($id: ID!) { school(id: $id) { stats { ${STATS_FIELDS} } } }`,
        { id: schoolId },
        user.token,
      ),
    ).school?.stats;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    fx = new RegisterFixtures(t.dataSource);
    w = await f.world();
    teacherA2 = await f.user(w.academy, [{ role: 'TEACHER', school: w.schoolA }]);
    const now = Date.now();
    const fiveDaysAgo = new Date(now - 5 * DAY);
    const violation = (fields: Partial<ViolationSpec> & { reporter: TestUser }): ViolationSpec => ({
      status: 'OPEN',
      risk: 'RISK',
      discoveredAt: fiveDaysAgo,
      cnilNotifiedAt: null,
      ...fields,
    });
    const schoolWithOnlyArchived = w.schoolB;
    const emptySchool = await f.school(w.academy);
    const reviewedSchool = await f.school(w.academy);
    specs = [
      {
        school: w.schoolA,
        treatments: [
          { status: 'ACTIVE', reviewState: 'NOT_REVIEWED' },
          { status: 'ACTIVE', reviewState: 'NOT_REVIEWED' },
          { status: 'ACTIVE', reviewState: 'APPROVED' },
          { status: 'ACTIVE', reviewState: 'CHANGES_REQUESTED' },
          { status: 'ARCHIVED', reviewState: 'NOT_REVIEWED' },
        ],
        declarations: [
          { status: 'SUBMITTED', riskLevel: 'HIGH', author: w.teacherA },
          { status: 'SUBMITTED', riskLevel: 'MEDIUM', author: w.teacherA },
          { status: 'SUBMITTED', riskLevel: 'LOW', author: teacherA2 },
          { status: 'SUBMITTED', riskLevel: 'HIGH', author: teacherA2 },
          { status: 'DRAFT', riskLevel: 'HIGH', author: w.teacherA },
          { status: 'CHANGES_REQUESTED', riskLevel: 'HIGH', author: w.teacherA },
          { status: 'APPROVED', riskLevel: 'HIGH', author: teacherA2 },
          { status: 'REJECTED', riskLevel: 'HIGH', author: w.teacherA },
          { status: 'WITHDRAWN', riskLevel: 'HIGH', author: w.teacherA },
        ],
        violations: [
          // overdue: never notified, deadline passed
          violation({ reporter: w.teacherA }),
          // overdue: notified after the deadline
          violation({
            risk: 'HIGH_RISK',
            cnilNotifiedAt: new Date(fiveDaysAgo.getTime() + 80 * HOUR),
            reporter: w.headA,
          }),
          // notified in time, and exactly at the deadline
          violation({ cnilNotifiedAt: new Date(fiveDaysAgo.getTime() + 10 * HOUR), reporter: w.teacherA }),
          violation({ cnilNotifiedAt: new Date(fiveDaysAgo.getTime() + DEADLINE), reporter: w.headA }),
          // not due yet
          violation({ discoveredAt: new Date(now - HOUR), reporter: w.teacherA }),
          // no notification required, however old
          violation({ risk: 'UNLIKELY', discoveredAt: new Date(now - 30 * DAY), reporter: w.headA }),
          // closed, though overdue
          violation({ status: 'CLOSED', reporter: w.teacherA }),
          violation({ status: 'CLOSED', risk: 'HIGH_RISK', reporter: w.headA }),
        ],
      },
      {
        school: schoolWithOnlyArchived,
        treatments: [{ status: 'ARCHIVED', reviewState: 'NOT_REVIEWED' }],
        declarations: [{ status: 'DRAFT', riskLevel: 'MEDIUM', author: w.teacherB }],
        violations: [violation({ reporter: w.teacherB }), violation({ risk: 'UNLIKELY', reporter: w.headB })],
      },
      { school: emptySchool, treatments: [], declarations: [], violations: [] },
      {
        school: reviewedSchool,
        treatments: [{ status: 'ACTIVE', reviewState: 'APPROVED' }],
        declarations: [],
        violations: [violation({ status: 'CLOSED', reporter: w.headA })],
      },
    ];
    for (const spec of specs) await insert(spec);

    // another academy, full of what would count: none of it may
    otherAcademy = await f.academy();
    const otherSchool = await f.school(otherAcademy);
    const otherTeacher = await f.user(otherAcademy, [{ role: 'TEACHER', school: otherSchool }]);
    otherDpd = await f.user(otherAcademy, [{ role: 'DPD' }]);
    otherAdmin = await f.user(otherAcademy, [{ role: 'ADMIN' }]);
    otherSpecs = [
      {
        school: otherSchool,
        treatments: [{ status: 'ACTIVE', reviewState: 'NOT_REVIEWED' }],
        declarations: [{ status: 'SUBMITTED', riskLevel: 'HIGH', author: otherTeacher }],
        violations: [violation({ reporter: otherTeacher })],
      },
      { school: await f.school(otherAcademy), treatments: [], declarations: [], violations: [] },
    ];
    for (const spec of otherSpecs) await insert(spec);
  });
  afterAll(() => t.close());

  it('fixtures cover every counted case and its near-miss', () => {
    const expected = expectedDashboard(specs);
    expect(expected).toEqual({
      schools: 4,
      schoolsWithoutTreatments: 2,
      pendingDeclarations: 4,
      highRiskDeclarations: 2,
      treatmentsAwaitingReview: 2,
      openViolations: 8,
      overdueCnilNotifications: 3,
    });
  });

  it("gives a DPD its academy's counts, by default and by id", async () => {
    const expected = { academy: { id: w.academy.id, name: expect.any(String) }, ...expectedDashboard(specs) };
    expect(await dashboardAs(w.dpd)).toEqual(expected);
    expect(await dashboardAs(w.dpd, w.academy.id)).toEqual(expected);
    expect(await dashboardAs(otherDpd)).toEqual({
      academy: { id: otherAcademy.id, name: expect.any(String) },
      ...expectedDashboard(otherSpecs),
    });
  });

  it('gives an admin any academy, its own by default', async () => {
    expect(await dashboardAs(otherAdmin, w.academy.id)).toEqual({
      academy: { id: w.academy.id, name: expect.any(String) },
      ...expectedDashboard(specs),
    });
    expect((await dashboardAs(otherAdmin)).academy.id).toBe(otherAcademy.id);
    expect((await dashboardAs(w.admin)).academy.id).toBe(w.academy.id);
    const unknown = await t.gql(DASHBOARD, { academyId: randomUUID() }, w.admin.token);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
  });

  it('refuses heads and teachers (FORBIDDEN) and hides another academy from a DPD (NOT_FOUND)', async () => {
    for (const user of [w.headA, w.teacherA]) {
      expect(errorCode(await t.gql(DASHBOARD, {}, user.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(DASHBOARD, { academyId: w.academy.id }, user.token))).toBe('FORBIDDEN');
    }
    for (const academyId of [otherAcademy.id, randomUUID(), 'pas-un-id']) {
      expect(errorCode(await t.gql(DASHBOARD, { academyId }, w.dpd.token))).toBe('NOT_FOUND');
    }
  });

  it("gives each school's stats in a DPD's list of schools", async () => {
    const nodes = ok(
      await t.gql<{ schools: { nodes: { id: string; stats: Stats }[] } }>(
        `query ($academyId: ID) { schools(filter: { academyId: $academyId }, first: 100) {
           nodes { id stats { ${STATS_FIELDS} } } } }`,
        { academyId: w.academy.id },
        w.dpd.token,
      ),
    ).schools.nodes;
    const everything = () => true;
    expect(Object.fromEntries(nodes.map((n) => [n.id, n.stats]))).toEqual(
      Object.fromEntries(specs.map((s) => [s.school.id, expectedStats(s, everything)])),
    );
    expect(nodes.find((n) => n.id === w.schoolA.id)?.stats).toEqual({
      activeTreatments: 4,
      pendingDeclarations: 4,
      openViolations: 6,
      overdueCnilNotifications: 2,
    });
  });

  it('gives a head the same stats for its school, a teacher only what it reads', async () => {
    const [schoolA, schoolB] = specs;
    expect(await statsAs(w.headA, w.schoolA.id)).toEqual(expectedStats(schoolA, () => true));
    expect(await statsAs(w.headB, w.schoolB.id)).toEqual(expectedStats(schoolB, () => true));
    expect(await statsAs(w.admin, w.schoolB.id)).toEqual(expectedStats(schoolB, () => true));
    // a teacher reads the ACTIVE treatments, its own declarations and the violations it reported
    const own = (user: TestUser) => (entry: { author?: TestUser; reporter?: TestUser }) =>
      (entry.author ?? entry.reporter)?.id === user.id;
    const teacherView = await statsAs(w.teacherA, w.schoolA.id);
    expect(teacherView).toEqual(expectedStats(schoolA, own(w.teacherA)));
    expect(teacherView).toEqual({
      activeTreatments: 4,
      pendingDeclarations: 2,
      openViolations: 3,
      overdueCnilNotifications: 1,
    });
    expect(await statsAs(teacherA2, w.schoolA.id)).toEqual(expectedStats(schoolA, own(teacherA2)));
    expect(await statsAs(w.teacherA, w.schoolB.id)).toBeUndefined(); // not its school: null
  });

  it("shows the effect of the DPD's reviews on what awaits review", async () => {
    const awaiting = specs[0].treatments.filter(
      (x) => x.status === 'ACTIVE' && x.reviewState === 'NOT_REVIEWED',
    );
    const review = (targetId: string, verdict: string) =>
      t.gql(
        `mutation ($input: ReviewInput!) { reviewEntry(input: $input) { id } }`,
        { input: { targetType: 'TREATMENT', targetId, verdict, comment: 'Avis du DPD' } },
        w.dpd.token,
      );
    ok(await review(awaiting[0].id!, 'COMMENT'));
    expect((await dashboardAs(w.dpd)).treatmentsAwaitingReview).toBe(
      expectedDashboard(specs).treatmentsAwaitingReview,
    );
    ok(await review(awaiting[0].id!, 'APPROVED'));
    awaiting[0].reviewState = 'APPROVED';
    ok(await review(awaiting[1].id!, 'CHANGES_REQUESTED'));
    awaiting[1].reviewState = 'CHANGES_REQUESTED';
    const after = await dashboardAs(w.dpd);
    expect(after.treatmentsAwaitingReview).toBe(0);
    expect(after).toEqual({ academy: expect.any(Object), ...expectedDashboard(specs) });
  });
});
