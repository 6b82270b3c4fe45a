import { counts, Factory, TestSchool, TestUser } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import {
  CLOSE_VIOLATION,
  RECORD_VIOLATION,
  UPDATE_VIOLATION,
  VIOLATION,
  VIOLATIONS,
} from '../helpers/operations/violations';

/** Who records, completes, closes and reads violations (RULES.md table), the cnilOverdue filter, references. */

interface Recorded {
  id: string;
  reference: string;
  version: number;
}

const HOUR = 3600 * 1000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

describe('violations: permissions, visibility, filters, references', () => {
  let t: TestApp;
  let f: Factory;
  let w: Awaited<ReturnType<Factory['world']>>;
  let teacherA2: TestUser;
  let otherDpd: TestUser;
  let otherHead: TestUser;
  let otherSchool: TestSchool;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
    teacherA2 = await f.user(w.academy, [{ role: 'TEACHER', school: w.schoolA }]);
    const otherAcademy = await f.academy();
    otherSchool = await f.school(otherAcademy);
    otherDpd = await f.user(otherAcademy, [{ role: 'DPD' }]);
    otherHead = await f.user(otherAcademy, [{ role: 'HEAD', school: otherSchool }]);
  });
  afterAll(() => t.close());

  const input = (school: TestSchool, extra: Record<string, unknown> = {}) => ({
    schoolId: school.id,
    title: 'Mot de passe affiché en classe',
    description: 'Le mot de passe de l’ENT a été projeté au tableau.',
    incidentType: 'PASSWORD_MISUSE',
    natures: ['CONFIDENTIALITY'],
    discoveredAt: hoursAgo(3),
    risk: 'UNLIKELY',
    ...extra,
  });
  const recordAs = (user: TestUser, school: TestSchool, extra: Record<string, unknown> = {}) =>
    t.gql<{ recordViolation: Recorded }>(RECORD_VIOLATION, { input: input(school, extra) }, user.token);
  const record = async (user: TestUser, school: TestSchool, extra: Record<string, unknown> = {}) =>
    ok(await recordAs(user, school, extra)).recordViolation;
  const update = (user: TestUser, v: Recorded, patch: Record<string, unknown>) =>
    t.gql<{ updateViolation: Recorded }>(
      UPDATE_VIOLATION,
      { id: v.id, version: v.version, input: patch },
      user.token,
    );
  const close = (user: TestUser, v: Recorded) =>
    t.gql<{ closeViolation: Recorded }>(CLOSE_VIOLATION, { id: v.id, version: v.version }, user.token);
  const get = async (user: TestUser, id: string) =>
    ok(await t.gql<{ violation: { id: string; reference: string } | null }>(VIOLATION, { id }, user.token))
      .violation;
  const list = async (user: TestUser, filter: Record<string, unknown> = {}) =>
    ok(
      await t.gql<{
        violations: { totalCount: number; nodes: { id: string; reference: string; cnilOverdue: boolean }[] };
      }>(VIOLATIONS, { filter, first: 100 }, user.token),
    ).violations;
  const ids = async (user: TestUser, filter: Record<string, unknown> = {}) =>
    (await list(user, filter)).nodes.map((n) => n.id).sort();

  describe('record a violation', () => {
    it('TEACHER and HEAD of the school record; the reporter is the caller', async () => {
      const byTeacher = ok(await recordAs(w.teacherA, w.schoolA)).recordViolation as Recorded & {
        reportedBy: { id: string };
      };
      expect(byTeacher.reportedBy.id).toBe(w.teacherA.id);
      const byHead = ok(await recordAs(w.headA, w.schoolA)).recordViolation as Recorded & {
        reportedBy: { id: string };
      };
      expect(byHead.reportedBy.id).toBe(w.headA.id);
    });

    it.each([
      ['DPD of the academy', 'FORBIDDEN', () => w.dpd],
      ['ADMIN', 'FORBIDDEN', () => w.admin],
      ["another school's HEAD", 'NOT_FOUND', () => w.headB],
      ["another school's TEACHER", 'NOT_FOUND', () => w.teacherB],
      ["another academy's DPD", 'NOT_FOUND', () => otherDpd],
      ["another academy's HEAD", 'NOT_FOUND', () => otherHead],
    ])('%s: %s, nothing written', async (_who, code, user) => {
      const before = await counts(t.dataSource, 'violation');
      const result = await recordAs(user(), w.schoolA);
      expect(errorCode(result)).toBe(code);
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
    });

    it('an unknown school is NOT_FOUND', async () => {
      const result = await t.gql(
        RECORD_VIOLATION,
        { input: { ...input(w.schoolA), schoolId: '00000000-0000-4000-8000-000000000000' } },
        w.headA.token,
      );
      expect(errorCode(result)).toBe('NOT_FOUND');
    });
  });

  describe('update and close', () => {
    let v: Recorded;
    beforeEach(async () => {
      v = await record(w.teacherA, w.schoolA, {
        consequences: 'Aucune.',
        measuresTaken: 'Mot de passe changé.',
      });
    });

    it.each([
      ['the reporting TEACHER', 'FORBIDDEN', () => w.teacherA],
      ['another TEACHER of the school', 'NOT_FOUND', () => teacherA2],
      ["another school's HEAD", 'NOT_FOUND', () => w.headB],
      ["another school's TEACHER", 'NOT_FOUND', () => w.teacherB],
      ['DPD of the academy', 'FORBIDDEN', () => w.dpd],
      ['ADMIN', 'FORBIDDEN', () => w.admin],
      ["another academy's DPD", 'NOT_FOUND', () => otherDpd],
    ])('%s: update and close %s, nothing written', async (_who, code, user) => {
      const before = await counts(t.dataSource, 'violation');
      expect(errorCode(await update(user(), v, { title: 'Modifié' }))).toBe(code);
      expect(errorCode(await close(user(), v))).toBe(code);
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
    });

    it('the HEAD of the school updates and closes', async () => {
      const updated = ok(await update(w.headA, v, { title: 'Modifié' })).updateViolation;
      expect(updated).toMatchObject({ version: 2, title: 'Modifié' });
      expect(ok(await close(w.headA, updated)).closeViolation).toMatchObject({
        status: 'CLOSED',
        version: 3,
      });
    });

    it('an unknown or malformed id is NOT_FOUND', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'pas-un-uuid']) {
        expect(errorCode(await update(w.headA, { ...v, id }, { title: 'x' }))).toBe('NOT_FOUND');
        expect(errorCode(await close(w.headA, { ...v, id }))).toBe('NOT_FOUND');
      }
    });
  });

  describe('read', () => {
    let school: TestSchool;
    let head: TestUser;
    let teacher1: TestUser;
    let teacher2: TestUser;
    let byTeacher1: Recorded;
    let byTeacher2: Recorded;
    let byHead: Recorded;

    beforeAll(async () => {
      school = await f.school(w.academy);
      head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      teacher1 = await f.user(w.academy, [{ role: 'TEACHER', school }]);
      teacher2 = await f.user(w.academy, [{ role: 'TEACHER', school }]);
      byTeacher1 = await record(teacher1, school);
      byTeacher2 = await record(teacher2, school);
      byHead = await record(head, school);
    });

    it('a TEACHER sees only the violations it reported', async () => {
      // the shared document selects the whole violation: its id and reference are the ones recorded
      expect(await get(teacher1, byTeacher1.id)).toMatchObject({
        id: byTeacher1.id,
        reference: byTeacher1.reference,
      });
      expect(await get(teacher1, byTeacher2.id)).toBeNull();
      expect(await get(teacher1, byHead.id)).toBeNull();
      expect(await ids(teacher1)).toEqual([byTeacher1.id]);
      expect(await ids(teacher1, { schoolId: school.id })).toEqual([byTeacher1.id]);
      expect(await ids(teacher2)).toEqual([byTeacher2.id]);
      expect((await list(teacher1)).totalCount).toBe(1);
    });

    it('a TEACHER who also heads another school sees that school entirely, and only its own reports here', async () => {
      const taught = await f.school(w.academy);
      const other = await f.school(w.academy);
      const both = await f.user(w.academy, [
        { role: 'TEACHER', school: taught },
        { role: 'HEAD', school: other },
      ]);
      const own = await record(both, taught);
      const headed = await record(await f.user(w.academy, [{ role: 'HEAD', school: taught }]), taught);
      const inOther = await record(await f.user(w.academy, [{ role: 'TEACHER', school: other }]), other);
      expect(await ids(both)).toEqual([own.id, inOther.id].sort());
      expect(await get(both, headed.id)).toBeNull();
    });

    it('HEAD: its schools; DPD: its academy; ADMIN: all; others: nothing', async () => {
      const all = [byTeacher1.id, byTeacher2.id, byHead.id].sort();
      expect(await ids(head, { schoolId: school.id })).toEqual(all);
      expect(await ids(w.dpd, { schoolId: school.id })).toEqual(all);
      expect(await ids(w.admin, { schoolId: school.id })).toEqual(all);
      for (const user of [w.headA, w.headB, w.teacherA, otherDpd, otherHead]) {
        expect(await ids(user, { schoolId: school.id })).toEqual([]);
        expect(await get(user, byHead.id)).toBeNull();
      }
      for (const user of [head, w.dpd, w.admin]) expect(await get(user, byTeacher1.id)).not.toBeNull();
      // the DPD's list holds the whole academy and nothing from elsewhere
      const otherAcademyViolation = await record(otherHead, otherSchool);
      const dpdIds = await ids(w.dpd);
      expect(dpdIds).toEqual(expect.arrayContaining(all));
      expect(dpdIds).not.toContain(otherAcademyViolation.id);
      expect(await ids(w.admin)).toEqual(expect.arrayContaining([...all, otherAcademyViolation.id]));
      expect(await get(w.headA, 'pas-un-uuid')).toBeNull();
    });
  });

  describe('filters', () => {
    it('cnilOverdue true and false return exactly the right rows, computed in SQL', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const notify = async (v: Recorded, at: string) => {
        ok(await update(head, v, { cnilNotifiedAt: at }));
      };
      const old = hoursAgo(80);
      const missing = await record(head, school, { risk: 'RISK', discoveredAt: old });
      const late = await record(head, school, { risk: 'RISK', discoveredAt: old });
      await notify(late, hoursAgo(2));
      const inTime = await record(head, school, { risk: 'RISK', discoveredAt: old });
      await notify(inTime, hoursAgo(60));
      const notYetDue = await record(head, school, { risk: 'RISK', discoveredAt: hoursAgo(10) });
      const unlikely = await record(head, school, { risk: 'UNLIKELY', discoveredAt: old });
      const highMissing = await record(head, school, { risk: 'HIGH_RISK', discoveredAt: hoursAgo(100) });
      const closedLate = await record(head, school, {
        risk: 'RISK',
        discoveredAt: old,
        consequences: 'Fuite limitée.',
        measuresTaken: 'Accès retiré.',
      });
      const closedLateV2 = ok(
        await update(head, closedLate, {
          cnilNotifiedAt: hoursAgo(1),
          lateNotificationReason: 'Découverte tardive.',
        }),
      ).updateViolation;
      ok(await close(head, closedLateV2));

      const overdue = [missing.id, late.id, highMissing.id, closedLate.id].sort();
      const notOverdue = [inTime.id, notYetDue.id, unlikely.id].sort();
      expect(await ids(head, { schoolId: school.id, cnilOverdue: true })).toEqual(overdue);
      expect(await ids(head, { schoolId: school.id, cnilOverdue: false })).toEqual(notOverdue);
      expect(await ids(head, { schoolId: school.id })).toEqual([...overdue, ...notOverdue].sort());
      expect((await list(head, { schoolId: school.id, cnilOverdue: true })).totalCount).toBe(4);
      // the computed field agrees with the filter
      for (const node of (await list(head, { schoolId: school.id })).nodes) {
        expect(node.cnilOverdue).toBe(overdue.includes(node.id));
      }
      // combined with the other filters
      expect(await ids(head, { schoolId: school.id, cnilOverdue: true, status: 'OPEN' })).toEqual(
        [missing.id, late.id, highMissing.id].sort(),
      );
      expect(await ids(head, { schoolId: school.id, status: 'CLOSED' })).toEqual([closedLate.id]);
      expect(await ids(head, { schoolId: school.id, cnilOverdue: true, risk: 'HIGH_RISK' })).toEqual([
        highMissing.id,
      ]);
      expect(await ids(head, { schoolId: school.id, risk: 'UNLIKELY' })).toEqual([unlikely.id]);
    });
  });

  describe('references', () => {
    it('V-001, V-002… per school, without gaps after a failed attempt or under concurrency', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      expect((await record(head, school)).reference).toBe('V-001');
      // refused inside the transaction, after the number was taken: rolled back with it
      const refused = await recordAs(head, school, {
        treatmentIds: ['00000000-0000-4000-8000-000000000000'],
      });
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      // refused before the transaction (a date rule)
      expect(errorCode(await recordAs(head, school, { discoveredAt: hoursAgo(-3) }))).toBe('BAD_USER_INPUT');
      expect((await record(head, school)).reference).toBe('V-002');

      const concurrent = await Promise.all(Array.from({ length: 10 }, () => recordAs(head, school)));
      const references = concurrent.map((r) => ok(r).recordViolation.reference).sort();
      expect(references).toEqual(Array.from({ length: 10 }, (_, i) => `V-${String(i + 3).padStart(3, '0')}`));

      const numbers: { number: number }[] = await t.dataSource.query(
        `SELECT number FROM violation WHERE school_id = $1 ORDER BY number`,
        [school.id],
      );
      expect(numbers.map((r) => r.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));

      // another school starts its own register
      const second = await f.school(w.academy);
      const secondHead = await f.user(w.academy, [{ role: 'HEAD', school: second }]);
      expect((await record(secondHead, second)).reference).toBe('V-001');
    });
  });
});
