import request from 'supertest';
import { Factory, TEST_PASSWORD } from '../helpers/factories';
import { insertTreatment } from '../helpers/export-fixtures';
import { createTestApp, TestApp } from '../helpers/test-app';
import { LOGIN, ME } from '../helpers/operations/auth';

/** The web app's session: an httpOnly cookie set by login, accepted like the bearer header. */

describe('web session cookie', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
  });
  afterAll(() => t.close());

  const post = (body: object, cookie?: string) => {
    const req = request(t.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
    if (cookie) req.set('Cookie', cookie);
    return req.send(body);
  };

  async function loginCookie(email: string): Promise<{ cookie: string; setCookie: string }> {
    const res = await post({ query: LOGIN, variables: { email, password: TEST_PASSWORD } });
    expect(res.body.errors).toBeUndefined();
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
    return { cookie: setCookie.split(';')[0], setCookie };
  }

  it('login sets an httpOnly, SameSite=Strict cookie with the token lifetime, not Secure outside production', async () => {
    const academy = await f.academy();
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const { setCookie } = await loginCookie(user.email);
    expect(setCookie).toMatch(/^registre_session=[^;]+;/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/i);
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(t.config.JWT_TTL_SECONDS - 60);
    expect(maxAge).toBeLessThanOrEqual(t.config.JWT_TTL_SECONDS);
  });

  it('the cookie alone authenticates a GraphQL request; logout clears it', async () => {
    const academy = await f.academy();
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const { cookie } = await loginCookie(user.email);
    const me = await post({ query: ME }, cookie);
    expect(me.body.data.me).toEqual({ id: user.id, email: user.email });

    const out = await post({ query: 'mutation { logout }' }, cookie);
    expect(out.body.data.logout).toBe(true);
    const cleared = ([] as string[]).concat(out.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cleared).toMatch(/^registre_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);

    const after = await post({ query: ME });
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a forged or expired cookie is refused with a French message', async () => {
    const res = await post({ query: ME }, 'registre_session=not-a-token');
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toBe('Session invalide ou expirée : reconnectez-vous.');
  });

  it('CSRF prevention stays on: a simple GET request carrying the cookie is refused', async () => {
    const academy = await f.academy();
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const { cookie } = await loginCookie(user.email);
    const simple = await request(t.app.getHttpServer())
      .get('/graphql')
      .query({ query: ME })
      .set('Cookie', cookie);
    expect(simple.status).toBe(400);
    expect(JSON.stringify(simple.body)).not.toContain(user.email);
    const preflighted = await request(t.app.getHttpServer())
      .get('/graphql')
      .query({ query: ME })
      .set('Cookie', cookie)
      .set('apollo-require-preflight', 'true');
    expect(preflighted.body.data.me.id).toBe(user.id);
  });

  it('a download works with the cookie', async () => {
    const academy = await f.academy();
    const school = await f.school(academy);
    const head = await f.user(academy, [{ role: 'HEAD', school }]);
    await insertTreatment(t.dataSource, school, { name: 'Cantine scolaire' });
    const { cookie } = await loginCookie(head.email);
    const exported = await post(
      {
        query: `mutation ($schoolId: ID!) { exportRegister(schoolId: $schoolId, kind: TREATMENT_REGISTER) { downloadPath } }`,
        variables: { schoolId: school.id },
      },
      cookie,
    );
    const path = exported.body.data.exportRegister.downloadPath as string;
    const withCookie = await request(t.app.getHttpServer()).get(path).set('Cookie', cookie);
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers['content-type']).toBe('application/pdf');
    const without = await request(t.app.getHttpServer()).get(path);
    expect(without.status).toBe(404);
  });
});
