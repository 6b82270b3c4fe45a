import { RequestLoader } from '../../apps/api/src/common/request-loaders';
import { CountingLogger } from '../helpers/counting-logger';
import { Factory, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, ok, TestApp } from '../helpers/test-app';

const isPromise = (value: unknown): boolean => typeof (value as Promise<unknown>)?.then === 'function';

/**
 * A list fetches the relations its entries show together with the page (common/selection.ts,
 * RequestLoader.fetch), so that each entry's relation fields answer at once instead of through a
 * promise per entry; and only the relations the operation selects.
 */
describe('the relations of a page, fetched with the page', () => {
  const logger = new CountingLogger();
  let t: TestApp;
  let head: TestUser;
  let dpd: TestUser;
  let oneTreatment: string;
  /** what RequestLoader.now answered during the last request: a value, or a promise */
  let answers: unknown[];

  async function request<T>(query: string, token: string, variables: Record<string, unknown> = {}) {
    logger.queries = [];
    answers = [];
    const data = ok(await t.gql<T>(query, variables, token));
    const on = (table: string) =>
      logger.queries.filter((q) => new RegExp(`FROM "?${table}"? `).test(q)).length;
    return { data, on };
  }

  beforeAll(async () => {
    t = await createTestApp({ sqlLogger: logger });
    const f = new Factory(t.dataSource);
    const fx = new RegisterFixtures(t.dataSource);
    const academy = await f.academy();
    const school = await f.school(academy);
    head = await f.user(academy, [{ role: 'HEAD', school }]);
    dpd = await f.user(academy, [{ role: 'DPD' }]);
    const teacher = await f.user(academy, [{ role: 'TEACHER', school }]);
    for (let i = 0; i < 12; i++) {
      const treatment = await fx.treatment(school);
      oneTreatment = treatment.id;
      if (i % 2) await fx.review({ type: 'TREATMENT', id: treatment.id }, school, dpd);
      const declaration = await fx.declaration(school, teacher, { status: 'SUBMITTED' });
      if (i % 3) await fx.review({ type: 'TOOL_DECLARATION', id: declaration.id }, school, dpd);
      await fx.violation(school, head);
    }
  });
  afterAll(() => t.close());
  beforeEach(() => {
    const original = RequestLoader.prototype.now;
    jest.spyOn(RequestLoader.prototype, 'now').mockImplementation(function (
      this: RequestLoader<unknown, unknown>,
      ...args
    ) {
      const answer = original.apply(this, args);
      answers.push(answer);
      return answer;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it("a head's register: every entry's school and reviews answered at once, one query each", async () => {
    const { data, on } = await request<{
      treatments: { nodes: { school: { id: string }; reviews: { verdict: string }[] }[] };
    }>(
      `{ treatments(first: 50) { nodes { id school { id name } reviews { verdict reviewer { displayName } } } } }`,
      head.token,
    );
    expect(data.treatments.nodes).toHaveLength(12);
    expect(data.treatments.nodes.filter((n) => n.reviews.length === 1)).toHaveLength(6);
    expect(on('school')).toBe(1);
    expect(on('review')).toBe(1);
    // 12 schools and 12 review lists at once; the reviewers (not fetched by the list) through the batch
    const immediate = answers.filter((a) => !isPromise(a));
    expect(immediate).toHaveLength(24);
    expect(answers.filter(isPromise)).toHaveLength(6);
  });

  it('the same relations asked for through fragments are fetched too', async () => {
    const { data, on } = await request<{ treatments: { nodes: { school: { name: string } }[] } }>(
      `query { treatments(first: 50) { ...Page } }
       fragment Page on TreatmentConnection { nodes { ... on Treatment { reviews { verdict } } ...Entry } }
       fragment Entry on Treatment { school { name } }`,
      head.token,
    );
    expect(data.treatments.nodes).toHaveLength(12);
    expect(on('school')).toBe(1);
    expect(answers.filter(isPromise)).toEqual([]);
    expect(answers).toHaveLength(24);
  });

  it('a relation the operation does not select is not read', async () => {
    const { data, on } = await request<{ treatments: { nodes: { id: string }[] } }>(
      `{ treatments(first: 50) { totalCount nodes { id name } } }`,
      head.token,
    );
    expect(data.treatments.nodes).toHaveLength(12);
    expect(on('school')).toBe(0);
    expect(on('review')).toBe(0);
  });

  it("the DPD's declarations queue and violations list: school, author and reviews at once", async () => {
    const queue = await request<{ toolDeclarations: { nodes: unknown[] } }>(
      `{ toolDeclarations(first: 50) { nodes { id school { uai } declaredBy { displayName } reviews { verdict } } } }`,
      dpd.token,
    );
    expect(queue.data.toolDeclarations.nodes).toHaveLength(12);
    expect(answers).toHaveLength(36);
    expect(answers.filter(isPromise)).toEqual([]);
    const violations = await request<{ violations: { nodes: unknown[] } }>(
      `{ violations(first: 50) { nodes { id school { uai } reportedBy { displayName } reviews { verdict } } } }`,
      dpd.token,
    );
    expect(violations.data.violations.nodes).toHaveLength(12);
    expect(answers).toHaveLength(36);
    expect(answers.filter(isPromise)).toEqual([]);
  });

  it('an entry read alone resolves its relations through the batch, as before', async () => {
    const { data } = await request<{ treatment: { school: { id: string } } }>(
      `query($id: ID!) { treatment(id: $id) { school { id } reviews { verdict } } }`,
      head.token,
      { id: oneTreatment },
    );
    expect(data.treatment.school.id).toEqual(expect.any(String));
    expect(answers.filter(isPromise)).toHaveLength(2);
  });
});
