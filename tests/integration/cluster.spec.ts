import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { freePort } from '@app/database';
import { ownCheckpointDir, TEST_AUDIT_HMAC_KEY, testDatabaseUrl } from '../helpers/test-app';
import { LOGIN } from '../helpers/operations/auth';

const ADMIN_EMAIL = 'admin.cluster@ac-test.fr';
const ADMIN_PASSWORD = 'cluster-mot-de-passe-2025';

interface Answer {
  data?: { login?: { token?: string; user: { email: string } }; me?: { email: string } } | null;
  errors?: { extensions?: { code?: string } }[];
}

/** POST /graphql on a new connection each time, so the cluster hands it to the next worker. */
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
        res.on('end', () => done(JSON.parse(text) as Answer));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** GET /metrics on a new connection. */
function scrape(port: number): Promise<string> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(text));
    });
    req.on('error', fail);
    req.end();
  });
}

/** The processes whose parent is `pid` (the cluster's workers), read from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * `API_WORKERS=2 npm start`: main.ts prepares the database once and runs two API processes on one
 * port. Driven as a real server (ts-node, the test database), the way an operator would run it.
 */
describe('API_WORKERS: several API processes on one port', () => {
  let server: ChildProcess;
  let port: number;
  let output = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    port = await freePort();
    server = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'apps/api/src/main.ts'], {
      cwd: resolve(__dirname, '../..'),
      env: {
        ...process.env,
        TS_NODE_PROJECT: 'tsconfig.json',
        NODE_ENV: 'test',
        API_WORKERS: '2',
        PORT: String(port),
        DATABASE_URL: testDatabaseUrl(),
        JWT_SECRET: 'cluster-test-secret-0123456789abcdef0123456789',
        // its audit events keyed as the test apps key theirs: the run's trail stays verifiable
        AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
        AUDIT_CHECKPOINT_DIR: ownCheckpointDir(),
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        ARGON2_MEMORY_KIB: '1024',
        LOGIN_MAX_FAILURES: '3',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((done) => server.once('exit', (code) => done(code)));
    // three processes compile the API with ts-node first: minutes on a loaded two-core machine
    await waitFor('the cluster to be ready', () => output.includes('(2 API workers)'), 270_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; the server said:\n${output.slice(-3000)}`);
      },
    );
  }, 300_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill('SIGKILL');
      for (const pid of childrenOf(server.pid!)) process.kill(pid, 'SIGKILL');
    }
  });

  it('runs two workers, and every connection is answered', async () => {
    expect(childrenOf(server.pid!)).toHaveLength(2);
    // one after the other: parallel logins of one account beyond LOGIN_MAX_FAILURES would be refused
    const emails: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await post(port, LOGIN, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      emails.push(answer.data?.login?.user.email);
    }
    expect(emails).toEqual(Array(6).fill(ADMIN_EMAIL));
  }, 60_000);

  it('shares one login lockout: failures spread over both workers lock the account on both', async () => {
    const email = 'personne.inconnue@ac-test.fr';
    for (let i = 0; i < 3; i++) {
      const failed = await post(port, LOGIN, { email, password: 'mauvais' });
      expect(failed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // connections alternate between the workers: counted per process, neither would have seen 3
    for (let i = 0; i < 2; i++) {
      const refused = await post(port, LOGIN, { email, password: 'mauvais' });
      expect(refused.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    }
  }, 60_000);

  it('GET /metrics shows both workers together, whichever answers the scrape', async () => {
    // the logins so far, spread over both workers: 6 accepted, 3 failed, 2 refused (locked out)
    for (let i = 0; i < 2; i++) {
      const text = await scrape(port);
      const count = (outcome: string) =>
        new RegExp(
          `^registre_http_request_duration_seconds_count\\{operation="mutation login",outcome="${outcome}"\\} (\\d+)$`,
          'm',
        ).exec(text)?.[1];
      expect([count('OK'), count('UNAUTHENTICATED'), count('TOO_MANY_REQUESTS')]).toEqual(['6', '3', '2']);
      expect(text).toMatch(/^registre_login_failures_total 3$/m);
    }
  }, 60_000);

  it('replaces a worker that dies', async () => {
    const [victim] = childrenOf(server.pid!);
    process.kill(victim, 'SIGKILL');
    await waitFor('a new worker', () => {
      const workers = childrenOf(server.pid!);
      return workers.length === 2 && !workers.includes(victim);
    });
    await waitFor('both workers to answer', async () => {
      const answers = await Promise.all(
        [1, 2].map(() =>
          post(port, LOGIN, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).catch(() => null),
        ),
      );
      return answers.every((a) => a?.data?.login?.user.email === ADMIN_EMAIL);
    });
  }, 120_000);

  it('stops every worker on SIGTERM under load, answering every accepted request, and exits 0', async () => {
    const login = await post(
      port,
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email } } }`,
      {
        e: ADMIN_EMAIL,
        p: ADMIN_PASSWORD,
      },
    );
    const auth = { authorization: `Bearer ${login.data!.login!.token}` };
    const workers = childrenOf(server.pid!);
    const outcomes = Array.from({ length: 50 }, () =>
      post(port, `query Moi { me { email } }`, {}, auth).then(
        (answer) => ({ answer, at: Date.now() }),
        (error: NodeJS.ErrnoException) => ({ error, at: Date.now() }),
      ),
    );
    await Promise.race(outcomes);
    const signalledAt = Date.now();
    server.kill('SIGTERM');
    const settled = await Promise.all(outcomes);
    // a connection refused was never accepted; a reset or a hang-up would be a lost request
    const failures = settled.flatMap((o) => ('error' in o ? [o.error.code ?? o.error.message] : []));
    expect(failures.filter((code) => code !== 'ECONNREFUSED')).toEqual([]);
    const answered = settled.flatMap((o) => ('answer' in o ? [o] : []));
    for (const o of answered) expect(o.answer.data?.me?.email).toBe(ADMIN_EMAIL);
    expect(answered.filter((o) => o.at > signalledAt).length).toBeGreaterThan(0);
    expect(await exited).toBe(0);
    const alive = workers.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 60_000);
});
