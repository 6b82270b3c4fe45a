import { createHmac } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { Factory, TEST_PASSWORD, tokenFor } from '../helpers/factories';
import { createTestApp, errorCode, ok, TEST_JWT_SECRET, TestApp } from '../helpers/test-app';
import { CHANGE_PASSWORD, LOGIN, ME } from '../helpers/operations/auth';

type World = Awaited<ReturnType<Factory['world']>>;

const INVALID_TOKEN = 'Session invalide ou expirée : reconnectez-vous.';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokens', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await new Factory(t.dataSource).world();
  });
  afterAll(() => t.close());

  /** `me` with the raw Authorization header given. */
  async function meWith(authorization: string | undefined) {
    const req = request(t.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
    if (authorization !== undefined) req.set('Authorization', authorization);
    const res = await req.send({ query: ME });
    return {
      data: res.body.data as { me: { id: string } } | null,
      errors: res.body.errors as { message: string; extensions?: { code?: string } }[] | undefined,
    };
  }

  async function expectRefused(authorization: string | undefined, message = INVALID_TOKEN) {
    const res = await meWith(authorization);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toBe(message);
  }

  it('accepts a valid token (the control case)', async () => {
    expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, w.headA.token)).me.id).toBe(w.headA.id);
  });

  it('refuses a missing token or another scheme', async () => {
    await expectRefused(undefined, 'Authentification requise.');
    await expectRefused('', 'Authentification requise.');
    await expectRefused('Bearer', 'Authentification requise.');
    await expectRefused(
      `Basic ${Buffer.from(`${w.headA.email}:${TEST_PASSWORD}`).toString('base64')}`,
      'Authentification requise.',
    );
    await expectRefused(`Token ${w.headA.token}`, 'Authentification requise.');
  });

  it('refuses malformed tokens', async () => {
    for (const token of [
      'abc',
      'a.b.c',
      '..',
      `${w.headA.token}.x`,
      'eyJhbGciOiJIUzI1NiJ9.e30.',
      '%%%.%%%.%%%',
    ]) {
      await expectRefused(`Bearer ${token}`);
    }
  });

  it('refuses a tampered payload (another user’s id under the original signature)', async () => {
    const [header, , signature] = w.headA.token.split('.');
    const payload = jwt.decode(w.headA.token) as { sub: string; iat: number; exp: number };
    await expectRefused(`Bearer ${header}.${b64({ ...payload, sub: w.admin.id })}.${signature}`);
    // a later expiry, same user: still a forgery
    await expectRefused(`Bearer ${header}.${b64({ ...payload, exp: payload.exp + 86400 })}.${signature}`);
  });

  it('refuses a tampered signature', async () => {
    const [header, payload, signature] = w.headA.token.split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await expectRefused(`Bearer ${header}.${payload}.${flipped}`);
    await expectRefused(`Bearer ${header}.${payload}.`);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ sub: w.headA.id, iat: now - 7200, exp: now - 60 }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
    });
    await expectRefused(`Bearer ${expired}`);
  });

  it('refuses a well-signed token without an expiry (it would be valid forever)', async () => {
    await expectRefused(`Bearer ${jwt.sign({ sub: w.headA.id }, TEST_JWT_SECRET, { algorithm: 'HS256' })}`);
    // signed by hand: jsonwebtoken refuses to sign an `exp` that is not a number
    const iat = Math.floor(Date.now() / 1000);
    for (const exp of [null, 'never', '9999999999']) {
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: w.headA.id, iat, exp })}`;
      const signature = createHmac('sha256', TEST_JWT_SECRET).update(unsigned).digest('base64url');
      await expectRefused(`Bearer ${unsigned}.${signature}`);
    }
  });

  it('refuses a token signed with another secret', async () => {
    const forged = jwt.sign({ sub: w.admin.id }, 'un-autre-secret-tout-aussi-long-0123456789abcdef', {
      algorithm: 'HS256',
      expiresIn: 3600,
    });
    await expectRefused(`Bearer ${forged}`);
  });

  it("refuses 'alg: none' and any algorithm but HS256", async () => {
    const claims = {
      sub: w.admin.id,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`);
    await expectRefused(`Bearer ${b64({ alg: 'None', typ: 'JWT' })}.${b64(claims)}.`);
    // the right secret under another algorithm: refused too (no algorithm confusion)
    await expectRefused(`Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS512' })}`);
  });

  it('refuses a well-signed token naming no user of ours', async () => {
    await expectRefused(`Bearer ${tokenFor('00000000-0000-4000-8000-000000000000')}`);
    await expectRefused(`Bearer ${jwt.sign({ sub: "' OR 1=1 --" }, TEST_JWT_SECRET, { expiresIn: 3600 })}`);
    await expectRefused(`Bearer ${jwt.sign({ sub: 42 }, TEST_JWT_SECRET, { expiresIn: 3600 })}`);
    await expectRefused(`Bearer ${jwt.sign({ user: w.admin.id }, TEST_JWT_SECRET, { expiresIn: 3600 })}`);
  });

  it("refuses a deactivated user's token", async () => {
    const f = new Factory(t.dataSource);
    const inactive = await f.user(w.academy, [{ role: 'DPD' }], { active: false });
    await expectRefused(`Bearer ${inactive.token}`);
  });

  it('stops a token at once when its user is deactivated after login', async () => {
    const f = new Factory(t.dataSource);
    const user = await f.user(w.academy, [{ role: 'DPD' }]);
    const logged = ok(
      await t.gql<{ login: { token: string } }>(
        `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
        { email: user.email, password: TEST_PASSWORD },
      ),
    );
    const token = logged.login.token;
    expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, token)).me.id).toBe(user.id);

    const deactivated = await t.gql<{ setUserActive: { active: boolean } }>(
      `mutation($id: ID!) { setUserActive(userId: $id, active: false) { active } }`,
      { id: user.id },
      w.admin.token,
    );
    expect(ok(deactivated).setUserActive.active).toBe(false);

    await expectRefused(`Bearer ${token}`);
    // nor can it log in again, and it is told nothing more than for a wrong password
    const again = await t.gql(
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email: user.email, password: TEST_PASSWORD },
    );
    expect(errorCode(again)).toBe('UNAUTHENTICATED');
    expect(again.errors![0].message).toBe('Adresse électronique ou mot de passe incorrect.');
    // its mutations are refused too, nothing written
    const write = await t.gql(
      `mutation { changePassword(currentPassword: "${TEST_PASSWORD}", newPassword: "nouveau-mot-de-passe-123") }`,
      {},
      token,
    );
    expect(errorCode(write)).toBe('UNAUTHENTICATED');
  });

  describe('session revocation', () => {
    const loginAs = async (email: string, password = TEST_PASSWORD) =>
      ok(await t.gql<{ login: { token: string } }>(LOGIN, { email, password })).login.token;

    it('a password change ends every session of the user at once, the one that changed it included', async () => {
      const f = new Factory(t.dataSource);
      const user = await f.user(w.academy, [{ role: 'DPD' }]);
      const laptop = await loginAs(user.email);
      const phone = await loginAs(user.email);
      const other = await f.user(w.academy, [{ role: 'DPD' }]);
      ok(await t.gql(CHANGE_PASSWORD, { c: TEST_PASSWORD, n: 'nouveau-mot-de-passe-123' }, phone));
      await expectRefused(`Bearer ${laptop}`);
      await expectRefused(`Bearer ${phone}`);
      await expectRefused(`Bearer ${user.token}`);
      // another user's session is untouched; the new password opens a new session
      expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, other.token)).me.id).toBe(other.id);
      const fresh = await loginAs(user.email, 'nouveau-mot-de-passe-123');
      expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, fresh)).me.id).toBe(user.id);
    });

    it('a refused password change ends no session', async () => {
      const f = new Factory(t.dataSource);
      const user = await f.user(w.academy, [{ role: 'DPD' }]);
      const session = await loginAs(user.email);
      const wrong = await t.gql(
        CHANGE_PASSWORD,
        { c: 'mauvais-mot-de-passe', n: 'nouveau-mot-de-passe-123' },
        session,
      );
      expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
      expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, session)).me.id).toBe(user.id);
    });

    it('a deactivation ends the sessions for good: reactivated, the account needs a new login', async () => {
      const f = new Factory(t.dataSource);
      const user = await f.user(w.academy, [{ role: 'DPD' }]);
      const session = await loginAs(user.email);
      const setActive = `mutation($id: ID!, $active: Boolean!) { setUserActive(userId: $id, active: $active) { active } }`;
      ok(await t.gql(setActive, { id: user.id, active: false }, w.admin.token));
      ok(await t.gql(setActive, { id: user.id, active: true }, w.admin.token));
      await expectRefused(`Bearer ${session}`);
      await expectRefused(`Bearer ${user.token}`);
      const fresh = await loginAs(user.email);
      expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, fresh)).me.id).toBe(user.id);
    });

    it('logoutEverywhere ends every session of the caller, and the trail records it', async () => {
      const f = new Factory(t.dataSource);
      const user = await f.user(w.academy, [{ role: 'HEAD', school: w.schoolA }]);
      const laptop = await loginAs(user.email);
      const phone = await loginAs(user.email);
      expect(ok(await t.gql(`mutation { logoutEverywhere }`, {}, phone))).toEqual({ logoutEverywhere: true });
      await expectRefused(`Bearer ${laptop}`);
      await expectRefused(`Bearer ${phone}`);
      await expectRefused(`Bearer ${user.token}`);
      expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, w.headA.token)).me.id).toBe(w.headA.id);
      const [event] = await t.dataSource.query(
        `SELECT actor_id, changes FROM audit_event WHERE entity_id = $1 ORDER BY at DESC, seq DESC LIMIT 1`,
        [user.id],
      );
      expect(event.actor_id).toBe(user.id);
      expect(JSON.parse(event.changes)).toEqual({ sessionGeneration: [0, 1] });
      const fresh = await loginAs(user.email);
      expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, fresh)).me.id).toBe(user.id);
      expect(errorCode(await t.gql(`mutation { logoutEverywhere }`, {}))).toBe('UNAUTHENTICATED');
    });

    it('refuses a well-signed token of an older or a later session generation', async () => {
      const f = new Factory(t.dataSource);
      const user = await f.user(w.academy, [{ role: 'DPD' }]);
      await t.dataSource.query(`UPDATE app_user SET session_generation = 2 WHERE id = $1`, [user.id]);
      await expectRefused(`Bearer ${tokenFor(user.id)}`);
      await expectRefused(
        `Bearer ${jwt.sign({ sub: user.id, gen: 1 }, TEST_JWT_SECRET, { expiresIn: 3600 })}`,
      );
      await expectRefused(
        `Bearer ${jwt.sign({ sub: user.id, gen: 3 }, TEST_JWT_SECRET, { expiresIn: 3600 })}`,
      );
      await expectRefused(
        `Bearer ${jwt.sign({ sub: user.id, gen: '2' }, TEST_JWT_SECRET, { expiresIn: 3600 })}`,
      );
      const current = jwt.sign({ sub: user.id, gen: 2 }, TEST_JWT_SECRET, { expiresIn: 3600 });
      expect(ok(await t.gql<{ me: { id: string } }>(ME, {}, current)).me.id).toBe(user.id);
    });
  });
});
