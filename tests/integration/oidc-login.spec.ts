import { Writable } from 'node:stream';
import { Factory, TEST_PASSWORD } from '../helpers/factories';
import {
  CookieBrowser,
  freePort,
  loginAtProvider,
  PROVIDER_SETUP_TIMEOUT_MS,
  startTestProvider,
  TestProvider,
} from '../helpers/oidc-provider';
import { TestSmtpServer } from '../helpers/smtp';
import { createTestApp, errorCode, ok, TestApp } from '../helpers/test-app';
import { LOGIN } from '../helpers/operations/auth';

/**
 * The login through the académie's identity provider, against a real one (oidc-provider in a child
 * process, tests/helpers/oidc-provider.mjs) and the API served on a real port: the browser's part
 * is played by CookieBrowser (cookies, redirects, the provider's login form), and every refusal is
 * produced by changing what really travels (the state in the callback, a nonce in the request, a code
 * used twice, an ID token for another client), never by replacing a part of ours.
 */
const CLIENT_ID = 'registre-rgpd';
const CLIENT_SECRET = 'secret-du-registre-chez-le-fournisseur';
const OTHER_CLIENT_ID = 'autre-application';
const ACCOUNT_NOT_OPEN =
  'Votre compte n&#39;est pas ouvert dans le registre : demandez-le à votre chef d&#39;établissement';

describe('login with the académie account (OpenID Connect)', () => {
  let provider: TestProvider;
  let t: TestApp;
  let f: Factory;
  let base: string;
  let academy: Awaited<ReturnType<Factory['academy']>>;
  let school: Awaited<ReturnType<Factory['school']>>;
  const smtp = new TestSmtpServer();
  const log: Record<string, unknown>[] = [];
  let rawLog = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await smtp.start(0);
    const redirect = { redirect_uris: [`${base}/auth/oidc/callback`] };
    provider = await startTestProvider([
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        ...redirect,
        post_logout_redirect_uris: [`${base}/connexion`],
      },
      // another application of the académie, registered with the same redirect URI
      { client_id: OTHER_CLIENT_ID, client_secret: 'secret-de-l-autre-application', ...redirect },
    ]);
    t = await createTestApp({
      env: {
        PUBLIC_URL: base,
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        LOCAL_LOGIN: 'false',
        SMTP_URL: smtp.url,
      },
      logStream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          rawLog += chunk.toString();
          for (const line of chunk.toString().split('\n').filter(Boolean)) log.push(JSON.parse(line));
          done();
        },
      }),
    });
    await t.app.listen(port, '127.0.0.1');
    f = new Factory(t.dataSource);
    academy = await f.academy();
    school = await f.school(academy);
  }, PROVIDER_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
    await smtp.stop();
  });

  const securityLines = () => log.filter((line) => line.security === true);
  /** the security log's latest login line (each test's login is the last one) */
  const lastLogin = () =>
    securityLines()
      .filter((line) => String(line.event).startsWith('login.'))
      .at(-1);

  /** GET /auth/oidc/login in `browser`: the provider's authorization URL it redirects to. */
  async function startLogin(browser: CookieBrowser): Promise<string> {
    const start = await browser.request(`${base}/auth/oidc/login`);
    expect(start.status).toBe(302);
    return start.headers.get('location') as string;
  }

  /** A whole login of the provider's account `login`, up to the callback's answer. */
  async function ssoLogin(login: string, claims: Record<string, unknown>) {
    await provider.account(login, claims);
    const browser = new CookieBrowser();
    const callback = await loginAtProvider(browser, await startLogin(browser), login);
    const answer = await browser.request(callback);
    return { browser, callback, answer };
  }

  async function me(browser: CookieBrowser): Promise<{ id: string } | null> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `registre_session=${browser.cookie(base, 'registre_session') ?? ''}`,
      },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    return ((await res.json()) as { data: { me: { id: string } } | null }).data?.me ?? null;
  }

  it('starts the code flow with PKCE (S256), a state and a nonce, kept in a signed Lax cookie', async () => {
    const browser = new CookieBrowser();
    const start = await browser.request(`${base}/auth/oidc/login`);
    expect(start.status).toBe(302);
    const url = new URL(start.headers.get('location') as string);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('redirect_uri')).toBe(`${base}/auth/oidc/callback`);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const setCookie = start.headers.getSetCookie()[0];
    expect(setCookie).toMatch(
      /^registre_oidc=[^;]+; Max-Age=600; Path=\/auth\/oidc; Expires=[^;]+; HttpOnly; SameSite=Lax$/,
    );
    expect(start.headers.get('cache-control')).toBe('no-store');
  });

  it('the whole flow logs a known, active user in (e-mail matched ignoring case): the session cookie answers `me`', async () => {
    const teacher = await f.user(academy, [{ role: 'TEACHER', school }], {
      email: 'claire.martin@ac-test.fr',
    });
    const { browser, answer } = await ssoLogin('cmartin', {
      email: 'Claire.Martin@AC-Test.fr',
      email_verified: true,
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/');
    const session = answer.headers.getSetCookie().find((c) => c.startsWith('registre_session='));
    // the very cookie the password login sets
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(browser.cookie(base, 'registre_oidc')).toBeUndefined();
    expect(await me(browser)).toEqual({ id: teacher.id });
    expect(securityLines()).toContainEqual(
      expect.objectContaining({
        event: 'login.success',
        method: 'sso',
        userId: teacher.id,
        address: expect.stringMatching(/127\.0\.0\.1/),
        time: expect.any(String),
      }),
    );
  });

  it('an address without an account is refused with the French page, and logged with the subject only', async () => {
    const { browser, answer } = await ssoLogin('inconnu', {
      email: 'personne@ac-test.fr',
      email_verified: true,
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.body).toMatch(/<html lang="fr"/);
    expect(answer.body).toContain(ACCOUNT_NOT_OPEN);
    expect(browser.cookie(base, 'registre_session')).toBeUndefined();
    expect(lastLogin()).toEqual(
      expect.objectContaining({
        event: 'login.failure',
        method: 'sso',
        reason: 'unknown_account',
        subject: 'inconnu',
      }),
    );
    expect(lastLogin()).not.toHaveProperty('userId');
  });

  it('a deactivated account is refused the same way', async () => {
    const gone = await f.user(academy, [{ role: 'HEAD', school: await f.school(academy) }], {
      email: 'ancien.principal@ac-test.fr',
      active: false,
    });
    const { browser, answer } = await ssoLogin('ancien', { email: gone.email, email_verified: true });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(ACCOUNT_NOT_OPEN);
    expect(await me(browser)).toBeNull();
    expect(lastLogin()).toMatchObject({
      event: 'login.failure',
      reason: 'inactive_account',
      userId: gone.id,
    });
  });

  it('an address the provider says is not verified is refused', async () => {
    const user = await f.user(academy, [{ role: 'TEACHER', school }], { email: 'non.verifiee@ac-test.fr' });
    const { browser, answer } = await ssoLogin('nonverifiee', { email: user.email, email_verified: false });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('adresse électronique vérifiée');
    expect(await me(browser)).toBeNull();
    expect(lastLogin()).toMatchObject({
      event: 'login.failure',
      reason: 'email_unverified',
      subject: 'nonverifiee',
    });
  });

  it('a tampered state is refused', async () => {
    const user = await f.user(academy, [{ role: 'TEACHER', school }], { email: 'etat.modifie@ac-test.fr' });
    await provider.account('etat', { email: user.email, email_verified: true });
    const browser = new CookieBrowser();
    const callback = new URL(await loginAtProvider(browser, await startLogin(browser), 'etat'));
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const answer = await browser.request(callback.href);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Connexion refusée');
    expect(await me(browser)).toBeNull();
    expect(lastLogin()).toMatchObject({
      event: 'login.failure',
      reason: 'invalid_response',
      detail: 'OAUTH_INVALID_RESPONSE: unexpected "state" response parameter value',
    });
  });

  it('a callback without its transaction (another browser, or expired) is refused', async () => {
    const user = await f.user(academy, [{ role: 'TEACHER', school }], {
      email: 'autre.navigateur@ac-test.fr',
    });
    await provider.account('ailleurs', { email: user.email, email_verified: true });
    const browser = new CookieBrowser();
    const callback = await loginAtProvider(browser, await startLogin(browser), 'ailleurs');
    const elsewhere = new CookieBrowser();
    const answer = await elsewhere.request(callback);
    expect(answer.status).toBe(400);
    expect(await me(elsewhere)).toBeNull();
    expect(lastLogin()).toMatchObject({ event: 'login.failure', reason: 'no_transaction' });
  });

  it('a replayed code is refused, even with the transaction cookie kept', async () => {
    const user = await f.user(academy, [{ role: 'TEACHER', school }], { email: 'code.rejoue@ac-test.fr' });
    await provider.account('rejoue', { email: user.email, email_verified: true });
    const browser = new CookieBrowser();
    const callback = await loginAtProvider(browser, await startLogin(browser), 'rejoue');
    const transaction = browser.cookie(base, 'registre_oidc') as string;
    const first = await browser.request(callback);
    expect(first.status).toBe(302);
    // an attacker who captured the callback URL and the cookie sends them again
    const attacker = new CookieBrowser();
    attacker.setCookie(base, 'registre_oidc', transaction, '/auth/oidc');
    const replay = await attacker.request(callback);
    expect(replay.status).toBe(400);
    expect(await me(attacker)).toBeNull();
    expect(lastLogin()).toMatchObject({
      event: 'login.failure',
      reason: 'invalid_response',
      detail: expect.stringMatching(/^OAUTH_RESPONSE_BODY_ERROR invalid_grant/),
    });
  });

  it('an ID token with another nonce than the login asked for is refused', async () => {
    const user = await f.user(academy, [{ role: 'TEACHER', school }], { email: 'autre.nonce@ac-test.fr' });
    await provider.account('nonce', { email: user.email, email_verified: true });
    const browser = new CookieBrowser();
    // the authorization request is changed on its way to the provider: the ID token carries that nonce
    const request = new URL(await startLogin(browser));
    request.searchParams.set('nonce', 'un-nonce-que-le-registre-n-a-pas-choisi');
    const answer = await browser.request(await loginAtProvider(browser, request.href, 'nonce'));
    expect(answer.status).toBe(400);
    expect(await me(browser)).toBeNull();
    expect(lastLogin()).toMatchObject({
      event: 'login.failure',
      reason: 'invalid_response',
      detail: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED: unexpected ID Token "nonce" claim value',
    });
  });

  it('an ID token for another audience is refused', async () => {
    const user = await f.user(academy, [{ role: 'TEACHER', school }], { email: 'autre.audience@ac-test.fr' });
    await provider.account('audience', { email: user.email, email_verified: true });
    const browser = new CookieBrowser();
    const callback = await loginAtProvider(browser, await startLogin(browser), 'audience');
    // the provider signs the token it hands out for this code, but for the other application
    await provider.tamperNextIdToken({ aud: OTHER_CLIENT_ID, azp: OTHER_CLIENT_ID });
    const answer = await browser.request(callback);
    expect(answer.status).toBe(400);
    expect(await me(browser)).toBeNull();
    expect(lastLogin()).toMatchObject({
      event: 'login.failure',
      reason: 'invalid_response',
      detail: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED: unexpected JWT "aud" (audience) claim value',
    });
  });

  it('a code issued to another application (same redirect URI) is refused', async () => {
    const user = await f.user(academy, [{ role: 'TEACHER', school }], { email: 'autre.client@ac-test.fr' });
    await provider.account('client', { email: user.email, email_verified: true });
    const browser = new CookieBrowser();
    const request = new URL(await startLogin(browser));
    request.searchParams.set('client_id', OTHER_CLIENT_ID);
    const answer = await browser.request(await loginAtProvider(browser, request.href, 'client'));
    expect(answer.status).toBe(400);
    expect(await me(browser)).toBeNull();
    // the provider refuses to hand this client a code issued to the other one
    expect(lastLogin()).toMatchObject({
      event: 'login.failure',
      reason: 'invalid_response',
      detail: expect.stringMatching(/^OAUTH_RESPONSE_BODY_ERROR invalid_grant/),
    });
  });

  it('LOCAL_LOGIN=false refuses a teacher the password login, keeps the admin’s, and logs both', async () => {
    const teacher = await f.user(academy, [{ role: 'TEACHER', school }]);
    const admin = await f.user(academy, [{ role: 'ADMIN' }]);
    const refused = await t.gql(LOGIN, { email: teacher.email, password: TEST_PASSWORD });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toBe(
      'La connexion par mot de passe est réservée aux administrateurs : connectez-vous avec votre compte académique.',
    );
    // a wrong password gets the usual answer: the refusal above tells nothing to whoever guesses
    const wrong = await t.gql(LOGIN, { email: teacher.email, password: 'pas-le-bon-mot-de-passe' });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const admitted = ok(
      await t.gql<{ login: { user: { id: string } } }>(LOGIN, {
        email: admin.email,
        password: TEST_PASSWORD,
      }),
    );
    expect(admitted.login.user.id).toBe(admin.id);
    expect(securityLines()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: 'login.failure',
          method: 'password',
          reason: 'local_login_disabled',
          userId: teacher.id,
        }),
        expect.objectContaining({
          event: 'login.failure',
          method: 'password',
          reason: 'invalid_credentials',
        }),
        expect.objectContaining({ event: 'login.success', method: 'password', userId: admin.id }),
      ]),
    );
  });

  it('LOCAL_LOGIN=false: a reset e-mail opens no password session for a teacher either', async () => {
    const teacher = await f.user(academy, [{ role: 'TEACHER', school }]);
    ok(
      await t.gql(`mutation ($email: String!) { requestPasswordReset(email: $email) }`, {
        email: teacher.email,
      }),
    );
    const deadline = Date.now() + 30_000;
    while (!smtp.mails.some((m) => m.to.includes(teacher.email))) {
      if (Date.now() > deadline) throw new Error('no reset e-mail');
      await new Promise((r) => setTimeout(r, 200));
    }
    const mail = smtp.mails.find((m) => m.to.includes(teacher.email));
    const token = /jeton=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    const reset = await t.gql(
      `mutation ($token: String!, $p: String!) { resetPassword(token: $token, newPassword: $p) { token } }`,
      { token, p: 'un-nouveau-mot-de-passe-assez-long' },
    );
    expect(errorCode(reset)).toBe('FORBIDDEN');
    expect(reset.errors?.[0].message).toBe(
      'La connexion par mot de passe est réservée aux administrateurs : connectez-vous avec votre compte académique.',
    );
    expect(lastLogin()).toMatchObject({
      event: 'login.failure',
      method: 'password',
      reason: 'local_login_disabled',
      userId: teacher.id,
    });
  });

  it('the login page learns what is offered from a public field', async () => {
    const options = ok(await t.gql<{ loginOptions: object }>('{ loginOptions { sso localLogin } }'));
    expect(options.loginOptions).toEqual({ sso: true, localLogin: false });
  });

  it('endSession ends an SSO session here and answers the provider’s end-session address', async () => {
    const user = await f.user(academy, [{ role: 'DPD' }], { email: 'fin.de.session@ac-test.fr' });
    const { browser } = await ssoLogin('fin', { email: user.email, email_verified: true });
    expect(await me(browser)).toEqual({ id: user.id });
    const cookie = `registre_session=${browser.cookie(base, 'registre_session')}`;
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: 'mutation { endSession }' }),
    });
    expect(res.headers.getSetCookie()[0]).toMatch(/^registre_session=;/);
    const url = new URL(((await res.json()) as { data: { endSession: string } }).data.endSession);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/connexion`);
    // the provider knows the request: its page asks to confirm the logout of its own session
    const page = await browser.request(url.href);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<form[^>]+logout/i);

    // a password session ends here only
    const admin = await f.user(academy, [{ role: 'ADMIN' }]);
    const token = ok(
      await t.gql<{ login: { token: string } }>(LOGIN, { email: admin.email, password: TEST_PASSWORD }),
    ).login.token;
    expect(
      ok(await t.gql<{ endSession: string | null }>('mutation { endSession }', {}, token)).endSession,
    ).toBeNull();
  });

  it('the log holds no e-mail address, no token, no code', () => {
    expect(rawLog).not.toMatch(/@ac-test\.fr/i);
    expect(rawLog).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(rawLog).not.toMatch(/code=/);
    expect(rawLog).not.toContain(CLIENT_SECRET);
  });
});

describe('without OIDC_* settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('no SSO: the routes answer 404, the login page offers the password only', async () => {
    const options = ok(await t.gql<{ loginOptions: object }>('{ loginOptions { sso localLogin } }'));
    expect(options.loginOptions).toEqual({ sso: false, localLogin: true });
    const { default: request } = await import('supertest');
    expect((await request(t.app.getHttpServer()).get('/auth/oidc/login')).status).toBe(404);
    expect((await request(t.app.getHttpServer()).get('/auth/oidc/callback?code=x&state=y')).status).toBe(404);
    // a route of /auth that does not exist is closed like any other
    expect((await request(t.app.getHttpServer()).get('/auth/oidc/other')).status).toBe(404);
  });
});

describe('with a provider that does not answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    // a port nobody listens on
    const port = await freePort();
    t = await createTestApp({
      env: {
        OIDC_ISSUER_URL: `http://127.0.0.1:${port}`,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        LOCAL_LOGIN: 'false',
      },
    });
  });
  afterAll(() => t.close());

  it('the API starts; the login answers a French 503 page; the ADMIN still logs in with a password', async () => {
    const { default: request } = await import('supertest');
    const answer = await request(t.app.getHttpServer()).get('/auth/oidc/login');
    expect(answer.status).toBe(503);
    expect(answer.text).toContain('Connexion académique indisponible');
    const f = new Factory(t.dataSource);
    const admin = await f.user(await f.academy(), [{ role: 'ADMIN' }]);
    const login = ok(
      await t.gql<{ login: { user: { id: string } } }>(LOGIN, {
        email: admin.email,
        password: TEST_PASSWORD,
      }),
    );
    expect(login.login.user.id).toBe(admin.id);
  });
});
