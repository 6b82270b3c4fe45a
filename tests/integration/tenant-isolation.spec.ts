import { Logger } from '@nestjs/common';
import { EntitySubscriberInterface, In, LoadEvent, ObjectLiteral } from 'typeorm';
import { AcademyEntity } from '../../apps/api/src/academies/academy.entity';
import { AuditEventEntity } from '../../apps/api/src/audit/audit-event.entity';
import { AuthService } from '../../apps/api/src/auth/auth.service';
import { currentCaller, requestContext } from '../../apps/api/src/common/request-context';
import { RequestLoaders } from '../../apps/api/src/common/request-loaders';
import { TenantIsolationError } from '../../apps/api/src/common/tenant-isolation.subscriber';
import { ToolDeclarationEntity } from '../../apps/api/src/declarations/tool-declaration.entity';
import { ReviewEntity } from '../../apps/api/src/reviews/review.entity';
import { SchoolEntity } from '../../apps/api/src/schools/school.entity';
import { TreatmentEntity } from '../../apps/api/src/treatments/treatment.entity';
import { treatmentById } from '../../apps/api/src/treatments/treatment.loaders';
import { ViolationEntity } from '../../apps/api/src/violations/violation.entity';
import { Caller } from '../../libs/core/src';
import { Factory, TEST_PASSWORD, TestSchool, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';

type World = Awaited<ReturnType<Factory['world']>>;

/**
 * Records, for every entity TypeORM loads, which caller the request context held at that moment.
 * A test's own subscriber on the app's DataSource: it observes, it decides nothing.
 */
class LoadProbe implements EntitySubscriberInterface {
  loads: { entity: string; callerId: string | undefined; schoolId: unknown }[] = [];
  /** when set, the next AcademyEntity load in a request also runs this "forgotten filter" query */
  injectForgottenFilter?: (event: LoadEvent<ObjectLiteral>) => Promise<unknown>;

  afterLoad(entity: ObjectLiteral, event?: LoadEvent<ObjectLiteral>): Promise<unknown> | void {
    this.loads.push({
      entity: event?.metadata.name ?? entity.constructor.name,
      callerId: currentCaller()?.userId,
      schoolId: entity.schoolId ?? (entity instanceof SchoolEntity ? entity.id : undefined),
    });
    if (this.injectForgottenFilter && entity instanceof AcademyEntity && event) {
      return this.injectForgottenFilter(event);
    }
  }
}

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

describe('tenant isolation below the services (TypeORM subscriber + request context)', () => {
  let t: TestApp;
  let w: World;
  let other: { academy: { id: string }; school: TestSchool; dpd: TestUser; head: TestUser };
  let admin: TestUser;
  const probe = new LoadProbe();
  /** rows of school B (and one of school A), written straight in the database */
  let bRows: { treatment: string; violation: string; declaration: string; review: string; event: string };
  let aTreatment: string;

  const callerOf = async (user: TestUser): Promise<Caller> => {
    const caller = await t.app.get(AuthService).loadCaller(user.id);
    if (!caller) throw new Error('no caller');
    return caller;
  };
  /** Runs `work` as the request of `user` would: inside a request context holding its caller. */
  const as = async <T>(user: TestUser, work: () => Promise<T>): Promise<T> =>
    requestContext.run({ caller: await callerOf(user) }, work);

  const repo = <E extends ObjectLiteral>(target: new () => E) => t.dataSource.getRepository(target);

  /** The "forgotten filter": each of school B's rows, loaded by id with no scope at all. */
  const forgottenFilterLoads = (): Record<string, () => Promise<{ id: string } | null>> => ({
    treatment: () => repo(TreatmentEntity).findOneBy({ id: bRows.treatment }),
    violation: () => repo(ViolationEntity).findOneBy({ id: bRows.violation }),
    declaration: () => repo(ToolDeclarationEntity).findOneBy({ id: bRows.declaration }),
    review: () => repo(ReviewEntity).findOneBy({ id: bRows.review }),
    school: () => repo(SchoolEntity).findOneBy({ id: w.schoolB.id }),
    auditEvent: () => repo(AuditEventEntity).findOneBy({ id: bRows.event }),
  });

  beforeAll(async () => {
    t = await createTestApp();
    t.dataSource.subscribers.push(probe);
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
    const declaration = (
      await fx.declaration(w.schoolB, w.teacherB, { status: 'APPROVED', treatmentId: treatment })
    ).id;
    const review = (await fx.review({ type: 'TREATMENT', id: treatment }, w.schoolB, w.dpd)).id;
    await fx.review({ type: 'TOOL_DECLARATION', id: declaration }, w.schoolB, w.dpd);
    await t.dataSource.query(`INSERT INTO violation_treatment (violation_id, treatment_id) VALUES ($1, $2)`, [
      violation,
      treatment,
    ]);
    // one audit event of school B, through the API (the audit table is append-only and hash-chained)
    ok(
      await t.gql(
        `mutation($id: ID!, $v: Int!) { updateTreatment(id: $id, version: $v, input: { name: "Cantine" }) { id } }`,
        { id: treatment, v: 1 },
        w.headB.token,
      ),
    );
    const [event] = await t.dataSource.query(
      `SELECT id FROM audit_event WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [treatment],
    );
    bRows = { treatment, violation, declaration, review, event: event.id };
  });
  afterAll(() => t.close());
  afterEach(() => {
    probe.injectForgottenFilter = undefined;
    jest.restoreAllMocks();
  });

  describe('a load that forgot its scope filter, inside a request context', () => {
    // each refusal is logged as a security event (checked below): kept out of the test output
    beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

    it("fails for a HEAD of school A loading school B's rows, and returns nothing", async () => {
      for (const [name, load] of Object.entries(forgottenFilterLoads())) {
        let result: unknown = 'not set';
        const error = await as(w.headA, async () => {
          try {
            result = await load();
            return null;
          } catch (e) {
            return e;
          }
        });
        expect({ name, error }).toEqual({ name, error: expect.any(TenantIsolationError) });
        expect(result).toBe('not set');
      }
    });

    it("lets the HEAD of school A load its own school's rows", async () => {
      const loaded = await as(w.headA, () => repo(TreatmentEntity).findOneBy({ id: aTreatment }));
      expect(loaded?.schoolId).toBe(w.schoolA.id);
      expect((await as(w.headA, () => repo(SchoolEntity).findOneBy({ id: w.schoolA.id })))?.id).toBe(
        w.schoolA.id,
      );
    });

    it('fails as a whole for a list mixing its own rows with another school’s: no partial answer', async () => {
      await expect(
        as(w.headA, () => repo(TreatmentEntity).findBy({ id: In([aTreatment, bRows.treatment]) })),
      ).rejects.toBeInstanceOf(TenantIsolationError);
      await expect(
        as(w.teacherA, () => repo(SchoolEntity).findBy({ id: In([w.schoolA.id, w.schoolB.id]) })),
      ).rejects.toBeInstanceOf(TenantIsolationError);
    });

    it('passes for the DPD of the academy and for an ADMIN', async () => {
      for (const user of [w.dpd, admin]) {
        for (const [name, load] of Object.entries(forgottenFilterLoads())) {
          const row = await as(user, load);
          expect({ name, id: row?.id }).toEqual({ name, id: expect.any(String) });
        }
      }
    });

    it('fails for the DPD of another academy, and for a HEAD of a school of another academy', async () => {
      for (const user of [other.dpd, other.head]) {
        for (const [name, load] of Object.entries(forgottenFilterLoads())) {
          await expect(as(user, load).then(() => name)).rejects.toBeInstanceOf(TenantIsolationError);
        }
      }
    });

    it('checks the rows a teacher loads too, at the school level', async () => {
      await expect(as(w.teacherA, forgottenFilterLoads().declaration)).rejects.toBeInstanceOf(
        TenantIsolationError,
      );
      // the finer rule (a teacher reads its own declarations) stays in the services: school A passes here
      expect((await as(w.teacherA, () => repo(TreatmentEntity).findOneBy({ id: aTreatment })))?.id).toBe(
        aTreatment,
      );
    });

    it('fails through the app’s own unscoped DataLoader, as a service forgetting its filter would', async () => {
      await expect(
        as(w.headA, () => treatmentById(new RequestLoaders(t.dataSource)).load(bRows.treatment)),
      ).rejects.toBeInstanceOf(TenantIsolationError);
      const viaDpd = await as(w.dpd, () =>
        treatmentById(new RequestLoaders(t.dataSource)).load(bRows.treatment),
      );
      expect(viaDpd?.id).toBe(bRows.treatment);
    });

    it('fails inside a transaction, which then rolls back', async () => {
      const before = await t.dataSource.query(`SELECT name FROM school WHERE id = $1`, [w.schoolA.id]);
      await expect(
        as(w.headA, () =>
          t.dataSource.transaction(async (em) => {
            await em.query(`UPDATE school SET name = 'Changé' WHERE id = $1`, [w.schoolA.id]);
            return em.findOneBy(ViolationEntity, { id: bRows.violation });
          }),
        ),
      ).rejects.toBeInstanceOf(TenantIsolationError);
      expect(await t.dataSource.query(`SELECT name FROM school WHERE id = $1`, [w.schoolA.id])).toEqual(
        before,
      );
    });

    it('fails closed when the query did not select the school and academy columns', async () => {
      await expect(
        as(w.headA, () =>
          repo(TreatmentEntity)
            .createQueryBuilder('t')
            .select(['t.id', 't.name'])
            .where('t.id = :id', { id: aTreatment })
            .getMany(),
        ),
      ).rejects.toBeInstanceOf(TenantIsolationError);
    });

    it('checks nothing without a request context, or before anyone is authenticated', async () => {
      for (const load of Object.values(forgottenFilterLoads())) {
        expect((await load())?.id).toEqual(expect.any(String));
        const inEmptyStore = await requestContext.run({}, load);
        expect(inEmptyStore?.id).toEqual(expect.any(String));
      }
    });

    it('logs each refusal as a security event naming the entity type and id, not its content', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      await expect(as(w.headA, forgottenFilterLoads().violation)).rejects.toBeInstanceOf(
        TenantIsolationError,
      );
      const messages = logged.mock.calls.map((call) => String(call[0]));
      expect(messages).toEqual([expect.stringContaining('SECURITY tenant isolation breach')]);
      expect(messages[0]).toContain(`ViolationEntity ${bRows.violation}`);
      expect(messages[0]).toContain(w.headA.id);
      const [{ title }] = await t.dataSource.query(`SELECT title FROM violation WHERE id = $1`, [
        bRows.violation,
      ]);
      expect(messages[0]).not.toContain(title);
    });
  });

  describe('through the real endpoint', () => {
    it("serves a DPD's page with nested relations, the caller known in every field resolver and DataLoader batch", async () => {
      probe.loads = [];
      const data = ok(await t.gql<TreatmentPage>(TREATMENT_PAGE, {}, w.dpd.token));
      const treatmentB = data.treatments.nodes.find((n) => n.id === bRows.treatment);
      expect(treatmentB?.school.id).toBe(w.schoolB.id);
      expect(treatmentB?.reviews).toHaveLength(1);
      expect(treatmentB?.declarations).toEqual([
        expect.objectContaining({ reviews: [{ verdict: 'COMMENT' }] }),
      ]);
      expect(data.violations.nodes.find((n) => n.id === bRows.violation)?.treatments).toHaveLength(1);
      expect(data.toolDeclarations.nodes.map((n) => n.id)).toContain(bRows.declaration);
      // top-level queries, field resolvers and DataLoader batches (later ticks) all ran as the DPD
      const loaded = new Set(probe.loads.map((l) => l.entity));
      for (const entity of [
        'TreatmentEntity',
        'SchoolEntity',
        'ReviewEntity',
        'ToolDeclarationEntity',
        'ViolationEntity',
        'UserEntity',
        'AcademyEntity',
      ]) {
        expect(loaded).toContain(entity);
      }
      expect(new Set(probe.loads.map((l) => l.callerId))).toEqual(new Set([w.dpd.id]));
    });

    it('knows the caller after a successful login, for the payload’s own fields', async () => {
      probe.loads = [];
      const data = ok(
        await t.gql<{ login: { user: { grants: { school: { id: string } | null }[] } } }>(
          `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { grants { school { id } } } } }`,
          { e: w.headA.email, p: TEST_PASSWORD },
        ),
      );
      expect(data.login.user.grants).toEqual([{ school: { id: w.schoolA.id } }]);
      const schoolLoads = probe.loads.filter((l) => l.entity === 'SchoolEntity');
      expect(schoolLoads).toEqual([expect.objectContaining({ callerId: w.headA.id })]);
    });

    it('keeps concurrent requests apart: each load sees its own request’s caller', async () => {
      probe.loads = [];
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
      expect(probe.loads.every((l) => l.callerId !== undefined)).toBe(true);
    });

    it('answers INTERNAL_SERVER_ERROR without the data when a query of the request forgets its filter', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      // a bug planted in the request: loading an academy also loads school B's treatment, unscoped
      probe.injectForgottenFilter = (event) =>
        event.manager.findOneBy(TreatmentEntity, { id: bRows.treatment });
      const asHeadA = await t.gql(`{ academies { id name } }`, {}, w.headA.token);
      expect(errorCode(asHeadA)).toBe('INTERNAL_SERVER_ERROR');
      expect(asHeadA.data).toBeNull();
      expect(JSON.stringify(asHeadA.errors)).not.toContain(bRows.treatment);
      expect(logged.mock.calls.map((c) => String(c[0])).join('\n')).toContain(
        `SECURITY tenant isolation breach: user ${w.headA.id} loaded TreatmentEntity ${bRows.treatment}`,
      );
      // the same request by the DPD of the academy is in scope: it passes
      const asDpd = await t.gql<{ academies: { id: string }[] }>(`{ academies { id } }`, {}, w.dpd.token);
      expect(ok(asDpd).academies).toEqual([{ id: w.academy.id }]);
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
