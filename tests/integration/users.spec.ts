import { counts, Factory, TEST_PASSWORD } from '../helpers/factories';
import { createTestApp, errorCode, GqlResult, ok, TestApp } from '../helpers/test-app';
import { LOGIN } from '../helpers/operations/auth';
import { CREATE_USER, SET_USER_ACTIVE, UPDATE_USER_GRANTS, USERS } from '../helpers/operations/users';

const fields = (result: GqlResult<unknown>) => result.errors?.[0]?.extensions?.fields;

describe('users: creation, grants, activation', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
  });
  afterAll(() => t.close());

  const newUser = (
    academyId: string,
    grants: unknown[],
    email = `nouveau${Math.random().toString(36).slice(2)}@ac-test.fr`,
  ) => ({
    academyId,
    email,
    displayName: ' Camille Lefèvre ',
    password: 'un-mot-de-passe-long',
    grants,
  });

  describe('createUser', () => {
    it('lets an ADMIN create any user, traced without the password', async () => {
      const w = await f.world();
      const input = newUser(
        w.academy.id,
        [
          { role: 'HEAD', schoolId: w.schoolA.id },
          { role: 'TEACHER', schoolId: w.schoolB.id },
        ],
        'Camille.Lefevre@AC-Test.fr',
      );
      const data = ok(
        await t.gql<{ createUser: { id: string; email: string; displayName: string; grants: unknown[] } }>(
          CREATE_USER,
          { input },
          w.admin.token,
        ),
      );
      expect(data.createUser).toMatchObject({
        email: 'camille.lefevre@ac-test.fr',
        displayName: 'Camille Lefèvre',
        active: true,
      });
      expect(data.createUser.grants).toHaveLength(2);
      const [event] = await t.dataSource.query(`SELECT changes FROM audit_event WHERE entity_id = $1`, [
        data.createUser.id,
      ]);
      expect(event.changes).not.toContain('un-mot-de-passe-long');
      expect(event.changes).not.toMatch(/argon2/);
      expect(JSON.parse(event.changes).grants[1]).toEqual(
        [`HEAD@${w.schoolA.id}`, `TEACHER@${w.schoolB.id}`].sort(),
      );
      ok(await t.gql(LOGIN, { email: 'camille.lefevre@ac-test.fr', password: 'un-mot-de-passe-long' }));
    });

    it('lets a HEAD create TEACHER users of its own schools, and nothing else', async () => {
      const w = await f.world();
      const mine = await t.gql(
        CREATE_USER,
        { input: newUser(w.academy.id, [{ role: 'TEACHER', schoolId: w.schoolA.id }]) },
        w.headA.token,
      );
      expect(mine.errors).toBeUndefined();
      const head = await t.gql(
        CREATE_USER,
        { input: newUser(w.academy.id, [{ role: 'HEAD', schoolId: w.schoolA.id }]) },
        w.headA.token,
      );
      expect(errorCode(head)).toBe('FORBIDDEN');
      const dpd = await t.gql(
        CREATE_USER,
        { input: newUser(w.academy.id, [{ role: 'DPD' }]) },
        w.headA.token,
      );
      expect(errorCode(dpd)).toBe('FORBIDDEN');
      const otherSchool = await t.gql(
        CREATE_USER,
        { input: newUser(w.academy.id, [{ role: 'TEACHER', schoolId: w.schoolB.id }]) },
        w.headA.token,
      );
      expect(errorCode(otherSchool)).toBe('NOT_FOUND');
    });

    it('is FORBIDDEN to teachers and DPDs', async () => {
      const w = await f.world();
      for (const user of [w.teacherA, w.dpd]) {
        const result = await t.gql(
          CREATE_USER,
          { input: newUser(w.academy.id, [{ role: 'TEACHER', schoolId: w.schoolA.id }]) },
          user.token,
        );
        expect(errorCode(result)).toBe('FORBIDDEN');
      }
    });

    it('validates email, password, name and grants field by field, and writes nothing', async () => {
      const w = await f.world();
      const before = await counts(t.dataSource, 'app_user');
      const bad = await t.gql(
        CREATE_USER,
        {
          input: {
            ...newUser(w.academy.id, [{ role: 'TEACHER' }, { role: 'DPD', schoolId: w.schoolA.id }]),
            email: 'pas un courriel',
            password: 'court',
            displayName: ' ',
          },
        },
        w.admin.token,
      );
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(Object.keys(fields(bad) ?? {}).sort()).toEqual(['displayName', 'email', 'password']);
      const grants = await t.gql(
        CREATE_USER,
        { input: newUser(w.academy.id, [{ role: 'TEACHER' }, { role: 'DPD', schoolId: w.schoolA.id }]) },
        w.admin.token,
      );
      expect(fields(grants)).toEqual({
        'grants.0.schoolId': expect.any(String),
        'grants.1.schoolId': expect.any(String),
      });
      const duplicates = await t.gql(
        CREATE_USER,
        { input: newUser(w.academy.id, [{ role: 'DPD' }, { role: 'DPD' }]) },
        w.admin.token,
      );
      expect(fields(duplicates)).toEqual({ 'grants.1': expect.any(String) });
      const none = await t.gql(CREATE_USER, { input: newUser(w.academy.id, []) }, w.admin.token);
      expect(fields(none)).toEqual({ grants: expect.any(String) });
      expect(await counts(t.dataSource, 'app_user')).toEqual(before);
    });

    it('refuses an email already used, whatever its case (CONFLICT)', async () => {
      const w = await f.world();
      const result = await t.gql(
        CREATE_USER,
        { input: newUser(w.academy.id, [{ role: 'DPD' }], w.dpd.email.toUpperCase()) },
        w.admin.token,
      );
      expect(errorCode(result)).toBe('CONFLICT');
    });
  });

  describe('users', () => {
    it('shows a HEAD the users of its schools, a DPD its academy, and refuses a teacher', async () => {
      const w = await f.world();
      const ids = async (token: string, filter?: Record<string, unknown>) =>
        ok(await t.gql<{ users: { nodes: { id: string }[] } }>(USERS, { filter, first: 100 }, token))
          .users.nodes.map((u) => u.id)
          .sort();
      expect(await ids(w.headA.token)).toEqual([w.headA.id, w.teacherA.id].sort());
      expect(await ids(w.dpd.token)).toEqual(
        [w.headA.id, w.headB.id, w.teacherA.id, w.teacherB.id, w.dpd.id, w.admin.id].sort(),
      );
      expect(await ids(w.dpd.token, { role: 'TEACHER' })).toEqual([w.teacherA.id, w.teacherB.id].sort());
      expect(await ids(w.dpd.token, { schoolId: w.schoolB.id })).toEqual([w.headB.id, w.teacherB.id].sort());
      expect(await ids(w.admin.token, { academyId: w.academy.id, role: 'ADMIN' })).toEqual([w.admin.id]);
      expect(errorCode(await t.gql(USERS, {}, w.teacherA.token))).toBe('FORBIDDEN');
    });

    it('searches names and emails without regard to case or accents, and filters on activity', async () => {
      const academy = await f.academy();
      const dpd = await f.user(academy, [{ role: 'DPD' }]);
      const helene = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Hélène Bézier' });
      const gone = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Ancien Compte', active: false });
      const ids = async (filter: Record<string, unknown>) =>
        ok(await t.gql<{ users: { nodes: { id: string }[] } }>(USERS, { filter }, dpd.token)).users.nodes.map(
          (u) => u.id,
        );
      expect(await ids({ search: 'HELENE bez' })).toEqual([helene.id]);
      expect(await ids({ active: false })).toEqual([gone.id]);
    });
  });

  describe('updateUserGrants', () => {
    it('lets an ADMIN name a new head at the rentrée, traced, seen at once', async () => {
      const w = await f.world();
      const data = ok(
        await t.gql<{ updateUserGrants: { grants: { role: string; school: { id: string } }[] } }>(
          UPDATE_USER_GRANTS,
          { userId: w.teacherA.id, grants: [{ role: 'HEAD', schoolId: w.schoolB.id }] },
          w.admin.token,
        ),
      );
      expect(data.updateUserGrants.grants).toEqual([{ role: 'HEAD', school: { id: w.schoolB.id } }]);
      const heads = ok(
        await t.gql<{ school: { heads: { id: string }[] } }>(
          `query($id: ID!) { school(id: $id) { heads { id } } }`,
          { id: w.schoolB.id },
          w.dpd.token,
        ),
      );
      expect(heads.school.heads.map((h) => h.id).sort()).toEqual([w.headB.id, w.teacherA.id].sort());
      // the former teacher's token now carries the head's rights, without logging in again
      const me = ok(
        await t.gql<{ schools: { nodes: { id: string }[] } }>(
          `{ schools { nodes { id } } }`,
          {},
          w.teacherA.token,
        ),
      );
      expect(me.schools.nodes).toEqual([{ id: w.schoolB.id }]);
      const [event] = await t.dataSource.query(
        `SELECT action, changes FROM audit_event WHERE entity_id = $1 ORDER BY at DESC LIMIT 1`,
        [w.teacherA.id],
      );
      expect(event.action).toBe('UPDATE');
      expect(JSON.parse(event.changes).grants).toEqual([
        [`TEACHER@${w.schoolA.id}`],
        [`HEAD@${w.schoolB.id}`],
      ]);
    });

    it('lets a HEAD change only the TEACHER grants on its schools, keeping the others', async () => {
      const w = await f.world();
      const both = await f.user(w.academy, [
        { role: 'TEACHER', school: w.schoolA },
        { role: 'TEACHER', school: w.schoolB },
      ]);
      const removed = ok(
        await t.gql<{ updateUserGrants: { grants: { role: string; school: { id: string } | null }[] } }>(
          UPDATE_USER_GRANTS,
          { userId: both.id, grants: [] },
          w.headA.token,
        ),
      );
      expect(removed.updateUserGrants.grants).toEqual([]); // the grant on school B is kept but invisible to head A
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM role_grant WHERE user_id = $1 AND school_id = $2`,
        [both.id, w.schoolB.id],
      );
      expect(count).toBe(1);

      expect(
        errorCode(
          await t.gql(
            UPDATE_USER_GRANTS,
            { userId: w.teacherA.id, grants: [{ role: 'HEAD', schoolId: w.schoolA.id }] },
            w.headA.token,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await t.gql(
            UPDATE_USER_GRANTS,
            { userId: w.teacherB.id, grants: [{ role: 'TEACHER', schoolId: w.schoolA.id }] },
            w.headA.token,
          ),
        ),
      ).toBe('NOT_FOUND');
    });

    it('refuses to change its own grants, and is FORBIDDEN to teachers and DPDs', async () => {
      const w = await f.world();
      expect(
        errorCode(
          await t.gql(
            UPDATE_USER_GRANTS,
            { userId: w.admin.id, grants: [{ role: 'ADMIN' }, { role: 'DPD' }] },
            w.admin.token,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(UPDATE_USER_GRANTS, { userId: w.headA.id, grants: [] }, w.headA.token)),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(UPDATE_USER_GRANTS, { userId: w.teacherA.id, grants: [] }, w.dpd.token)),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(UPDATE_USER_GRANTS, { userId: w.teacherA.id, grants: [] }, w.teacherA.token)),
      ).toBe('FORBIDDEN');
    });

    it('validates each grant with its index', async () => {
      const w = await f.world();
      const result = await t.gql(
        UPDATE_USER_GRANTS,
        { userId: w.teacherA.id, grants: [{ role: 'DPD' }, { role: 'HEAD' }] },
        w.admin.token,
      );
      expect(fields(result)).toEqual({ 'grants.1.schoolId': expect.any(String) });
    });
  });

  describe('setUserActive', () => {
    it('deactivates a teacher: its token stops working at once and it cannot log in', async () => {
      const w = await f.world();
      ok(await t.gql('{ me { id } }', {}, w.teacherA.token));
      expect(
        ok(await t.gql(SET_USER_ACTIVE, { userId: w.teacherA.id, active: false }, w.headA.token)),
      ).toEqual({
        setUserActive: { id: w.teacherA.id, active: false },
      });
      expect(errorCode(await t.gql('{ me { id } }', {}, w.teacherA.token))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(LOGIN, { email: w.teacherA.email, password: TEST_PASSWORD }))).toBe(
        'UNAUTHENTICATED',
      );
      ok(await t.gql(SET_USER_ACTIVE, { userId: w.teacherA.id, active: true }, w.admin.token));
      // reactivated, it logs in again: the sessions the deactivation ended stay ended (issue #22)
      expect(errorCode(await t.gql('{ me { id } }', {}, w.teacherA.token))).toBe('UNAUTHENTICATED');
      const relogged = ok(
        await t.gql<{ login: { token: string } }>(LOGIN, {
          email: w.teacherA.email,
          password: TEST_PASSWORD,
        }),
      );
      ok(await t.gql('{ me { id } }', {}, relogged.login.token));
      const events = await t.dataSource.query(
        `SELECT changes FROM audit_event WHERE entity_id = $1 ORDER BY at`,
        [w.teacherA.id],
      );
      expect(events.map((e: { changes: string }) => JSON.parse(e.changes).active)).toEqual([
        [true, false],
        [false, true],
      ]);
    });

    it('limits a HEAD to its own teachers, and nobody deactivates itself', async () => {
      const w = await f.world();
      expect(
        errorCode(await t.gql(SET_USER_ACTIVE, { userId: w.teacherB.id, active: false }, w.headA.token)),
      ).toBe('NOT_FOUND');
      const otherHead = await f.user(w.academy, [{ role: 'HEAD', school: w.schoolA }]);
      expect(
        errorCode(await t.gql(SET_USER_ACTIVE, { userId: otherHead.id, active: false }, w.headA.token)),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(SET_USER_ACTIVE, { userId: w.headA.id, active: false }, w.headA.token)),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(SET_USER_ACTIVE, { userId: w.admin.id, active: false }, w.admin.token)),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(SET_USER_ACTIVE, { userId: w.teacherA.id, active: false }, w.dpd.token)),
      ).toBe('FORBIDDEN');
    });

    it('keeps the last active ADMIN active, even when two admins deactivate each other at once', async () => {
      const academy = await f.academy();
      const first = await f.user(academy, [{ role: 'ADMIN' }]);
      const second = await f.user(academy, [{ role: 'ADMIN' }]);
      // this suite runs alone (jest --runInBand): leave these two as the only active admins
      const others: { id: string }[] = await t.dataSource.query(
        `UPDATE app_user SET active = false WHERE active AND id NOT IN ($1, $2)
           AND id IN (SELECT user_id FROM role_grant WHERE role = 'ADMIN') RETURNING id`,
        [first.id, second.id],
      );
      try {
        const results = await Promise.all([
          t.gql(SET_USER_ACTIVE, { userId: second.id, active: false }, first.token),
          t.gql(SET_USER_ACTIVE, { userId: first.id, active: false }, second.token),
        ]);
        expect(results.map(errorCode).sort()).toEqual(['CONFLICT', undefined].sort());
        const [{ count }] = await t.dataSource.query(
          `SELECT count(*)::int AS count FROM app_user WHERE active AND id IN ($1, $2)`,
          [first.id, second.id],
        );
        expect(count).toBe(1);
      } finally {
        if (others.length)
          await t.dataSource.query(`UPDATE app_user SET active = true WHERE id = ANY($1)`, [
            others.map((o) => o.id),
          ]);
      }
    });
  });
});
