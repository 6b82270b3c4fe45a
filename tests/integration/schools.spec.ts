import { counts, Factory } from '../helpers/factories';
import { createTestApp, errorCode, GqlResult, ok, TestApp, walkPages } from '../helpers/test-app';
import { CREATE_ACADEMY, CREATE_SCHOOL, SCHOOLS } from '../helpers/operations/schools';

interface SchoolPage {
  schools: {
    totalCount: number;
    nodes: { id: string; uai: string; name: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const fields = (result: GqlResult<unknown>) => result.errors?.[0]?.extensions?.fields;

describe('academies and schools', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
  });
  afterAll(() => t.close());

  describe('createAcademy', () => {
    it('is for an ADMIN, traced, and refuses a duplicate code', async () => {
      const w = await f.world();
      const code = `AC${Date.now() % 1_000_000}`;
      const input = {
        code: ` ${code.toLowerCase()} `,
        name: '  Académie de Test  ',
        dpoEmail: 'DPD@AC-TEST.FR',
      };
      const data = ok(
        await t.gql<{ createAcademy: { id: string; code: string; name: string; dpoEmail: string } }>(
          CREATE_ACADEMY,
          { input },
          w.admin.token,
        ),
      );
      expect(data.createAcademy).toMatchObject({
        code,
        name: 'Académie de Test',
        dpoEmail: 'dpd@ac-test.fr',
      });
      const [event] = await t.dataSource.query(
        `SELECT action, entity_type, actor_id, changes FROM audit_event WHERE entity_id = $1`,
        [data.createAcademy.id],
      );
      expect(event).toMatchObject({ action: 'CREATE', entity_type: 'Academy', actor_id: w.admin.id });
      expect(JSON.parse(event.changes).code).toEqual([null, code]);

      const before = await counts(t.dataSource, 'academy');
      expect(errorCode(await t.gql(CREATE_ACADEMY, { input }, w.admin.token))).toBe('CONFLICT');
      expect(await counts(t.dataSource, 'academy')).toEqual(before);
    });

    it('is FORBIDDEN to heads, teachers and DPDs', async () => {
      const w = await f.world();
      for (const user of [w.headA, w.teacherA, w.dpd]) {
        const result = await t.gql(CREATE_ACADEMY, { input: { code: 'NOPE', name: 'Non' } }, user.token);
        expect(errorCode(result)).toBe('FORBIDDEN');
      }
    });

    it('validates code, name and emails, field by field', async () => {
      const w = await f.world();
      const result = await t.gql(
        CREATE_ACADEMY,
        { input: { code: 'a b', name: '   ', dpoEmail: 'pas-un-courriel' } },
        w.admin.token,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(Object.keys(fields(result) ?? {}).sort()).toEqual(['code', 'dpoEmail', 'name']);
    });
  });

  describe('academies', () => {
    it('lists every academy to an ADMIN and only its own to anyone else', async () => {
      const w = await f.world();
      const other = await f.academy();
      const all = ok(await t.gql<{ academies: { id: string }[] }>('{ academies { id } }', {}, w.admin.token));
      expect(all.academies.map((a) => a.id)).toEqual(expect.arrayContaining([w.academy.id, other.id]));
      for (const user of [w.dpd, w.headA, w.teacherA]) {
        const own = ok(await t.gql<{ academies: { id: string }[] }>('{ academies { id } }', {}, user.token));
        expect(own.academies).toEqual([{ id: w.academy.id }]);
      }
    });
  });

  describe('createSchool', () => {
    it('checks the UAI letter, stores it upper-case, and is traced', async () => {
      const w = await f.world();
      const uai = `${String(Date.now() % 10_000_000).padStart(7, '0')}`;
      const letter = 'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(uai) % 23];
      const created = ok(
        await t.gql<{
          createSchool: { id: string; uai: string; kind: string; academy: { id: string }; heads: unknown[] };
        }>(
          CREATE_SCHOOL,
          {
            input: {
              academyId: w.academy.id,
              uai: `${uai}${letter.toLowerCase()}`,
              name: 'Lycée Pierre-Paul Riquet',
              kind: 'LYCEE',
              city: 'Saint-Orens',
            },
          },
          w.admin.token,
        ),
      );
      expect(created.createSchool).toMatchObject({
        uai: `${uai}${letter}`,
        kind: 'LYCEE',
        academy: { id: w.academy.id },
        heads: [],
      });
      const [event] = await t.dataSource.query(
        `SELECT school_id, action FROM audit_event WHERE entity_id = $1`,
        [created.createSchool.id],
      );
      expect(event).toEqual({ school_id: created.createSchool.id, action: 'CREATE' });

      const duplicate = await t.gql(
        CREATE_SCHOOL,
        { input: { academyId: w.academy.id, uai: `${uai}${letter}`, name: 'Doublon', kind: 'LYCEE' } },
        w.admin.token,
      );
      expect(errorCode(duplicate)).toBe('CONFLICT');
    });

    it('accepts 0310024H and refuses 0310024A, a short UAI and a long name, writing nothing', async () => {
      const w = await f.world();
      const before = await counts(t.dataSource, 'school');
      for (const uai of ['0310024A', '031002H', '03100245', '']) {
        const result = await t.gql(
          CREATE_SCHOOL,
          { input: { academyId: w.academy.id, uai, name: 'École', kind: 'ECOLE' } },
          w.admin.token,
        );
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
        expect(fields(result)).toEqual({ uai: expect.stringContaining('UAI') });
      }
      const longName = await t.gql(
        CREATE_SCHOOL,
        { input: { academyId: w.academy.id, uai: '0310024H', name: 'x'.repeat(201), kind: 'ECOLE' } },
        w.admin.token,
      );
      expect(fields(longName)).toEqual({ name: expect.stringContaining('200') });
      expect(await counts(t.dataSource, 'school')).toEqual(before);
    });

    it('is FORBIDDEN to anyone but an ADMIN, and NOT_FOUND for an unknown academy', async () => {
      const w = await f.world();
      for (const user of [w.headA, w.teacherA, w.dpd]) {
        const result = await t.gql(
          CREATE_SCHOOL,
          { input: { academyId: w.academy.id, uai: '0310024H', name: 'X', kind: 'ECOLE' } },
          user.token,
        );
        expect(errorCode(result)).toBe('FORBIDDEN');
      }
      const unknown = await t.gql(
        CREATE_SCHOOL,
        {
          input: {
            academyId: '00000000-0000-4000-8000-000000000000',
            uai: '0310024H',
            name: 'X',
            kind: 'ECOLE',
          },
        },
        w.admin.token,
      );
      expect(errorCode(unknown)).toBe('NOT_FOUND');
    });
  });

  describe('schools and school(id)', () => {
    it('shows a teacher and a head their schools, a DPD its academy, and hides the rest', async () => {
      const w = await f.world();
      const other = await f.academy();
      const foreign = await f.school(other);
      const ids = async (token: string) =>
        ok(await t.gql<SchoolPage>(SCHOOLS, { first: 100 }, token))
          .schools.nodes.map((s) => s.id)
          .sort();
      expect(await ids(w.teacherA.token)).toEqual([w.schoolA.id]);
      expect(await ids(w.headB.token)).toEqual([w.schoolB.id]);
      expect(await ids(w.dpd.token)).toEqual([w.schoolA.id, w.schoolB.id].sort());

      const byId = `query($id: ID!) { school(id: $id) { id } }`;
      expect(ok(await t.gql(byId, { id: w.schoolB.id }, w.teacherA.token))).toEqual({ school: null });
      expect(ok(await t.gql(byId, { id: foreign.id }, w.dpd.token))).toEqual({ school: null });
      expect(ok(await t.gql(byId, { id: 'not-a-uuid' }, w.dpd.token))).toEqual({ school: null });
      expect(ok(await t.gql(byId, { id: foreign.id }, w.admin.token))).toEqual({
        school: { id: foreign.id },
      });
    });

    it('lists the heads of a school', async () => {
      const w = await f.world();
      const data = ok(
        await t.gql<{ school: { heads: { id: string }[] } }>(
          `query($id: ID!) { school(id: $id) { heads { id } } }`,
          { id: w.schoolA.id },
          w.teacherA.token,
        ),
      );
      expect(data.school.heads).toEqual([{ id: w.headA.id }]);
    });

    it('searches name, city and UAI without regard to case or accents, with filters', async () => {
      const academy = await f.academy();
      const dpd = await f.user(academy, [{ role: 'DPD' }]);
      const lycee = await f.school(academy, {
        name: 'Lycée Déodat de Séverac',
        city: 'Toulouse',
        kind: 'LYCEE',
      });
      const ecole = await f.school(academy, { name: 'École Jules Ferry', city: 'Béziers', kind: 'ECOLE' });
      await f.school(academy, { name: 'Collège 100%_Sud', city: 'Albi' });
      const search = async (filter: Record<string, unknown>) =>
        ok(await t.gql<SchoolPage>(SCHOOLS, { filter }, dpd.token)).schools.nodes.map((s) => s.id);
      expect(await search({ search: 'LYCEE deodat' })).toEqual([lycee.id]);
      expect(await search({ search: 'beziers' })).toEqual([ecole.id]);
      expect(await search({ search: lycee.uai.toLowerCase() })).toEqual([lycee.id]);
      expect(await search({ search: '%' })).toHaveLength(1); // a LIKE wildcard matches itself only
      expect(await search({ kind: 'ECOLE' })).toEqual([ecole.id]);
      expect(await search({ kind: 'ECOLE', search: 'toulouse' })).toEqual([]);
    });

    it('lists the schools without an active treatment, as the dashboard counts them', async () => {
      const academy = await f.academy();
      const dpd = await f.user(academy, [{ role: 'DPD' }]);
      const kept = await f.school(academy);
      const empty = await f.school(academy);
      const head = await f.user(academy, [{ role: 'HEAD', school: kept }]);
      ok(
        await t.gql(
          `mutation($input: TreatmentInput!) { createTreatment(input: $input) { id } }`,
          {
            input: {
              schoolId: kept.id,
              name: 'Vie scolaire',
              purposes: ['Suivi des absences'],
              legalBasis: 'PUBLIC_INTEREST',
              subjectCategories: ['STUDENTS'],
              dataCategories: ['IDENTITY', 'SCHOOLING'],
              retention: 'Un an',
            },
          },
          head.token,
        ),
      );
      const search = async (filter: Record<string, unknown>) =>
        ok(await t.gql<SchoolPage>(SCHOOLS, { filter }, dpd.token)).schools.nodes.map((s) => s.id);
      expect(await search({ withoutTreatments: true })).toEqual([empty.id]);
      expect(await search({ withoutTreatments: false })).toEqual([kept.id]);
      const dashboard = ok(
        await t.gql<{ academyDashboard: { schoolsWithoutTreatments: number } }>(
          `{ academyDashboard { schoolsWithoutTreatments } }`,
          {},
          dpd.token,
        ),
      );
      expect(dashboard.academyDashboard.schoolsWithoutTreatments).toBe(1);
    });

    it('pages through more than one page with stable cursors', async () => {
      const academy = await f.academy();
      const dpd = await f.user(academy, [{ role: 'DPD' }]);
      const created: string[] = [];
      for (let i = 0; i < 5; i++) created.push((await f.school(academy)).id);
      const walk = await walkPages<{ id: string }>(t, SCHOOLS, 'schools', { first: 2 }, dpd.token);
      expect(walk.totalCounts).toEqual([5, 5, 5]);
      expect(walk.pages).toBe(3);
      // newest first, each once; schools made within one millisecond (created_at is timestamptz(3))
      // come in descending id order, as the cursor defines
      const order: { id: string }[] = await t.dataSource.query(
        'SELECT id FROM school WHERE academy_id = $1 ORDER BY created_at DESC, id DESC',
        [academy.id],
      );
      expect(order.map((r) => r.id).sort()).toEqual([...created].sort());
      expect(walk.nodes.map((n) => n.id)).toEqual(order.map((r) => r.id));
    });

    it('refuses a page size outside 1–100 and a forged cursor', async () => {
      const w = await f.world();
      for (const first of [0, 101, -1]) {
        const result = await t.gql(SCHOOLS, { first }, w.dpd.token);
        expect(fields(result)).toEqual({ first: expect.any(String) });
      }
      expect(fields(await t.gql(SCHOOLS, { after: 'bm90LWEtY3Vyc29y' }, w.dpd.token))).toEqual({
        after: expect.any(String),
      });
    });
  });
});
