import { Factory, TestAcademy, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { CountingLogger } from '../helpers/counting-logger';
import { createTestApp, ok, TestApp } from '../helpers/test-app';

const TREATMENTS = `
  query ($first: Int, $after: String) {
    treatments(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { reference school { name uai } reviews { verdict reviewer { displayName } } }
    }
  }`;

interface TreatmentsPage {
  treatments: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      reference: string;
      school: { name: string; uai: string };
      reviews: { verdict: string; reviewer: { displayName: string } }[];
    }[];
  };
}

describe('SQL queries per page: constant, whatever the page size or number', () => {
  const logger = new CountingLogger();
  let t: TestApp;
  let dpd: TestUser;
  let academy: TestAcademy;

  /** Runs one request and returns its data and the SQL it cost. */
  async function measure<T>(query: string, variables: Record<string, unknown>, token: string) {
    logger.queries = [];
    const data = ok(await t.gql<T>(query, variables, token));
    return { data, queries: [...logger.queries] };
  }

  beforeAll(async () => {
    t = await createTestApp({ sqlLogger: logger });
    const f = new Factory(t.dataSource);
    const fx = new RegisterFixtures(t.dataSource);
    academy = await f.academy();
    const schools = [];
    for (let i = 0; i < 110; i++) schools.push(await f.school(academy));
    dpd = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Déléguée principale' });
    const dpd2 = await f.user(academy, [{ role: 'DPD' }], { displayName: 'Délégué adjoint' });
    // 330 treatments over the 11 newest schools, one second apart, most of them reviewed once or twice
    const start = Date.now() - 400_000;
    for (let i = 0; i < 330; i++) {
      const school = schools[schools.length - 1 - (i % 11)];
      const treatment = await fx.treatment(school, { createdAt: new Date(start + i * 1000) });
      if (i % 3 !== 0) {
        await fx.review({ type: 'TREATMENT', id: treatment.id }, school, i % 2 ? dpd : dpd2, {
          verdict: 'APPROVED',
          createdAt: new Date(start + i * 1000 + 1),
        });
      }
      if (i % 5 === 0) {
        await fx.review({ type: 'TREATMENT', id: treatment.id }, school, dpd, {
          comment: 'Précisez la durée de conservation',
          createdAt: new Date(start + i * 1000 + 2),
        });
      }
    }
  }, 120_000);
  afterAll(() => t.close());

  it("a DPD's page of treatments with their schools and reviews", async () => {
    const small = await measure<TreatmentsPage>(TREATMENTS, { first: 10 }, dpd.token);
    const page1 = await measure<TreatmentsPage>(TREATMENTS, { first: 100 }, dpd.token);
    const page2 = await measure<TreatmentsPage>(
      TREATMENTS,
      { first: 100, after: page1.data.treatments.pageInfo.endCursor },
      dpd.token,
    );
    const page3 = await measure<TreatmentsPage>(
      TREATMENTS,
      { first: 100, after: page2.data.treatments.pageInfo.endCursor },
      dpd.token,
    );

    // the pages hold what they should: 100 entries of several schools, with their reviews
    expect(small.data.treatments.nodes).toHaveLength(10);
    for (const page of [page1, page2, page3]) {
      const nodes = page.data.treatments.nodes;
      expect(nodes).toHaveLength(100);
      expect(new Set(nodes.map((n) => n.school.uai)).size).toBe(11);
      expect(nodes.filter((n) => n.reviews.length > 0).length).toBeGreaterThan(60);
      expect(nodes.filter((n) => n.reviews.length === 2).length).toBeGreaterThan(5);
      expect(new Set(nodes.flatMap((n) => n.reviews.map((r) => r.reviewer.displayName)))).toEqual(
        new Set(['Déléguée principale', 'Délégué adjoint']),
      );
    }
    expect(page3.data.treatments.pageInfo.hasNextPage).toBe(true);

    const counts = [small, page1, page2, page3].map((m) => m.queries.length);
    const detail = `queries per request ${counts.join(', ')}; page 3:\n${page3.queries.join('\n')}`;
    expect({ counts, detail }).toEqual({ counts: [counts[0], counts[0], counts[0], counts[0]], detail });
    // authentication, the page and its count, then one query per relation: schools, reviews, reviewers
    expect({ fewEnough: page3.queries.length <= 8, detail }).toEqual({ fewEnough: true, detail });
    const on = (table: string) => page3.queries.filter((q) => new RegExp(`FROM "?${table}"? `).test(q));
    expect(on('school')).toHaveLength(1);
    expect(on('review')).toHaveLength(1);
  });

  it("a DPD's page of schools with their stats: one stats query", async () => {
    const SCHOOLS = `query ($first: Int) { schools(first: $first) {
      nodes { uai stats { activeTreatments pendingDeclarations openViolations overdueCnilNotifications } } } }`;
    type Schools = { schools: { nodes: { uai: string; stats: { activeTreatments: number } }[] } };
    const small = await measure<Schools>(SCHOOLS, { first: 10 }, dpd.token);
    const large = await measure<Schools>(SCHOOLS, { first: 100 }, dpd.token);
    expect(large.data.schools.nodes).toHaveLength(100);
    const active = large.data.schools.nodes.map((s) => s.stats.activeTreatments);
    expect(active.filter((n) => n === 30)).toHaveLength(11);
    expect(active.filter((n) => n === 0)).toHaveLength(89);
    expect(small.queries.length).toBe(large.queries.length);
    expect(large.queries.filter((q) => q.includes('active_treatments'))).toHaveLength(1);
  });

  it("a DPD's page of reviews with their schools and reviewers", async () => {
    const REVIEWS = `query ($first: Int) { reviews(first: $first) {
      nodes { verdict school { name } reviewer { displayName } } } }`;
    type Reviews = { reviews: { nodes: { school: { name: string } }[] } };
    const small = await measure<Reviews>(REVIEWS, { first: 10 }, dpd.token);
    const large = await measure<Reviews>(REVIEWS, { first: 100 }, dpd.token);
    expect(large.data.reviews.nodes).toHaveLength(100);
    expect(small.queries.length).toBe(large.queries.length);
  });

  it('createToolDeclaration answers its school field with the school it checked: read once', async () => {
    const f = new Factory(t.dataSource);
    const school = await f.school(academy);
    const teacher = await f.user(academy, [{ role: 'TEACHER', school }]);
    const CREATE = `mutation ($input: ToolDeclarationInput!) {
      createToolDeclaration(input: $input) { id status school { id name uai } } }`;
    const input = {
      schoolId: school.id,
      toolName: 'Quizlet',
      purpose: 'Révisions de vocabulaire',
      dataCategories: ['IDENTITY'],
      pseudonymsUsed: true,
      hosting: 'EU',
      freeSoftware: 'NO',
      institutional: false,
      commercialReuse: 'NO',
      familiesInformed: true,
    };
    const { data, queries } = await measure<{
      createToolDeclaration: { status: string; school: { id: string; name: string } };
    }>(CREATE, { input }, teacher.token);
    expect(data.createToolDeclaration.status).toBe('DRAFT');
    expect(data.createToolDeclaration.school).toMatchObject({ id: school.id, name: school.name });
    const detail = queries.join('\n');
    const schoolReads = queries.filter((q) => /FROM "school"/.test(q));
    expect({ schoolReads: schoolReads.length, detail }).toEqual({ schoolReads: 1, detail });
  });
});
