import { Logger } from '@nestjs/common';
import { insertTreatment } from '../helpers/export-fixtures';
import { counts, Factory, TestSchool, TestUser } from '../helpers/factories';
import { createTestApp, errorCode, GqlResult, ok, TestApp } from '../helpers/test-app';
import {
  RECORD_RIGHTS_REQUEST,
  RIGHTS_REQUEST,
  RIGHTS_REQUESTS,
  TRANSITION_RIGHTS_REQUEST,
  UPDATE_RIGHTS_REQUEST,
} from '../helpers/operations/rights-requests';
import { REVIEW_ENTRY } from '../helpers/operations/reviews';

/** Rights requests through GraphQL: the clock, the states, who may do what, overdue, references. */

interface Request {
  id: string;
  reference: string;
  version: number;
  status: string;
  receivedAt: string;
  dueAt: string;
  extended: boolean;
  pausedDays: number;
  overdue: boolean;
  answeredAt: string | null;
  treatments: { id: string; reference: string }[];
  reviews: { id: string; verdict: string; comment: string | null }[];
}

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const REQUESTER = 'Mme Camille Durand-Lefèvre';
const PUPIL = 'Léo Durand';

describe('rights requests', () => {
  let t: TestApp;
  let f: Factory;
  let w: Awaited<ReturnType<Factory['world']>>;
  let otherDpd: TestUser;
  let otherSchool: TestSchool;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
    const otherAcademy = await f.academy();
    otherSchool = await f.school(otherAcademy);
    otherDpd = await f.user(otherAcademy, [{ role: 'DPD' }]);
  });
  afterAll(() => t.close());

  const input = (school: TestSchool, extra: Record<string, unknown> = {}) => ({
    schoolId: school.id,
    rightTypes: ['ACCESS'],
    channel: 'EMAIL',
    receivedAt: daysAgo(2),
    requesterName: REQUESTER,
    requesterRelation: 'LEGAL_GUARDIAN',
    subjectName: PUPIL,
    subjectCategory: 'STUDENTS',
    description: 'Copie des données de son enfant dans Pronote.',
    ...extra,
  });
  const recordAs = (user: TestUser, school: TestSchool, extra: Record<string, unknown> = {}) =>
    t.gql<{ recordRightsRequest: Request }>(
      RECORD_RIGHTS_REQUEST,
      { input: input(school, extra) },
      user.token,
    );
  const record = async (
    school: TestSchool = w.schoolA,
    extra: Record<string, unknown> = {},
    user = w.headA,
  ) => ok(await recordAs(user, school, extra)).recordRightsRequest;
  const moveAs = (user: TestUser, r: Request, move: Record<string, unknown>) =>
    t.gql<{ transitionRightsRequest: Request }>(
      TRANSITION_RIGHTS_REQUEST,
      { id: r.id, version: r.version, input: move },
      user.token,
    );
  const move = async (r: Request, transition: string, extra: Record<string, unknown> = {}, user = w.headA) =>
    ok(await moveAs(user, r, { transition, ...extra })).transitionRightsRequest;
  const get = async (user: TestUser, id: string) =>
    t.gql<{ rightsRequest: Request | null }>(RIGHTS_REQUEST, { id }, user.token);

  describe('the clock (Europe/Paris)', () => {
    it('15 March → 15 April, end of the day, summer time', async () => {
      const r = await record(w.schoolA, { receivedAt: '2026-03-15T09:30:00.000Z' });
      expect(r.dueAt).toBe('2026-04-15T21:59:59.999Z');
      expect(r.pausedDays).toBe(0);
      expect(r.extended).toBe(false);
      expect(r.status).toBe('RECEIVED');
      // received in March, never answered: late today
      expect(r.overdue).toBe(true);
    });

    it('31 January → 29 February in a leap year, 28 February otherwise', async () => {
      expect((await record(w.schoolA, { receivedAt: '2024-01-31T10:00:00.000Z' })).dueAt).toBe(
        '2024-02-29T22:59:59.999Z',
      );
      expect((await record(w.schoolA, { receivedAt: '2025-01-31T10:00:00.000Z' })).dueAt).toBe(
        '2025-02-28T22:59:59.999Z',
      );
      // a receipt late on 31 January UTC is already 1 February in Paris
      expect((await record(w.schoolA, { receivedAt: '2025-01-31T23:30:00.000Z' })).dueAt).toBe(
        '2025-03-01T22:59:59.999Z',
      );
    });

    it('31 October with a pause of 10 days and an extension', async () => {
      let r = await record(w.schoolA, { receivedAt: '2025-10-31T10:00:00.000Z' });
      expect(r.dueAt).toBe('2025-11-30T22:59:59.999Z');
      r = await move(r, 'AWAIT_REQUESTER', { at: '2025-11-03T10:00:00.000Z' });
      expect(r.status).toBe('AWAITING_REQUESTER');
      r = await move(r, 'START', { at: '2025-11-13T09:00:00.000Z' });
      expect(r.status).toBe('IN_PROGRESS');
      expect(r.pausedDays).toBe(10);
      expect(r.dueAt).toBe('2025-12-10T22:59:59.999Z');
      r = await move(r, 'EXTEND', {
        at: '2025-11-20T10:00:00.000Z',
        extensionReason: 'Demande portant sur six années de scolarité et plusieurs outils.',
        extensionNotifiedAt: '2025-11-20T10:00:00.000Z',
      });
      expect(r.extended).toBe(true);
      // 31 October + 3 months = 31 January, + 10 paused days = 10 February (winter time)
      expect(r.dueAt).toBe('2026-02-10T22:59:59.999Z');
      expect(r.status).toBe('IN_PROGRESS');
      r = await move(r, 'ANSWER', { at: '2026-02-05T15:00:00.000Z', answerSummary: 'Copie envoyée.' });
      expect(r).toMatchObject({ status: 'ANSWERED', answeredAt: '2026-02-05T15:00:00.000Z', overdue: false });
    });

    it('an ongoing pause moves the deadline forward day by day', async () => {
      let r = await record(w.schoolA, { receivedAt: daysAgo(40) });
      r = await move(r, 'AWAIT_REQUESTER', { at: daysAgo(20) });
      expect(r.pausedDays).toBe(20);
      expect(r.overdue).toBe(false);
      expect(new Date(r.dueAt).getTime()).toBeGreaterThan(Date.now());
    });
  });

  describe('states and transitions', () => {
    const forbiddenMoves: [string, string][] = [
      ['IN_PROGRESS', 'START'],
      ['AWAITING_REQUESTER', 'AWAIT_REQUESTER'],
      ...['AWAIT_REQUESTER', 'START', 'ANSWER', 'REFUSE', 'EXTEND'].flatMap((m): [string, string][] => [
        ['ANSWERED', m],
        ['REFUSED', m],
      ]),
    ];
    const reach = async (status: string): Promise<Request> => {
      const r = await record(w.schoolA);
      switch (status) {
        case 'IN_PROGRESS':
          return move(r, 'START');
        case 'AWAITING_REQUESTER':
          return move(r, 'AWAIT_REQUESTER');
        case 'ANSWERED':
          return move(r, 'ANSWER', { answerSummary: 'Réponse envoyée par courriel.' });
        case 'REFUSED':
          return move(r, 'REFUSE', { refusalReason: 'Identité non justifiée malgré deux relances.' });
      }
      return r;
    };
    const fieldsFor: Record<string, Record<string, unknown>> = {
      ANSWER: { answerSummary: 'Encore une réponse.' },
      REFUSE: { refusalReason: 'Demande manifestement excessive.' },
      EXTEND: { extensionReason: 'Complexe.', extensionNotifiedAt: new Date().toISOString() },
    };

    it.each(forbiddenMoves)('%s → %s is CONFLICT and changes nothing', async (status, transition) => {
      const r = await reach(status);
      const before = await counts(t.dataSource, 'rights_request');
      const result = await moveAs(w.headA, r, { transition, ...(fieldsFor[transition] ?? {}) });
      expect(errorCode(result)).toBe('CONFLICT');
      expect(result.errors?.[0].message).not.toContain('Durand');
      expect(await counts(t.dataSource, 'rights_request')).toEqual(before);
      expect(ok(await get(w.headA, r.id)).rightsRequest).toMatchObject({ status, version: r.version });
    });

    it('every allowed move works', async () => {
      const allowed: [string, string, string][] = [
        ['RECEIVED', 'START', 'IN_PROGRESS'],
        ['RECEIVED', 'AWAIT_REQUESTER', 'AWAITING_REQUESTER'],
        ['RECEIVED', 'ANSWER', 'ANSWERED'],
        ['RECEIVED', 'REFUSE', 'REFUSED'],
        ['AWAITING_REQUESTER', 'START', 'IN_PROGRESS'],
        ['AWAITING_REQUESTER', 'ANSWER', 'ANSWERED'],
        ['AWAITING_REQUESTER', 'REFUSE', 'REFUSED'],
        ['IN_PROGRESS', 'AWAIT_REQUESTER', 'AWAITING_REQUESTER'],
        ['IN_PROGRESS', 'ANSWER', 'ANSWERED'],
        ['IN_PROGRESS', 'REFUSE', 'REFUSED'],
      ];
      for (const [from, transition, to] of allowed) {
        const r = await reach(from);
        expect((await move(r, transition, fieldsFor[transition] ?? {})).status).toBe(to);
      }
    });

    it('EXTEND once only; ANSWERED is read-only to updates too', async () => {
      const r = await move(await record(w.schoolA), 'EXTEND', fieldsFor.EXTEND);
      expect(errorCode(await moveAs(w.headA, r, { transition: 'EXTEND', ...fieldsFor.EXTEND }))).toBe(
        'CONFLICT',
      );
      const answered = await reach('ANSWERED');
      const result = await t.gql(
        UPDATE_RIGHTS_REQUEST,
        { id: answered.id, version: answered.version, input: { description: 'x' } },
        w.headA.token,
      );
      expect(errorCode(result)).toBe('CONFLICT');
    });

    it('EXTEND after the first month is refused', async () => {
      const r = await record(w.schoolA, { receivedAt: daysAgo(60) });
      const late = await moveAs(w.headA, r, {
        transition: 'EXTEND',
        extensionReason: 'Demande complexe.',
        extensionNotifiedAt: daysAgo(50),
      });
      expect(errorCode(late)).toBe('CONFLICT');
      // decided in time, but the requester told after the first month
      const told = await moveAs(w.headA, r, {
        transition: 'EXTEND',
        at: daysAgo(45),
        extensionReason: 'Demande complexe.',
        extensionNotifiedAt: daysAgo(20),
      });
      expect(errorCode(told)).toBe('BAD_USER_INPUT');
      expect(told.errors?.[0].extensions?.fields).toHaveProperty('extensionNotifiedAt');
      expect(ok(await get(w.headA, r.id)).rightsRequest).toMatchObject({
        extended: false,
        version: r.version,
      });
    });

    it('each transition needs its own fields and no other', async () => {
      const r = await record(w.schoolA);
      const missing = async (transition: string, field: string) => {
        const result = await moveAs(w.headA, r, { transition });
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0].extensions?.fields).toHaveProperty(field);
      };
      await missing('ANSWER', 'answerSummary');
      await missing('REFUSE', 'refusalReason');
      await missing('EXTEND', 'extensionReason');
      await missing('EXTEND', 'extensionNotifiedAt');
      const stray = await moveAs(w.headA, r, { transition: 'START', answerSummary: 'Non.' });
      expect(stray.errors?.[0].extensions?.fields).toHaveProperty('answerSummary');
      const future = await moveAs(w.headA, r, {
        transition: 'START',
        at: new Date(Date.now() + DAY).toISOString(),
      });
      expect(future.errors?.[0].extensions?.fields).toHaveProperty('at');
    });

    it('a stale version is CONFLICT', async () => {
      const r = await record(w.schoolA);
      await move(r, 'START');
      expect(errorCode(await moveAs(w.headA, r, { transition: 'AWAIT_REQUESTER' }))).toBe('CONFLICT');
      const stale = await t.gql(
        UPDATE_RIGHTS_REQUEST,
        { id: r.id, version: r.version, input: { description: 'Autre.' } },
        w.headA.token,
      );
      expect(errorCode(stale)).toBe('CONFLICT');
    });
  });

  describe('who may do what', () => {
    it('a teacher is FORBIDDEN to record, read, list, update and move, in its school or another', async () => {
      const r = await record(w.schoolA);
      expect(errorCode(await recordAs(w.teacherA, w.schoolA))).toBe('FORBIDDEN');
      expect(errorCode(await get(w.teacherA, r.id))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(RIGHTS_REQUESTS, {}, w.teacherA.token))).toBe('FORBIDDEN');
      expect(errorCode(await moveAs(w.teacherA, r, { transition: 'START' }))).toBe('FORBIDDEN');
      const update = await t.gql(
        UPDATE_RIGHTS_REQUEST,
        { id: r.id, version: r.version, input: { description: 'Autre.' } },
        w.teacherA.token,
      );
      expect(errorCode(update)).toBe('FORBIDDEN');
      // a teacher reads no rights request anywhere: the same answer for another school's request
      expect(errorCode(await get(w.teacherB, r.id))).toBe('FORBIDDEN');
      expect(ok(await get(w.headA, r.id)).rightsRequest).toMatchObject({ version: r.version });
    });

    it('a head of another school sees null and gets NOT_FOUND', async () => {
      const r = await record(w.schoolA);
      expect(ok(await get(w.headB, r.id)).rightsRequest).toBeNull();
      expect(ok(await get(otherDpd, r.id)).rightsRequest).toBeNull();
      expect(errorCode(await moveAs(w.headB, r, { transition: 'START' }))).toBe('NOT_FOUND');
      expect(errorCode(await recordAs(w.headB, w.schoolA))).toBe('NOT_FOUND');
      expect(errorCode(await recordAs(w.headA, otherSchool))).toBe('NOT_FOUND');
      const list = ok(
        await t.gql<{ rightsRequests: { nodes: { id: string }[] } }>(
          RIGHTS_REQUESTS,
          { first: 100 },
          w.headB.token,
        ),
      );
      expect(list.rightsRequests.nodes.map((n) => n.id)).not.toContain(r.id);
    });

    it('the DPD and the admin read; neither records nor moves', async () => {
      const r = await record(w.schoolA);
      expect(ok(await get(w.dpd, r.id)).rightsRequest).toMatchObject({ id: r.id, requesterName: REQUESTER });
      expect(ok(await get(w.admin, r.id)).rightsRequest).toMatchObject({ id: r.id });
      expect(errorCode(await recordAs(w.dpd, w.schoolA))).toBe('FORBIDDEN');
      expect(errorCode(await moveAs(w.dpd, r, { transition: 'START' }))).toBe('FORBIDDEN');
      expect(errorCode(await moveAs(w.admin, r, { transition: 'START' }))).toBe('FORBIDDEN');
    });
  });

  describe('recording', () => {
    it('refuses a receipt in the future, without a row or an event', async () => {
      const before = await counts(t.dataSource, 'rights_request');
      const result = await recordAs(w.headA, w.schoolA, {
        receivedAt: new Date(Date.now() + DAY).toISOString(),
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions?.fields).toHaveProperty('receivedAt');
      expect(await counts(t.dataSource, 'rights_request')).toEqual(before);
    });

    it('allocates D-001, D-002… per school without gaps, even concurrently and after a failure', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const foreign = await insertTreatment(t.dataSource, w.schoolB);
      const before = await counts(t.dataSource, 'rights_request');
      const failed = await recordAs(head, school, { treatmentIds: [foreign.id] });
      expect(errorCode(failed)).toBe('BAD_USER_INPUT');
      expect(failed.errors?.[0].extensions?.fields).toHaveProperty('treatmentIds');
      expect(await counts(t.dataSource, 'rights_request')).toEqual(before);
      const results = await Promise.all(Array.from({ length: 8 }, () => recordAs(head, school)));
      const references = results.map((r) => ok(r).recordRightsRequest.reference).sort();
      expect(references).toEqual(['D-001', 'D-002', 'D-003', 'D-004', 'D-005', 'D-006', 'D-007', 'D-008']);
    });

    it('links treatments of its school and writes its audit events, names inside', async () => {
      const treatment = await insertTreatment(t.dataSource, w.schoolA);
      const r = await record(w.schoolA, { treatmentIds: [treatment.id] });
      expect(r.treatments.map((x) => x.id)).toEqual([treatment.id]);
      const updated = ok(
        await t.gql<{ updateRightsRequest: Request }>(
          UPDATE_RIGHTS_REQUEST,
          { id: r.id, version: r.version, input: { subjectName: null, treatmentIds: [] } },
          w.headA.token,
        ),
      ).updateRightsRequest;
      expect(updated).toMatchObject({ subjectName: null, treatments: [], version: r.version + 1 });
      const events: { action: string; entity_type: string; changes: string }[] = await t.dataSource.query(
        `SELECT action, entity_type, changes FROM audit_event WHERE entity_id = $1 ORDER BY seq`,
        [r.id],
      );
      expect(events.map((e) => [e.action, e.entity_type])).toEqual([
        ['CREATE', 'RightsRequest'],
        ['UPDATE', 'RightsRequest'],
      ]);
      expect(events[0].changes).toContain(REQUESTER);
      expect(JSON.parse(events[1].changes)).toMatchObject({
        subjectName: [PUPIL, null],
        treatmentIds: [[treatment.id], []],
      });
    });

    it('never logs the names, even when the database refuses the statement', async () => {
      const trap = 'Mme Piège-Journal';
      const pupil = 'Élève Piège-Journal';
      // a database that refuses this one request (and no other spec's): an unexpected SQL failure
      await t.dataSource.query(`
        CREATE OR REPLACE FUNCTION refuse_trap_request() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.requester_name = '${trap}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
          RETURN NEW;
        END $$`);
      await t.dataSource.query(`CREATE TRIGGER refuse_trap_request BEFORE INSERT ON rights_request
        FOR EACH ROW EXECUTE FUNCTION refuse_trap_request()`);
      const logged: string[] = [];
      const keep = (...args: unknown[]) => {
        logged.push(
          args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : String(a))).join(' '),
        );
      };
      for (const method of ['error', 'warn', 'log'] as const) {
        jest.spyOn(Logger.prototype, method).mockImplementation(keep);
        jest.spyOn(console, method).mockImplementation(keep);
      }
      try {
        const result = await recordAs(w.headA, w.schoolA, { requesterName: trap, subjectName: pupil });
        expect(errorCode(result)).toBe('INTERNAL_SERVER_ERROR');
        expect(JSON.stringify(result)).not.toContain('Piège');
      } finally {
        jest.restoreAllMocks();
        await t.dataSource.query(`DROP TRIGGER refuse_trap_request ON rights_request`);
        await t.dataSource.query(`DROP FUNCTION refuse_trap_request()`);
      }
      // the failure was logged (the planted failure is real), without the names
      expect(logged.join('\n')).toContain('refused by the test');
      expect(logged.join('\n')).not.toContain('Piège');
    });

    it('a refused transition leaves no audit event', async () => {
      const r = await record(w.schoolA);
      const before = await counts(t.dataSource, 'rights_request');
      expect(errorCode(await moveAs(w.headA, r, { transition: 'ANSWER' }))).toBe('BAD_USER_INPUT');
      expect(await counts(t.dataSource, 'rights_request')).toEqual(before);
    });
  });

  describe('overdue, search, counters', () => {
    let academy: Awaited<ReturnType<Factory['academy']>>;
    let school: TestSchool;
    let head: TestUser;
    let dpd: TestUser;
    let late: string[];
    let onTime: string[];

    beforeAll(async () => {
      academy = await f.academy();
      school = await f.school(academy);
      head = await f.user(academy, [{ role: 'HEAD', school }]);
      dpd = await f.user(academy, [{ role: 'DPD' }]);
      const rec = (extra: Record<string, unknown>) => record(school, extra, head);
      const mv = (r: Request, transition: string, extra: Record<string, unknown>) =>
        move(r, transition, extra, head);
      // open for two months: late
      const a = await rec({ receivedAt: daysAgo(60) });
      // received five days ago: in time
      const b = await rec({ receivedAt: daysAgo(5), requesterName: 'Jean Élève', subjectName: null });
      // answered within ten days: in time for ever
      const c = await mv(await rec({ receivedAt: daysAgo(90) }), 'ANSWER', {
        at: daysAgo(80),
        answerSummary: 'Fait.',
      });
      // answered after forty days: late for ever
      const d = await mv(await rec({ receivedAt: daysAgo(90) }), 'ANSWER', {
        at: daysAgo(50),
        answerSummary: 'Fait.',
      });
      // paused within its month: the clock stands still
      const e = await mv(await rec({ receivedAt: daysAgo(60) }), 'AWAIT_REQUESTER', { at: daysAgo(50) });
      // paused after its deadline had passed: still late
      const g = await mv(await rec({ receivedAt: daysAgo(90) }), 'AWAIT_REQUESTER', { at: daysAgo(40) });
      // refused in time
      const h = await mv(await rec({ receivedAt: daysAgo(20) }), 'REFUSE', {
        at: daysAgo(1),
        refusalReason: 'Excessive.',
      });
      late = [a.id, d.id, g.id].sort();
      onTime = [b.id, c.id, e.id, h.id].sort();
    });

    const list = async (user: TestUser, filter: Record<string, unknown>) => {
      const result: GqlResult<{
        rightsRequests: { totalCount: number; nodes: { id: string; overdue: boolean }[] };
      }> = await t.gql(RIGHTS_REQUESTS, { filter, first: 100 }, user.token);
      return ok(result).rightsRequests;
    };

    it('overdue: true lists exactly the late ones, false the others', async () => {
      const overdue = await list(head, { overdue: true, schoolId: school.id });
      expect(overdue.nodes.map((n) => n.id).sort()).toEqual(late);
      expect(overdue.totalCount).toBe(3);
      expect(overdue.nodes.every((n) => n.overdue)).toBe(true);
      const inTime = await list(dpd, { overdue: false, academyId: academy.id });
      expect(inTime.nodes.map((n) => n.id).sort()).toEqual(onTime);
      expect(inTime.nodes.every((n) => !n.overdue)).toBe(true);
    });

    it('is newest first and pages by cursor', async () => {
      const first = ok(
        await t.gql<{ rightsRequests: { pageInfo: { endCursor: string }; nodes: { reference: string }[] } }>(
          RIGHTS_REQUESTS,
          { filter: { schoolId: school.id }, first: 4 },
          head.token,
        ),
      ).rightsRequests;
      expect(first.nodes.map((n) => n.reference)).toEqual(['D-007', 'D-006', 'D-005', 'D-004']);
      const second = ok(
        await t.gql<{ rightsRequests: { nodes: { reference: string }[] } }>(
          RIGHTS_REQUESTS,
          { filter: { schoolId: school.id }, first: 4, after: first.pageInfo.endCursor },
          head.token,
        ),
      ).rightsRequests;
      expect(second.nodes.map((n) => n.reference)).toEqual(['D-003', 'D-002', 'D-001']);
    });

    it('searches reference and names, case- and accent-insensitively', async () => {
      expect((await list(head, { search: 'jean eleve' })).nodes).toHaveLength(1);
      expect((await list(head, { search: 'd-002' })).nodes).toHaveLength(1);
      expect((await list(head, { search: 'DURAND-LEFEVRE', status: 'ANSWERED' })).totalCount).toBe(2);
    });

    it('counts open and overdue requests in School.stats and the dashboard', async () => {
      const stats = `openRightsRequests overdueRightsRequests`;
      const school$ = ok(
        await t.gql<{ school: { stats: Record<string, number> } }>(
          `query($id: ID!) { school(id: $id) { stats { ${stats} } } }`,
          { id: school.id },
          dpd.token,
        ),
      ).school;
      expect(school$.stats).toEqual({ openRightsRequests: 4, overdueRightsRequests: 2 });
      const dashboard = ok(
        await t.gql<{ academyDashboard: Record<string, number> }>(
          `query($id: ID) { academyDashboard(academyId: $id) { ${stats} } }`,
          { id: academy.id },
          dpd.token,
        ),
      ).academyDashboard;
      expect(dashboard).toEqual({ openRightsRequests: 4, overdueRightsRequests: 2 });
      const [row] = await t.dataSource.query(
        `SELECT open_rights_requests FROM school_stats WHERE school_id = $1`,
        [school.id],
      );
      expect(row.open_rights_requests).toBe(4);
    });

    it('a teacher of the school counts none', async () => {
      const teacher = await f.user(academy, [{ role: 'TEACHER', school }]);
      const school$ = ok(
        await t.gql<{ school: { stats: Record<string, number> } }>(
          `query($id: ID!) { school(id: $id) { stats { openRightsRequests overdueRightsRequests } } }`,
          { id: school.id },
          teacher.token,
        ),
      ).school;
      expect(school$.stats).toEqual({ openRightsRequests: 0, overdueRightsRequests: 0 });
    });
  });

  describe('DPD reviews', () => {
    it('the DPD reviews a request; its head reads the review; others cannot review', async () => {
      const r = await record(w.schoolA);
      const review = (user: TestUser, verdict: string, comment?: string) =>
        t.gql(
          REVIEW_ENTRY,
          { input: { targetType: 'RIGHTS_REQUEST', targetId: r.id, verdict, comment } },
          user.token,
        );
      expect(errorCode(await review(w.dpd, 'CHANGES_REQUESTED'))).toBe('BAD_USER_INPUT');
      ok(await review(w.dpd, 'COMMENT', 'Pensez à vérifier l’identité du demandeur.'));
      ok(await review(w.dpd, 'APPROVED'));
      expect(errorCode(await review(otherDpd, 'APPROVED'))).toBe('NOT_FOUND');
      expect(errorCode(await review(w.headA, 'APPROVED'))).toBe('FORBIDDEN');
      const read = ok(await get(w.headA, r.id)).rightsRequest as Request;
      expect(read.reviews.map((x) => x.verdict)).toEqual(['APPROVED', 'COMMENT']);
      // a review does not change the request
      expect(read.version).toBe(r.version);
    });
  });
});
