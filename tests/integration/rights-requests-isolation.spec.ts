import { Logger } from '@nestjs/common';
import { AuditedTransactions } from '../../apps/api/src/audit/audited-transaction.service';
import { AuthService } from '../../apps/api/src/auth/auth.service';
import { TenantIsolationError } from '../../apps/api/src/common/tenant-isolation';
import { RightsRequestEntity } from '../../apps/api/src/rights-requests/rights-request.entity';
import * as scope from '@app/core/scope';
import { Factory, TestUser } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import { RIGHTS_REQUESTS } from '../helpers/operations/rights-requests';

/**
 * Tenant isolation below the rights-request service (apps/api/src/common/tenant-isolation.ts):
 * RightsRequest is a school-scoped output type and RightsRequestEntity a school-scoped entity, so a
 * scope filter forgotten by the service still hands nothing of another school out.
 */
const SECRET = 'Requérant secret de B';

describe('tenant isolation of rights requests', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Factory['world']>>;
  let otherDpd: TestUser;
  let bRequest: string;

  beforeAll(async () => {
    t = await createTestApp();
    const f = new Factory(t.dataSource);
    w = await f.world();
    otherDpd = await f.user(await f.academy(), [{ role: 'DPD' }]);
    const [row] = await t.dataSource.query(
      `INSERT INTO rights_request (school_id, academy_id, number, reference, recorded_by_id, right_types, channel,
         received_at, requester_name, requester_relation, subject_category, description, due_at)
       VALUES ($1, $2, 1, 'D-001', $3, '{ACCESS}', 'EMAIL', now(), $4, 'SELF', 'PARENTS', 'Accès', now() + interval '1 month')
       RETURNING id`,
      [w.schoolB.id, w.academy.id, w.headB.id, SECRET],
    );
    bRequest = row.id;
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  const forgetEveryScopeFilter = () =>
    jest.spyOn(scope, 'scopeFor').mockReturnValue({ sql: 'TRUE', params: {} });

  it('the planted bug is real: without it the head of A does not list B’s request, with it the DPD does', async () => {
    const own = ok(
      await t.gql<{ rightsRequests: { nodes: { id: string }[] } }>(
        RIGHTS_REQUESTS,
        { first: 100 },
        w.headA.token,
      ),
    );
    expect(own.rightsRequests.nodes.map((n) => n.id)).not.toContain(bRequest);
    forgetEveryScopeFilter();
    // the test database is shared: the DPD's own academy only, or other specs' requests would be refused
    const asDpd = ok(
      await t.gql<{ rightsRequests: { nodes: { id: string }[] } }>(
        `query($academyId: ID) { rightsRequests(first: 100, filter: { academyId: $academyId }) { nodes { id requesterName } } }`,
        { academyId: w.academy.id },
        w.dpd.token,
      ),
    );
    expect(JSON.stringify(asDpd)).toContain(SECRET);
  });

  it('refuses the list to the head of A and to another academy’s DPD: INTERNAL_SERVER_ERROR, no name', async () => {
    forgetEveryScopeFilter();
    for (const user of [w.headA, otherDpd]) {
      const answer = await t.gql(RIGHTS_REQUESTS, { first: 100 }, user.token);
      expect(errorCode(answer)).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(answer)).not.toContain(SECRET);
    }
  });

  it('refuses B’s row inside a transaction bound to the head of A, and lets the DPD of the academy load it', async () => {
    const callerOf = async (user: TestUser) => {
      const caller = await t.app.get(AuthService).loadCaller(user.id);
      if (!caller) throw new Error('no caller');
      return caller;
    };
    const load = async (user: TestUser) =>
      t.app
        .get(AuditedTransactions)
        .run(await callerOf(user), ({ em }) => em.findOneBy(RightsRequestEntity, { id: bRequest }));
    await expect(load(w.headA)).rejects.toBeInstanceOf(TenantIsolationError);
    expect((await load(w.dpd))?.id).toBe(bRequest);
  });
});
