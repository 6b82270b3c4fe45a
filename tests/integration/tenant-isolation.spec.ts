import { Logger } from '@nestjs/common';
import { In, ObjectLiteral } from 'typeorm';
import * as access from '../../apps/api/src/access/access';
import { AuditEventEntity } from '../../apps/api/src/audit/audit-event.entity';
import { AuditedTransactions } from '../../apps/api/src/audit/audited-transaction.service';
import { AuthService } from '../../apps/api/src/auth/auth.service';
import { TenantIsolationError } from '../../apps/api/src/common/tenant-isolation';
import { ToolDeclarationEntity } from '../../apps/api/src/declarations/tool-declaration.entity';
import { ReviewEntity } from '../../apps/api/src/reviews/review.entity';
import { RightsRequestEntity } from '../../apps/api/src/rights-requests/rights-request.entity';
import { SchoolEntity } from '../../apps/api/src/schools/school.entity';
import * as schoolLoaders from '../../apps/api/src/schools/school.loaders';
import { TreatmentEntity } from '../../apps/api/src/treatments/treatment.entity';
import { TreatmentsService } from '../../apps/api/src/treatments/treatments.service';
import { ViolationEntity } from '../../apps/api/src/violations/violation.entity';
import { Caller } from '@app/core';
import * as scope from '@app/core/scope';
import { Factory, TEST_PASSWORD, TestSchool, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, errorCode, GqlResult, ok, TestApp } from '../helpers/test-app';

type World = Awaited<ReturnType<Factory['world']>>;

const TREATMENT_PAGE = `{
  treatments(first: 20) {
    nodes {
      id reference
      school { id name academy { id } }
      reviews { verdict reviewer { displayName } }
      declarations { toolName declaredBy { displayName } reviews { verdict } }
    }
  }
  violations(first: 20) {
    nodes { id reference school { id } treatments { reference } reviews { verdict } reportedBy { displayName } }
  }
  toolDeclarations(first: 20) { nodes { id school { id } treatment { reference } } }
}`;

interface TreatmentPage {
  treatments: {
    nodes: {
      id: string;
      school: { id: string; academy: { id: string } };
      reviews: { verdict: string }[];
      declarations: { toolName: string; reviews: unknown[] }[];
    }[];
  };
  violations: { nodes: { id: string; school: { id: string }; treatments: { reference: string }[] }[] };
  toolDeclarations: { nodes: { id: string; school: { id: string } }[] };
}

/** A by-id query of each school-scoped type, the field it answers in, and what of the row it shows. */
interface ByIdQuery {
  query: string;
  field: string;
  variables: () => Record<string, unknown>;
  /** text of school B's row that must not reach a caller out of its scope */
  secret: () => string;
}

describe('tenant isolation below the services (at the GraphQL output, and in transactions bound to a caller)', () => {
  let t: TestApp;
  let w: World;
  let other: { academy: { id: string }; school: TestSchool; dpd: TestUser; head: TestUser };
  let admin: TestUser;
  /** rows of school B (and one of school A), written straight in the database */
  let bRows: {
    treatment: string;
    violation: string;
    declaration: string;
    review: string;
    event: string;
    export: string;
    rightsRequest: string;
  };
  let aTreatment: string;

  const callerOf = async (user: TestUser): Promise<Caller> => {
    const caller = await t.app.get(AuthService).loadCaller(user.id);
    if (!caller) throw new Error('no caller');
    return caller;
  };
  /** `work` in a transaction of AuditedTransactions, bound to the caller of `user` as every mutation's is */
  const inTransactionOf = async <T>(
    user: TestUser | null,
    work: (em: import('typeorm').EntityManager) => Promise<T>,
  ): Promise<T> =>
    t.app.get(AuditedTransactions).run(user ? await callerOf(user) : null, ({ em }) => work(em));

  const repo = <E extends ObjectLiteral>(target: new () => E) => t.dataSource.getRepository(target);

  /** The "forgotten filter": each of school B's rows, loaded by id with no scope at all. */
  const unscopedLoads = (
    em: import('typeorm').EntityManager,
  ): Record<string, () => Promise<{ id: string } | null>> => ({
    treatment: () => em.findOneBy(TreatmentEntity, { id: bRows.treatment }),
    violation: () => em.findOneBy(ViolationEntity, { id: bRows.violation }),
    declaration: () => em.findOneBy(ToolDeclarationEntity, { id: bRows.declaration }),
    review: () => em.findOneBy(ReviewEntity, { id: bRows.review }),
    school: () => em.findOneBy(SchoolEntity, { id: w.schoolB.id }),
    auditEvent: () => em.findOneBy(AuditEventEntity, { id: bRows.event }),
    rightsRequest: () => em.findOneBy(RightsRequestEntity, { id: bRows.rightsRequest }),
  });

  /** The bug planted in every service at once: the caller's scope condition lets everything through. */
  const forgetEveryScopeFilter = () =>
    jest.spyOn(scope, 'scopeFor').mockReturnValue({ sql: 'TRUE', params: {} });

  const byId: Record<string, ByIdQuery> = {
    treatment: {
      query: `query($id: ID!) { treatment(id: $id) { id name purposes } }`,
      field: 'treatment',
      variables: () => ({ id: bRows.treatment }),
      secret: () => 'Cantine scolaire de B',
    },
    violation: {
      query: `query($id: ID!) { violation(id: $id) { id title } }`,
      field: 'violation',
      variables: () => ({ id: bRows.violation }),
      secret: () => 'Fuite de B',
    },
    toolDeclaration: {
      query: `query($id: ID!) { toolDeclaration(id: $id) { id toolName } }`,
      field: 'toolDeclaration',
      variables: () => ({ id: bRows.declaration }),
      secret: () => 'Outil secret de B',
    },
    rightsRequest: {
      query: `query($id: ID!) { rightsRequest(id: $id) { id requesterName } }`,
      field: 'rightsRequest',
      variables: () => ({ id: bRows.rightsRequest }),
      secret: () => 'Demandeur secret de B',
    },
    school: {
      query: `query($id: ID!) { school(id: $id) { id name } }`,
      field: 'school',
      variables: () => ({ id: w.schoolB.id }),
      secret: () => w.schoolB.name,
    },
  };

  beforeAll(async () => {
    t = await createTestApp();
    const f = new Factory(t.dataSource);
    const fx = new RegisterFixtures(t.dataSource);
    w = await f.world();
    const otherAcademy = await f.academy();
    const otherSchool = await f.school(otherAcademy);
    other = {
      academy: otherAcademy,
      school: otherSchool,
      dpd: await f.user(otherAcademy, [{ role: 'DPD' }]),
      head: await f.user(otherAcademy, [{ role: 'HEAD', school: otherSchool }]),
    };
    admin = await f.user(otherAcademy, [{ role: 'ADMIN' }]);

    aTreatment = (await fx.treatment(w.schoolA)).id;
    const treatment = (await fx.treatment(w.schoolB)).id;
    const violation = (await fx.violation(w.schoolB, w.headB)).id;
    await t.dataSource.query(`UPDATE violation SET title = 'Fuite de B' WHERE id = $1`, [violation]);
    const declaration = (
      await fx.declaration(w.schoolB, w.teacherB, { status: 'APPROVED', treatmentId: treatment })
    ).id;
    await t.dataSource.query(`UPDATE tool_declaration SET tool_name = 'Outil secret de B' WHERE id = $1`, [
      declaration,
    ]);
    const review = (await fx.review({ type: 'TREATMENT', id: treatment }, w.schoolB, w.dpd)).id;
    await fx.review({ type: 'TOOL_DECLARATION', id: declaration }, w.schoolB, w.dpd);
    await t.dataSource.query(`INSERT INTO violation_treatment (violation_id, treatment_id) VALUES ($1, $2)`, [
      violation,
      treatment,
    ]);
    // one audit event and one export of school B, through the API (both tables are append-only)
    ok(
      await t.gql(
        `mutation($id: ID!, $v: Int!) { updateTreatment(id: $id, version: $v, input: { name: "Cantine scolaire de B" }) { id } }`,
        { id: treatment, v: 1 },
        w.headB.token,
      ),
    );
    const [event] = await t.dataSource.query(
      `SELECT id FROM audit_event WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [treatment],
    );
    const exported = ok(
      await t.gql<{ exportRegister: { id: string } }>(
        `mutation($s: ID!) { exportRegister(schoolId: $s, kind: TREATMENT_REGISTER) { id } }`,
        { s: w.schoolB.id },
        w.headB.token,
      ),
    );
    const rightsRequest = ok(
      await t.gql<{ recordRightsRequest: { id: string } }>(
        `mutation($i: RightsRequestInput!) { recordRightsRequest(input: $i) { id } }`,
        {
          i: {
            schoolId: w.schoolB.id,
            rightTypes: ['ACCESS'],
            channel: 'EMAIL',
            receivedAt: new Date().toISOString(),
            requesterName: 'Demandeur secret de B',
            requesterRelation: 'LEGAL_GUARDIAN',
            subjectCategory: 'STUDENTS',
            description: 'Copie des données de son enfant.',
          },
        },
        w.headB.token,
      ),
    ).recordRightsRequest.id;
    bRows = {
      treatment,
      violation,
      declaration,
      review,
      event: event.id,
      export: exported.exportRegister.id,
      rightsRequest,
    };
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  /** The answer of `q` for `user`, with every service's scope filter forgotten. */
  const askWithoutScope = async (
    user: TestUser,
    q: ByIdQuery,
  ): Promise<GqlResult<Record<string, unknown>>> => {
    const forgotten = forgetEveryScopeFilter();
    try {
      return await t.gql(q.query, q.variables(), user.token);
    } finally {
      forgotten.mockRestore();
    }
  };

  describe('at the GraphQL output: what a service that forgot its scope filter returns is not handed out', () => {
    // each refusal is logged as a security event (checked below): kept out of the test output
    beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

    it('the planted bug is real: without it the same queries answer null, with it the services return B’s rows', async () => {
      for (const q of Object.values(byId)) {
        expect(ok(await t.gql(q.query, q.variables(), w.headA.token))[q.field]).toBeNull();
        // the DPD is in scope: with the bug its answer is the row itself, the services did return it
        const asDpd = await askWithoutScope(w.dpd, q);
        expect(JSON.stringify(ok(asDpd)[q.field])).toContain(q.secret());
      }
    });

    it("refuses each of school B's rows to the HEAD of school A: INTERNAL_SERVER_ERROR, nothing of the row", async () => {
      for (const [name, q] of Object.entries(byId)) {
        const answer = await askWithoutScope(w.headA, q);
        expect({ name, code: errorCode(answer) }).toEqual({ name, code: 'INTERNAL_SERVER_ERROR' });
        expect({ name, value: answer.data?.[q.field] }).toEqual({ name, value: null });
        expect(JSON.stringify(answer)).not.toContain(q.secret());
      }
    });

    it('refuses them to the DPD and to a HEAD of another academy, and to a teacher of school A', async () => {
      for (const user of [other.dpd, other.head, w.teacherA]) {
        for (const [name, q] of Object.entries(byId)) {
          const answer = await askWithoutScope(user, q);
          expect({ name, code: errorCode(answer) }).toEqual({ name, code: 'INTERNAL_SERVER_ERROR' });
          expect(JSON.stringify(answer)).not.toContain(q.secret());
        }
      }
    });

    it('lets them through for an ADMIN (in scope everywhere)', async () => {
      for (const q of Object.values(byId)) {
        expect(JSON.stringify(ok(await askWithoutScope(admin, q))[q.field])).toContain(q.secret());
      }
    });

    it("catalogTool(id): another academy's entry is refused to this academy's users, shown to its own and an ADMIN", async () => {
      const [row] = await t.dataSource.query(
        `INSERT INTO catalog_tool (academy_id, name, data_categories, hosting, free_software, institutional,
                                   commercial_reuse, opinion, risk_level)
         VALUES ($1, 'Outil secret de l’autre académie', '{IDENTITY}', 'EU', 'YES', false, 'NO', 'PENDING', 'LOW')
         RETURNING id`,
        [other.academy.id],
      );
      const q: ByIdQuery = {
        query: `query($id: ID!) { catalogTool(id: $id) { id name } }`,
        field: 'catalogTool',
        variables: () => ({ id: row.id }),
        secret: () => 'Outil secret de l’autre académie',
      };
      // without the planted bug: null for this academy's users, the row for the other academy's DPD
      expect(ok(await t.gql(q.query, q.variables(), w.dpd.token)).catalogTool).toBeNull();
      expect(JSON.stringify(ok(await t.gql(q.query, q.variables(), other.dpd.token)))).toContain(q.secret());
      for (const user of [w.dpd, w.headA, w.teacherA]) {
        const answer = await askWithoutScope(user, q);
        expect(errorCode(answer)).toBe('INTERNAL_SERVER_ERROR');
        expect(JSON.stringify(answer)).not.toContain(q.secret());
      }
      for (const user of [other.dpd, other.head, admin]) {
        expect(JSON.stringify(ok(await askWithoutScope(user, q)))).toContain(q.secret());
      }
    });

    it('fails a whole list mixing own rows with another school’s: no partial answer', async () => {
      forgetEveryScopeFilter();
      const answer = await t.gql<{ treatments: { nodes: { id: string }[] } }>(
        `{ treatments(first: 100) { nodes { id name } } }`,
        {},
        w.headA.token,
      );
      expect(errorCode(answer)).toBe('INTERNAL_SERVER_ERROR');
      expect(answer.data).toBeNull();
      expect(JSON.stringify(answer)).not.toContain('Cantine scolaire de B');
    });

    it('checks the other school-scoped types of a list too: reviews, audit trail, exports', async () => {
      forgetEveryScopeFilter();
      // the exports list also checks the role (export rule): every action check forgotten too
      jest.spyOn(access, 'can').mockReturnValue(true);
      const lists = [
        `query($id: ID!) { reviews(targetType: TREATMENT, targetId: $id) { nodes { id comment } } }`,
        `query($s: ID) { auditTrail(filter: { schoolId: $s }, first: 50) { nodes { id changes } } }`,
        `query($s: ID!) { exports(schoolId: $s) { id sha256 } }`,
      ];
      for (const query of lists) {
        const answer = await t.gql(query, { id: bRows.treatment, s: w.schoolB.id }, w.headA.token);
        expect({ query, code: errorCode(answer) }).toEqual({ query, code: 'INTERNAL_SERVER_ERROR' });
        expect({ query, data: answer.data }).toEqual({ query, data: null });
      }
    });

    it('checks the objects field resolvers and DataLoaders bring: a loader answering another school fails', async () => {
      const schoolB = await repo(SchoolEntity).findOneByOrFail({ id: w.schoolB.id });
      jest.spyOn(schoolLoaders, 'schoolById').mockReturnValue({ load: async () => schoolB } as never);
      const answer = await t.gql<{ treatment: unknown }>(
        `query($id: ID!) { treatment(id: $id) { id school { id name } } }`,
        { id: aTreatment },
        w.headA.token,
      );
      expect(errorCode(answer)).toBe('INTERNAL_SERVER_ERROR');
      expect(answer.data.treatment).toBeNull();
      expect(JSON.stringify(answer)).not.toContain(w.schoolB.name);
    });

    it('fails closed for an object that does not carry its school and academy', async () => {
      const own = await repo(TreatmentEntity).findOneByOrFail({ id: aTreatment });
      jest
        .spyOn(TreatmentsService.prototype, 'findVisible')
        .mockResolvedValue({ ...own, schoolId: undefined, academyId: undefined } as never);
      for (const user of [w.headA, w.dpd]) {
        const answer = await t.gql(
          `query($id: ID!) { treatment(id: $id) { id } }`,
          { id: aTreatment },
          user.token,
        );
        expect(errorCode(answer)).toBe('INTERNAL_SERVER_ERROR');
      }
    });

    it('logs each refusal as a security event naming the type and id, not the content', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      await askWithoutScope(w.headA, byId.violation);
      const breaches = logged.mock.calls.map((call) => String(call[0])).filter((m) => m.includes('SECURITY'));
      expect(breaches).toEqual([
        `SECURITY tenant isolation breach: user ${w.headA.id} reached Violation ${bRows.violation} ` +
          `(school ${w.schoolB.id}, academy ${w.academy.id}) outside its scope; the request fails without the data.`,
      ]);
      // the same line's fields, for the log pipeline: set apart by `security: true`, ids only
      const fields = logged.mock.calls
        .map((call) => call[0] as Record<string, unknown>)
        .find((l) => l?.security);
      expect(fields).toEqual({
        security: true,
        event: 'tenant_isolation.refused',
        userId: w.headA.id,
        entityType: 'Violation',
        entityId: bRows.violation,
        msg: breaches[0],
      });
    });
  });

  describe('inside a transaction bound to its caller (every mutation, every export)', () => {
    beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

    it("fails for the HEAD of school A loading school B's rows, and rolls back what the transaction wrote", async () => {
      for (const [name, load] of Object.entries(unscopedLoads(t.dataSource.manager))) {
        const before = await t.dataSource.query(`SELECT name FROM school WHERE id = $1`, [w.schoolA.id]);
        const attempt = inTransactionOf(w.headA, async (em) => {
          await em.query(`UPDATE school SET name = 'Changé' WHERE id = $1`, [w.schoolA.id]);
          return unscopedLoads(em)[name]();
        });
        await expect(attempt.then(() => name)).rejects.toBeInstanceOf(TenantIsolationError);
        expect(await t.dataSource.query(`SELECT name FROM school WHERE id = $1`, [w.schoolA.id])).toEqual(
          before,
        );
        // the same load outside any transaction is a plain read: it is checked at the output instead
        expect((await load())?.id).toEqual(expect.any(String));
      }
    });

    it('fails as a whole for a list mixing its own rows with another school’s', async () => {
      await expect(
        inTransactionOf(w.headA, (em) =>
          em.findBy(TreatmentEntity, { id: In([aTreatment, bRows.treatment]) }),
        ),
      ).rejects.toBeInstanceOf(TenantIsolationError);
    });

    it('passes for own rows, for the DPD of the academy and an ADMIN; fails for another academy', async () => {
      const own = await inTransactionOf(w.headA, (em) => em.findOneBy(TreatmentEntity, { id: aTreatment }));
      expect(own?.schoolId).toBe(w.schoolA.id);
      for (const user of [w.dpd, admin]) {
        for (const [name, load] of Object.entries(unscopedLoads(t.dataSource.manager))) {
          const row = await inTransactionOf(user, (em) => unscopedLoads(em)[name]());
          expect({ name, id: row?.id }).toEqual({ name, id: (await load())?.id });
        }
      }
      for (const user of [other.dpd, other.head]) {
        await expect(
          inTransactionOf(user, (em) => em.findOneBy(ViolationEntity, { id: bRows.violation })),
        ).rejects.toBeInstanceOf(TenantIsolationError);
      }
    });

    it('fails closed when the query did not select the school and academy columns', async () => {
      await expect(
        inTransactionOf(w.headA, (em) =>
          em
            .getRepository(TreatmentEntity)
            .createQueryBuilder('t')
            .select(['t.id', 't.name'])
            .where('t.id = :id', { id: aTreatment })
            .getMany(),
        ),
      ).rejects.toBeInstanceOf(TenantIsolationError);
    });

    it('checks nothing in a transaction run for no one (start-up, scripts)', async () => {
      for (const name of Object.keys(unscopedLoads(t.dataSource.manager))) {
        expect((await inTransactionOf(null, (em) => unscopedLoads(em)[name]()))?.id).toEqual(
          expect.any(String),
        );
      }
    });

    it('an export of another school, with the scope filter and the export rule forgotten, fails and stores nothing', async () => {
      forgetEveryScopeFilter();
      jest.spyOn(access, 'can').mockReturnValue(true);
      const count = async () =>
        Number(
          (
            await t.dataSource.query(`SELECT count(*) FROM export_file WHERE school_id = $1`, [w.schoolB.id])
          )[0].count,
        );
      const before = await count();
      const answer = await t.gql(
        `mutation($s: ID!) { exportRegister(schoolId: $s, kind: TREATMENT_REGISTER) { id } }`,
        { s: w.schoolB.id },
        w.headA.token,
      );
      expect(errorCode(answer)).toBe('INTERNAL_SERVER_ERROR');
      expect(await count()).toBe(before);
      jest.restoreAllMocks();
      // the same export by the head of school B passes
      ok(
        await t.gql(
          `mutation($s: ID!) { exportRegister(schoolId: $s, kind: TREATMENT_REGISTER) { id } }`,
          { s: w.schoolB.id },
          w.headB.token,
        ),
      );
      expect(await count()).toBe(before + 1);
    });

    it("a mutation on another school's row, with the scope filter forgotten, fails before any write", async () => {
      forgetEveryScopeFilter();
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const events = async () =>
        Number(
          (
            await t.dataSource.query(`SELECT count(*) FROM audit_event WHERE entity_id = $1`, [
              bRows.treatment,
            ])
          )[0].count,
        );
      const before = await events();
      const answer = await t.gql(
        `mutation($id: ID!) { archiveTreatment(id: $id, reason: "Plus utilisé") { id status } }`,
        { id: bRows.treatment },
        w.headA.token,
      );
      expect(errorCode(answer)).toBe('INTERNAL_SERVER_ERROR');
      expect(logged.mock.calls.map((c) => String(c[0])).join('\n')).toContain(
        `user ${w.headA.id} reached TreatmentEntity ${bRows.treatment}`,
      );
      const [row] = await t.dataSource.query(`SELECT status FROM treatment WHERE id = $1`, [bRows.treatment]);
      expect(row.status).toBe('ACTIVE');
      expect(await events()).toBe(before);
    });
  });

  describe('through the real endpoint', () => {
    it("serves a DPD's page with nested relations: every school-scoped object checked, none refused", async () => {
      const data = ok(await t.gql<TreatmentPage>(TREATMENT_PAGE, {}, w.dpd.token));
      const treatmentB = data.treatments.nodes.find((n) => n.id === bRows.treatment);
      expect(treatmentB?.school.id).toBe(w.schoolB.id);
      expect(treatmentB?.reviews).toHaveLength(1);
      expect(treatmentB?.declarations).toEqual([
        expect.objectContaining({ reviews: [{ verdict: 'COMMENT' }] }),
      ]);
      expect(data.violations.nodes.find((n) => n.id === bRows.violation)?.treatments).toHaveLength(1);
      expect(data.toolDeclarations.nodes.map((n) => n.id)).toContain(bRows.declaration);
    });

    it('knows the caller after a successful login, for the payload’s own fields', async () => {
      const data = ok(
        await t.gql<{ login: { user: { grants: { school: { id: string } | null }[] } } }>(
          `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { grants { school { id } } } } }`,
          { e: w.headA.email, p: TEST_PASSWORD },
        ),
      );
      expect(data.login.user.grants).toEqual([{ school: { id: w.schoolA.id } }]);
    });

    it('keeps concurrent requests apart: each answer is checked against its own caller', async () => {
      const users = [w.headA, w.headB, w.teacherA, w.teacherB, w.dpd, other.head];
      const results = await Promise.all(
        Array.from({ length: 36 }, (_, i) => t.gql<TreatmentPage>(TREATMENT_PAGE, {}, users[i % 6].token)),
      );
      expect(results.map(errorCode)).toEqual(results.map(() => undefined));
      const schoolsOf = (r: (typeof results)[number]) =>
        new Set(r.data.treatments.nodes.map((n) => n.school.id));
      expect(schoolsOf(results[0])).toEqual(new Set([w.schoolA.id]));
      expect(schoolsOf(results[1])).toEqual(new Set([w.schoolB.id]));
      expect(schoolsOf(results[5])).toEqual(new Set());
    });

    it("leaves out, without failing, a user's grants on schools the caller cannot see", async () => {
      const f = new Factory(t.dataSource);
      const both = await f.user(w.academy, [
        { role: 'TEACHER', school: w.schoolA },
        { role: 'TEACHER', school: w.schoolB },
      ]);
      const query = `query($f: UserFilter) { users(filter: $f, first: 50) { nodes { id grants { role school { id } } } } }`;
      const asHeadA = ok(
        await t.gql<{ users: { nodes: { id: string; grants: unknown[] }[] } }>(
          query,
          { f: { schoolId: w.schoolA.id } },
          w.headA.token,
        ),
      );
      expect(asHeadA.users.nodes.find((u) => u.id === both.id)?.grants).toEqual([
        { role: 'TEACHER', school: { id: w.schoolA.id } },
      ]);
      const asDpd = ok(
        await t.gql<{ users: { nodes: { id: string; grants: unknown[] }[] } }>(
          query,
          { f: { schoolId: w.schoolA.id } },
          w.dpd.token,
        ),
      );
      expect(asDpd.users.nodes.find((u) => u.id === both.id)?.grants).toHaveLength(2);
    });

    it('keeps NOT_FOUND (not an internal error) for a school out of scope named in a mutation', async () => {
      const create = await t.gql(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
        {
          i: {
            academyId: w.academy.id,
            email: `isolation-${Date.now()}@ac-test.fr`,
            displayName: 'Enseignant',
            password: 'un-mot-de-passe-long',
            grants: [{ role: 'TEACHER', schoolId: w.schoolB.id }],
          },
        },
        w.headA.token,
      );
      expect(errorCode(create)).toBe('NOT_FOUND');
      const grants = await t.gql(
        `mutation($u: ID!, $g: [RoleGrantInput!]!) { updateUserGrants(userId: $u, grants: $g) { id } }`,
        { u: w.teacherA.id, g: [{ role: 'TEACHER', schoolId: other.school.id }] },
        w.headA.token,
      );
      expect(errorCode(grants)).toBe('NOT_FOUND');
      const exported = await t.gql(
        `mutation($s: ID!) { exportRegister(schoolId: $s, kind: TREATMENT_REGISTER) { id } }`,
        { s: w.schoolB.id },
        w.headA.token,
      );
      expect(errorCode(exported)).toBe('NOT_FOUND');
      const exportsList = await t.gql<{ exports: unknown[] }>(
        `query($s: ID!) { exports(schoolId: $s) { id } }`,
        { s: other.school.id },
        w.dpd.token,
      );
      expect(ok(exportsList).exports).toEqual([]);
    });

    it('reads an export’s entries as its own caller, on a render worker started by an earlier request', async () => {
      const fx = new RegisterFixtures(t.dataSource);
      await fx.treatment(other.school);
      const exportAs = (user: TestUser, schoolId: string) =>
        t.gql<{ exportRegister: { pageCount: number } }>(
          `mutation($s: ID!) { exportRegister(schoolId: $s, kind: TREATMENT_REGISTER) { pageCount } }`,
          { s: schoolId },
          user.token,
        );
      // the first export starts a worker; the next ones, by people of other schools, reuse it
      for (const [user, schoolId] of [
        [w.headA, w.schoolA.id],
        [other.head, other.school.id],
        [w.dpd, w.schoolB.id],
        [other.dpd, other.school.id],
      ] as const) {
        expect(ok(await exportAs(user, schoolId)).exportRegister.pageCount).toBeGreaterThan(0);
      }
    });

    it('serves the audit trail with its schools to a HEAD and a DPD', async () => {
      const query = `{ auditTrail(first: 50) { nodes { entityId school { id } actor { id } } } }`;
      const asHeadB = ok(
        await t.gql<{ auditTrail: { nodes: { entityId: string; school: { id: string } | null }[] } }>(
          query,
          {},
          w.headB.token,
        ),
      );
      expect(asHeadB.auditTrail.nodes.find((n) => n.entityId === bRows.treatment)?.school).toEqual({
        id: w.schoolB.id,
      });
      const asDpd = ok(
        await t.gql<{ auditTrail: { nodes: { entityId: string; school: { id: string } | null }[] } }>(
          query,
          {},
          w.dpd.token,
        ),
      );
      expect(asDpd.auditTrail.nodes.map((n) => n.entityId)).toContain(bRows.treatment);
    });
  });
});
