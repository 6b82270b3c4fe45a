import { counts, Factory } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp, walkPages } from '../helpers/test-app';
import {
  ARCHIVE_TREATMENT,
  CREATE_TREATMENT,
  TREATMENT,
  TREATMENTS,
  UPDATE_TREATMENT,
} from '../helpers/operations/treatments';

/** The record of processing activities (art. 30) through the real GraphQL endpoint. */

interface TreatmentView {
  id: string;
  reference: string;
  name: string;
  purposes: string[];
  legalBasis: string;
  subjectCategories: string[];
  dataCategories: string[];
  sensitiveData: boolean;
  recipients: string[];
  processors: string[];
  transfers: { country: string; recipient: string; safeguard: string }[];
  retention: string;
  retentionMonths: number | null;
  securityMeasures: string[];
  dpiaRequired: boolean;
  status: string;
  archivedReason: string | null;
  reviewState: string;
  version: number;
  school: { id: string };
}

type World = Awaited<ReturnType<Factory['world']>>;

const baseInput = (schoolId: string, overrides: Record<string, unknown> = {}) => ({
  schoolId,
  name: 'Gestion de la vie scolaire',
  purposes: ['Suivre les absences', 'Communiquer avec les familles'],
  legalBasis: 'PUBLIC_INTEREST',
  subjectCategories: ['STUDENTS', 'PARENTS'],
  dataCategories: ['IDENTITY', 'SCHOOLING'],
  retention: "Un an après la fin de l'année scolaire",
  ...overrides,
});

describe('treatments', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
  });
  afterAll(() => t.close());

  const create = (token: string, input: Record<string, unknown>) =>
    t.gql<{ createTreatment: TreatmentView }>(CREATE_TREATMENT, { input }, token);
  const createOk = async (token: string, input: Record<string, unknown>) =>
    ok(await create(token, input)).createTreatment;
  const list = async (token: string, filter: Record<string, unknown> = {}, first = 100) =>
    ok(
      await t.gql<{
        treatments: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          nodes: { id: string; reference: string; name: string; status: string }[];
        };
      }>(TREATMENTS, { filter, first }, token),
    ).treatments;
  const byId = async (token: string, id: string) =>
    ok(await t.gql<{ treatment: TreatmentView | null }>(TREATMENT, { id }, token)).treatment;
  const events = (entityId: string) =>
    t.dataSource.query(
      `SELECT action, entity_type, school_id, academy_id, actor_id, changes FROM audit_event
        WHERE entity_id = $1 ORDER BY at, seq`,
      [entityId],
    ) as Promise<
      {
        action: string;
        entity_type: string;
        school_id: string;
        academy_id: string;
        actor_id: string;
        changes: string;
      }[]
    >;

  describe('createTreatment', () => {
    it('records every art. 30 field, numbers the entry and traces it field by field', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const treatment = await createOk(
        head.token,
        baseInput(school.id, {
          name: '  Espace numérique de travail  ',
          recipients: ['Professeurs', 'Vie scolaire'],
          processors: ['Éditeur ENT'],
          transfers: [
            { country: ' États-Unis ', recipient: 'Hébergeur', safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' },
          ],
          retentionMonths: 12,
          securityMeasures: ['Authentification forte', 'Chiffrement'],
        }),
      );
      expect(treatment).toMatchObject({
        reference: 'T-001',
        name: 'Espace numérique de travail',
        purposes: ['Suivre les absences', 'Communiquer avec les familles'],
        legalBasis: 'PUBLIC_INTEREST',
        subjectCategories: ['STUDENTS', 'PARENTS'],
        dataCategories: ['IDENTITY', 'SCHOOLING'],
        sensitiveData: false,
        recipients: ['Professeurs', 'Vie scolaire'],
        processors: ['Éditeur ENT'],
        transfers: [
          { country: 'États-Unis', recipient: 'Hébergeur', safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' },
        ],
        retention: "Un an après la fin de l'année scolaire",
        retentionMonths: 12,
        securityMeasures: ['Authentification forte', 'Chiffrement'],
        dpiaRequired: false,
        status: 'ACTIVE',
        archivedReason: null,
        reviewState: 'NOT_REVIEWED',
        version: 1,
        school: { id: school.id },
      });
      const second = await createOk(head.token, baseInput(school.id, { recipients: null, transfers: null }));
      expect(second).toMatchObject({ reference: 'T-002', recipients: [], processors: [], transfers: [] });

      const [event] = await events(treatment.id);
      expect(event).toMatchObject({
        action: 'CREATE',
        entity_type: 'Treatment',
        school_id: school.id,
        academy_id: w.academy.id,
        actor_id: head.id,
      });
      const changes = JSON.parse(event.changes);
      expect(changes.reference).toEqual([null, 'T-001']);
      expect(changes.name).toEqual([null, 'Espace numérique de travail']);
      expect(changes.transfers).toEqual([
        null,
        [{ country: 'États-Unis', recipient: 'Hébergeur', safeguard: 'STANDARD_CONTRACTUAL_CLAUSES' }],
      ]);
      expect(changes.status).toEqual([null, 'ACTIVE']);
    });

    it('derives sensitiveData from the categories, and dpiaRequired = the answer or sensitive data', async () => {
      const plain = await createOk(w.headA.token, baseInput(w.schoolA.id));
      expect([plain.sensitiveData, plain.dpiaRequired]).toEqual([false, false]);
      const answered = await createOk(w.headA.token, baseInput(w.schoolA.id, { dpiaRequired: true }));
      expect([answered.sensitiveData, answered.dpiaRequired]).toEqual([false, true]);
      const health = await createOk(
        w.headA.token,
        baseInput(w.schoolA.id, { dataCategories: ['IDENTITY', 'HEALTH'], dpiaRequired: false }),
      );
      expect([health.sensitiveData, health.dpiaRequired]).toEqual([true, true]);
      const other = await createOk(
        w.headA.token,
        baseInput(w.schoolA.id, { dataCategories: ['OTHER_SENSITIVE'] }),
      );
      expect([other.sensitiveData, other.dpiaRequired]).toEqual([true, true]);
    });

    it('refuses invalid input with the offending fields, and writes nothing', async () => {
      const before = await counts(t.dataSource, 'treatment');
      const result = await create(
        w.headA.token,
        baseInput(w.schoolA.id, {
          name: '   ',
          purposes: [],
          subjectCategories: ['STUDENTS', 'STUDENTS'],
          dataCategories: [],
          recipients: ['Professeurs', ' '],
          transfers: [{ country: ' ', recipient: '', safeguard: 'OTHER' }],
          retention: 'x'.repeat(5001),
          retentionMonths: 1201,
        }),
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(Object.keys(result.errors![0].extensions!.fields!).sort()).toEqual(
        [
          'name',
          'purposes',
          'subjectCategories',
          'dataCategories',
          'recipients',
          'transfers.0.country',
          'transfers.0.recipient',
          'retention',
          'retentionMonths',
        ].sort(),
      );
      expect(result.errors![0].extensions!.fields!.name).toBe('Ce champ est obligatoire.');
      expect(result.errors![0].extensions!.fields!.subjectCategories).toBe('La liste contient des doublons.');
      expect(result.errors![0].extensions!.fields!['transfers.0.country']).toBe('Ce champ est obligatoire.');
      const negative = await create(w.headA.token, baseInput(w.schoolA.id, { retentionMonths: -1 }));
      expect(result.errors![0].message).toMatch(/Saisie invalide/);
      expect(negative.errors![0].extensions!.fields).toEqual({
        retentionMonths: 'La durée doit être positive ou nulle.',
      });
      const longName = await create(w.headA.token, baseInput(w.schoolA.id, { name: 'n'.repeat(201) }));
      expect(longName.errors![0].extensions!.fields).toEqual({ name: '200 caractères au maximum.' });
      expect(await counts(t.dataSource, 'treatment')).toEqual(before);
    });

    it('gives T-001…T-020 to 20 concurrent creations on one school, without gap or duplicate', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          create(head.token, baseInput(school.id, { name: `Traitement ${i}` })),
        ),
      );
      const references = results.map((r) => ok(r).createTreatment.reference).sort();
      expect(references).toEqual(Array.from({ length: 20 }, (_, i) => `T-${String(i + 1).padStart(3, '0')}`));
      const rows: { reference: string; number: number }[] = await t.dataSource.query(
        'SELECT reference, number FROM treatment WHERE school_id = $1 ORDER BY number',
        [school.id],
      );
      expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM audit_event WHERE school_id = $1 AND entity_type = 'Treatment'`,
        [school.id],
      );
      expect(count).toBe(20);
      // a failed creation consumes no number
      expect(errorCode(await create(head.token, baseInput(school.id, { purposes: [] })))).toBe(
        'BAD_USER_INPUT',
      );
      expect((await createOk(head.token, baseInput(school.id))).reference).toBe('T-021');
    });
  });

  describe('updateTreatment', () => {
    it('needs the current version, resets the review, bumps the version and traces before/after', async () => {
      const treatment = await createOk(w.headA.token, baseInput(w.schoolA.id));
      await t.dataSource.query(`UPDATE treatment SET review_state = 'APPROVED' WHERE id = $1`, [
        treatment.id,
      ]);
      const updated = ok(
        await t.gql<{ updateTreatment: TreatmentView }>(
          UPDATE_TREATMENT,
          {
            id: treatment.id,
            version: 1,
            input: {
              name: 'Vie scolaire et absences',
              dataCategories: ['IDENTITY', 'HEALTH'],
              processors: ['Pronote'],
            },
          },
          w.headA.token,
        ),
      ).updateTreatment;
      expect(updated).toMatchObject({
        name: 'Vie scolaire et absences',
        dataCategories: ['IDENTITY', 'HEALTH'],
        processors: ['Pronote'],
        purposes: treatment.purposes,
        retention: treatment.retention,
        sensitiveData: true,
        dpiaRequired: true,
        reviewState: 'NOT_REVIEWED',
        version: 2,
      });
      const [, event] = await events(treatment.id);
      expect(event.action).toBe('UPDATE');
      expect(JSON.parse(event.changes)).toEqual({
        name: ['Gestion de la vie scolaire', 'Vie scolaire et absences'],
        dataCategories: [
          ['IDENTITY', 'SCHOOLING'],
          ['IDENTITY', 'HEALTH'],
        ],
        processors: [[], ['Pronote']],
        sensitiveData: [false, true],
        dpiaRequired: [false, true],
        reviewState: ['APPROVED', 'NOT_REVIEWED'],
      });

      const before = await counts(t.dataSource, 'treatment');
      const stale = await t.gql(
        UPDATE_TREATMENT,
        { id: treatment.id, version: 1, input: { name: 'Trop tard' } },
        w.headA.token,
      );
      expect(errorCode(stale)).toBe('CONFLICT');
      // a reload cures it: the client is told so (the web app offers "Recharger la version à jour")
      expect(stale.errors?.[0].extensions?.reason).toBe('STALE_VERSION');
      expect(await counts(t.dataSource, 'treatment')).toEqual(before);
      expect((await byId(w.headA.token, treatment.id))!.name).toBe('Vie scolaire et absences');
    });

    it('clears optional lists with null or [], keeps omitted fields, refuses null for required ones', async () => {
      const treatment = await createOk(
        w.headA.token,
        baseInput(w.schoolA.id, {
          recipients: ['Professeurs'],
          securityMeasures: ['Sauvegardes'],
          retentionMonths: 6,
        }),
      );
      const updated = ok(
        await t.gql<{ updateTreatment: TreatmentView }>(
          UPDATE_TREATMENT,
          {
            id: treatment.id,
            version: 1,
            input: { recipients: null, securityMeasures: [], retentionMonths: null },
          },
          w.headA.token,
        ),
      ).updateTreatment;
      expect(updated).toMatchObject({
        recipients: [],
        securityMeasures: [],
        retentionMonths: null,
        version: 2,
      });
      expect(updated.name).toBe(treatment.name);
      const bad = await t.gql(
        UPDATE_TREATMENT,
        { id: treatment.id, version: 2, input: { name: null, purposes: [], legalBasis: null } },
        w.headA.token,
      );
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(Object.keys(bad.errors![0].extensions!.fields!).sort()).toEqual([
        'legalBasis',
        'name',
        'purposes',
      ]);
    });

    it('keeps the version and writes no event when nothing changes', async () => {
      const treatment = await createOk(w.headA.token, baseInput(w.schoolA.id));
      const before = await counts(t.dataSource, 'treatment');
      const same = ok(
        await t.gql<{ updateTreatment: TreatmentView }>(
          UPDATE_TREATMENT,
          { id: treatment.id, version: 1, input: { name: treatment.name, purposes: treatment.purposes } },
          w.headA.token,
        ),
      ).updateTreatment;
      expect(same.version).toBe(1);
      expect(await counts(t.dataSource, 'treatment')).toEqual(before);
      expect(
        errorCode(await t.gql(UPDATE_TREATMENT, { id: treatment.id, version: 7, input: {} }, w.headA.token)),
      ).toBe('CONFLICT');
    });

    it('two concurrent updates with the same version: one wins, the other gets CONFLICT and leaves no trace', async () => {
      const treatment = await createOk(w.headA.token, baseInput(w.schoolA.id));
      const texts = ['Texte de la première cheffe', 'Texte du second chef'];
      const results = await Promise.all(
        texts.map((name) =>
          t.gql(UPDATE_TREATMENT, { id: treatment.id, version: 1, input: { name } }, w.headA.token),
        ),
      );
      const codes = results.map(errorCode);
      expect(codes.filter((c) => c === undefined)).toHaveLength(1);
      expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(1);
      const winner = texts[codes.indexOf(undefined)];
      const loser = texts[codes.indexOf('CONFLICT')];
      const [row] = await t.dataSource.query(
        'SELECT row_to_json(treatment)::text AS json FROM treatment WHERE id = $1',
        [treatment.id],
      );
      expect(row.json).toContain(winner);
      expect(row.json).not.toContain(loser);
      expect(JSON.parse(row.json).version).toBe(2);
      const trail: { changes: string }[] = await t.dataSource.query('SELECT changes FROM audit_event');
      expect(trail.some((e) => e.changes.includes(winner))).toBe(true);
      expect(trail.some((e) => e.changes.includes(loser))).toBe(false);
    });

    it('an ARCHIVED treatment is read-only', async () => {
      const treatment = await createOk(w.headA.token, baseInput(w.schoolA.id));
      const archived = ok(
        await t.gql<{ archiveTreatment: TreatmentView }>(
          ARCHIVE_TREATMENT,
          { id: treatment.id, reason: '  Outil abandonné à la rentrée  ' },
          w.headA.token,
        ),
      ).archiveTreatment;
      expect(archived).toMatchObject({
        status: 'ARCHIVED',
        archivedReason: 'Outil abandonné à la rentrée',
        version: 2,
      });
      const [, event] = await events(treatment.id);
      expect(event.action).toBe('TRANSITION');
      expect(JSON.parse(event.changes)).toEqual({
        status: ['ACTIVE', 'ARCHIVED'],
        archivedReason: [null, 'Outil abandonné à la rentrée'],
      });
      const before = await counts(t.dataSource, 'treatment');
      const refused = await t.gql(
        UPDATE_TREATMENT,
        { id: treatment.id, version: 2, input: { name: 'X' } },
        w.headA.token,
      );
      expect(errorCode(refused)).toBe('CONFLICT');
      // the version is current: the state refuses it, not someone else's change
      expect(refused.errors?.[0].extensions?.reason).toBeUndefined();
      expect(
        errorCode(await t.gql(ARCHIVE_TREATMENT, { id: treatment.id, reason: 'Encore' }, w.headA.token)),
      ).toBe('CONFLICT');
      expect(await counts(t.dataSource, 'treatment')).toEqual(before);
    });
  });

  describe('archiveTreatment', () => {
    it('needs a non-empty reason', async () => {
      const treatment = await createOk(w.headA.token, baseInput(w.schoolA.id));
      const before = await counts(t.dataSource, 'treatment');
      for (const reason of ['', '   ']) {
        const result = await t.gql(ARCHIVE_TREATMENT, { id: treatment.id, reason }, w.headA.token);
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
        expect(result.errors![0].extensions!.fields).toEqual({ reason: expect.any(String) });
      }
      expect(await counts(t.dataSource, 'treatment')).toEqual(before);
      expect((await byId(w.headA.token, treatment.id))!.status).toBe('ACTIVE');
    });
  });

  describe('who may do what (RULES.md)', () => {
    let active: TreatmentView;
    let archived: TreatmentView;
    let inB: TreatmentView;
    let otherAcademy: { dpd: { token: string }; admin: { token: string }; head: { token: string } };

    beforeAll(async () => {
      active = await createOk(w.headA.token, baseInput(w.schoolA.id, { name: 'Permissions actif' }));
      archived = await createOk(w.headA.token, baseInput(w.schoolA.id, { name: 'Permissions archivé' }));
      ok(await t.gql(ARCHIVE_TREATMENT, { id: archived.id, reason: 'Fin' }, w.headA.token));
      inB = await createOk(w.headB.token, baseInput(w.schoolB.id, { name: 'Permissions B' }));
      const academy = await f.academy();
      const school = await f.school(academy);
      otherAcademy = {
        dpd: await f.user(academy, [{ role: 'DPD' }]),
        admin: await f.user(academy, [{ role: 'ADMIN' }]),
        head: await f.user(academy, [{ role: 'HEAD', school }]),
      };
    });

    it('create: HEAD of the school only; TEACHER, DPD and ADMIN are FORBIDDEN; another school is NOT_FOUND', async () => {
      const before = await counts(t.dataSource, 'treatment');
      expect(errorCode(await create(w.teacherA.token, baseInput(w.schoolA.id)))).toBe('FORBIDDEN');
      expect(errorCode(await create(w.dpd.token, baseInput(w.schoolA.id)))).toBe('FORBIDDEN');
      expect(errorCode(await create(w.admin.token, baseInput(w.schoolA.id)))).toBe('FORBIDDEN');
      expect(errorCode(await create(w.headB.token, baseInput(w.schoolA.id)))).toBe('NOT_FOUND');
      expect(errorCode(await create(otherAcademy.dpd.token, baseInput(w.schoolA.id)))).toBe('NOT_FOUND');
      expect(await counts(t.dataSource, 'treatment')).toEqual(before);
    });

    it('update and archive: HEAD of the school only', async () => {
      const before = await counts(t.dataSource, 'treatment');
      for (const token of [w.teacherA.token, w.dpd.token, w.admin.token]) {
        expect(
          errorCode(
            await t.gql(UPDATE_TREATMENT, { id: active.id, version: 1, input: { name: 'X' } }, token),
          ),
        ).toBe('FORBIDDEN');
        expect(errorCode(await t.gql(ARCHIVE_TREATMENT, { id: active.id, reason: 'X' }, token))).toBe(
          'FORBIDDEN',
        );
      }
      for (const token of [w.headB.token, w.teacherB.token, otherAcademy.dpd.token]) {
        expect(
          errorCode(
            await t.gql(UPDATE_TREATMENT, { id: active.id, version: 1, input: { name: 'X' } }, token),
          ),
        ).toBe('NOT_FOUND');
        expect(errorCode(await t.gql(ARCHIVE_TREATMENT, { id: active.id, reason: 'X' }, token))).toBe(
          'NOT_FOUND',
        );
      }
      // an archived treatment is out of a teacher's sight altogether
      expect(
        errorCode(await t.gql(ARCHIVE_TREATMENT, { id: archived.id, reason: 'X' }, w.teacherA.token)),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(
          await t.gql(
            UPDATE_TREATMENT,
            { id: '00000000-0000-4000-8000-000000000000', version: 1, input: {} },
            w.headA.token,
          ),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(await t.gql(UPDATE_TREATMENT, { id: 'pas-un-uuid', version: 1, input: {} }, w.headA.token)),
      ).toBe('NOT_FOUND');
      expect(await counts(t.dataSource, 'treatment')).toEqual(before);
    });

    it('read: TEACHER the ACTIVE ones of its schools, HEAD its schools, DPD its academy, ADMIN all', async () => {
      const ids = async (token: string) => (await list(token, {}, 100)).nodes.map((n) => n.id);
      const all = [active.id, archived.id, inB.id];
      const visible = (seen: string[]) => all.filter((id) => seen.includes(id));

      expect(visible(await ids(w.teacherA.token))).toEqual([active.id]);
      expect(await byId(w.teacherA.token, active.id)).not.toBeNull();
      expect(await byId(w.teacherA.token, archived.id)).toBeNull();
      expect(await byId(w.teacherA.token, inB.id)).toBeNull();

      expect(visible(await ids(w.headA.token)).sort()).toEqual([active.id, archived.id].sort());
      expect(await byId(w.headA.token, archived.id)).not.toBeNull();
      expect(await byId(w.headA.token, inB.id)).toBeNull();

      expect(visible(await ids(w.headB.token))).toEqual([inB.id]);
      expect(await byId(w.headB.token, active.id)).toBeNull();

      expect(visible(await ids(w.dpd.token)).sort()).toEqual([...all].sort());
      expect(await byId(w.dpd.token, archived.id)).not.toBeNull();

      expect(visible(await ids(otherAcademy.dpd.token))).toEqual([]);
      expect(await byId(otherAcademy.dpd.token, active.id)).toBeNull();
      expect(visible(await ids(otherAcademy.head.token))).toEqual([]);

      // ADMIN reads every academy: its own list is filtered to this school to stay on one page
      const adminSeen = (await list(otherAcademy.admin.token, { schoolId: w.schoolA.id })).nodes.map(
        (n) => n.id,
      );
      expect(visible(adminSeen).sort()).toEqual([active.id, archived.id].sort());
      expect(await byId(otherAcademy.admin.token, inB.id)).not.toBeNull();
      expect(await byId(w.admin.token, 'pas-un-uuid')).toBeNull();
    });
  });

  describe('treatments list', () => {
    it('filters by school, status, reviewState, sensitiveData and accent-insensitive search', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const pupils = await createOk(head.token, baseInput(school.id, { name: 'Suivi des Élèves' }));
      const health = await createOk(
        head.token,
        baseInput(school.id, {
          name: 'Infirmerie',
          purposes: ['Projets d’accueil individualisés des ÉLÈVES'],
          dataCategories: ['HEALTH'],
        }),
      );
      const staff = await createOk(head.token, baseInput(school.id, { name: 'Gestion du personnel' }));
      ok(await t.gql(ARCHIVE_TREATMENT, { id: staff.id, reason: 'Repris par le rectorat' }, head.token));
      await t.dataSource.query(`UPDATE treatment SET review_state = 'APPROVED' WHERE id = $1`, [health.id]);

      const names = async (filter: Record<string, unknown>) =>
        (await list(head.token, { schoolId: school.id, ...filter })).nodes.map((n) => n.name).sort();
      expect(await names({})).toEqual(['Gestion du personnel', 'Infirmerie', 'Suivi des Élèves']);
      expect(await names({ search: 'eleves' })).toEqual(['Infirmerie', 'Suivi des Élèves']);
      expect(await names({ search: 'ÉLÈVES' })).toEqual(['Infirmerie', 'Suivi des Élèves']);
      expect(await names({ search: 'suivi des eleves' })).toEqual(['Suivi des Élèves']);
      expect(await names({ search: '100%' })).toEqual([]);
      expect(await names({ status: 'ARCHIVED' })).toEqual(['Gestion du personnel']);
      expect(await names({ status: 'ACTIVE' })).toEqual(['Infirmerie', 'Suivi des Élèves']);
      expect(await names({ reviewState: 'APPROVED' })).toEqual(['Infirmerie']);
      expect(await names({ reviewState: 'NOT_REVIEWED' })).toEqual([
        'Gestion du personnel',
        'Suivi des Élèves',
      ]);
      expect(await names({ sensitiveData: true })).toEqual(['Infirmerie']);
      expect(await names({ sensitiveData: false })).toEqual(['Gestion du personnel', 'Suivi des Élèves']);
      expect(pupils.reference).toBe('T-001');
    });

    it('pages newest first over more than one page', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      for (let i = 1; i <= 7; i++) await createOk(head.token, baseInput(school.id, { name: `Page ${i}` }));
      const walk = await walkPages<{ reference: string }>(
        t,
        TREATMENTS,
        'treatments',
        { filter: { schoolId: school.id }, first: 3 },
        head.token,
      );
      expect(walk.totalCounts).toEqual([7, 7, 7]);
      expect(walk.pages).toBe(3);
      expect(walk.nodes.map((n) => n.reference)).toEqual([
        'T-007',
        'T-006',
        'T-005',
        'T-004',
        'T-003',
        'T-002',
        'T-001',
      ]);
      const tooMany = await t.gql(TREATMENTS, { first: 101 }, head.token);
      expect(tooMany.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { first: expect.any(String) },
      });
    });
  });
});
