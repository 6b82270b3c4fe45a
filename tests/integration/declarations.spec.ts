import { Logger as TypeormLogger } from 'typeorm';
import { counts, Factory, TestUser } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp, walkPages } from '../helpers/test-app';
import {
  CREATE_DECLARATION,
  DECIDE_DECLARATION,
  DECLARATION,
  DECLARATIONS,
  SUBMIT_DECLARATION,
  UPDATE_DECLARATION,
  WITHDRAW_DECLARATION,
} from '../helpers/operations/declarations';
import { ARCHIVE_TREATMENT, CREATE_TREATMENT, TREATMENT, TREATMENTS } from '../helpers/operations/treatments';

/** Teachers' tool declarations, from draft to the treatments register, through the real GraphQL endpoint. */

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
  createdAt: string;
  updatedAt: string;
  school: { id: string };
  declarations: { id: string }[];
}

interface DeclarationView {
  id: string;
  status: string;
  toolName: string;
  vendor: string | null;
  url: string | null;
  purpose: string;
  classes: string[];
  approxStudentCount: number | null;
  dataCategories: string[];
  hosting: string;
  hostingCountry: string | null;
  retentionMonths: number | null;
  securityMeasures: string | null;
  riskFlags: string[];
  riskLevel: string;
  decisionComment: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  version: number;
  school: { id: string };
  declaredBy: { id: string };
  treatment?: TreatmentView | null;
}

type World = Awaited<ReturnType<Factory['world']>>;

/** A safe tool in an EU cloud: LOW risk. */
const safeTool = (schoolId: string, overrides: Record<string, unknown> = {}) => ({
  schoolId,
  toolName: 'Carnet de lecture',
  vendor: 'Éditions Libres',
  url: 'https://carnet.example.fr',
  purpose: 'Suivre les lectures des élèves de la classe',
  classes: ['6e A', '6e B'],
  approxStudentCount: 52,
  dataCategories: ['IDENTITY', 'ASSESSMENT'],
  pseudonymsUsed: true,
  hosting: 'EU',
  hostingCountry: 'France',
  freeSoftware: 'YES',
  institutional: false,
  commercialReuse: 'NO',
  familiesInformed: true,
  retentionMonths: 12,
  securityMeasures: 'Comptes individuels, mots de passe changés à chaque trimestre',
  ...overrides,
});

/** Counts SQL statements while `counting` is on (N+1 check). */
class CountingLogger implements TypeormLogger {
  counting = false;
  queries: string[] = [];
  logQuery(query: string): void {
    if (this.counting) this.queries.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describe('tool declarations', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  const sql = new CountingLogger();

  beforeAll(async () => {
    t = await createTestApp({ sqlLogger: sql });
    f = new Factory(t.dataSource);
    w = await f.world();
  });
  afterAll(() => t.close());

  const gqlOk = async <T>(query: string, variables: Record<string, unknown>, user: TestUser) =>
    ok(await t.gql<T>(query, variables, user.token));
  const create = (user: TestUser, input: Record<string, unknown>) =>
    t.gql<{ createToolDeclaration: DeclarationView }>(CREATE_DECLARATION, { input }, user.token);
  const createOk = async (user: TestUser, input: Record<string, unknown>) =>
    ok(await create(user, input)).createToolDeclaration;
  const update = (user: TestUser, id: string, version: number, input: Record<string, unknown>) =>
    t.gql<{ updateToolDeclaration: DeclarationView }>(UPDATE_DECLARATION, { id, version, input }, user.token);
  const submit = (user: TestUser, id: string) =>
    t.gql<{ submitToolDeclaration: DeclarationView }>(SUBMIT_DECLARATION, { id }, user.token);
  const withdraw = (user: TestUser, id: string) =>
    t.gql<{ withdrawToolDeclaration: DeclarationView }>(WITHDRAW_DECLARATION, { id }, user.token);
  const decide = (user: TestUser, id: string, input: Record<string, unknown>) =>
    t.gql<{ decideToolDeclaration: DeclarationView }>(DECIDE_DECLARATION, { id, input }, user.token);
  const byId = async (user: TestUser, id: string) =>
    (await gqlOk<{ toolDeclaration: DeclarationView | null }>(DECLARATION, { id }, user)).toolDeclaration;
  const listIds = async (user: TestUser, filter: Record<string, unknown> = {}) =>
    (
      await gqlOk<{ toolDeclarations: { nodes: { id: string }[] } }>(
        DECLARATIONS,
        { filter, first: 100 },
        user,
      )
    ).toolDeclarations.nodes.map((n) => n.id);
  const treatmentById = async (user: TestUser, id: string) =>
    (await gqlOk<{ treatment: TreatmentView | null }>(TREATMENT, { id }, user)).treatment;
  const treatmentIds = async (user: TestUser, filter: Record<string, unknown> = {}) =>
    (
      await gqlOk<{ treatments: { nodes: { id: string }[] } }>(TREATMENTS, { filter, first: 100 }, user)
    ).treatments.nodes.map((n) => n.id);
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
  /** a declaration of `author` in `schoolId`, brought to `status` through the API */
  const inState = async (
    status: string,
    author: TestUser,
    head: TestUser,
    schoolId: string,
    overrides: Record<string, unknown> = {},
  ): Promise<DeclarationView> => {
    let d = await createOk(author, safeTool(schoolId, overrides));
    if (status === 'DRAFT') return d;
    if (status === 'WITHDRAWN') return ok(await withdraw(author, d.id)).withdrawToolDeclaration;
    d = ok(await submit(author, d.id)).submitToolDeclaration;
    if (status === 'SUBMITTED') return d;
    const decision = { APPROVED: 'APPROVE', REJECTED: 'REJECT', CHANGES_REQUESTED: 'REQUEST_CHANGES' }[
      status
    ];
    if (!decision) throw new Error(`unknown state ${status}`);
    return ok(await decide(head, d.id, { decision, comment: 'Décision de test' })).decideToolDeclaration;
  };

  describe('the whole flow, as a teacher, its head and the head of another school', () => {
    it('draft, edit, submit, changes requested, edit, submit, approved into a new treatment', async () => {
      const { teacherA: teacher, headA: head, headB: otherHead, schoolA: school } = w;

      // draft: a tool hosted outside the EU, with real names: HIGH risk at once
      const draft = await createOk(
        teacher,
        safeTool(school.id, {
          toolName: '  Quiz Éclair  ',
          vendor: 'Quizzy Inc.',
          url: 'https://quizzy.example.com',
          purpose: 'Évaluer les acquis en mathématiques',
          hosting: 'NON_EU',
          hostingCountry: 'États-Unis',
          freeSoftware: 'NO',
          pseudonymsUsed: false,
          retentionMonths: null,
          securityMeasures: null,
        }),
      );
      expect(draft).toMatchObject({
        status: 'DRAFT',
        toolName: 'Quiz Éclair',
        school: { id: school.id },
        declaredBy: { id: teacher.id },
        riskFlags: [
          'NON_EU_HOSTING',
          'IDENTITY_WITHOUT_PSEUDONYMS',
          'NO_RETENTION_LIMIT',
          'NEITHER_FREE_NOR_INSTITUTIONAL',
        ],
        riskLevel: 'HIGH',
        version: 1,
        submittedAt: null,
      });

      // edit: pseudonyms, a retention limit; the risk is assessed again
      const edited = ok(
        await update(teacher, draft.id, 1, {
          pseudonymsUsed: true,
          retentionMonths: 12,
          securityMeasures: 'Pseudonymes, pas de messagerie',
        }),
      ).updateToolDeclaration;
      expect(edited).toMatchObject({
        status: 'DRAFT',
        riskFlags: ['NON_EU_HOSTING', 'NEITHER_FREE_NOR_INSTITUTIONAL'],
        riskLevel: 'HIGH',
        retentionMonths: 12,
        version: 2,
        toolName: 'Quiz Éclair',
      });

      const submitted = ok(await submit(teacher, draft.id)).submitToolDeclaration;
      expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 3 });
      expect(submitted.submittedAt).not.toBeNull();

      // the other head sees nothing and can decide nothing
      expect(await byId(otherHead, draft.id)).toBeNull();
      expect(await listIds(otherHead)).not.toContain(draft.id);
      expect(errorCode(await decide(otherHead, draft.id, { decision: 'APPROVE' }))).toBe('NOT_FOUND');

      const sentBack = ok(
        await decide(head, draft.id, {
          decision: 'REQUEST_CHANGES',
          comment: '  Précisez le pays d’hébergement.  ',
        }),
      ).decideToolDeclaration;
      expect(sentBack).toMatchObject({
        status: 'CHANGES_REQUESTED',
        decisionComment: 'Précisez le pays d’hébergement.',
        version: 4,
      });
      expect(sentBack.decidedAt).not.toBeNull();
      expect(sentBack.treatment).toBeNull();

      const reEdited = ok(
        await update(teacher, draft.id, 4, { hostingCountry: 'Canada', classes: ['5e C'] }),
      ).updateToolDeclaration;
      expect(reEdited).toMatchObject({
        status: 'CHANGES_REQUESTED',
        hostingCountry: 'Canada',
        classes: ['5e C'],
        version: 5,
      });
      expect(ok(await submit(teacher, draft.id)).submitToolDeclaration).toMatchObject({
        status: 'SUBMITTED',
        version: 6,
      });

      const approved = ok(await decide(head, draft.id, { decision: 'APPROVE' })).decideToolDeclaration;
      expect(approved).toMatchObject({ status: 'APPROVED', decisionComment: null, version: 7 });
      const treatment = approved.treatment!;
      // every field RULES.md lists, copied from the declaration, and a new treatment's own (no archive
      // reason, its timestamps)
      expect(treatment).toEqual({
        id: expect.any(String),
        reference: 'T-001',
        name: 'Quiz Éclair',
        purposes: ['Évaluer les acquis en mathématiques'],
        legalBasis: 'PUBLIC_INTEREST',
        subjectCategories: ['STUDENTS'],
        dataCategories: ['IDENTITY', 'ASSESSMENT'],
        sensitiveData: false,
        recipients: [],
        processors: ['Quizzy Inc.'],
        transfers: [{ country: 'Canada', recipient: 'Quizzy Inc.', safeguard: 'OTHER' }],
        retention: "12 mois après la fin de l'activité",
        retentionMonths: 12,
        securityMeasures: ['Pseudonymes, pas de messagerie'],
        dpiaRequired: false,
        status: 'ACTIVE',
        archivedReason: null,
        reviewState: 'NOT_REVIEWED',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        school: { id: school.id },
        declarations: [{ id: draft.id }],
      });

      // the trail: each step, field by field
      const trail = await events(draft.id);
      expect(trail.map((e) => e.action)).toEqual([
        'CREATE',
        'UPDATE',
        'TRANSITION',
        'TRANSITION',
        'UPDATE',
        'TRANSITION',
        'TRANSITION',
      ]);
      expect(trail.every((e) => e.school_id === school.id && e.academy_id === w.academy.id)).toBe(true);
      expect(trail.every((e) => e.entity_type === 'ToolDeclaration')).toBe(true);
      expect(JSON.parse(trail[1].changes)).toEqual({
        pseudonymsUsed: [false, true],
        retentionMonths: [null, 12],
        securityMeasures: [null, 'Pseudonymes, pas de messagerie'],
        riskFlags: [
          [
            'NON_EU_HOSTING',
            'IDENTITY_WITHOUT_PSEUDONYMS',
            'NO_RETENTION_LIMIT',
            'NEITHER_FREE_NOR_INSTITUTIONAL',
          ],
          ['NON_EU_HOSTING', 'NEITHER_FREE_NOR_INSTITUTIONAL'],
        ],
      });
      expect(JSON.parse(trail[3].changes)).toMatchObject({
        status: ['SUBMITTED', 'CHANGES_REQUESTED'],
        decisionComment: [null, 'Précisez le pays d’hébergement.'],
        decidedById: [null, head.id],
      });
      expect(trail[3].actor_id).toBe(head.id);
      expect(JSON.parse(trail[6].changes)).toMatchObject({
        status: ['SUBMITTED', 'APPROVED'],
        treatmentId: [null, treatment.id],
        decisionComment: ['Précisez le pays d’hébergement.', null],
      });
      const [treatmentCreated] = await events(treatment.id);
      expect(treatmentCreated).toMatchObject({
        action: 'CREATE',
        entity_type: 'Treatment',
        actor_id: head.id,
      });

      // the other head: nothing, by id or in lists
      expect(await treatmentById(otherHead, treatment.id)).toBeNull();
      expect(await treatmentIds(otherHead)).not.toContain(treatment.id);
      expect(await byId(otherHead, draft.id)).toBeNull();

      // the teacher reads the ACTIVE treatment, and no longer once it is archived
      expect((await treatmentById(teacher, treatment.id))!.declarations).toEqual([{ id: draft.id }]);
      expect(await treatmentIds(teacher)).toContain(treatment.id);
      expect((await byId(teacher, draft.id))!.treatment).toEqual({ id: treatment.id, status: 'ACTIVE' });
      ok(await t.gql(ARCHIVE_TREATMENT, { id: treatment.id, reason: 'Outil remplacé' }, head.token));
      expect(await treatmentById(teacher, treatment.id)).toBeNull();
      expect(await treatmentIds(teacher)).not.toContain(treatment.id);
      expect((await byId(teacher, draft.id))!.treatment).toBeNull();
      expect((await byId(head, draft.id))!.treatment).toEqual({ id: treatment.id, status: 'ARCHIVED' });
      expect(await treatmentIds(head, { status: 'ARCHIVED' })).toContain(treatment.id);
    });

    it('copies a declaration without vendor, country, retention or measures as RULES.md says', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const teacher = await f.user(w.academy, [{ role: 'TEACHER', school }]);
      const d = await inState('SUBMITTED', teacher, head, school.id, {
        toolName: 'Appli Santé',
        vendor: null,
        hosting: 'NON_EU',
        hostingCountry: '   ',
        retentionMonths: null,
        securityMeasures: '',
        dataCategories: ['IDENTITY', 'HEALTH'],
      });
      expect(d).toMatchObject({ vendor: null, hostingCountry: null, securityMeasures: null });
      const treatment = ok(await decide(head, d.id, { decision: 'APPROVE', comment: 'Vu' }))
        .decideToolDeclaration.treatment!;
      expect(treatment).toMatchObject({
        reference: 'T-001',
        name: 'Appli Santé',
        processors: [],
        transfers: [{ country: 'Inconnu', recipient: 'Appli Santé', safeguard: 'OTHER' }],
        retention: 'À définir',
        retentionMonths: null,
        securityMeasures: [],
        dataCategories: ['IDENTITY', 'HEALTH'],
        sensitiveData: true,
        dpiaRequired: true,
      });

      const eu = await inState('SUBMITTED', teacher, head, school.id, { hosting: 'EU' });
      const euTreatment = ok(await decide(head, eu.id, { decision: 'APPROVE' })).decideToolDeclaration
        .treatment!;
      expect(euTreatment).toMatchObject({
        reference: 'T-002',
        transfers: [],
        processors: ['Éditions Libres'],
      });
      const unknown = await inState('SUBMITTED', teacher, head, school.id, { hosting: 'UNKNOWN' });
      expect(
        ok(await decide(head, unknown.id, { decision: 'APPROVE' })).decideToolDeclaration.treatment!
          .transfers,
      ).toEqual([]);
    });
  });

  describe('approval into an existing treatment', () => {
    it('files the declaration under it and merges its data categories', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const teacher = await f.user(w.academy, [{ role: 'TEACHER', school }]);
      const existing = (
        await gqlOk<{ createTreatment: TreatmentView }>(
          CREATE_TREATMENT,
          {
            input: {
              schoolId: school.id,
              name: 'Évaluation des élèves',
              purposes: ['Évaluer'],
              legalBasis: 'PUBLIC_INTEREST',
              subjectCategories: ['STUDENTS'],
              dataCategories: ['IDENTITY', 'ASSESSMENT'],
              retention: 'Un an',
            },
          },
          head,
        )
      ).createTreatment;
      await t.dataSource.query(`UPDATE treatment SET review_state = 'APPROVED' WHERE id = $1`, [existing.id]);

      const d = await inState('SUBMITTED', teacher, head, school.id, {
        dataCategories: ['ASSESSMENT', 'HEALTH', 'IMAGE_VOICE'],
      });
      const before = await counts(t.dataSource, 'treatment');
      const approved = ok(
        await decide(head, d.id, { decision: 'APPROVE', treatmentId: existing.id, comment: 'Rattaché' }),
      ).decideToolDeclaration;
      expect(approved).toMatchObject({ status: 'APPROVED', decisionComment: 'Rattaché' });
      expect(approved.treatment).toMatchObject({
        id: existing.id,
        reference: 'T-001',
        name: 'Évaluation des élèves',
        dataCategories: ['IDENTITY', 'ASSESSMENT', 'HEALTH', 'IMAGE_VOICE'],
        sensitiveData: true,
        dpiaRequired: true,
        reviewState: 'NOT_REVIEWED',
        version: 2,
        declarations: [{ id: d.id }],
      });
      // no new treatment; one event for the treatment, one for the declaration
      const after = await counts(t.dataSource, 'treatment');
      expect(after.rows).toBe(before.rows);
      expect(after.events).toBe(before.events + 2);
      const [, merged] = await events(existing.id);
      expect(merged.action).toBe('UPDATE');
      expect(JSON.parse(merged.changes)).toEqual({
        dataCategories: [
          ['IDENTITY', 'ASSESSMENT'],
          ['IDENTITY', 'ASSESSMENT', 'HEALTH', 'IMAGE_VOICE'],
        ],
        sensitiveData: [false, true],
        dpiaRequired: [false, true],
        reviewState: ['APPROVED', 'NOT_REVIEWED'],
      });

      // a second declaration with nothing new leaves the treatment as it is
      const again = await inState('SUBMITTED', teacher, head, school.id, { dataCategories: ['HEALTH'] });
      const second = ok(await decide(head, again.id, { decision: 'APPROVE', treatmentId: existing.id }))
        .decideToolDeclaration.treatment!;
      expect(second.version).toBe(2);
      expect(second.declarations.map((x) => x.id).sort()).toEqual([d.id, again.id].sort());

      // a teacher only sees its own declarations under the treatment
      const colleague = await f.user(w.academy, [{ role: 'TEACHER', school }]);
      const theirs = await inState('SUBMITTED', colleague, head, school.id, { dataCategories: ['IDENTITY'] });
      ok(await decide(head, theirs.id, { decision: 'APPROVE', treatmentId: existing.id }));
      expect((await treatmentById(colleague, existing.id))!.declarations).toEqual([{ id: theirs.id }]);
      expect((await treatmentById(teacher, existing.id))!.declarations.map((x) => x.id).sort()).toEqual(
        [d.id, again.id].sort(),
      );
      expect((await treatmentById(head, existing.id))!.declarations).toHaveLength(3);
      expect((await treatmentById(w.dpd, existing.id))!.declarations).toHaveLength(3);
    });

    it('refuses an archived treatment, another school’s, and an unknown one, writing nothing', async () => {
      const other = await f.school(w.academy);
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [
        { role: 'HEAD', school },
        { role: 'HEAD', school: other },
      ]);
      const teacher = await f.user(w.academy, [{ role: 'TEACHER', school }]);
      const treatmentInput = (schoolId: string) => ({
        schoolId,
        name: 'Traitement',
        purposes: ['But'],
        legalBasis: 'PUBLIC_INTEREST',
        subjectCategories: ['STUDENTS'],
        dataCategories: ['IDENTITY'],
        retention: 'Un an',
      });
      const archived = (
        await gqlOk<{ createTreatment: TreatmentView }>(
          CREATE_TREATMENT,
          { input: treatmentInput(school.id) },
          head,
        )
      ).createTreatment;
      ok(await t.gql(ARCHIVE_TREATMENT, { id: archived.id, reason: 'Fini' }, head.token));
      const elsewhere = (
        await gqlOk<{ createTreatment: TreatmentView }>(
          CREATE_TREATMENT,
          { input: treatmentInput(other.id) },
          head,
        )
      ).createTreatment;
      const inB = (
        await gqlOk<{ createTreatment: TreatmentView }>(
          CREATE_TREATMENT,
          { input: treatmentInput(w.schoolB.id) },
          w.headB,
        )
      ).createTreatment;
      const d = await inState('SUBMITTED', teacher, head, school.id);

      const before = await counts(t.dataSource, 'treatment');
      expect(errorCode(await decide(head, d.id, { decision: 'APPROVE', treatmentId: archived.id }))).toBe(
        'CONFLICT',
      );
      const wrongSchool = await decide(head, d.id, { decision: 'APPROVE', treatmentId: elsewhere.id });
      expect(errorCode(wrongSchool)).toBe('BAD_USER_INPUT');
      expect(Object.keys(wrongSchool.errors![0].extensions!.fields!)).toEqual(['treatmentId']);
      expect(errorCode(await decide(head, d.id, { decision: 'APPROVE', treatmentId: inB.id }))).toBe(
        'NOT_FOUND',
      );
      expect(
        errorCode(
          await decide(head, d.id, {
            decision: 'APPROVE',
            treatmentId: '00000000-0000-4000-8000-000000000000',
          }),
        ),
      ).toBe('NOT_FOUND');
      const notForReject = await decide(head, d.id, {
        decision: 'REJECT',
        comment: 'Non',
        treatmentId: archived.id,
      });
      expect(errorCode(notForReject)).toBe('BAD_USER_INPUT');
      expect(await counts(t.dataSource, 'treatment')).toEqual(before);
      expect((await byId(head, d.id))!).toMatchObject({ status: 'SUBMITTED', version: d.version });
    });
  });

  describe('transitions (RULES.md)', () => {
    const ALL_DECISIONS = ['APPROVE', 'REQUEST_CHANGES', 'REJECT'];
    const act = (action: string, d: DeclarationView, author: TestUser, head: TestUser) => {
      switch (action) {
        case 'update':
          return update(author, d.id, d.version, { toolName: 'Nouveau nom' });
        case 'submit':
          return submit(author, d.id);
        case 'withdraw':
          return withdraw(author, d.id);
        default:
          return decide(head, d.id, { decision: action, comment: 'Commentaire' });
      }
    };
    const FORBIDDEN_TRANSITIONS: [string, string[]][] = [
      ['DRAFT', ALL_DECISIONS],
      ['SUBMITTED', ['update', 'submit']],
      ['CHANGES_REQUESTED', ALL_DECISIONS],
      ['APPROVED', ['update', 'submit', 'withdraw', ...ALL_DECISIONS]],
      ['REJECTED', ['update', 'submit', 'withdraw', ...ALL_DECISIONS]],
      ['WITHDRAWN', ['update', 'submit', 'withdraw', ...ALL_DECISIONS]],
    ];

    it.each(FORBIDDEN_TRANSITIONS)(
      'from %s, refuses %j with CONFLICT and changes nothing',
      async (state, actions) => {
        const d = await inState(state, w.teacherA, w.headA, w.schoolA.id);
        const before = await counts(t.dataSource, 'tool_declaration');
        for (const action of actions) {
          const result = await act(action, d, w.teacherA, w.headA);
          expect([action, errorCode(result)]).toEqual([action, 'CONFLICT']);
        }
        expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
        expect(await byId(w.headA, d.id)).toMatchObject({ status: state, version: d.version });
      },
    );

    it.each([
      ['DRAFT', 'submit', 'SUBMITTED'],
      ['DRAFT', 'withdraw', 'WITHDRAWN'],
      ['DRAFT', 'update', 'DRAFT'],
      ['SUBMITTED', 'withdraw', 'WITHDRAWN'],
      ['SUBMITTED', 'APPROVE', 'APPROVED'],
      ['SUBMITTED', 'REJECT', 'REJECTED'],
      ['SUBMITTED', 'REQUEST_CHANGES', 'CHANGES_REQUESTED'],
      ['CHANGES_REQUESTED', 'update', 'CHANGES_REQUESTED'],
      ['CHANGES_REQUESTED', 'submit', 'SUBMITTED'],
      ['CHANGES_REQUESTED', 'withdraw', 'WITHDRAWN'],
    ])('from %s, %s leads to %s with one audit event', async (state, action, target) => {
      const d = await inState(state, w.teacherA, w.headA, w.schoolA.id);
      const before = (await events(d.id)).length;
      const result = await act(action, d, w.teacherA, w.headA);
      expect(errorCode(result)).toBeUndefined();
      expect(await byId(w.headA, d.id)).toMatchObject({ status: target, version: d.version + 1 });
      const trail = await events(d.id);
      expect(trail).toHaveLength(before + 1);
      expect(trail[trail.length - 1].action).toBe(action === 'update' ? 'UPDATE' : 'TRANSITION');
    });

    it('a stale version is a CONFLICT; an edit that changes nothing keeps the version and writes no event', async () => {
      const d = await createOk(w.teacherA, safeTool(w.schoolA.id));
      ok(await update(w.teacherA, d.id, 1, { toolName: 'Renommé' }));
      const before = await counts(t.dataSource, 'tool_declaration');
      expect(errorCode(await update(w.teacherA, d.id, 1, { toolName: 'Écrasé' }))).toBe('CONFLICT');
      const same = ok(
        await update(w.teacherA, d.id, 2, { toolName: 'Renommé', classes: ['6e A', '6e B'] }),
      ).updateToolDeclaration;
      expect(same.version).toBe(2);
      expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
      expect((await byId(w.teacherA, d.id))!.toolName).toBe('Renommé');
    });
  });

  describe('who may do what (RULES.md)', () => {
    let colleague: TestUser;
    let otherAcademy: { dpd: TestUser; admin: TestUser; teacher: TestUser; schoolId: string };
    let byTeacher: DeclarationView;
    let byHead: DeclarationView;
    let inB: DeclarationView;

    beforeAll(async () => {
      colleague = await f.user(w.academy, [{ role: 'TEACHER', school: w.schoolA }]);
      const academy = await f.academy();
      const school = await f.school(academy);
      otherAcademy = {
        dpd: await f.user(academy, [{ role: 'DPD' }]),
        admin: await f.user(academy, [{ role: 'ADMIN' }]),
        teacher: await f.user(academy, [{ role: 'TEACHER', school }]),
        schoolId: school.id,
      };
      byTeacher = await createOk(w.teacherA, safeTool(w.schoolA.id, { toolName: 'Permission enseignant' }));
      byHead = await createOk(w.headA, safeTool(w.schoolA.id, { toolName: 'Permission direction' }));
      inB = await createOk(w.teacherB, safeTool(w.schoolB.id, { toolName: 'Permission B' }));
    });

    it('declare: a TEACHER or HEAD of the school; DPD and ADMIN are FORBIDDEN; other schools NOT_FOUND', async () => {
      expect(byTeacher.declaredBy.id).toBe(w.teacherA.id);
      expect(byHead.declaredBy.id).toBe(w.headA.id);
      const before = await counts(t.dataSource, 'tool_declaration');
      expect(errorCode(await create(w.dpd, safeTool(w.schoolA.id)))).toBe('FORBIDDEN');
      expect(errorCode(await create(w.admin, safeTool(w.schoolA.id)))).toBe('FORBIDDEN');
      expect(errorCode(await create(otherAcademy.admin, safeTool(w.schoolA.id)))).toBe('FORBIDDEN');
      expect(errorCode(await create(w.teacherB, safeTool(w.schoolA.id)))).toBe('NOT_FOUND');
      expect(errorCode(await create(w.headB, safeTool(w.schoolA.id)))).toBe('NOT_FOUND');
      expect(errorCode(await create(otherAcademy.dpd, safeTool(w.schoolA.id)))).toBe('NOT_FOUND');
      expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
    });

    it('edit, submit, withdraw: the author only', async () => {
      const before = await counts(t.dataSource, 'tool_declaration');
      // in scope, not the author: FORBIDDEN
      for (const user of [w.headA, w.dpd, w.admin]) {
        expect(errorCode(await update(user, byTeacher.id, 1, { toolName: 'X' }))).toBe('FORBIDDEN');
        expect(errorCode(await submit(user, byTeacher.id))).toBe('FORBIDDEN');
        expect(errorCode(await withdraw(user, byTeacher.id))).toBe('FORBIDDEN');
      }
      expect(errorCode(await update(w.teacherA, byHead.id, 1, { toolName: 'X' }))).toBe('NOT_FOUND');
      // out of scope: NOT_FOUND
      for (const user of [colleague, w.teacherB, w.headB, otherAcademy.dpd]) {
        expect(errorCode(await update(user, byTeacher.id, 1, { toolName: 'X' }))).toBe('NOT_FOUND');
        expect(errorCode(await submit(user, byTeacher.id))).toBe('NOT_FOUND');
        expect(errorCode(await withdraw(user, byTeacher.id))).toBe('NOT_FOUND');
      }
      expect(errorCode(await submit(w.teacherA, 'pas-un-uuid'))).toBe('NOT_FOUND');
      expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
      // the HEAD edits its own declaration
      expect(
        ok(await update(w.headA, byHead.id, 1, { vendor: null })).updateToolDeclaration.vendor,
      ).toBeNull();
    });

    it('decide: a HEAD of the school only', async () => {
      const d = await inState('SUBMITTED', w.teacherA, w.headA, w.schoolA.id);
      const before = await counts(t.dataSource, 'tool_declaration');
      for (const user of [w.teacherA, w.dpd, w.admin]) {
        expect(errorCode(await decide(user, d.id, { decision: 'APPROVE' }))).toBe('FORBIDDEN');
      }
      for (const user of [colleague, w.headB, w.teacherB, otherAcademy.dpd]) {
        expect(errorCode(await decide(user, d.id, { decision: 'REJECT', comment: 'Non' }))).toBe('NOT_FOUND');
      }
      expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
      expect(
        ok(await decide(w.headA, d.id, { decision: 'REJECT', comment: 'Non' })).decideToolDeclaration.status,
      ).toBe('REJECTED');
    });

    it('read: TEACHER its own, HEAD its schools, DPD its academy, ADMIN all', async () => {
      const all = [byTeacher.id, byHead.id, inB.id];
      const seen = async (user: TestUser, filter: Record<string, unknown> = {}) => {
        const ids = await listIds(user, filter);
        return all.filter((id) => ids.includes(id)).sort();
      };
      expect(await seen(w.teacherA)).toEqual([byTeacher.id]);
      expect(await byId(w.teacherA, byHead.id)).toBeNull();
      expect(await seen(colleague)).toEqual([]);
      expect(await byId(colleague, byTeacher.id)).toBeNull();
      expect(await seen(w.headA)).toEqual([byTeacher.id, byHead.id].sort());
      expect(await byId(w.headA, inB.id)).toBeNull();
      expect(await seen(w.headB)).toEqual([inB.id]);
      expect(await seen(w.teacherB)).toEqual([inB.id]);
      expect(await seen(w.dpd)).toEqual([...all].sort());
      expect(await byId(w.dpd, inB.id)).not.toBeNull();
      expect(await seen(otherAcademy.dpd)).toEqual([]);
      expect(await byId(otherAcademy.dpd, byTeacher.id)).toBeNull();
      expect(await seen(otherAcademy.teacher)).toEqual([]);
      expect(await seen(otherAcademy.admin, { schoolId: w.schoolA.id })).toEqual(
        [byTeacher.id, byHead.id].sort(),
      );
      expect(await byId(otherAcademy.admin, inB.id)).not.toBeNull();
      expect(await byId(w.admin, 'pas-un-uuid')).toBeNull();
    });
  });

  describe('validation', () => {
    it('refuses invalid input with extensions.fields, and writes nothing', async () => {
      const before = await counts(t.dataSource, 'tool_declaration');
      const result = await create(
        w.teacherA,
        safeTool(w.schoolA.id, {
          toolName: '   ',
          url: 'ftp://outil.example.fr',
          purpose: 'p'.repeat(5001),
          classes: ['6e A', '6e A'],
          approxStudentCount: -1,
          dataCategories: [],
          retentionMonths: 1201,
          vendor: 'v'.repeat(201),
        }),
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions!.fields).toEqual({
        toolName: 'Ce champ est obligatoire.',
        url: 'Adresse web invalide : http:// ou https:// attendu.',
        purpose: '5000 caractères au maximum.',
        classes: 'La liste contient des doublons.',
        approxStudentCount: 'Le nombre doit être positif ou nul.',
        dataCategories: 'Choisissez au moins 1 valeur(s).',
        retentionMonths: '1200 mois au maximum.',
        vendor: '200 caractères au maximum.',
      });
      const duplicates = await create(
        w.teacherA,
        safeTool(w.schoolA.id, { dataCategories: ['HEALTH', 'HEALTH'] }),
      );
      expect(duplicates.errors![0].extensions!.fields).toEqual({
        dataCategories: 'La liste contient des doublons.',
      });
      const badSchool = await create(w.teacherA, safeTool('pas-un-uuid'));
      expect(badSchool.errors![0].extensions!.fields).toEqual({ schoolId: 'Identifiant invalide.' });
      expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
    });

    it('trims texts, stores an empty optional text as null, and checks patches the same way', async () => {
      const d = await createOk(
        w.teacherA,
        safeTool(w.schoolA.id, {
          toolName: '  Padlet  ',
          vendor: '  ',
          url: ' https://padlet.example.com ',
          classes: null,
        }),
      );
      expect(d).toMatchObject({
        toolName: 'Padlet',
        vendor: null,
        url: 'https://padlet.example.com',
        classes: [],
      });
      expect(d.approxStudentCount).toBe(52);
      const before = await counts(t.dataSource, 'tool_declaration');
      const bad = await update(w.teacherA, d.id, 1, {
        toolName: null,
        dataCategories: [],
        hosting: null,
        pseudonymsUsed: null,
        url: 'javascript:alert(1)',
      });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(Object.keys(bad.errors![0].extensions!.fields!).sort()).toEqual([
        'dataCategories',
        'hosting',
        'pseudonymsUsed',
        'toolName',
        'url',
      ]);
      expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
      const cleared = ok(
        await update(w.teacherA, d.id, 1, { url: null, approxStudentCount: null, classes: ['CM2'] }),
      ).updateToolDeclaration;
      expect(cleared).toMatchObject({
        url: null,
        approxStudentCount: null,
        classes: ['CM2'],
        toolName: 'Padlet',
      });
    });

    it('REJECT and REQUEST_CHANGES need a comment', async () => {
      const d = await inState('SUBMITTED', w.teacherA, w.headA, w.schoolA.id);
      const before = await counts(t.dataSource, 'tool_declaration');
      for (const [decision, comment] of [
        ['REJECT', undefined],
        ['REJECT', '   '],
        ['REQUEST_CHANGES', null],
        ['REQUEST_CHANGES', ''],
      ]) {
        const result = await decide(w.headA, d.id, { decision, comment });
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
        expect(Object.keys(result.errors![0].extensions!.fields!)).toEqual(['comment']);
      }
      expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
      expect((await byId(w.headA, d.id))!.status).toBe('SUBMITTED');
    });
  });

  describe('toolDeclarations list', () => {
    it('filters by school, status, risk level and accent-insensitive search on tool name or vendor', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const teacher = await f.user(w.academy, [{ role: 'TEACHER', school }]);
      await createOk(teacher, safeTool(school.id, { toolName: 'Carnet des Élèves', vendor: 'Libre' }));
      await createOk(
        teacher,
        safeTool(school.id, { toolName: 'Quiz', vendor: 'Société Générale du Numérique', hosting: 'NON_EU' }),
      );
      const submitted = await inState('SUBMITTED', teacher, head, school.id, {
        toolName: 'Mur collaboratif',
        familiesInformed: false,
      });
      expect(submitted.riskLevel).toBe('MEDIUM');

      const names = async (filter: Record<string, unknown>) => {
        const { toolDeclarations } = await gqlOk<{ toolDeclarations: { nodes: { toolName: string }[] } }>(
          DECLARATIONS,
          { filter: { schoolId: school.id, ...filter } },
          head,
        );
        return toolDeclarations.nodes.map((n) => n.toolName).sort();
      };
      expect(await names({})).toEqual(['Carnet des Élèves', 'Mur collaboratif', 'Quiz']);
      expect(await names({ search: 'eleves' })).toEqual(['Carnet des Élèves']);
      expect(await names({ search: 'CARNET DES ÉLÈVES' })).toEqual(['Carnet des Élèves']);
      expect(await names({ search: 'societe generale' })).toEqual(['Quiz']);
      expect(await names({ search: '_' })).toEqual([]);
      expect(await names({ status: 'SUBMITTED' })).toEqual(['Mur collaboratif']);
      expect(await names({ status: 'DRAFT' })).toEqual(['Carnet des Élèves', 'Quiz']);
      expect(await names({ riskLevel: 'HIGH' })).toEqual(['Quiz']);
      expect(await names({ riskLevel: 'LOW' })).toEqual(['Carnet des Élèves']);
      expect(await names({ status: 'SUBMITTED', riskLevel: 'HIGH' })).toEqual([]);
    });

    it('pages newest first over more than one page', async () => {
      const school = await f.school(w.academy);
      const teacher = await f.user(w.academy, [{ role: 'TEACHER', school }]);
      const created: string[] = [];
      for (let i = 1; i <= 5; i++)
        created.push((await createOk(teacher, safeTool(school.id, { toolName: `Outil ${i}` }))).id);
      const walk = await walkPages<{ id: string }>(
        t,
        DECLARATIONS,
        'toolDeclarations',
        { filter: { schoolId: school.id }, first: 2 },
        teacher.token,
      );
      expect(walk.totalCounts).toEqual([5, 5, 5]);
      expect(walk.pages).toBe(3);
      // newest first; declarations made within one millisecond come in descending id order
      const order: { id: string }[] = await t.dataSource.query(
        'SELECT id FROM tool_declaration WHERE school_id = $1 ORDER BY created_at DESC, id DESC',
        [school.id],
      );
      expect(order.map((r) => r.id).sort()).toEqual([...created].sort());
      expect(walk.nodes.map((n) => n.id)).toEqual(order.map((r) => r.id));
      const badCursor = await t.gql(DECLARATIONS, { first: 2, after: 'nimportequoi' }, teacher.token);
      expect(badCursor.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { after: expect.any(String) },
      });
    });

    it('resolves school, author and treatment of a page in a constant number of queries (no N+1)', async () => {
      const school = await f.school(w.academy);
      const head = await f.user(w.academy, [{ role: 'HEAD', school }]);
      const teachers = [
        await f.user(w.academy, [{ role: 'TEACHER', school }]),
        await f.user(w.academy, [{ role: 'TEACHER', school }]),
      ];
      const queriesFor = async () => {
        sql.queries = [];
        sql.counting = true;
        // stays local: it selects exactly the relations whose SQL statements the test counts
        const { toolDeclarations } = await gqlOk<{ toolDeclarations: { nodes: unknown[] } }>(
          `query ($filter: DeclarationFilter) { toolDeclarations(filter: $filter, first: 100) { nodes {
             id school { id name } declaredBy { id displayName } treatment { id reference school { id } declarations { id } } } } }`,
          { filter: { schoolId: school.id } },
          w.dpd,
        );
        sql.counting = false;
        return { rows: toolDeclarations.nodes.length, queries: sql.queries.length };
      };
      for (const teacher of teachers) await inState('APPROVED', teacher, head, school.id);
      const small = await queriesFor();
      for (let i = 0; i < 8; i++) await inState('APPROVED', teachers[i % 2], head, school.id);
      const large = await queriesFor();
      expect([small.rows, large.rows]).toEqual([2, 10]);
      // the caller, the page, its count, then one query per relation: schools, authors, treatments, declarations
      expect(small.queries).toBeGreaterThan(0);
      expect(large.queries).toBe(small.queries);
      expect(large.queries).toBeLessThanOrEqual(8);
    });
  });
});
