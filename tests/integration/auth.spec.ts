import { counts, Factory, TEST_PASSWORD } from '../helpers/factories';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import { CHANGE_PASSWORD, LOGIN } from '../helpers/operations/auth';

describe('accounts: login, me, changePassword', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await createTestApp();
    f = new Factory(t.dataSource);
  });
  afterAll(() => t.close());

  it('logs in with email and password, and the token opens `me`', async () => {
    const academy = await f.academy();
    const user = await f.user(academy, [{ role: 'DPD' }], { email: 'dpd.login@ac-test.fr' });
    const data = ok(
      await t.gql<{
        login: { token: string; expiresAt: string; user: { id: string; grants: { role: string }[] } };
      }>(LOGIN, { email: '  DPD.Login@AC-test.fr ', password: TEST_PASSWORD }),
    );
    expect(data.login.user.id).toBe(user.id);
    expect(data.login.user.grants).toEqual([{ role: 'DPD' }]);
    expect(new Date(data.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = ok(await t.gql<{ me: { email: string } }>('{ me { email } }', {}, data.login.token));
    expect(me.me.email).toBe('dpd.login@ac-test.fr');
  });

  it('answers an unknown email, a wrong password and a deactivated account identically', async () => {
    const academy = await f.academy();
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const inactive = await f.user(academy, [{ role: 'DPD' }], { active: false });
    const answers = await Promise.all([
      t.gql(LOGIN, { email: 'nobody@ac-test.fr', password: TEST_PASSWORD }),
      t.gql(LOGIN, { email: user.email, password: 'not-the-password' }),
      t.gql(LOGIN, { email: inactive.email, password: TEST_PASSWORD }),
    ]);
    for (const answer of answers) {
      expect(answer.data).toBeNull();
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: 'Adresse électronique ou mot de passe incorrect.',
          extensions: { code: 'UNAUTHENTICATED' },
        }),
      ]);
    }
  });

  it('refuses every operation but login without a token', async () => {
    expect(errorCode(await t.gql('{ me { id } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql('{ academies { id } }', {}, 'not-a-jwt'))).toBe('UNAUTHENTICATED');
  });

  it('changes its own password: the old one stops working, the trail says so without the password', async () => {
    const academy = await f.academy();
    const user = await f.user(academy, [{ role: 'DPD' }]);

    const wrong = await t.gql(
      CHANGE_PASSWORD,
      { c: 'wrong-password-xx', n: 'nouveau-mot-de-passe' },
      user.token,
    );
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].extensions?.fields).toEqual({ currentPassword: expect.any(String) });

    const short = await t.gql(CHANGE_PASSWORD, { c: TEST_PASSWORD, n: 'court' }, user.token);
    expect(short.errors?.[0].extensions?.fields).toEqual({ newPassword: expect.stringContaining('12') });

    expect(
      ok(await t.gql(CHANGE_PASSWORD, { c: TEST_PASSWORD, n: 'nouveau-mot-de-passe' }, user.token)),
    ).toEqual({
      changePassword: true,
    });
    expect(errorCode(await t.gql(LOGIN, { email: user.email, password: TEST_PASSWORD }))).toBe(
      'UNAUTHENTICATED',
    );
    ok(await t.gql(LOGIN, { email: user.email, password: 'nouveau-mot-de-passe' }));

    const [event] = await t.dataSource.query(
      `SELECT changes FROM audit_event WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [user.id],
    );
    const [hash] = await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);
    expect(event.changes).not.toContain('nouveau-mot-de-passe');
    expect(event.changes).not.toContain(hash.password_hash);
    expect(JSON.parse(event.changes)).toHaveProperty('password');
  });

  it('a refused password change writes nothing', async () => {
    const academy = await f.academy();
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const before = await counts(t.dataSource, 'app_user');
    await t.gql(
      `mutation { changePassword(currentPassword: "wrong-password-xx", newPassword: "nouveau-mot-de-passe") }`,
      {},
      user.token,
    );
    expect(await counts(t.dataSource, 'app_user')).toEqual(before);
  });
});
