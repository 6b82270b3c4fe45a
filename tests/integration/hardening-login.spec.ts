import request from 'supertest';
import * as argon2 from 'argon2';
import { Factory, TEST_PASSWORD, TestAcademy } from '../helpers/factories';
import { LoginThrottle } from '../../apps/api/src/auth/login-throttle';
import { createTestApp, TestApp } from '../helpers/test-app';

const LOCKED = 'Trop de tentatives de connexion : réessayez dans quelques minutes.';
const INVALID = 'Adresse électronique ou mot de passe incorrect.';

interface Outcome {
  code: string | undefined;
  message: string | undefined;
  token?: string;
}

let addressSeq = 0;
/** A fresh client address per test: the API trusts X-Forwarded-For from its loopback proxy. */
const newAddress = () => `203.0.113.${++addressSeq}`;

async function login(t: TestApp, email: string, password: string, address: string): Promise<Outcome> {
  const res = await request(t.app.getHttpServer())
    .post('/graphql')
    .set('Content-Type', 'application/json')
    .set('X-Forwarded-For', address)
    .send({
      query: `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      variables: { email, password },
    });
  const error = (res.body.errors as { message: string; extensions?: { code?: string } }[] | undefined)?.[0];
  return {
    code: error?.extensions?.code,
    message: error?.message,
    token: (res.body.data as { login?: { token: string } } | null)?.login?.token,
  };
}

describe('login protection (LOGIN_MAX_FAILURES=3, per address 12)', () => {
  let t: TestApp;
  let f: Factory;
  let academy: TestAcademy;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '600' } });
    f = new Factory(t.dataSource);
    academy = await f.academy();
  });
  afterAll(() => t.close());

  it('locks an account after 3 failures; then even the right password is refused', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const address = newAddress();
    expect((await login(t, user.email, TEST_PASSWORD, address)).token).toEqual(expect.any(String));
    for (let i = 0; i < 3; i++) {
      expect(await login(t, user.email, 'mauvais-mot-de-passe', address)).toEqual({
        code: 'UNAUTHENTICATED',
        message: INVALID,
      });
    }
    expect(await login(t, user.email, 'mauvais-mot-de-passe', address)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: LOCKED,
    });
    expect(await login(t, user.email, TEST_PASSWORD, address)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: LOCKED,
    });
    // the lock is the account's from that address, whatever the case and spacing of the email
    expect(await login(t, ` ${user.email.toUpperCase()} `, TEST_PASSWORD, address)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: LOCKED,
    });
    // issue #22: from another address the account is not locked (per account and address)
    expect((await login(t, user.email, TEST_PASSWORD, newAddress())).token).toEqual(expect.any(String));
  });

  it('answers an unknown email exactly as a known one, lockout included (no enumeration)', async () => {
    const known = await f.user(academy, [{ role: 'DPD' }]);
    const deactivated = await f.user(academy, [{ role: 'DPD' }], { active: false });
    const sequence = async (email: string, password: string) => {
      const address = newAddress();
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 5; i++) outcomes.push(await login(t, email, password, address));
      return outcomes;
    };
    const forKnown = await sequence(known.email, 'mauvais-mot-de-passe');
    const forUnknown = await sequence(`inconnu${Date.now()}@ac-test.fr`, 'mauvais-mot-de-passe');
    const forDeactivated = await sequence(deactivated.email, TEST_PASSWORD);
    const expected = [
      { code: 'UNAUTHENTICATED', message: INVALID },
      { code: 'UNAUTHENTICATED', message: INVALID },
      { code: 'UNAUTHENTICATED', message: INVALID },
      { code: 'TOO_MANY_REQUESTS', message: LOCKED },
      { code: 'TOO_MANY_REQUESTS', message: LOCKED },
    ];
    expect(forKnown).toEqual(expected);
    expect(forUnknown).toEqual(expected);
    expect(forDeactivated).toEqual(expected);
  });

  it('a success clears the account’s failures', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const address = newAddress();
    for (let i = 0; i < 2; i++)
      expect((await login(t, user.email, 'faux', address)).code).toBe('UNAUTHENTICATED');
    expect((await login(t, user.email, TEST_PASSWORD, address)).token).toEqual(expect.any(String));
    for (let i = 0; i < 2; i++)
      expect((await login(t, user.email, 'faux', address)).code).toBe('UNAUTHENTICATED');
    expect((await login(t, user.email, TEST_PASSWORD, address)).token).toEqual(expect.any(String));
  });

  it('lets 50 logins of one account at once all in, when the bound allows them (no attempt lost to a race)', async () => {
    // every attempt is counted while it runs: with a bound of 100, fifty at once are all allowed
    const roomy = await createTestApp({ env: { LOGIN_MAX_FAILURES: '100' } });
    try {
      const user = await new Factory(roomy.dataSource).user(academy, [{ role: 'DPD' }]);
      const address = newAddress();
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => login(roomy, user.email, TEST_PASSWORD, address)),
      );
      expect(answers.filter((a) => !a.token).map((a) => a.code)).toEqual([]);
    } finally {
      await roomy.close();
    }
  });

  it('limits one address across accounts (12 failures), without locking those accounts elsewhere', async () => {
    const address = newAddress();
    for (let i = 0; i < 12; i++) {
      const outcome = await login(
        t,
        `balayage${i}-${Date.now()}@ac-test.fr`,
        'mauvais-mot-de-passe',
        address,
      );
      expect(outcome).toEqual({ code: 'UNAUTHENTICATED', message: INVALID });
    }
    // each account failed once only, yet the address is now locked, for any account
    const user = await f.user(academy, [{ role: 'DPD' }]);
    expect(await login(t, user.email, TEST_PASSWORD, address)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: LOCKED,
    });
    expect(await login(t, `encore-${Date.now()}@ac-test.fr`, 'x', address)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: LOCKED,
    });
    // the same account from another address is not locked
    expect((await login(t, user.email, TEST_PASSWORD, newAddress())).token).toEqual(expect.any(String));
  });

  it('treats every address of one IPv6 /64 as one client', async () => {
    for (let i = 0; i < 12; i++) {
      const outcome = await login(t, `v6-${i}-${Date.now()}@ac-test.fr`, 'faux', `2001:db8:7:1::${i + 1}`);
      expect(outcome.code).toBe('UNAUTHENTICATED');
    }
    const user = await f.user(academy, [{ role: 'DPD' }]);
    expect((await login(t, user.email, TEST_PASSWORD, '2001:db8:7:1:ffff::9')).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect((await login(t, user.email, TEST_PASSWORD, '2001:db8:7:2::1')).token).toEqual(expect.any(String));
  });

  it('lets no more than 3 guesses through when they arrive all at once', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const address = newAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => login(t, user.email, 'mauvais-mot-de-passe', address)),
    );
    const codes = outcomes.map((o) => o.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(3);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(9);
    expect((await login(t, user.email, TEST_PASSWORD, address)).code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('login lockout is temporary (LOGIN_LOCKOUT_SECONDS=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '2', LOGIN_LOCKOUT_SECONDS: '1' } });
  });
  afterAll(() => t.close());

  it('accepts the right password again once the lockout is over', async () => {
    const f = new Factory(t.dataSource);
    const user = await f.user(await f.academy(), [{ role: 'DPD' }]);
    const address = newAddress();
    for (let i = 0; i < 2; i++)
      expect((await login(t, user.email, 'faux', address)).code).toBe('UNAUTHENTICATED');
    expect((await login(t, user.email, TEST_PASSWORD, address)).code).toBe('TOO_MANY_REQUESTS');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await login(t, user.email, TEST_PASSWORD, address)).token).toEqual(expect.any(String));
  });

  it('forgets what is over: the table keeps no row past its window and lockout', async () => {
    const f = new Factory(t.dataSource);
    const user = await f.user(await f.academy(), [{ role: 'DPD' }]);
    const address = newAddress();
    const rows = async () =>
      Number(
        (
          await t.dataSource.query(`SELECT count(*) AS n FROM login_throttle WHERE key = $1`, [
            `address:${address}`,
          ])
        )[0].n,
      );
    for (let i = 0; i < 2; i++)
      expect((await login(t, `oubli${i}-${Date.now()}@ac-test.fr`, 'faux', address)).code).toBe(
        'UNAUTHENTICATED',
      );
    expect(await rows()).toBe(1);
    const throttle = t.app.get(LoginThrottle);
    // still in its window: the sweep leaves it
    await throttle.sweep();
    expect(await rows()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await throttle.sweep();
    expect(await rows()).toBe(0);
    // a locked row stays until its lockout is over, then goes
    const lockedFrom = newAddress();
    for (let i = 0; i < 2; i++)
      expect((await login(t, user.email, 'faux', lockedFrom)).code).toBe('UNAUTHENTICATED');
    const locked = await t.dataSource.query(`SELECT key FROM login_throttle WHERE locked_until > now()`);
    expect(locked).toHaveLength(1);
    await throttle.sweep();
    expect(
      await t.dataSource.query(`SELECT key FROM login_throttle WHERE key = $1`, [locked[0].key]),
    ).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await throttle.sweep();
    expect(await t.dataSource.query(`SELECT key FROM login_throttle`)).toEqual([]);
  });
});

describe('two API processes on one database share one lockout (LOGIN_MAX_FAILURES=3)', () => {
  // two apps, each with its own pool, as two cluster workers or replicas would be
  let a: TestApp;
  let b: TestApp;
  let f: Factory;
  let academy: TestAcademy;
  beforeAll(async () => {
    const env = { LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '600' };
    a = await createTestApp({ env });
    b = await createTestApp({ env });
    f = new Factory(a.dataSource);
    academy = await f.academy();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('failures spread over both lock the account on both', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const address = newAddress();
    for (const t of [a, b, a]) {
      expect(await login(t, user.email, 'mauvais-mot-de-passe', address)).toEqual({
        code: 'UNAUTHENTICATED',
        message: INVALID,
      });
    }
    // neither process saw 3 failures itself
    for (const t of [b, a]) {
      expect(await login(t, user.email, TEST_PASSWORD, address)).toEqual({
        code: 'TOO_MANY_REQUESTS',
        message: LOCKED,
      });
    }
  });

  it('a success on one clears the account on the other', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const address = newAddress();
    for (const t of [a, b])
      expect((await login(t, user.email, 'faux', address)).code).toBe('UNAUTHENTICATED');
    expect((await login(a, user.email, TEST_PASSWORD, address)).token).toEqual(expect.any(String));
    for (const t of [b, a])
      expect((await login(t, user.email, 'faux', address)).code).toBe('UNAUTHENTICATED');
    expect((await login(b, user.email, TEST_PASSWORD, address)).token).toEqual(expect.any(String));
  });

  it('limits one address across both (12 failures)', async () => {
    const address = newAddress();
    for (let i = 0; i < 12; i++) {
      const outcome = await login(i % 2 ? a : b, `partage${i}-${Date.now()}@ac-test.fr`, 'faux', address);
      expect(outcome).toEqual({ code: 'UNAUTHENTICATED', message: INVALID });
    }
    const user = await f.user(academy, [{ role: 'DPD' }]);
    for (const t of [a, b]) {
      expect(await login(t, user.email, TEST_PASSWORD, address)).toEqual({
        code: 'TOO_MANY_REQUESTS',
        message: LOCKED,
      });
    }
  });

  it('lets no more than 3 guesses through when they arrive all at once at both', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const address = newAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login(i % 2 ? a : b, user.email, 'mauvais-mot-de-passe', address)),
    );
    const codes = outcomes.map((o) => o.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(3);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(13);
    for (const t of [a, b])
      expect((await login(t, user.email, TEST_PASSWORD, address)).code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('TRUST_PROXY', () => {
  it('with no proxy trusted, a forged X-Forwarded-For does not escape the per-address lockout', async () => {
    const t = await createTestApp({
      env: { TRUST_PROXY: '0', LOGIN_MAX_FAILURES: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' },
    });
    try {
      const outcomes: Outcome[] = [];
      // each attempt claims another address; all come from the same socket address
      for (let i = 0; i < 4; i++) {
        outcomes.push(await login(t, `inconnu${i}@ac-test.fr`, 'mauvais-mot-de-passe', newAddress()));
      }
      expect(outcomes.map((o) => o.code)).toEqual([
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'TOO_MANY_REQUESTS',
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('changePassword: wrong current passwords are throttled as logins are (LOGIN_MAX_FAILURES=5)', () => {
  let t: TestApp;
  let f: Factory;
  let academy: TestAcademy;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '5', LOGIN_LOCKOUT_SECONDS: '600' } });
    f = new Factory(t.dataSource);
    academy = await f.academy();
  });
  afterAll(() => t.close());

  async function changePassword(token: string, current: string, address: string): Promise<Outcome> {
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Forwarded-For', address)
      .send({
        query: `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
        variables: { c: current, n: 'nouveau-mot-de-passe-123' },
      });
    const error = (res.body.errors as { message: string; extensions?: { code?: string } }[] | undefined)?.[0];
    return { code: error?.extensions?.code, message: error?.message };
  }

  it('the sixth wrong current password is TOO_MANY_REQUESTS, and then even the right one', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const address = newAddress();
    for (let i = 0; i < 5; i++) {
      expect((await changePassword(user.token, `mauvais-mot-de-passe-${i}`, address)).code).toBe(
        'BAD_USER_INPUT',
      );
    }
    const sixth = await changePassword(user.token, 'mauvais-mot-de-passe-6', address);
    expect(sixth.code).toBe('TOO_MANY_REQUESTS');
    expect(sixth.message).toMatch(/réessayez dans quelques minutes/);
    expect((await changePassword(user.token, TEST_PASSWORD, address)).code).toBe('TOO_MANY_REQUESTS');
    // the guesses count against the login of that account from that address too
    expect((await login(t, user.email, TEST_PASSWORD, address)).code).toBe('TOO_MANY_REQUESTS');
    const [{ password_hash: hash }] = await t.dataSource.query(
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(await argon2.verify(hash, TEST_PASSWORD)).toBe(true);
  });

  it('a right current password clears the failures', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }]);
    const address = newAddress();
    for (let i = 0; i < 4; i++)
      expect((await changePassword(user.token, 'mauvais-mot-de-passe', address)).code).toBe('BAD_USER_INPUT');
    expect((await changePassword(user.token, TEST_PASSWORD, address)).code).toBeUndefined();
  });
});

describe('per account and address, with a much higher bound per account (NIST SP 800-63B)', () => {
  it('five wrong passwords from one address do not lock the DPD out from elsewhere (defaults 5 / 100)', async () => {
    const t = await createTestApp({
      env: { LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_ACCOUNT: '100' },
    });
    try {
      const f = new Factory(t.dataSource);
      const dpd = await f.user(await f.academy(), [{ role: 'DPD' }]);
      const attacker = newAddress();
      for (let i = 0; i < 5; i++)
        expect((await login(t, dpd.email, 'mauvais-mot-de-passe', attacker)).code).toBe('UNAUTHENTICATED');
      expect((await login(t, dpd.email, TEST_PASSWORD, attacker)).code).toBe('TOO_MANY_REQUESTS');
      // the DPD, from its own address, still logs in
      expect((await login(t, dpd.email, TEST_PASSWORD, newAddress())).token).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  });

  it('failures from many addresses lock the account everywhere at the per-account bound', async () => {
    const t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT: '6' } });
    try {
      const f = new Factory(t.dataSource);
      const admin = await f.user(await f.academy(), [{ role: 'ADMIN' }]);
      for (let i = 0; i < 6; i++)
        expect((await login(t, admin.email, 'mauvais-mot-de-passe', newAddress())).code).toBe(
          'UNAUTHENTICATED',
        );
      expect(await login(t, admin.email, TEST_PASSWORD, newAddress())).toEqual({
        code: 'TOO_MANY_REQUESTS',
        message: LOCKED,
      });
    } finally {
      await t.close();
    }
  });
});
