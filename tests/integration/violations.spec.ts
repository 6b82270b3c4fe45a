import { counts, Factory, TestSchool, TestUser } from '../helpers/factories';
import { createTestApp, errorCode, GqlResult, ok, TestApp } from '../helpers/test-app';
import {
  CLOSE_VIOLATION,
  RECORD_VIOLATION,
  UPDATE_VIOLATION,
  VIOLATION,
  VIOLATIONS,
} from '../helpers/operations/violations';

/** The breach register (RULES.md, "Violations"): the report's life, the closing rules, dates, audit. */

interface V {
  id: string;
  reference: string;
  title: string;
  description: string;
  natures: string[];
  occurredAt: string | null;
  discoveredAt: string;
  dataCategories: string[];
  subjectCategories: string[];
  approxSubjectCount: number | null;
  consequences: string | null;
  measuresTaken: string | null;
  risk: string;
  cnilNotificationRequired: boolean;
  cnilDeadline: string;
  cnilNotifiedAt: string | null;
  cnilReference: string | null;
  cnilOverdue: boolean;
  lateNotificationReason: string | null;
  subjectsInformedAt: string | null;
  noNotificationJustification: string | null;
  rssiInformedAt: string | null;
  hierarchyInformedAt: string | null;
  status: string;
  closedAt: string | null;
  version: number;
  updatedAt: string;
  school: { id: string };
  reportedBy: { id: string };
  treatments: { id: string; reference: string; status: string }[];
}

const HOUR = 3600 * 1000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
const plusHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString();
const fieldsOf = (r: GqlResult<unknown>) => Object.keys(r.errors?.[0]?.extensions?.fields ?? {}).sort();

describe('violations: the breach register', () => {
  let t: TestApp;
  let f: Factory;
  let w: Awaited<ReturnType<Factory['world']>>;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
  });
  afterAll(() => t.close());

  const input = (school: TestSchool, extra: Record<string, unknown> = {}) => ({
    schoolId: school.id,
    title: 'Clé USB perdue',
    description: 'Une clé USB contenant des bulletins a été perdue dans le bus.',
    incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
    natures: ['CONFIDENTIALITY'],
    discoveredAt: hoursAgo(10),
    risk: 'RISK',
    ...extra,
  });

  async function record(user: TestUser, school: TestSchool, extra: Record<string, unknown> = {}): Promise<V> {
    return ok(
      await t.gql<{ recordViolation: V }>(RECORD_VIOLATION, { input: input(school, extra) }, user.token),
    ).recordViolation;
  }
  const update = (user: TestUser, v: { id: string; version: number }, patch: Record<string, unknown>) =>
    t.gql<{ updateViolation: V }>(
      UPDATE_VIOLATION,
      { id: v.id, version: v.version, input: patch },
      user.token,
    );
  const close = (user: TestUser, v: { id: string; version: number }) =>
    t.gql<{ closeViolation: V }>(CLOSE_VIOLATION, { id: v.id, version: v.version }, user.token);
  const get = async (user: TestUser, id: string) =>
    ok(await t.gql<{ violation: V | null }>(VIOLATION, { id }, user.token)).violation;

  async function treatment(school: TestSchool, status: 'ACTIVE' | 'ARCHIVED' = 'ACTIVE') {
    const [{ n }] = await t.dataSource.query(
      `SELECT coalesce(max(number), 0) + 1 AS n FROM treatment WHERE school_id = $1`,
      [school.id],
    );
    const [row] = await t.dataSource.query(
      `INSERT INTO treatment (school_id, academy_id, number, reference, name, purposes, legal_basis,
         subject_categories, data_categories, sensitive_data, retention, dpia_required, status, archived_reason)
       VALUES ($1, $2, $3, $4, 'ENT', '{Vie scolaire}', 'PUBLIC_INTEREST', '{STUDENTS}', '{IDENTITY}', false,
         '1 an', false, $5, $6) RETURNING id, reference`,
      [
        school.id,
        school.academyId,
        n,
        `T-${String(n).padStart(3, '0')}`,
        status,
        status === 'ARCHIVED' ? 'Remplacé' : null,
      ],
    );
    return row as { id: string; reference: string };
  }

  async function auditOf(user: TestUser, entityId: string) {
    const data = ok(
      await t.gql<{
        auditTrail: {
          nodes: {
            action: string;
            entityType: string;
            entityId: string;
            changes: string;
            school: { id: string };
          }[];
        };
      }>(
        `query($filter: AuditFilter) { auditTrail(filter: $filter, first: 100) {
          nodes { action entityType entityId changes school { id } } } }`,
        { filter: { entityId } },
        user.token,
      ),
    );
    return data.auditTrail.nodes.map((n) => ({
      ...n,
      changes: JSON.parse(n.changes) as Record<string, unknown>,
    }));
  }

  it("a teacher's report is completed and closed by the head", async () => {
    const linked = await treatment(w.schoolA);
    const report = await record(w.teacherA, w.schoolA, {
      discoveredAt: hoursAgo(10),
      occurredAt: hoursAgo(12),
    });
    expect(report).toMatchObject({
      reference: expect.stringMatching(/^V-\d{3}$/),
      status: 'OPEN',
      version: 1,
      closedAt: null,
      risk: 'RISK',
      cnilNotificationRequired: true,
      cnilOverdue: false,
      consequences: null,
      dataCategories: [],
      subjectCategories: [],
      treatments: [],
      school: { id: w.schoolA.id },
      reportedBy: { id: w.teacherA.id },
    });
    expect(Date.parse(report.cnilDeadline) - Date.parse(report.discoveredAt)).toBe(72 * HOUR);

    // the teacher reports; completing and closing are the head's
    expect(errorCode(await update(w.teacherA, report, { consequences: 'x' }))).toBe('FORBIDDEN');
    expect(errorCode(await close(w.teacherA, report))).toBe('FORBIDDEN');

    const completed = ok(
      await update(w.headA, report, {
        consequences: '  Bulletins de 3e B potentiellement lus par un tiers.  ',
        measuresTaken: 'Mots de passe changés, familles prévenues.',
        dataCategories: ['IDENTITY', 'ASSESSMENT'],
        subjectCategories: ['STUDENTS'],
        approxSubjectCount: 28,
        cnilNotifiedAt: hoursAgo(2),
        cnilReference: 'CNIL-2025-0042',
        rssiInformedAt: hoursAgo(9),
        hierarchyInformedAt: hoursAgo(8),
        treatmentIds: [linked.id],
      }),
    ).updateViolation;
    expect(completed).toMatchObject({
      version: 2,
      status: 'OPEN',
      consequences: 'Bulletins de 3e B potentiellement lus par un tiers.',
      approxSubjectCount: 28,
      cnilReference: 'CNIL-2025-0042',
      cnilOverdue: false,
      treatments: [{ id: linked.id, reference: linked.reference, status: 'ACTIVE' }],
      title: report.title,
    });

    const closed = ok(await close(w.headA, completed)).closeViolation;
    expect(closed.status).toBe('CLOSED');
    expect(closed.version).toBe(3);
    expect(Date.parse(closed.closedAt!)).toBeGreaterThan(Date.now() - 60_000);
    // the reporter still reads its report, closed
    expect(await get(w.teacherA, report.id)).toMatchObject({ status: 'CLOSED', version: 3 });
  });

  describe('closing rules', () => {
    it('lists every missing field, and a refused close writes nothing', async () => {
      const v = await record(w.headA, w.schoolA, { risk: 'RISK' });
      const before = await counts(t.dataSource, 'violation');
      const refused = await close(w.headA, v);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(refused)).toEqual([
        'cnilNotifiedAt',
        'consequences',
        'measuresTaken',
        'noNotificationJustification',
      ]);
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
      expect(await get(w.headA, v.id)).toMatchObject({ status: 'OPEN', version: 1, closedAt: null });
    });

    it('needs consequences and measuresTaken even when no notification is required', async () => {
      const v = await record(w.headA, w.schoolA, { risk: 'UNLIKELY' });
      expect(v.cnilNotificationRequired).toBe(false);
      const refused = await close(w.headA, v);
      expect(fieldsOf(refused)).toEqual(['consequences', 'measuresTaken']);
      const onlyConsequences = ok(
        await update(w.headA, v, { consequences: 'Aucune donnée lue.' }),
      ).updateViolation;
      expect(fieldsOf(await close(w.headA, onlyConsequences))).toEqual(['measuresTaken']);
      const complete = ok(
        await update(w.headA, onlyConsequences, { measuresTaken: 'Poste réinstallé.' }),
      ).updateViolation;
      expect(ok(await close(w.headA, complete)).closeViolation.status).toBe('CLOSED');
    });

    it('a required notification is a date or a justification', async () => {
      const v = await record(w.headA, w.schoolA, {
        risk: 'RISK',
        consequences: 'Données exposées une heure.',
        measuresTaken: 'Lien supprimé.',
      });
      expect(fieldsOf(await close(w.headA, v))).toEqual(['cnilNotifiedAt', 'noNotificationJustification']);
      const justified = ok(
        await update(w.headA, v, { noNotificationJustification: 'Données chiffrées, clé non compromise.' }),
      ).updateViolation;
      expect(ok(await close(w.headA, justified)).closeViolation.status).toBe('CLOSED');

      const notified = await record(w.headA, w.schoolA, {
        risk: 'RISK',
        consequences: 'Données exposées une heure.',
        measuresTaken: 'Lien supprimé.',
      });
      const withDate = ok(await update(w.headA, notified, { cnilNotifiedAt: hoursAgo(1) })).updateViolation;
      expect(ok(await close(w.headA, withDate)).closeViolation.status).toBe('CLOSED');
    });

    it('a HIGH_RISK breach also needs the people informed, or a justification', async () => {
      const v = await record(w.headA, w.schoolA, {
        risk: 'HIGH_RISK',
        consequences: 'Dossiers médicaux consultables.',
        measuresTaken: 'Accès coupé.',
      });
      expect(fieldsOf(await close(w.headA, v))).toEqual([
        'cnilNotifiedAt',
        'noNotificationJustification',
        'subjectsInformedAt',
      ]);
      const notified = ok(await update(w.headA, v, { cnilNotifiedAt: hoursAgo(1) })).updateViolation;
      expect(fieldsOf(await close(w.headA, notified))).toEqual([
        'noNotificationJustification',
        'subjectsInformedAt',
      ]);
      const informed = ok(
        await update(w.headA, notified, { subjectsInformedAt: hoursAgo(1) }),
      ).updateViolation;
      expect(ok(await close(w.headA, informed)).closeViolation.status).toBe('CLOSED');

      const justified = await record(w.headA, w.schoolA, {
        risk: 'HIGH_RISK',
        consequences: 'Dossiers médicaux consultables.',
        measuresTaken: 'Accès coupé.',
      });
      const withJustification = ok(
        await update(w.headA, justified, {
          noNotificationJustification: 'Sur instruction du DPD : données rendues inintelligibles.',
        }),
      ).updateViolation;
      expect(ok(await close(w.headA, withJustification)).closeViolation.status).toBe('CLOSED');
    });
  });

  describe('cnilOverdue', () => {
    it('true 80 hours after discovery without notification, false once notified in time, true when late', async () => {
      const discoveredAt = hoursAgo(80);
      const v = await record(w.headA, w.schoolA, {
        risk: 'RISK',
        discoveredAt,
        consequences: 'Messagerie compromise.',
        measuresTaken: 'Compte bloqué.',
      });
      expect(v.cnilOverdue).toBe(true);
      expect(v.cnilDeadline).toBe(plusHours(discoveredAt, 72));
      expect((await get(w.dpd, v.id))!.cnilOverdue).toBe(true);

      const inTime = ok(
        await update(w.headA, v, { cnilNotifiedAt: plusHours(discoveredAt, 24) }),
      ).updateViolation;
      expect(inTime.cnilOverdue).toBe(false);
      expect((await get(w.headA, v.id))!.cnilOverdue).toBe(false);

      const late = ok(await update(w.headA, inTime, { cnilNotifiedAt: hoursAgo(1) })).updateViolation;
      expect(late.cnilOverdue).toBe(true);
      const refused = await close(w.headA, late);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(refused)).toEqual(['lateNotificationReason']);

      const explained = ok(
        await update(w.headA, late, { lateNotificationReason: 'Incident découvert pendant les vacances.' }),
      ).updateViolation;
      const closed = ok(await close(w.headA, explained)).closeViolation;
      expect(closed).toMatchObject({ status: 'CLOSED', cnilOverdue: true });
    });

    it('never overdue when no notification is required; the deadline follows discoveredAt', async () => {
      const v = await record(w.headA, w.schoolA, { risk: 'UNLIKELY', discoveredAt: hoursAgo(80) });
      expect(v).toMatchObject({ cnilNotificationRequired: false, cnilOverdue: false });
      const risky = ok(await update(w.headA, v, { risk: 'RISK' })).updateViolation;
      expect(risky).toMatchObject({ cnilNotificationRequired: true, cnilOverdue: true });
      const rediscovered = hoursAgo(5);
      const moved = ok(await update(w.headA, risky, { discoveredAt: rediscovered })).updateViolation;
      expect(moved.cnilDeadline).toBe(plusHours(rediscovered, 72));
      expect(moved.cnilOverdue).toBe(false);
    });
  });

  describe('versions and the closed state', () => {
    it('refuses a stale version with CONFLICT and writes nothing', async () => {
      const v = await record(w.headA, w.schoolA, { title: 'Original' });
      const v2 = ok(await update(w.headA, v, { title: 'Première correction' })).updateViolation;
      expect(v2.version).toBe(2);
      const before = await counts(t.dataSource, 'violation');
      const stale = await update(w.headA, v, { title: 'Correction concurrente' });
      expect(errorCode(stale)).toBe('CONFLICT');
      expect(errorCode(await close(w.headA, { id: v.id, version: 1 }))).toBe('CONFLICT');
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
      expect(await get(w.headA, v.id)).toMatchObject({ title: 'Première correction', version: 2 });
    });

    it('concurrent updates of the same version: exactly one wins, the others get CONFLICT', async () => {
      const v = await record(w.headA, w.schoolA, { title: 'Concurrence' });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => update(w.headA, v, { title: `Version ${i}` })),
      );
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(5);
      const stored = await get(w.headA, v.id);
      expect(stored).toMatchObject({ version: 2, title: winners[0].data.updateViolation.title });
      expect((await auditOf(w.headA, v.id)).map((e) => e.action).sort()).toEqual(['CREATE', 'UPDATE']);
    });

    it('a patch that changes nothing writes nothing', async () => {
      const v = await record(w.headA, w.schoolA, { title: 'Inchangé' });
      const before = await counts(t.dataSource, 'violation');
      const same = ok(await update(w.headA, v, { title: 'Inchangé', risk: 'RISK' })).updateViolation;
      expect(same.version).toBe(1);
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
    });

    it('a closed violation is read-only (CONFLICT), nothing written', async () => {
      const v = await record(w.headA, w.schoolA, {
        risk: 'UNLIKELY',
        consequences: 'Aucune.',
        measuresTaken: 'Sensibilisation.',
      });
      const closed = ok(await close(w.headA, v)).closeViolation;
      const before = await counts(t.dataSource, 'violation');
      const edit = await update(w.headA, closed, { title: 'Après clôture' });
      expect(errorCode(edit)).toBe('CONFLICT');
      expect(errorCode(await close(w.headA, closed))).toBe('CONFLICT');
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
      expect(await get(w.headA, v.id)).toMatchObject({
        title: v.title,
        status: 'CLOSED',
        version: closed.version,
      });
    });
  });

  describe('date rules', () => {
    it('discoveredAt not in the future, with 5 minutes of clock skew', async () => {
      const future = await t.gql(
        RECORD_VIOLATION,
        { input: input(w.schoolA, { discoveredAt: hoursAgo(-1) }) },
        w.headA.token,
      );
      expect(errorCode(future)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(future)).toEqual(['discoveredAt']);
      const skewed = await record(w.headA, w.schoolA, {
        discoveredAt: new Date(Date.now() + 2 * 60_000).toISOString(),
      });
      expect(skewed.status).toBe('OPEN');
    });

    it('occurredAt ≤ discoveredAt, at creation and on the merged state of an update', async () => {
      const before = await counts(t.dataSource, 'violation');
      const after = await t.gql(
        RECORD_VIOLATION,
        { input: input(w.schoolA, { occurredAt: hoursAgo(5), discoveredAt: hoursAgo(10) }) },
        w.headA.token,
      );
      expect(errorCode(after)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(after)).toEqual(['occurredAt']);
      expect(await counts(t.dataSource, 'violation')).toEqual(before);

      const v = await record(w.headA, w.schoolA, { occurredAt: hoursAgo(20), discoveredAt: hoursAgo(10) });
      // only discoveredAt in the patch: checked against the stored occurredAt
      const earlier = await update(w.headA, v, { discoveredAt: hoursAgo(30) });
      expect(fieldsOf(earlier)).toEqual(['occurredAt']);
      // only occurredAt in the patch: checked against the stored discoveredAt
      expect(fieldsOf(await update(w.headA, v, { occurredAt: hoursAgo(5) }))).toEqual(['occurredAt']);
      expect(fieldsOf(await update(w.headA, v, { discoveredAt: hoursAgo(-1) }))).toEqual(['discoveredAt']);
      expect(ok(await update(w.headA, v, { occurredAt: null })).updateViolation.occurredAt).toBeNull();
    });

    it('follow-up dates are ≥ occurredAt and not in the future', async () => {
      const followUps = ['cnilNotifiedAt', 'subjectsInformedAt', 'rssiInformedAt', 'hierarchyInformedAt'];
      const v = await record(w.headA, w.schoolA, { occurredAt: hoursAgo(20), discoveredAt: hoursAgo(10) });
      const beforeOccurrence = await update(
        w.headA,
        v,
        Object.fromEntries(followUps.map((k) => [k, hoursAgo(21)])),
      );
      expect(errorCode(beforeOccurrence)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(beforeOccurrence)).toEqual([...followUps].sort());
      const inFuture = await update(w.headA, v, Object.fromEntries(followUps.map((k) => [k, hoursAgo(-1)])));
      expect(fieldsOf(inFuture)).toEqual([...followUps].sort());
      for (const field of followUps) {
        expect(fieldsOf(await update(w.headA, v, { [field]: hoursAgo(21) }))).toEqual([field]);
        expect(fieldsOf(await update(w.headA, v, { [field]: hoursAgo(-1) }))).toEqual([field]);
      }
      // between occurrence and now: accepted (before discovery is allowed: the rule is on occurredAt)
      const informedAt = hoursAgo(15);
      const set = ok(
        await update(w.headA, v, Object.fromEntries(followUps.map((k) => [k, informedAt]))),
      ).updateViolation;
      for (const field of followUps) expect(set[field as keyof V]).toBe(informedAt);
      // moving occurredAt after the recorded follow-ups is refused on the merged state
      const moved = await update(w.headA, set, { occurredAt: hoursAgo(14) });
      expect(fieldsOf(moved)).toEqual([...followUps].sort());
      expect(await get(w.headA, v.id)).toMatchObject({ version: set.version });
    });

    it('without occurredAt, follow-up dates only need to be in the past', async () => {
      const v = await record(w.headA, w.schoolA, { discoveredAt: hoursAgo(10) });
      const set = ok(await update(w.headA, v, { rssiInformedAt: hoursAgo(200) })).updateViolation;
      expect(set.rssiInformedAt).not.toBeNull();
    });
  });

  describe('input rules', () => {
    it('trims texts and enforces lengths, counts and lists', async () => {
      const trimmed = await record(w.headA, w.schoolA, {
        title: '   Fuite de données   ',
        description: '  Faits.  ',
      });
      expect(trimmed).toMatchObject({ title: 'Fuite de données', description: 'Faits.' });
      const cases: [Record<string, unknown>, string][] = [
        [{ title: '   ' }, 'title'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ description: 'x'.repeat(5001) }, 'description'],
        [{ consequences: 'x'.repeat(5001) }, 'consequences'],
        [{ measuresTaken: 'x'.repeat(5001) }, 'measuresTaken'],
        [{ natures: [] }, 'natures'],
        [{ natures: ['INTEGRITY', 'INTEGRITY'] }, 'natures'],
        [{ dataCategories: ['HEALTH', 'HEALTH'] }, 'dataCategories'],
        [{ subjectCategories: ['STUDENTS', 'STUDENTS'] }, 'subjectCategories'],
        [{ approxSubjectCount: -1 }, 'approxSubjectCount'],
        [{ approxRecordCount: -5 }, 'approxRecordCount'],
      ];
      const before = await counts(t.dataSource, 'violation');
      for (const [extra, field] of cases) {
        const result = await t.gql(RECORD_VIOLATION, { input: input(w.schoolA, extra) }, w.headA.token);
        expect([errorCode(result), fieldsOf(result)]).toEqual(['BAD_USER_INPUT', [field]]);
      }
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
      const longest = await record(w.headA, w.schoolA, {
        title: 'x'.repeat(200),
        description: 'y'.repeat(5000),
      });
      expect(longest.title).toHaveLength(200);
    });

    it('patch: omitted is unchanged, null clears, required fields refuse null', async () => {
      const v = await record(w.headA, w.schoolA, {
        consequences: 'Conséquences initiales.',
        occurredAt: hoursAgo(11),
        dataCategories: ['IDENTITY'],
        approxSubjectCount: 12,
      });
      for (const field of ['title', 'description', 'incidentType', 'natures', 'discoveredAt', 'risk']) {
        const result = await update(w.headA, v, { [field]: null });
        expect([errorCode(result), fieldsOf(result)]).toEqual(['BAD_USER_INPUT', [field]]);
      }
      const cleared = ok(
        await update(w.headA, v, {
          consequences: null,
          occurredAt: null,
          dataCategories: null,
          approxSubjectCount: null,
          measuresTaken: '   ',
        }),
      ).updateViolation;
      expect(cleared).toMatchObject({
        consequences: null,
        occurredAt: null,
        dataCategories: [],
        approxSubjectCount: null,
        measuresTaken: null,
        title: v.title,
        description: v.description,
        discoveredAt: v.discoveredAt,
        version: 2,
      });
    });
  });

  describe('treatments concerned', () => {
    it('only treatments of the same school; a refusal consumes no reference', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const own = await treatment(school);
      const elsewhere = await treatment(w.schoolB);
      const first = await record(head, school, { treatmentIds: [own.id] });
      expect(first.reference).toBe('V-001');
      expect(first.treatments.map((x) => x.id)).toEqual([own.id]);

      const before = await counts(t.dataSource, 'violation');
      const links = await t.dataSource.query(`SELECT count(*)::int AS n FROM violation_treatment`);
      for (const ids of [[elsewhere.id], [own.id, elsewhere.id], ['00000000-0000-4000-8000-000000000000']]) {
        const refused = await t.gql(
          RECORD_VIOLATION,
          { input: input(school, { treatmentIds: ids }) },
          head.token,
        );
        expect([errorCode(refused), fieldsOf(refused)]).toEqual(['BAD_USER_INPUT', ['treatmentIds']]);
      }
      const duplicate = await t.gql(
        RECORD_VIOLATION,
        { input: input(school, { treatmentIds: [own.id, own.id] }) },
        head.token,
      );
      expect(fieldsOf(duplicate)).toEqual(['treatmentIds']);
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM violation_treatment`)).toEqual(links);

      expect((await record(head, school)).reference).toBe('V-002');
      expect(fieldsOf(await update(head, first, { treatmentIds: [elsewhere.id] }))).toEqual(['treatmentIds']);
    });

    it('a teacher links ACTIVE treatments only, and reads only those', async () => {
      const active = await treatment(w.schoolA);
      const archived = await treatment(w.schoolA, 'ARCHIVED');
      const refused = await t.gql(
        RECORD_VIOLATION,
        { input: input(w.schoolA, { treatmentIds: [archived.id] }) },
        w.teacherA.token,
      );
      expect(fieldsOf(refused)).toEqual(['treatmentIds']);
      const report = await record(w.teacherA, w.schoolA, { treatmentIds: [active.id] });
      const linked = ok(
        await update(w.headA, report, { treatmentIds: [active.id, archived.id] }),
      ).updateViolation;
      expect(linked.treatments.map((x) => x.id).sort()).toEqual([active.id, archived.id].sort());
      expect((await get(w.teacherA, report.id))!.treatments.map((x) => x.id)).toEqual([active.id]);
      expect((await get(w.dpd, report.id))!.treatments).toHaveLength(2);
      const none = ok(await update(w.headA, linked, { treatmentIds: null })).updateViolation;
      expect(none.treatments).toEqual([]);
    });
  });

  describe('audit', () => {
    it('records CREATE, UPDATE and TRANSITION with field-level before/after', async () => {
      const linked = await treatment(w.schoolA);
      const discoveredAt = hoursAgo(30);
      const v = await record(w.teacherA, w.schoolA, { title: 'Ordinateur volé', discoveredAt });
      const updated = ok(
        await update(w.headA, v, {
          title: 'Ordinateur portable volé',
          consequences: 'Disque non chiffré.',
          measuresTaken: 'Plainte déposée.',
          risk: 'UNLIKELY',
          treatmentIds: [linked.id],
        }),
      ).updateViolation;
      const closed = ok(await close(w.headA, updated)).closeViolation;

      const events = await auditOf(w.headA, v.id);
      expect(events.map((e) => e.action).sort()).toEqual(['CREATE', 'TRANSITION', 'UPDATE']);
      for (const e of events)
        expect(e).toMatchObject({ entityType: 'Violation', school: { id: w.schoolA.id } });
      const byAction = Object.fromEntries(events.map((e) => [e.action, e.changes]));
      expect(byAction.CREATE).toMatchObject({
        reference: [null, v.reference],
        title: [null, 'Ordinateur volé'],
        reportedById: [null, w.teacherA.id],
        risk: [null, 'RISK'],
        discoveredAt: [null, discoveredAt],
        cnilDeadline: [null, plusHours(discoveredAt, 72)],
        status: [null, 'OPEN'],
      });
      expect(byAction.UPDATE).toEqual({
        title: ['Ordinateur volé', 'Ordinateur portable volé'],
        consequences: [null, 'Disque non chiffré.'],
        measuresTaken: [null, 'Plainte déposée.'],
        risk: ['RISK', 'UNLIKELY'],
        cnilNotificationRequired: [true, false],
        treatmentIds: [[], [linked.id]],
      });
      expect(byAction.TRANSITION).toEqual({ status: ['OPEN', 'CLOSED'], closedAt: [null, closed.closedAt] });

      const verification = ok(
        await t.gql<{ verifyAuditTrail: { valid: boolean } }>(
          `{ verifyAuditTrail { valid } }`,
          {},
          w.admin.token,
        ),
      );
      expect(verification.verifyAuditTrail.valid).toBe(true);
    });

    it('a refused mutation writes no audit event', async () => {
      const v = await record(w.headA, w.schoolA);
      const before = await counts(t.dataSource, 'violation');
      await update(w.headA, v, { discoveredAt: hoursAgo(-2) });
      await close(w.headA, v);
      await update(w.dpd, v, { title: 'DPD' });
      expect(await counts(t.dataSource, 'violation')).toEqual(before);
      expect((await auditOf(w.headA, v.id)).map((e) => e.action)).toEqual(['CREATE']);
    });
  });

  it('pages newest first with a cursor', async () => {
    const school = await f.school(w.academy);
    const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
    for (let i = 0; i < 3; i++) await record(head, school);
    type Page = {
      violations: { totalCount: number; nodes: { reference: string }[]; pageInfo: { endCursor: string } };
    };
    const first = ok(
      await t.gql<Page>(VIOLATIONS, { filter: { schoolId: school.id }, first: 2 }, head.token),
    );
    expect(first.violations.totalCount).toBe(3);
    expect(first.violations.nodes.map((n) => n.reference)).toEqual(['V-003', 'V-002']);
    const next = ok(
      await t.gql<Page>(
        VIOLATIONS,
        { filter: { schoolId: school.id }, first: 2, after: first.violations.pageInfo.endCursor },
        head.token,
      ),
    );
    expect(next.violations.nodes.map((n) => n.reference)).toEqual(['V-001']);
  });
});
