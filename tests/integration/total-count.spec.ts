import { CountingLogger } from '../helpers/counting-logger';
import { Factory, TestAcademy, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, ok, TestApp } from '../helpers/test-app';

/**
 * `totalCount` is counted only when the operation selects it (libs/database/src/paginate.ts): a
 * client paging an académie's audit trail without showing its size does not pay for the count.
 */
describe('totalCount, counted on demand', () => {
  const logger = new CountingLogger();
  let t: TestApp;
  let academy: TestAcademy;
  let dpd: TestUser;
  let head: TestUser;

  /** the lists a DPD reads, and the rows of its académie each one holds */
  const lists: { field: string; type: string; table: string }[] = [
    { field: 'treatments', type: 'TreatmentConnection', table: 'treatment' },
    { field: 'toolDeclarations', type: 'ToolDeclarationConnection', table: 'tool_declaration' },
    { field: 'violations', type: 'ViolationConnection', table: 'violation' },
    { field: 'reviews', type: 'ReviewConnection', table: 'review' },
    { field: 'auditTrail', type: 'AuditEventConnection', table: 'audit_event' },
    { field: 'schools', type: 'SchoolConnection', table: 'school' },
    { field: 'users', type: 'UserConnection', table: 'app_user' },
  ];

  async function request<T>(query: string, token: string) {
    logger.queries = [];
    const data = ok(await t.gql<T>(query, {}, token));
    return { data, counts: logger.queries.filter((q) => /SELECT COUNT\(/i.test(q)).length };
  }

  beforeAll(async () => {
    t = await createTestApp({ sqlLogger: logger });
    const f = new Factory(t.dataSource);
    const fx = new RegisterFixtures(t.dataSource);
    academy = await f.academy();
    const school = await f.school(academy);
    await f.school(academy);
    dpd = await f.user(academy, [{ role: 'DPD' }]);
    head = await f.user(academy, [{ role: 'HEAD', school }]);
    const teacher = await f.user(academy, [{ role: 'TEACHER', school }]);
    for (let i = 0; i < 3; i++) {
      const treatment = await fx.treatment(school);
      await fx.review({ type: 'TREATMENT', id: treatment.id }, school, dpd);
      await fx.declaration(school, teacher);
    }
    await fx.violation(school, head);
    // audit events through the API, so that the académie's trail is not empty
    const created = ok(
      await t.gql<{ createTreatment: { id: string } }>(
        `mutation ($input: TreatmentInput!) { createTreatment(input: $input) { id } }`,
        {
          input: {
            schoolId: school.id,
            name: 'Cantine',
            purposes: ['Gestion de la restauration scolaire'],
            legalBasis: 'PUBLIC_INTEREST',
            subjectCategories: ['STUDENTS'],
            dataCategories: ['IDENTITY'],
            retention: "Durée de l'année scolaire",
          },
        },
        head.token,
      ),
    );
    expect(created.createTreatment.id).toBeDefined();
  });
  afterAll(() => t.close());

  it('sends no COUNT for a list whose totalCount is not selected', async () => {
    for (const list of lists) {
      const { data, counts } = await request<Record<string, { nodes: { id: string }[] }>>(
        `{ ${list.field}(first: 2) { nodes { id } pageInfo { hasNextPage } } }`,
        dpd.token,
      );
      expect({ list: list.field, counts }).toEqual({ list: list.field, counts: 0 });
      expect(data[list.field].nodes.length).toBeGreaterThan(0);
    }
  });

  it("counts the académie's rows when totalCount is selected, directly, through a fragment or aliased", async () => {
    for (const list of lists) {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ${list.table} WHERE academy_id = $1`,
        [academy.id],
      );
      const direct = await request<Record<string, { totalCount: number }>>(
        `{ ${list.field}(first: 2) { totalCount nodes { id } } }`,
        dpd.token,
      );
      expect({ list: list.field, total: direct.data[list.field].totalCount, counts: direct.counts }).toEqual({
        list: list.field,
        total: n,
        counts: 1,
      });
      const fragment = await request<Record<string, { totalCount: number }>>(
        `{ ${list.field}(first: 2) { ...size } }
         fragment size on ${list.type} { totalCount }`,
        dpd.token,
      );
      expect(fragment.data[list.field].totalCount).toBe(n);
      const aliased = await request<Record<string, { size: number }>>(
        `{ ${list.field}(first: 2) { size: totalCount } }`,
        dpd.token,
      );
      expect(aliased.data[list.field].size).toBe(n);
    }
  });
});
