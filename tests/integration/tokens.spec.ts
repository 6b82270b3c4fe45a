import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { Factory, TEST_PASSWORD, tokenFor } from '../helpers/factories';
import { createTestApp, errorCode, ok, TEST_JWT_SECRET, TestApp } from '../helpers/test-app';

type World = Awaited<ReturnType<Factory['world']>>;

const INVALID_TOKEN = 'Session invalide ou expirée : reconnectez-vous.';
const ME = `{ me { id email } }`;

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
});
