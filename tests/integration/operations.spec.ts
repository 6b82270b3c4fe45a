import { ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { freePort } from '@app/database';
import { ownCheckpointDir, TEST_AUDIT_HMAC_KEY, testDatabaseUrl } from '../helpers/test-app';
import { CREATE_ACADEMY } from '../helpers/operations/schools';

const ADMIN_EMAIL = 'admin.operations@ac-test.fr';
const ADMIN_PASSWORD = 'operations-mot-de-passe-2026';
const LOGIN = `mutation Connexion($email: String!, $password: String!) {
  login(email: $email, password: $password) { token user { id } } }`;
const CREATE_USER = `mutation NouvelUtilisateur($input: CreateUserInput!) { createUser(input: $input) { id } }`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: {
    data?: Record<string, { token?: string; id?: string; user?: { id: string } } | null> | null;
    errors?: { extensions?: { code?: string } }[];
  };
}

/** POST /graphql on a connection of its own (no keep-alive agent), as separate clients would. */
function post(
  port: number,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const body = JSON.stringify({ query, variables });
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            done({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: JSON.parse(text) as Answer['body'],
            });
          } catch (error) {
            fail(error as Error);
          }
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function waitFor(what: string, check: () => boolean, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `npm start` as an operator runs it, in production mode with LOG_LEVEL=info: its stdout is read
 * as the log pipeline would read it, and it is stopped with SIGTERM under load.
 */
describe('a real server: JSON logs and the graceful stop', () => {
  let server: ChildProcess;
  let port: number;
  let stdout = '';
  let stderr = '';
  let exited: Promise<number | null>;

  const lines = (): Record<string, unknown>[] =>
    stdout
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    port = await freePort();
    server = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'apps/api/src/main.ts'], {
      cwd: resolve(__dirname, '../..'),
      env: {
        ...process.env,
        TS_NODE_PROJECT: 'tsconfig.json',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATABASE_URL: testDatabaseUrl(),
        JWT_SECRET: 'operations-test-secret-0123456789abcdef0123456789',
        // its audit events keyed as the test apps key theirs: the run's trail stays verifiable
        AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
        AUDIT_CHECKPOINT_DIR: ownCheckpointDir(),
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        ADMIN_ACADEMY_CODE: 'OPERATIONS',
        // a login costs some milliseconds of argon2: 50 of them are in flight together for a while
        ARGON2_MEMORY_KIB: '4096',
        LOGIN_MAX_FAILURES: '1000',
        // ample on a loaded machine: the test is that none is cut, not how fast they are
        SHUTDOWN_GRACE_SECONDS: '60',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    exited = new Promise((done) => server.once('exit', (code) => done(code)));
    await waitFor('the server to be ready', () => stdout.includes('GraphQL ready at'), 120_000);
  }, 150_000);

  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });

  it('logs one JSON line per request with its id, operation, caller and outcome, and no secret', async () => {
    const login = await post(
      port,
      LOGIN,
      { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      { 'X-Request-Id': 'ops-login-1' },
    );
    expect(login.headers['x-request-id']).toBe('ops-login-1');
    const token = login.body.data!.login!.token!;
    const adminId = login.body.data!.login!.user!.id;
    const auth = { authorization: `Bearer ${token}` };
    const academy = await post(
      port,
      CREATE_ACADEMY,
      { input: { code: `OPS${Date.now()}`, name: 'Ops' } },
      auth,
    );
    const academyId = academy.body.data!.createAcademy!.id!;
    const newEmail = 'claire.martin.eleve@ac-test.fr';
    const newPassword = 'un-mot-de-passe-tres-secret-42';
    const newUser = {
      input: {
        academyId,
        email: newEmail,
        displayName: 'Claire Martin',
        password: newPassword,
        grants: [{ role: 'DPD' }],
      },
    };
    const created = await post(port, CREATE_USER, newUser, { ...auth, 'X-Request-Id': 'ops-mutation-1' });
    expect(created.body.errors).toBeUndefined();
    // the same account again: the database refuses the row (a failed INSERT whose parameters hold
    // the e-mail, the name and the password's hash), the client gets CONFLICT, the log no parameter
    const duplicate = await post(port, CREATE_USER, newUser, { ...auth, 'X-Request-Id': 'ops-conflict-1' });
    expect(duplicate.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // a request id that is not well-formed is replaced by a generated one
    const failed = await post(
      port,
      LOGIN,
      { email: ADMIN_EMAIL, password: 'pas-le-bon-mot-de-passe' },
      { 'X-Request-Id': 'bad id with spaces' },
    );
    const generated = failed.headers['x-request-id'] as string;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const completed = (id: string) =>
      lines().some((l) => l.requestId === id && l.msg === 'request completed');
    await waitFor(
      'the request lines',
      () => ['ops-login-1', 'ops-mutation-1', 'ops-conflict-1', generated].every(completed),
      5000,
    );

    const all = lines();
    const requestLine = (id: string) => all.find((l) => l.requestId === id && l.msg === 'request completed');
    expect(requestLine('ops-login-1')).toMatchObject({
      level: 30,
      operation: 'Connexion',
      outcome: 'OK',
      // the caller is known once login succeeded
      userId: adminId,
      role: 'ADMIN',
      req: { method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
      durationMs: expect.any(Number),
    });
    expect(requestLine('ops-mutation-1')).toMatchObject({
      operation: 'NouvelUtilisateur',
      outcome: 'OK',
      userId: adminId,
      role: 'ADMIN',
    });
    expect(requestLine('ops-conflict-1')).toMatchObject({
      operation: 'NouvelUtilisateur',
      outcome: 'CONFLICT',
    });
    // the refused INSERT is one JSON line, with PostgreSQL's code and no parameter
    expect(all.find((l) => l.msg === 'query failed')).toMatchObject({
      level: 40,
      sqlState: '23505',
      query: expect.stringContaining('INSERT'),
    });
    expect(requestLine(generated)).toMatchObject({ operation: 'Connexion', outcome: 'UNAUTHENTICATED' });
    expect(requestLine(generated)?.userId).toBeUndefined();
    // the security events, apart (the application's lines carry no request id: logging.ts)
    const security = all.filter((l) => l.security === true);
    expect(security.find((l) => l.event === 'login.success')).toMatchObject({
      level: 30,
      userId: adminId,
      address: expect.any(String),
    });
    expect(security.find((l) => l.event === 'login.failure')).toMatchObject({ address: expect.any(String) });
    expect(security.find((l) => l.event === 'login.failure')?.userId).toBeUndefined();
    // nothing that identifies a person or authenticates: no e-mail, password, token, name, variables
    const text = stdout.toLowerCase();
    for (const secret of [
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      'pas-le-bon-mot-de-passe',
      newEmail,
      newPassword,
      token,
    ]) {
      expect(text).not.toContain(secret.toLowerCase());
    }
    for (const word of [
      'claire',
      'martin',
      'bearer',
      'authorization',
      'variables',
      '@ac-test.fr',
      '$argon2',
    ]) {
      expect(text).not.toContain(word);
    }
  }, 60_000);

  it('answers every accepted request when stopped with SIGTERM under load, and exits 0', async () => {
    const login = await post(port, LOGIN, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const auth = { authorization: `Bearer ${login.body.data!.login!.token!}` };
    const signalled = { at: 0 };
    // 50 reads on 50 connections: the process is busy, so some connections are accepted while their
    // request still waits, unread, in the socket (http.Server#close would destroy those as idle)
    const outcomes = Array.from({ length: 50 }, () =>
      post(port, `query Moi { me { id } }`, {}, auth).then(
        (answer) => ({ answer, at: Date.now() }),
        (error: NodeJS.ErrnoException) => ({ error, at: Date.now() }),
      ),
    );
    // the signal comes while the connections are being opened: some are answered, some wait in the
    // kernel's backlog or unread in their socket, some are refused once the process stops listening
    await new Promise((resolve) => setTimeout(resolve, 15));
    signalled.at = Date.now();
    server.kill('SIGTERM');
    const settled = await Promise.all(outcomes);
    const answered = settled.filter((o) => 'answer' in o);
    const failures = settled.flatMap((o) => ('error' in o ? [o.error.code ?? o.error.message] : []));
    // a connection refused was never accepted; anything else (reset, hang-up) would be a lost request
    expect(failures.filter((code) => code !== 'ECONNREFUSED')).toEqual([]);
    // each one answered in full (a body is printed when one was not)
    const wrong = answered.flatMap((o) =>
      'answer' in o && !o.answer.body.data?.me?.id ? [o.answer.body] : [],
    );
    expect(wrong).toEqual([]);
    expect(answered.length).toBe(50);
    // some of them finished after the signal: they were in flight, and the stop waited for them
    expect(answered.filter((o) => o.at > signalled.at).length).toBeGreaterThan(0);
    expect(await exited).toBe(0);
    expect(stdout).toContain('SIGTERM: stopped');
    expect(stdout).not.toContain('grace period over');
    expect(stderr).toBe('');
  }, 120_000);
});
