import { normaliseToolName } from '@app/rules';
import { counts, Factory, TestSchool, TestUser } from '../helpers/factories';
import { createTestApp, errorCode, GqlResult, ok, TestApp, walkPages } from '../helpers/test-app';

/** The académie's tool catalogue (RULES.md, "Catalogue"), through the real GraphQL endpoint. */

type World = Awaited<ReturnType<Factory['world']>>;

const ENTRY = `id name aliases vendor url hosting hostingCountry freeSoftware institutional commercialReuse
  dataCategories retentionMonths opinion conditions riskFlags riskLevel schoolCount declarationCount
  version reviewedAt reviewedBy { id } academy { id } alternatives { id name }`;
const DECLARATION = `id status toolName vendor url hosting freeSoftware institutional commercialReuse riskFlags
  riskLevel version catalogTool { id name opinion }`;

interface EntryView {
  id: string;
  name: string;
  aliases: string[];
  vendor: string | null;
  hosting: string;
  opinion: string;
  riskFlags: string[];
  riskLevel: string;
  schoolCount: number;
  declarationCount: number;
  version: number;
  reviewedAt: string | null;
  reviewedBy: { id: string } | null;
  academy: { id: string };
  alternatives: { id: string; name: string }[];
}
interface DeclarationView {
  id: string;
  status: string;
  toolName: string;
  vendor: string | null;
  hosting: string;
  freeSoftware: string;
  riskFlags: string[];
  riskLevel: string;
  version: number;
  catalogTool: { id: string; name: string; opinion: string } | null;
}

const entryInput = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  aliases: [],
  vendor: 'Éditeur SAS',
  url: 'https://outil.example.fr',
  dataCategories: ['IDENTITY', 'ASSESSMENT'],
  hosting: 'EU',
  freeSoftware: 'NO',
  institutional: false,
  commercialReuse: 'NO',
  retentionMonths: 12,
  opinion: 'ALLOWED_WITH_CONDITIONS',
  conditions: 'Pseudonymes obligatoires ; pas de photo des élèves.',
  ...over,
});

const usage = {
  purpose: 'Quiz de révision en classe',
  dataCategories: ['IDENTITY'],
  pseudonymsUsed: true,
  familiesInformed: true,
  retentionMonths: 12,
};
const ownFacts = {
  hosting: 'EU',
  freeSoftware: 'YES',
  institutional: false,
  commercialReuse: 'NO',
};

describe('the académie’s tool catalogue', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  let other: { academy: { id: string }; school: TestSchool; dpd: TestUser; teacher: TestUser };

  const create = (user: TestUser, input: Record<string, unknown>) =>
    t.gql<{ createCatalogTool: EntryView }>(
      `mutation($i: CatalogToolInput!) { createCatalogTool(input: $i) { ${ENTRY} } }`,
      { i: input },
      user.token,
    );
  const update = (user: TestUser, id: string, version: number, input: Record<string, unknown>) =>
    t.gql<{ updateCatalogTool: EntryView }>(
      `mutation($id: ID!, $v: Int!, $i: CatalogToolPatch!) { updateCatalogTool(id: $id, version: $v, input: $i) { ${ENTRY} } }`,
      { id, v: version, i: input },
      user.token,
    );
  const link = (user: TestUser, id: string, declarationIds: string[]) =>
    t.gql<{ linkDeclarationsToCatalog: EntryView }>(
      `mutation($id: ID!, $d: [ID!]!) { linkDeclarationsToCatalog(catalogToolId: $id, declarationIds: $d) { ${ENTRY} } }`,
      { id, d: declarationIds },
      user.token,
    );
  const entry = async (user: TestUser, id: string) =>
    ok(
      await t.gql<{ catalogTool: EntryView | null }>(
        `query($id: ID!) { catalogTool(id: $id) { ${ENTRY} } }`,
        { id },
        user.token,
      ),
    ).catalogTool;
  const declare = (user: TestUser, school: TestSchool, fields: Record<string, unknown>) =>
    t.gql<{ createToolDeclaration: DeclarationView }>(
      `mutation($i: ToolDeclarationInput!) { createToolDeclaration(input: $i) { ${DECLARATION} } }`,
      { i: { schoolId: school.id, ...usage, ...fields } },
      user.token,
    );
  const declared = async (user: TestUser, school: TestSchool, toolName: string) =>
    ok(await declare(user, school, { toolName, ...ownFacts })).createToolDeclaration;
  const declaration = async (user: TestUser, id: string) =>
    ok(
      await t.gql<{ toolDeclaration: DeclarationView | null }>(
        `query($id: ID!) { toolDeclaration(id: $id) { ${DECLARATION} } }`,
        { id },
        user.token,
      ),
    ).toolDeclaration as DeclarationView;
  const submit = async (user: TestUser, id: string) =>
    ok(await t.gql(`mutation($id: ID!) { submitToolDeclaration(id: $id) { id } }`, { id }, user.token));
  const decide = (user: TestUser, id: string, input: Record<string, unknown>) =>
    t.gql<{ decideToolDeclaration: { id: string; status: string; treatment: { id: string } | null } }>(
      `mutation($id: ID!, $i: DeclarationDecisionInput!) { decideToolDeclaration(id: $id, input: $i) { id status treatment { id } } }`,
      { id, i: input },
      user.token,
    );
  const fields = (result: GqlResult<unknown>) =>
    result.errors?.[0]?.extensions?.fields as Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
    w = await f.world();
    const academy = await f.academy();
    const school = await f.school(academy);
    other = {
      academy,
      school,
      dpd: await f.user(academy, [{ role: 'DPD' }]),
      teacher: await f.user(academy, [{ role: 'TEACHER', school }]),
    };
  });
  afterAll(() => t.close());

  it('normalises names as the database does (libs/rules and tool_name_key agree)', async () => {
    const names = [
      'Kahoot!',
      'KAHOOT',
      'kahoot.it',
      ' Ka-hoot ',
      'Éléa (Moodle)',
      'Cœur de cible',
      'Ægis',
      'Straße',
      'Pix+ 2.0',
      'LaQuizaine — été',
      'ÇA IRA',
      '¡Ñandú!',
      '!!!',
    ];
    const rows: { key: string }[] = await t.dataSource.query(
      `SELECT tool_name_key(n) AS key FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i`,
      [names],
    );
    expect(rows.map((r) => r.key)).toEqual(names.map(normaliseToolName));
    expect(normaliseToolName('Kahoot!')).toBe('kahoot');
  });

  describe('who may do what', () => {
    let id: string;
    beforeAll(async () => {
      id = ok(await create(w.dpd, entryInput('Outil des rôles'))).createCatalogTool.id;
    });

    it('the DPD of the academy writes; a teacher, a head and an admin are FORBIDDEN, and nothing is written', async () => {
      for (const user of [w.teacherA, w.headA, w.admin]) {
        const before = await counts(t.dataSource, 'catalog_tool');
        expect(errorCode(await create(user, entryInput(`Refusé ${user.id}`)))).toBe('FORBIDDEN');
        expect(errorCode(await update(user, id, 1, { vendor: 'X' }))).toBe('FORBIDDEN');
        expect(errorCode(await link(user, id, [id]))).toBe('FORBIDDEN');
        expect(await counts(t.dataSource, 'catalog_tool')).toEqual(before);
      }
    });

    it('every user of the academy reads it; the DPD and users of another academy see nothing', async () => {
      for (const user of [w.teacherA, w.headB, w.dpd, w.admin]) {
        expect((await entry(user, id))?.name).toBe('Outil des rôles');
      }
      for (const user of [other.dpd, other.teacher]) {
        expect(await entry(user, id)).toBeNull();
        const list = ok(
          await t.gql<{ catalogTools: { totalCount: number; nodes: { id: string }[] } }>(
            `{ catalogTools(first: 100) { totalCount nodes { id } } }`,
            {},
            user.token,
          ),
        ).catalogTools;
        expect(list.nodes.map((n) => n.id)).not.toContain(id);
      }
      expect(errorCode(await update(other.dpd, id, 1, { vendor: 'X' }))).toBe('NOT_FOUND');
      expect(errorCode(await link(other.dpd, id, [id]))).toBe('NOT_FOUND');
      // naming another academy when creating: out of scope
      expect(errorCode(await create(other.dpd, { ...entryInput('Ailleurs'), academyId: w.academy.id }))).toBe(
        'NOT_FOUND',
      );
    });

    it('candidates are for the DPD and the admin only', async () => {
      const q = `query($a: ID) { catalogCandidates(academyId: $a) { totalCount } }`;
      for (const user of [w.teacherA, w.headA])
        expect(errorCode(await t.gql(q, {}, user.token))).toBe('FORBIDDEN');
      ok(await t.gql(q, {}, w.dpd.token));
      ok(await t.gql(q, { a: w.academy.id }, w.admin.token));
      expect(errorCode(await t.gql(q, { a: w.academy.id }, other.dpd.token))).toBe('NOT_FOUND');
    });

    it('records the creation and the review in the audit trail, in the academy', async () => {
      const [event] = await t.dataSource.query(
        `SELECT action, academy_id, school_id, changes FROM audit_event WHERE entity_id = $1`,
        [id],
      );
      expect(event).toMatchObject({ action: 'CREATE', academy_id: w.academy.id, school_id: null });
      expect(changesOf(event.changes).name).toEqual([null, 'Outil des rôles']);
      const seen = await entry(w.dpd, id);
      expect(seen?.reviewedBy?.id).toBe(w.dpd.id);
      expect(seen?.reviewedAt).toEqual(expect.any(String));
    });
  });

  describe('names', () => {
    it('"kahoot", "Kahoot!" and an alias are one name in the academy (CONFLICT), not in another', async () => {
      ok(await create(w.dpd, entryInput('Kahoot!', { aliases: ['kahoot.it'] })));
      const before = await counts(t.dataSource, 'catalog_tool');
      for (const input of [
        entryInput('kahoot'),
        entryInput('KAHOOT'),
        entryInput('Kahoot It'),
        entryInput('Autre quiz', { aliases: ['Ka-hoot'] }),
      ]) {
        const answer = await create(w.dpd, input);
        expect({ name: input.name, code: errorCode(answer) }).toEqual({ name: input.name, code: 'CONFLICT' });
        expect(answer.errors?.[0]?.message).toContain('Kahoot!');
      }
      expect(await counts(t.dataSource, 'catalog_tool')).toEqual(before);
      ok(await create(other.dpd, entryInput('Kahoot!')));
    });

    it('a name or alias without a letter or digit, and conditions left out, are BAD_USER_INPUT naming the field', async () => {
      expect(fields(await create(w.dpd, entryInput('!!!')))).toHaveProperty('name');
      expect(fields(await create(w.dpd, entryInput('Outil X', { aliases: ['?'] })))).toHaveProperty(
        'aliases',
      );
      for (const opinion of ['ALLOWED_WITH_CONDITIONS', 'DISCOURAGED', 'FORBIDDEN']) {
        expect(
          fields(await create(w.dpd, entryInput('Outil Y', { opinion, conditions: null }))),
        ).toHaveProperty('conditions');
      }
      expect(fields(await create(w.dpd, entryInput('Outil Z', { url: 'ftp://x' })))).toHaveProperty('url');
      expect(
        fields(await create(w.dpd, entryInput('Outil Z', { alternativeIds: [w.academy.id] }))),
      ).toHaveProperty('alternativeIds');
    });

    it('a stale version is CONFLICT; renaming onto another entry’s alias is CONFLICT', async () => {
      const a = ok(await create(w.dpd, entryInput('Padlet', { aliases: ['padlet.com'] }))).createCatalogTool;
      const b = ok(
        await create(w.dpd, entryInput('Digipad', { opinion: 'RECOMMENDED', conditions: null })),
      ).createCatalogTool;
      ok(await update(w.dpd, a.id, a.version, { vendor: 'Wallwisher Inc.' }));
      expect(errorCode(await update(w.dpd, a.id, a.version, { vendor: 'Autre' }))).toBe('CONFLICT');
      expect(errorCode(await update(w.dpd, b.id, b.version, { aliases: ['Padlet.com'] }))).toBe('CONFLICT');
      // its own alias moved to its name is no conflict
      const renamed = ok(
        await update(w.dpd, a.id, a.version + 1, { name: 'padlet.com', aliases: ['Padlet'] }),
      );
      expect(renamed.updateCatalogTool.name).toBe('padlet.com');
    });
  });

  describe('the link and the live risk', () => {
    it('links the academy’s declarations of the name and aliases, not WITHDRAWN ones, not another academy’s', async () => {
      const d1 = await declared(w.teacherA, w.schoolA, 'quizlet');
      const d2 = await declared(w.teacherB, w.schoolB, 'QUIZLET !');
      const d3 = await declared(w.teacherA, w.schoolA, 'quizlet.com');
      const withdrawn = await declared(w.teacherA, w.schoolA, 'Quizlet');
      ok(
        await t.gql(
          `mutation($id: ID!) { withdrawToolDeclaration(id: $id) { id } }`,
          { id: withdrawn.id },
          w.teacherA.token,
        ),
      );
      const elsewhere = await declared(other.teacher, other.school, 'Quizlet');
      const declarationEvents = (await eventsOf([d1.id, d2.id, d3.id])).length;

      const made = ok(
        await create(
          w.dpd,
          entryInput('Quizlet', {
            aliases: ['quizlet.com'],
            vendor: 'Quizlet Inc.',
            hosting: 'NON_EU',
            hostingCountry: 'États-Unis',
          }),
        ),
      ).createCatalogTool;
      expect(made).toMatchObject({ schoolCount: 2, declarationCount: 3 });
      for (const [user, d] of [
        [w.teacherA, d1],
        [w.teacherB, d2],
        [w.teacherA, d3],
      ] as const) {
        const seen = await declaration(user, d.id);
        expect(seen).toMatchObject({
          toolName: 'Quizlet',
          vendor: 'Quizlet Inc.',
          hosting: 'NON_EU',
          freeSoftware: 'NO',
          riskLevel: 'HIGH',
          catalogTool: { id: made.id, name: 'Quizlet' },
        });
        expect(seen.riskFlags).toContain('NON_EU_HOSTING');
        expect(seen.version).toBe(d.version + 1);
      }
      expect((await declaration(w.teacherA, withdrawn.id)).catalogTool).toBeNull();
      expect((await declaration(other.teacher, elsewhere.id)).catalogTool).toBeNull();
      // one event: the entry's creation, counting what it linked (none on the declarations)
      const events = await eventsOf([made.id]);
      expect(events.map((e) => [e.entity_type, e.action])).toEqual([['CatalogTool', 'CREATE']]);
      expect(changesOf(events[0].changes).linkedDeclarations).toEqual([0, 3]);
      expect(await eventsOf([d1.id, d2.id, d3.id])).toHaveLength(declarationEvents);
    });

    it('changing the entry’s hosting to NON_EU turns a linked declaration HIGH at once; one event on the entry', async () => {
      const made = ok(await create(w.dpd, entryInput('Genially'))).createCatalogTool;
      const d = ok(await declare(w.teacherA, w.schoolA, { catalogToolId: made.id })).createToolDeclaration;
      expect(d).toMatchObject({ toolName: 'Genially', hosting: 'EU', riskLevel: 'MEDIUM' });
      const declarationEvents = (await eventsOf([d.id])).length;
      const changed = ok(await update(w.dpd, made.id, made.version, { hosting: 'NON_EU' })).updateCatalogTool;
      expect(changed).toMatchObject({ hosting: 'NON_EU', riskLevel: 'HIGH', declarationCount: 1 });
      const seen = await declaration(w.teacherA, d.id);
      expect(seen).toMatchObject({ hosting: 'NON_EU', riskLevel: 'HIGH' });
      expect(seen.riskFlags).toContain('NON_EU_HOSTING');
      // one event, on the entry: the declaration followed it without an event of its own
      expect(await eventsOf([d.id])).toHaveLength(declarationEvents);
      const events = (await eventsOf([made.id])).filter((e) => e.action === 'UPDATE');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ entity_type: 'CatalogTool', entity_id: made.id });
      expect(changesOf(events[0].changes)).toMatchObject({
        hosting: ['EU', 'NON_EU'],
        linkedDeclarations: [1, 1],
      });
    });

    it('DISCOURAGED makes a linked declaration at least MEDIUM; FORBIDDEN makes it HIGH', async () => {
      let tool = ok(
        await create(
          w.dpd,
          entryInput('Plickers', { freeSoftware: 'YES', opinion: 'RECOMMENDED', conditions: null }),
        ),
      ).createCatalogTool;
      const d = ok(await declare(w.teacherA, w.schoolA, { catalogToolId: tool.id })).createToolDeclaration;
      expect(d).toMatchObject({ riskLevel: 'LOW', riskFlags: [] });
      tool = ok(
        await update(w.dpd, tool.id, tool.version, {
          opinion: 'DISCOURAGED',
          conditions: 'Préférez Digipad.',
        }),
      ).updateCatalogTool;
      expect(await declaration(w.teacherA, d.id)).toMatchObject({
        riskLevel: 'MEDIUM',
        riskFlags: ['CATALOG_DISCOURAGED'],
      });
      expect(tool).toMatchObject({ riskLevel: 'MEDIUM', riskFlags: ['CATALOG_DISCOURAGED'] });
      ok(
        await update(w.dpd, tool.id, tool.version, {
          opinion: 'FORBIDDEN',
          conditions: 'Données revendues.',
        }),
      );
      expect(await declaration(w.teacherA, d.id)).toMatchObject({
        riskLevel: 'HIGH',
        riskFlags: ['CATALOG_FORBIDDEN'],
      });
    });

    it('linkDeclarationsToCatalog links by hand; WITHDRAWN or another academy’s is BAD_USER_INPUT; a link never moves (CONFLICT)', async () => {
      const a = ok(await create(w.dpd, entryInput('LearningApps'))).createCatalogTool;
      const b = ok(await create(w.dpd, entryInput('Wooclap'))).createCatalogTool;
      const typo = await declared(w.teacherB, w.schoolB, 'Lerning Apps');
      const linked = ok(await link(w.dpd, a.id, [typo.id])).linkDeclarationsToCatalog;
      expect(linked.declarationCount).toBe(1);
      expect(await declaration(w.teacherB, typo.id)).toMatchObject({
        toolName: 'LearningApps',
        catalogTool: { id: a.id },
      });
      // linking again to the same entry changes nothing
      expect(ok(await link(w.dpd, a.id, [typo.id])).linkDeclarationsToCatalog.declarationCount).toBe(1);

      const before = await counts(t.dataSource, 'tool_declaration');
      expect(errorCode(await link(w.dpd, b.id, [typo.id]))).toBe('CONFLICT');
      const withdrawn = await declared(w.teacherA, w.schoolA, 'Wooklap');
      ok(
        await t.gql(
          `mutation($id: ID!) { withdrawToolDeclaration(id: $id) { id } }`,
          { id: withdrawn.id },
          w.teacherA.token,
        ),
      );
      const elsewhere = await declared(other.teacher, other.school, 'Wooklap');
      const fresh = await declared(w.teacherA, w.schoolA, 'Woo-klap');
      for (const ids of [[withdrawn.id], [elsewhere.id], [fresh.id, elsewhere.id]]) {
        const answer = await link(w.dpd, b.id, ids);
        expect(errorCode(answer)).toBe('BAD_USER_INPUT');
        expect(fields(answer)).toHaveProperty('declarationIds');
      }
      expect((await declaration(w.teacherA, fresh.id)).catalogTool).toBeNull();
      expect((await declaration(w.teacherB, typo.id)).catalogTool?.id).toBe(a.id);
      expect((await counts(t.dataSource, 'tool_declaration')).rows).toBe(before.rows + 3);
    });

    it('a renamed entry links the declarations of its new alias', async () => {
      const tool = ok(await create(w.dpd, entryInput('Canva'))).createCatalogTool;
      const d = await declared(w.teacherA, w.schoolA, 'Canva pour l’éducation');
      expect((await declaration(w.teacherA, d.id)).catalogTool).toBeNull();
      const renamed = ok(
        await update(w.dpd, tool.id, tool.version, { aliases: ['Canva pour l’Éducation'] }),
      ).updateCatalogTool;
      expect(renamed.declarationCount).toBe(1);
      expect((await declaration(w.teacherA, d.id)).catalogTool?.id).toBe(tool.id);
    });
  });

  describe('declaring from the catalogue', () => {
    let tool: EntryView;
    beforeAll(async () => {
      tool = ok(
        await create(
          w.dpd,
          entryInput('Book Creator', { vendor: 'Tools for Schools', commercialReuse: 'UNKNOWN' }),
        ),
      ).createCatalogTool;
    });

    it('takes the tool-level facts from the entry, the usage facts from the teacher', async () => {
      const d = ok(await declare(w.teacherA, w.schoolA, { catalogToolId: tool.id })).createToolDeclaration;
      expect(d).toMatchObject({
        toolName: 'Book Creator',
        vendor: 'Tools for Schools',
        commercialReuse: 'UNKNOWN',
        riskLevel: 'HIGH',
        catalogTool: { id: tool.id },
      });
    });

    it('sending a tool-level fact with catalogToolId is BAD_USER_INPUT naming each; nothing is written', async () => {
      const before = await counts(t.dataSource, 'tool_declaration');
      const answer = await declare(w.teacherA, w.schoolA, {
        catalogToolId: tool.id,
        toolName: 'Autre',
        hosting: 'EU',
        vendor: 'X',
      });
      expect(errorCode(answer)).toBe('BAD_USER_INPUT');
      expect(Object.keys(fields(answer)).sort()).toEqual(['hosting', 'toolName', 'vendor']);
      expect(await counts(t.dataSource, 'tool_declaration')).toEqual(before);
    });

    it('without catalogToolId the facts are required as before, each named', async () => {
      const answer = await declare(w.teacherA, w.schoolA, { toolName: 'Sans faits' });
      expect(errorCode(answer)).toBe('BAD_USER_INPUT');
      expect(Object.keys(fields(answer)).sort()).toEqual([
        'commercialReuse',
        'freeSoftware',
        'hosting',
        'institutional',
      ]);
    });

    it('an entry of another academy is NOT_FOUND for the teacher', async () => {
      const far = ok(await create(other.dpd, entryInput('Outil lointain'))).createCatalogTool;
      expect(errorCode(await declare(w.teacherA, w.schoolA, { catalogToolId: far.id }))).toBe('NOT_FOUND');
    });

    it('the author of a linked declaration cannot change its tool-level facts (BAD_USER_INPUT), only its usage', async () => {
      const d = ok(await declare(w.teacherA, w.schoolA, { catalogToolId: tool.id })).createToolDeclaration;
      const q = `mutation($id: ID!, $v: Int!, $i: ToolDeclarationPatch!) { updateToolDeclaration(id: $id, version: $v, input: $i) { id purpose riskLevel } }`;
      const refused = await t.gql(
        q,
        { id: d.id, v: d.version, i: { hosting: 'EU', purpose: 'Autre' } },
        w.teacherA.token,
      );
      expect(Object.keys(fields(refused))).toEqual(['hosting']);
      const done = ok(
        await t.gql<{ updateToolDeclaration: { purpose: string; riskLevel: string } }>(
          q,
          { id: d.id, v: d.version, i: { purpose: 'Carnets de lecture' } },
          w.teacherA.token,
        ),
      );
      expect(done.updateToolDeclaration).toEqual(
        expect.objectContaining({ purpose: 'Carnets de lecture', riskLevel: 'HIGH' }),
      );
    });
  });

  describe('deciding, and the treatments sent back to review', () => {
    it('APPROVE of a FORBIDDEN tool is CONFLICT; DISCOURAGED needs a comment', async () => {
      let tool = ok(
        await create(
          w.dpd,
          entryInput('TikTok', { opinion: 'FORBIDDEN', conditions: 'Réseau social, hors UE.' }),
        ),
      ).createCatalogTool;
      const d = ok(await declare(w.teacherA, w.schoolA, { catalogToolId: tool.id })).createToolDeclaration;
      await submit(w.teacherA, d.id);
      expect(errorCode(await decide(w.headA, d.id, { decision: 'APPROVE' }))).toBe('CONFLICT');
      expect((await declaration(w.headA, d.id)).status).toBe('SUBMITTED');
      tool = ok(
        await update(w.dpd, tool.id, tool.version, {
          opinion: 'DISCOURAGED',
          conditions: 'Préférez PeerTube.',
        }),
      ).updateCatalogTool;
      const noComment = await decide(w.headA, d.id, { decision: 'APPROVE' });
      expect(fields(noComment)).toHaveProperty('comment');
      const approved = ok(
        await decide(w.headA, d.id, { decision: 'APPROVE', comment: 'Usage encadré, un trimestre.' }),
      );
      expect(approved.decideToolDeclaration.status).toBe('APPROVED');
    });

    it('a warning opinion or a change of hosting sends the ACTIVE treatments of linked APPROVED declarations back to NOT_REVIEWED', async () => {
      let tool = ok(
        await create(w.dpd, entryInput('Pronote', { opinion: 'RECOMMENDED', conditions: null })),
      ).createCatalogTool;
      const d = ok(await declare(w.teacherA, w.schoolA, { catalogToolId: tool.id })).createToolDeclaration;
      await submit(w.teacherA, d.id);
      const treatmentId = ok(await decide(w.headA, d.id, { decision: 'APPROVE' })).decideToolDeclaration
        .treatment!.id;
      const reviewState = async () =>
        (await t.dataSource.query(`SELECT review_state FROM treatment WHERE id = $1`, [treatmentId]))[0]
          .review_state;
      const markReviewed = () =>
        t.dataSource.query(`UPDATE treatment SET review_state = 'APPROVED' WHERE id = $1`, [treatmentId]);

      await markReviewed();
      tool = ok(await update(w.dpd, tool.id, tool.version, { vendor: 'Index Éducation' })).updateCatalogTool;
      expect(await reviewState()).toBe('APPROVED');
      tool = ok(await update(w.dpd, tool.id, tool.version, { hosting: 'UNKNOWN' })).updateCatalogTool;
      expect(await reviewState()).toBe('NOT_REVIEWED');
      const [event] = await t.dataSource.query(
        `SELECT changes FROM audit_event WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`,
        [treatmentId],
      );
      expect(changesOf(event.changes).reviewState).toEqual(['APPROVED', 'NOT_REVIEWED']);

      await markReviewed();
      tool = ok(
        await update(w.dpd, tool.id, tool.version, {
          opinion: 'DISCOURAGED',
          conditions: 'Hébergement inconnu.',
        }),
      ).updateCatalogTool;
      expect(await reviewState()).toBe('NOT_REVIEWED');
    });

    it('tells the active heads of the schools whose treatments went back to review (CATALOG_OPINION_CHANGED), and them only', async () => {
      const inactiveHead = await f.user(w.academy, [{ role: 'HEAD', school: w.schoolA }], { active: false });
      let tool = ok(
        await create(w.dpd, entryInput('Mentimeter', { opinion: 'RECOMMENDED', conditions: null })),
      ).createCatalogTool;
      const d = ok(await declare(w.teacherA, w.schoolA, { catalogToolId: tool.id })).createToolDeclaration;
      await submit(w.teacherA, d.id);
      const treatment = ok(await decide(w.headA, d.id, { decision: 'APPROVE' })).decideToolDeclaration
        .treatment!;
      const told = () =>
        t.dataSource.query(
          `SELECT recipient_id, school_id, subject, body FROM notification
            WHERE kind = 'CATALOG_OPINION_CHANGED' AND entity_id = $1`,
          [tool.id],
        ) as Promise<{ recipient_id: string; school_id: string; subject: string; body: string }[]>;
      // a change the treatments do not rely on tells nobody
      tool = ok(await update(w.dpd, tool.id, tool.version, { vendor: 'Mentimeter AB' })).updateCatalogTool;
      expect(await told()).toEqual([]);
      ok(
        await update(w.dpd, tool.id, tool.version, {
          opinion: 'FORBIDDEN',
          conditions: 'Hébergement hors UE.',
        }),
      );
      const rows = await told();
      expect(rows.map((r) => r.recipient_id)).toContain(w.headA.id);
      expect(rows.map((r) => r.recipient_id)).not.toContain(w.headB.id);
      expect(rows.map((r) => r.recipient_id)).not.toContain(inactiveHead.id);
      expect(new Set(rows.map((r) => r.school_id))).toEqual(new Set([w.schoolA.id]));
      expect(rows[0].subject).toContain('« Mentimeter »');
      expect(rows[0].body).toContain('Avis : Interdit');
      expect(rows[0].body).toContain(`/fiche/traitement/${treatment.id}`);
    });
  });

  describe('lists', () => {
    it('catalogTools: by normalised name then id, searched in name, aliases and vendor, accent-insensitive', async () => {
      const academy = await f.academy();
      const dpd = await f.user(academy, [{ role: 'DPD' }]);
      for (const name of ['Zoom', 'élaborer', 'Apps éducation', 'Édu-Quiz', 'bbb']) {
        ok(
          await create(
            dpd,
            entryInput(name, name === 'bbb' ? { aliases: ['BigBlueButton'], vendor: 'Blindside' } : {}),
          ),
        );
      }
      const q = `query($filter: CatalogFilter, $first: Int, $after: String) {
        catalogTools(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }`;
      const all = await walkPages<{ name: string }>(t, q, 'catalogTools', { first: 2 }, dpd.token);
      expect(all.nodes.map((n) => n.name)).toEqual(['Apps éducation', 'bbb', 'Édu-Quiz', 'élaborer', 'Zoom']);
      expect(all.pages).toBe(3);
      const search = async (s: string) =>
        ok(
          await t.gql<{ catalogTools: { nodes: { name: string }[] } }>(
            q,
            { filter: { search: s } },
            dpd.token,
          ),
        ).catalogTools.nodes.map((n) => n.name);
      expect(await search('EDU')).toEqual(['Apps éducation', 'Édu-Quiz']);
      expect(await search('bigblue')).toEqual(['bbb']);
      expect(await search('blindside')).toEqual(['bbb']);
      const pending = ok(
        await create(dpd, entryInput('Attente', { opinion: 'PENDING', conditions: null })),
      ).createCatalogTool;
      expect(pending.reviewedBy).toBeNull();
      const byOpinion = ok(
        await t.gql<{ catalogTools: { nodes: { name: string }[] } }>(
          q,
          { filter: { opinion: 'PENDING' } },
          dpd.token,
        ),
      );
      expect(byOpinion.catalogTools.nodes.map((n) => n.name)).toEqual(['Attente']);
      expect(errorCode(await t.gql(q, { after: 'nimportequoi' }, dpd.token))).toBe('BAD_USER_INPUT');
    });

    it('catalogCandidates: by schools, then declarations, then name; the dashboard counts those in two schools or more', async () => {
      const academy = await f.academy();
      const [s1, s2, s3] = [await f.school(academy), await f.school(academy), await f.school(academy)];
      const dpd = await f.user(academy, [{ role: 'DPD' }]);
      const teachers = await Promise.all(
        [s1, s2, s3].map((s) => f.user(academy, [{ role: 'TEACHER', school: s }])),
      );
      const schools = [s1, s2, s3];
      const decl = async (i: number, toolName: string, over: Record<string, unknown> = {}) =>
        ok(await declare(teachers[i], schools[i], { toolName, ...ownFacts, ...over })).createToolDeclaration;
      await decl(0, 'Quizizz', { hosting: 'NON_EU' });
      await decl(0, 'Canva');
      await decl(0, 'canva');
      await decl(0, 'Canva!');
      await decl(0, 'Mentimeter');
      await decl(1, 'mentimeter');
      await decl(0, 'Genially');
      await decl(1, 'Genially');
      await decl(2, 'genially');
      await decl(1, 'Beekee');
      await decl(2, 'Beekee');
      const withdrawn = await decl(2, 'Quizizz');
      ok(
        await t.gql(
          `mutation($id: ID!) { withdrawToolDeclaration(id: $id) { id } }`,
          { id: withdrawn.id },
          teachers[2].token,
        ),
      );
      // a catalogued tool is no candidate: declared under its name, it is linked at once
      const ecole = ok(await create(dpd, entryInput('Ecole Directe'))).createCatalogTool;
      expect((await decl(1, 'EcoleDirecte')).catalogTool?.id).toBe(ecole.id);
      await decl(2, 'École directe');

      const q = `query($first: Int, $after: String) { catalogCandidates(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { toolName vendor schoolCount declarationCount highestRisk } } }`;
      const all = await walkPages<{
        toolName: string;
        schoolCount: number;
        declarationCount: number;
        highestRisk: string;
      }>(t, q, 'catalogCandidates', { first: 2 }, dpd.token);
      expect(all.nodes.map((n) => [n.toolName, n.schoolCount, n.declarationCount])).toEqual([
        ['Genially', 3, 3],
        ['Beekee', 2, 2],
        ['Mentimeter', 2, 2],
        ['Canva', 1, 3],
        ['Quizizz', 1, 1],
      ]);
      expect(all.totalCounts[0]).toBe(5);
      expect(all.nodes.find((n) => n.toolName === 'Quizizz')?.highestRisk).toBe('HIGH');
      const dashboard = ok(
        await t.gql<{ academyDashboard: { catalogCandidates: number; pendingCatalogTools: number } }>(
          `{ academyDashboard { catalogCandidates pendingCatalogTools } }`,
          {},
          dpd.token,
        ),
      ).academyDashboard;
      expect(dashboard).toEqual({ catalogCandidates: 3, pendingCatalogTools: 0 });
      ok(await create(dpd, entryInput('Beekee', { opinion: 'PENDING', conditions: null })));
      const after = ok(
        await t.gql<{ academyDashboard: { catalogCandidates: number; pendingCatalogTools: number } }>(
          `{ academyDashboard { catalogCandidates pendingCatalogTools } }`,
          {},
          dpd.token,
        ),
      ).academyDashboard;
      expect(after).toEqual({ catalogCandidates: 2, pendingCatalogTools: 1 });
    });
  });

  function changesOf(changes: unknown): Record<string, unknown> {
    return typeof changes === 'string' ? JSON.parse(changes) : (changes as Record<string, unknown>);
  }

  /** The audit events of these entries, in the order they were written (each chain's seq). */
  async function eventsOf(
    ids: string[],
  ): Promise<{ entity_type: string; entity_id: string; action: string; changes: string }[]> {
    return t.dataSource.query(
      `SELECT entity_type, entity_id, action, changes FROM audit_event WHERE entity_id = ANY($1) ORDER BY at, seq`,
      [ids],
    );
  }
});
