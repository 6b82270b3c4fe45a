import { Logger } from '@nestjs/common';
import { Factory } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';

const TRAIL = `query($filter: AuditFilter, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    totalCount
    nodes { id at action entityType entityId changes hash previousHash actor { id } school { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const VERIFY = `{ verifyAuditTrail { valid checkedEvents firstBrokenEventId } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

interface TrailNode {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: string;
  hash: string;
  previousHash: string | null;
  actor: { id: string } | null;
  school: { id: string } | null;
}
interface Trail {
  auditTrail: {
    totalCount: number;
    nodes: TrailNode[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('audit trail', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
  });
  afterAll(() => t.close());

  const teacherInput = (academyId: string, schoolId: string, n: number) => ({
    academyId,
    email: `prof${n}.${Math.random().toString(36).slice(2)}@ac-test.fr`,
    displayName: `Professeur ${n}`,
    password: 'un-mot-de-passe-long',
    grants: [{ role: 'TEACHER', schoolId }],
  });

  it('chains the events of concurrent writers without a fork, and verifyAuditTrail finds it valid', async () => {
    const w = await f.world();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        t.gql(CREATE_USER, { input: teacherInput(w.academy.id, w.schoolA.id, n) }, w.headA.token),
      ),
    );
    results.forEach(ok);
    const rows: { seq: string; hash: string; previous_hash: string | null }[] = await t.dataSource.query(
      `SELECT seq, hash, previous_hash FROM audit_event WHERE chain = $1 ORDER BY seq`,
      [`academy:${w.academy.id}`],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    rows.forEach((row, i) => expect(row.previous_hash).toBe(i === 0 ? null : rows[i - 1].hash));
    const verification = ok(
      await t.gql<{ verifyAuditTrail: { valid: boolean; checkedEvents: number } }>(VERIFY, {}, w.dpd.token),
    );
    expect(verification.verifyAuditTrail).toEqual({
      valid: true,
      checkedEvents: expect.any(Number),
      firstBrokenEventId: null,
    });
    expect(verification.verifyAuditTrail.checkedEvents).toBeGreaterThanOrEqual(12);
  });

  it('lists events newest first with filters and cursor pagination, within the caller’s scope', async () => {
    const w = await f.world();
    for (let n = 0; n < 3; n++)
      ok(await t.gql(CREATE_USER, { input: teacherInput(w.academy.id, w.schoolA.id, n) }, w.admin.token));
    const firstPage = ok(
      await t.gql<Trail>(TRAIL, { filter: { actorId: w.admin.id }, first: 2 }, w.dpd.token),
    );
    expect(firstPage.auditTrail.totalCount).toBe(3);
    expect(firstPage.auditTrail.nodes).toHaveLength(2);
    expect(firstPage.auditTrail.nodes[0]).toMatchObject({
      action: 'CREATE',
      entityType: 'User',
      actor: { id: w.admin.id },
    });
    const secondPage = ok(
      await t.gql<Trail>(
        TRAIL,
        { filter: { actorId: w.admin.id }, first: 2, after: firstPage.auditTrail.pageInfo.endCursor },
        w.dpd.token,
      ),
    );
    expect(secondPage.auditTrail.nodes).toHaveLength(1);
    expect(secondPage.auditTrail.pageInfo.hasNextPage).toBe(false);
    const all = [...firstPage.auditTrail.nodes, ...secondPage.auditTrail.nodes];
    expect(new Set(all.map((n) => n.id)).size).toBe(3);
    // newest first: the chain's sequence decreases down the list
    const seqs = await t.dataSource.query(`SELECT id, seq FROM audit_event WHERE id = ANY($1)`, [
      all.map((n) => n.id),
    ]);
    const seqOf = new Map(seqs.map((r: { id: string; seq: string }) => [r.id, Number(r.seq)]));
    expect(all.map((n) => seqOf.get(n.id))).toEqual([3, 2, 1]);

    const one = all[1];
    const byEntity = ok(
      await t.gql<Trail>(TRAIL, { filter: { entityId: one.entityId, entityType: 'User' } }, w.admin.token),
    );
    expect(byEntity.auditTrail.nodes.map((n) => n.id)).toEqual([one.id]);
    const future = ok(
      await t.gql<Trail>(
        TRAIL,
        { filter: { actorId: w.admin.id, since: new Date(Date.now() + 60_000).toISOString() } },
        w.dpd.token,
      ),
    );
    expect(future.auditTrail.totalCount).toBe(0);
  });

  it('shows a HEAD its schools’ events only, a DPD its academy’s, and refuses teachers', async () => {
    const w = await f.world();
    const uai = (n: number) => `${n}${'ABCDEFGHJKLMNPRSTUVWXYZ'[n % 23]}`;
    const digits = 1_000_000 + Math.floor(Math.random() * 8_999_999);
    const created = ok(
      await t.gql<{ createSchool: { id: string } }>(
        `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id } }`,
        { input: { academyId: w.academy.id, uai: uai(digits), name: 'École Marie Curie', kind: 'ECOLE' } },
        w.admin.token,
      ),
    );
    const schoolId = created.createSchool.id;
    await t.dataSource.query(`INSERT INTO role_grant (user_id, role, school_id) VALUES ($1, 'HEAD', $2)`, [
      w.headA.id,
      schoolId,
    ]);
    const ids = async (token: string) =>
      ok(await t.gql<Trail>(TRAIL, { filter: { entityId: schoolId } }, token)).auditTrail.nodes.map(
        (n) => n.school?.id,
      );
    expect(await ids(w.headA.token)).toEqual([schoolId]);
    expect(await ids(w.dpd.token)).toEqual([schoolId]);
    expect(await ids(w.headB.token)).toEqual([]);
    const otherDpd = await f.user(await f.academy(), [{ role: 'DPD' }]);
    expect(await ids(otherDpd.token)).toEqual([]);
    expect(errorCode(await t.gql(TRAIL, {}, w.teacherA.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(VERIFY, {}, w.headA.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(VERIFY, {}, w.teacherA.token))).toBe('FORBIDDEN');
  });

  it('names the event altered behind the API’s back, and the database refuses UPDATE and DELETE', async () => {
    const w = await f.world();
    const created = ok(
      await t.gql<{ createUser: { id: string } }>(
        CREATE_USER,
        { input: teacherInput(w.academy.id, w.schoolA.id, 1) },
        w.admin.token,
      ),
    );
    const [event] = await t.dataSource.query(`SELECT id, changes FROM audit_event WHERE entity_id = $1`, [
      created.createUser.id,
    ]);

    await expect(
      t.dataSource.query(`UPDATE audit_event SET changes = '{}' WHERE id = $1`, [event.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_event WHERE id = $1`, [event.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);

    // a superuser disables the trigger and rewrites history
    const tamper = async (changes: string) => {
      await t.dataSource.transaction(async (em) => {
        await em.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`);
        await em.query(`UPDATE audit_event SET changes = $2 WHERE id = $1`, [event.id, changes]);
        await em.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`);
      });
    };
    await tamper(event.changes.replace('Professeur 1', 'Professeur 2'));
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      for (const token of [w.dpd.token, w.admin.token]) {
        const result = ok(
          await t.gql<{ verifyAuditTrail: { valid: boolean; firstBrokenEventId: string } }>(
            VERIFY,
            {},
            token,
          ),
        );
        expect(result.verifyAuditTrail).toMatchObject({ valid: false, firstBrokenEventId: event.id });
      }
      // each failed verification is a security event of the logs, naming ids only
      const security = warned.mock.calls
        .map((call) => call[0] as Record<string, unknown>)
        .filter((l) => l?.security);
      expect(security).toEqual(
        [w.dpd.id, w.admin.id].map((userId) => ({
          security: true,
          event: 'audit.verification_failed',
          userId,
          firstBrokenEventId: event.id,
          msg: 'audit trail verification failed',
        })),
      );
    } finally {
      warned.mockRestore();
      await tamper(event.changes); // leave a valid trail for the suites that follow
    }
    const restored = ok(await t.gql<{ verifyAuditTrail: { valid: boolean } }>(VERIFY, {}, w.dpd.token));
    expect(restored.verifyAuditTrail.valid).toBe(true);
  });

  it('writes no event for a refused mutation', async () => {
    const w = await f.world();
    const [{ count: before }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_event`);
    const refused = await t.gql(
      CREATE_USER,
      { input: { ...teacherInput(w.academy.id, w.schoolB.id, 1) } },
      w.headA.token,
    );
    expect(errorCode(refused)).toBe('NOT_FOUND');
    const [{ count: after }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_event`);
    expect(after).toBe(before);
  });
});
