import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { Client } from 'pg';
import request from 'supertest';
import { entities } from '../../apps/api/src/entities';
import { isValidUai } from '@app/core';
import { createServerDatabase, runMigrations } from '@app/database';
import { migrations } from '../../migrations';
import { DEMO_ACADEMY, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_SCHOOLS } from '../../scripts/demo-data';
import { ForeignDataError, SeedDemoResult, seedConfig, seedDemo } from '../../scripts/seed-demo';
import {
  createTestApp,
  ownCheckpointDir,
  TEST_AUDIT_HMAC_KEY,
  TestApp,
  testDatabaseUrl,
} from '../helpers/test-app';

/**
 * `npm run seed:demo` on an empty database, then the README's walkthrough replayed as written: every
 * curl command of the section, in order, through the real HTTP server, each answer compared with the
 * one the README shows. Each run works in databases of its own (registre_demo_…), dropped at the end.
 */

jest.setTimeout(180_000);

// the seed keys the audit trail as the test apps do, and keeps its checkpoints out of the repository
const config = seedConfig({
  NODE_ENV: 'test',
  ARGON2_MEMORY_KIB: '1024',
  AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
  AUDIT_CHECKPOINT_DIR: ownCheckpointDir(),
});

// ---------------------------------------------------------------- databases of their own

interface Database {
  url: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the test server (TEST_DATABASE_URL's), dropped by drop(). */
async function createDatabase(): Promise<Database> {
  const name = `registre_demo_${randomBytes(6).toString('hex')}`;
  const { url, drop } = await createServerDatabase(testDatabaseUrl(), name);
  await runMigrations({ url, entities, migrations });
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    url,
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    drop: async () => {
      await client.end();
      await drop();
    },
  };
}

const TABLES = [
  'academy',
  'school',
  'app_user',
  'role_grant',
  'treatment',
  'tool_declaration',
  'violation',
  'violation_treatment',
  'review',
  'export_file',
  'audit_event',
];

/** Rows per table, and the versions summed: an update anywhere changes it. */
async function snapshot(db: Database): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    result[table] = row.n;
  }
  for (const table of ['academy', 'app_user', 'treatment', 'tool_declaration', 'violation']) {
    const [row] = await db.query<{ v: number }>(`SELECT coalesce(sum(version), 0)::int AS v FROM ${table}`);
    result[`${table}.versions`] = row.v;
  }
  const [counter] = await db.query<{ n: number }>(
    `SELECT coalesce(sum(last_number), 0)::int AS n FROM reference_counter`,
  );
  result.references = counter.n;
  return result;
}

// ---------------------------------------------------------------- the README's walkthrough

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

function walkthroughSection(): { text: string; firstLine: number } {
  const start = README.indexOf('<!-- walkthrough:start -->');
  const end = README.indexOf('<!-- walkthrough:end -->');
  if (start < 0 || end < start) throw new Error('README.md: walkthrough markers missing');
  return { text: README.slice(start, end), firstLine: README.slice(0, start).split('\n').length };
}

interface Block {
  lang: string;
  text: string;
  /** line of the opening fence in README.md */
  line: number;
}

function fencedBlocks(): Block[] {
  const { text, firstLine } = walkthroughSection();
  const blocks: Block[] = [];
  for (const match of text.matchAll(/^```(\w*)\n([\s\S]*?)\n```$/gm)) {
    const line = firstLine + text.slice(0, match.index).split('\n').length - 1;
    blocks.push({ lang: match[1], text: match[2], line });
  }
  return blocks;
}

interface GraphqlOp {
  kind: 'graphql';
  line: number;
  /** the shell variable that keeps a value of the answer */
  capture?: { name: string; path: string };
  /** the shell variable holding the bearer token; none for login */
  account?: string;
  /** the -d argument, shell splices ('"$VAR"') still in */
  body: string;
  graphql?: Block;
  expected?: unknown;
}

interface DownloadOp {
  kind: 'download';
  line: number;
  pathVariable: string;
  account: string;
  expectedOutput?: string;
}

type Op = GraphqlOp | DownloadOp;

const GRAPHQL_CURL =
  /^(?:(\w+)=\$\()?curl -s "\$API\/graphql" -H 'content-type: application\/json'(?: -H "authorization: Bearer \$(\w+)")? -d '(.*)' \| answer(?: ([\w.]+)\))?$/;
const DOWNLOAD_CURL =
  /^curl -s "\$API\$(\w+)" -H "authorization: Bearer \$(\w+)" -o [\w.-]+\.pdf -w '%\{http_code\} %\{content_type\}\\n'$/;

/**
 * The section's operations, in order: each curl command (one per ```bash block), the ```graphql block
 * it sends, and the answer shown after it. The block holding `answer()` is the setup.
 */
function walkthrough(): { ops: Op[]; setup: Block } {
  const ops: Op[] = [];
  let setup: Block | undefined;
  let pendingGraphql: Block | undefined;
  for (const block of fencedBlocks()) {
    const where = `README.md line ${block.line}`;
    switch (block.lang) {
      case 'graphql':
        if (pendingGraphql) throw new Error(`${where}: two graphql blocks without a curl command between`);
        pendingGraphql = block;
        break;
      case 'bash': {
        if (block.text.includes('answer() {')) {
          setup = block;
          break;
        }
        const commands = block.text
          .replace(/\s*\\\n\s*/g, ' ')
          .split('\n')
          .filter((line) => /\bcurl\b/.test(line));
        if (commands.length === 0) break; // npm commands
        if (commands.length > 1) throw new Error(`${where}: one curl command per block`);
        const graphql = GRAPHQL_CURL.exec(commands[0]);
        const download = DOWNLOAD_CURL.exec(commands[0]);
        if (graphql) {
          if (!pendingGraphql) throw new Error(`${where}: no graphql block before this curl command`);
          if (Boolean(graphql[1]) !== Boolean(graphql[4])) throw new Error(`${where}: malformed capture`);
          ops.push({
            kind: 'graphql',
            line: block.line,
            capture: graphql[1] ? { name: graphql[1], path: graphql[4] } : undefined,
            account: graphql[2],
            body: graphql[3],
            graphql: pendingGraphql,
          });
          pendingGraphql = undefined;
        } else if (download) {
          ops.push({ kind: 'download', line: block.line, pathVariable: download[1], account: download[2] });
        } else {
          throw new Error(`${where}: a curl command of an unknown shape: ${commands[0]}`);
        }
        break;
      }
      case 'json': {
        const last = ops[ops.length - 1];
        if (last?.kind !== 'graphql' || last.expected !== undefined) {
          throw new Error(`${where}: a json answer must follow a GraphQL curl command`);
        }
        last.expected = JSON.parse(block.text);
        break;
      }
      case 'text': {
        const last = ops[ops.length - 1];
        if (last?.kind !== 'download' || last.expectedOutput !== undefined) {
          throw new Error(`${where}: a text answer must follow the download command`);
        }
        last.expectedOutput = block.text;
        break;
      }
      default:
        throw new Error(`${where}: unexpected block language "${block.lang}"`);
    }
  }
  if (!setup) throw new Error('README.md: the walkthrough has no answer() setup block');
  if (pendingGraphql) throw new Error(`README.md line ${pendingGraphql.line}: graphql block without curl`);
  return { ops, setup };
}

/** The -d argument as the shell passes it: '"$VAR"' splices replaced by the variables' values. */
function shellBody(body: string, variables: Record<string, string>, where: string): string {
  const spliced = body.replace(/'"\$(\w+)"'/g, (_all, name: string) => {
    if (variables[name] === undefined) throw new Error(`${where}: $${name} is not set by an earlier step`);
    return variables[name];
  });
  if (spliced.includes("'")) throw new Error(`${where}: a single quote in the body breaks the shell quoting`);
  return spliced;
}

/** The value `answer path` prints: the path's keys from the top of the answer. */
function valueAt(answer: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v == null ? v : (v as Record<string, unknown>)[key]), answer);
}

/**
 * Where `actual` differs from the README's `expected`: same shape, same values; "…" matches any
 * non-null value, and inside a string any non-empty text.
 */
function mismatch(expected: unknown, actual: unknown, path = '$'): string | null {
  if (expected === '…')
    return actual === null || actual === undefined ? `${path}: a value is expected` : null;
  if (typeof expected === 'string' && expected.includes('…')) {
    const pattern = expected
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+');
    return typeof actual === 'string' && new RegExp(`^${pattern}$`).test(actual)
      ? null
      : `${path}: ${JSON.stringify(actual)} does not match ${JSON.stringify(expected)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: an array is expected, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length) {
      return `${path}: ${expected.length} elements expected, got ${actual.length}: ${JSON.stringify(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const found = mismatch(expected[i], actual[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${path}: an object is expected, got ${JSON.stringify(actual)}`;
    }
    const expectedKeys = Object.keys(expected).sort();
    const actualKeys = Object.keys(actual).sort();
    if (expectedKeys.join() !== actualKeys.join()) {
      return `${path}: keys ${actualKeys.join(', ')} instead of ${expectedKeys.join(', ')}`;
    }
    for (const key of expectedKeys) {
      const found = mismatch(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
    return null;
  }
  return expected === actual
    ? null
    : `${path}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`;
}

/** supertest parser keeping the body as bytes (the response is a Node stream under superagent's type) */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

// ---------------------------------------------------------------- the tests

describe('the README walkthrough section', () => {
  it('pairs every curl command with its GraphQL block and shows every answer', () => {
    const { ops } = walkthrough();
    expect(ops.length).toBeGreaterThanOrEqual(20);
    for (const op of ops) {
      const where = `README.md line ${op.line}`;
      if (op.kind === 'download') {
        expect({ where, output: op.expectedOutput }).toEqual({ where, output: expect.any(String) });
        continue;
      }
      // the JSON body parses once its shell variables are set, and sends the block's operation
      const placeholders = Object.fromEntries(
        [...op.body.matchAll(/'"\$(\w+)"'/g)].map(([, name]) => [name, `<${name}>`]),
      );
      const body = JSON.parse(shellBody(op.body, placeholders, where)) as { query: string };
      expect({ where, query: print(parse(body.query)) }).toEqual({
        where,
        query: print(parse(op.graphql!.text)),
      });
      expect({ where, answerShown: op.expected !== undefined }).toEqual({ where, answerShown: true });
    }
    // the three roles, each logged in with the documented password
    const logins = ops.filter((op): op is GraphqlOp => op.kind === 'graphql' && !op.account);
    expect(logins.map((op) => op.capture?.name)).toEqual(['TEACHER', 'HEAD', 'DPD']);
    for (const login of logins) expect(login.body).toContain(`password: \\"${DEMO_PASSWORD}\\"`);
  });

  it('gives an answer() helper that shows the answer and prints the value asked for', () => {
    const { setup } = walkthrough();
    expect(setup.text).toMatch(/^API=http:\/\/localhost:3000$/m);
    const script = /node -e '([\s\S]*?)' "\$1"/.exec(setup.text)?.[1];
    expect(script).toBeDefined();
    const run = (input: string, ...args: string[]) =>
      spawnSync(process.execPath, ['-e', script!, ...args], { input, encoding: 'utf8' });
    const kept = run('{"data":{"login":{"token":"abc.def"}}}', 'data.login.token');
    expect([kept.status, kept.stdout, JSON.parse(kept.stderr)]).toEqual([
      0,
      'abc.def\n',
      { data: { login: { token: 'abc.def' } } },
    ]);
    const shown = run('{"data":{"me":{"grants":[{"school":{"id":"s1"}}]}}}', '');
    expect([shown.status, shown.stdout]).toEqual([0, '']);
    expect(
      run('{"data":{"me":{"grants":[{"school":{"id":"s1"}}]}}}', 'data.me.grants.0.school.id').stdout,
    ).toBe('s1\n');
    const refused = run('{"errors":[{"message":"non"}],"data":null}', 'data.login.token');
    expect([refused.status, refused.stdout]).toEqual([1, '']);
  });
});

/** Every operation of the README's walkthrough, in order, through the HTTP server of `t`. */
async function replayWalkthrough(t: TestApp): Promise<void> {
  const server = t.app.getHttpServer();
  const variables: Record<string, string> = {};
  const { ops } = walkthrough();
  for (const [index, op] of ops.entries()) {
    const where = `walkthrough step ${index + 1} (README.md line ${op.line})`;
    const token = op.account ? variables[op.account] : undefined;
    if (op.account && !token) throw new Error(`${where}: $${op.account} is not set by an earlier step`);
    if (op.kind === 'download') {
      const res = await request(server)
        .get(variables[op.pathVariable])
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse(binary);
      const output = `${res.status} ${res.headers['content-type']}`;
      expect({ where, output }).toEqual({ where, output: op.expectedOutput });
      expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // the same request without the right to export (the teacher) gets 404
      const refused = await request(server)
        .get(variables[op.pathVariable])
        .set('Authorization', `Bearer ${variables.TEACHER}`);
      expect({ where, teacher: refused.status }).toEqual({ where, teacher: 404 });
      continue;
    }
    const req = request(server).post('/graphql').set('Content-Type', 'application/json');
    if (token) req.set('Authorization', `Bearer ${token}`);
    const res = await req.send(shellBody(op.body, variables, where));
    const answer = res.body as Record<string, unknown>;
    const problem = mismatch(op.expected, answer);
    if (problem) {
      throw new Error(`${where}: ${problem}\nanswer: ${JSON.stringify(answer, null, 2)}`);
    }
    if (op.capture) {
      const value = valueAt(answer, op.capture.path);
      expect({ where, kept: typeof value }).toEqual({ where, kept: 'string' });
      variables[op.capture.name] = value as string;
    }
  }
}

async function loginAs(t: TestApp, email: string): Promise<string> {
  const login = await t.gql<{ login: { token: string } }>(
    `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
    { email, password: DEMO_PASSWORD },
  );
  return login.data.login.token;
}

describe('npm run seed:demo, then the walkthrough', () => {
  let db: Database;
  let first: SeedDemoResult;
  let fresh: Record<string, number>;
  let t: TestApp | undefined;

  beforeAll(async () => {
    db = await createDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('loads the demo académie into an empty database, through the services', async () => {
    expect(await snapshot(db)).toMatchObject({ academy: 0, school: 0, app_user: 0, audit_event: 0 });
    first = await seedDemo({ databaseUrl: db.url, config });
    expect(first.warnings).toEqual([]);
    fresh = await snapshot(db);

    const schools = await db.query<{ uai: string; kind: string; code: string }>(
      `SELECT s.uai, s.kind, a.code FROM school s JOIN academy a ON a.id = s.academy_id`,
    );
    expect(schools.every((s) => isValidUai(s.uai) && s.code === DEMO_ACADEMY.code)).toBe(true);
    expect(new Set(schools.map((s) => s.kind))).toEqual(
      new Set(['ECOLE', 'COLLEGE', 'LYCEE', 'LYCEE_PROFESSIONNEL', 'EREA', 'OTHER']),
    );
    const declarations = await db.query<{ status: string; risk_level: string }>(
      `SELECT status, risk_level FROM tool_declaration`,
    );
    expect(new Set(declarations.map((d) => d.status))).toEqual(
      new Set(['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED', 'WITHDRAWN']),
    );
    expect(new Set(declarations.map((d) => d.risk_level))).toEqual(new Set(['LOW', 'MEDIUM', 'HIGH']));
    const violations = await db.query<{ status: string; overdue: boolean; reporter: string }>(
      `SELECT v.status, (v.cnil_notification_required AND v.cnil_notified_at IS NULL
                         AND v.cnil_deadline < now()) AS overdue,
              (SELECT g.role FROM role_grant g WHERE g.user_id = v.reported_by_id LIMIT 1) AS reporter
         FROM violation v`,
    );
    expect(violations.filter((v) => v.status === 'OPEN' && v.overdue)).toHaveLength(1);
    expect(violations.filter((v) => v.status === 'CLOSED')).toHaveLength(1);
    expect(violations.filter((v) => v.reporter === 'TEACHER')).toHaveLength(1);

    // a real trail: every entry has its events, made by the demo users (only the academy and the
    // bootstrap-style administrator are the system's)
    const untraced = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT id FROM school UNION ALL SELECT id FROM app_user UNION ALL SELECT id FROM treatment
         UNION ALL SELECT id FROM tool_declaration UNION ALL SELECT id FROM violation
         UNION ALL SELECT id FROM review) entry
        WHERE NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.entity_id = entry.id)`,
    );
    expect(untraced[0].n).toBe(0);
    const bySystem = await db.query<{ entity_type: string }>(
      `SELECT entity_type FROM audit_event WHERE actor_id IS NULL ORDER BY seq`,
    );
    expect(bySystem.map((e) => e.entity_type)).toEqual(['Academy', 'User']);
  });

  it('is what the README says it holds', () => {
    const { text } = walkthroughSection();
    const stated = (what: string) => Number(new RegExp(`- (\\d+) ${what}`).exec(text)?.[1]);
    expect({
      schools: stated('schools'),
      accounts: stated('accounts'),
      declarations: stated('tool declarations'),
      treatments: stated('register entries'),
      violations: stated('breaches'),
      reviews: stated('DPD reviews'),
    }).toEqual({
      schools: first.counts.schools,
      accounts: first.counts.accounts,
      declarations: first.counts.declarations,
      treatments: first.counts.treatments,
      violations: first.counts.violations,
      reviews: first.counts.reviews,
    });
    expect(first.counts.schools).toBe(DEMO_SCHOOLS.length);
    // the accounts table lists every demo account, and the password is the seed's
    const listed = [...text.matchAll(/^\| \w+ \| `([^`]+@ac-toulouse\.fr)` \|/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(first.accounts.map((a) => a.email).sort());
    expect(text).toContain(`password is \`${DEMO_PASSWORD}\``);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot(db);
    const again = await seedDemo({ databaseUrl: db.url, config });
    expect(again.created).toBe(0);
    expect(again.counts).toEqual(first.counts);
    expect(await snapshot(db)).toEqual(before);
  });

  it('answers every operation of the walkthrough as the README shows', async () => {
    t = await createTestApp({ databaseUrl: db.url });
    await replayWalkthrough(t);
  });

  it('--reset empties the database and replays the demo: the walkthrough runs again as written', async () => {
    const afterWalkthrough = await snapshot(db);
    expect(afterWalkthrough).not.toEqual(fresh);
    await t?.close();
    t = undefined;
    const reset = await seedDemo({ databaseUrl: db.url, config, reset: true });
    expect(reset.warnings).toEqual([]);
    expect(reset.created).toBe(first.created);
    expect(reset.counts).toEqual(first.counts);
    expect(await snapshot(db)).toEqual(fresh);
    t = await createTestApp({ databaseUrl: db.url });
    await replayWalkthrough(t);
    const verified = await t.gql(
      '{ verifyAuditTrail { valid firstBrokenEventId } }',
      {},
      await loginAs(t, DEMO_ADMIN_EMAIL),
    );
    expect(verified.data).toEqual({ verifyAuditTrail: { valid: true, firstBrokenEventId: null } });
  });

  it('the GraphiQL login template names the demo administrator once the demo is loaded', async () => {
    const dev = await createTestApp({ databaseUrl: db.url, env: { NODE_ENV: 'development' } });
    try {
      const script = await request(dev.app.getHttpServer()).get('/graphiql/start.js');
      expect(script.status).toBe(200);
      expect(script.text).toContain(
        `login(email: \\"${DEMO_ADMIN_EMAIL}\\", password: \\"${DEMO_PASSWORD}\\")`,
      );
      // and that account logs in with it
      expect(await loginAs(dev, DEMO_ADMIN_EMAIL)).toEqual(expect.any(String));
    } finally {
      await dev.close();
    }
  });
});

describe('seed:demo on a database holding other data', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createDatabase();
    const [academy] = await db.query<{ id: string }>(
      `INSERT INTO academy (code, name) VALUES ('BORDEAUX', 'Académie de Bordeaux') RETURNING id`,
    );
    const [school] = await db.query<{ id: string }>(
      `INSERT INTO school (academy_id, uai, name, kind, city)
       VALUES ($1, '0330001X', 'Collège Montaigne', 'COLLEGE', 'Bordeaux') RETURNING id`,
      [academy.id],
    );
    const [user] = await db.query<{ id: string }>(
      `INSERT INTO app_user (academy_id, email, display_name, password_hash, active)
       VALUES ($1, 'principal@ac-bordeaux.fr', 'Principal', 'x', true) RETURNING id`,
      [academy.id],
    );
    await db.query(`INSERT INTO role_grant (user_id, role, school_id) VALUES ($1, 'HEAD', $2)`, [
      user.id,
      school.id,
    ]);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('refuses, and writes nothing', async () => {
    expect(isValidUai('0330001X')).toBe(true);
    const before = await snapshot(db);
    const attempt = seedDemo({ databaseUrl: db.url, config });
    await expect(attempt).rejects.toBeInstanceOf(ForeignDataError);
    await expect(attempt).rejects.toThrow(
      /1 school\(s\) \(0330001X\) and 1 account\(s\) \(principal@ac-bordeaux\.fr\).*--force/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('--reset refuses too, and erases nothing', async () => {
    const before = await snapshot(db);
    const attempt = seedDemo({ databaseUrl: db.url, config, reset: true });
    await expect(attempt).rejects.toBeInstanceOf(ForeignDataError);
    await expect(attempt).rejects.toThrow(
      /1 school\(s\) \(0330001X\).*--reset erases the whole database.*--force/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('adds the demo académie beside it with --force, and leaves the rest alone', async () => {
    const result = await seedDemo({ databaseUrl: db.url, config, force: true });
    expect(result.warnings).toEqual([expect.stringContaining('--force')]);
    expect(result.counts.schools).toBe(DEMO_SCHOOLS.length);
    const academies = await db.query<{ code: string; schools: number }>(
      `SELECT a.code, (SELECT count(*) FROM school s WHERE s.academy_id = a.id)::int AS schools
         FROM academy a ORDER BY a.code`,
    );
    expect(academies).toEqual([
      { code: 'BORDEAUX', schools: 1 },
      { code: 'TOULOUSE', schools: DEMO_SCHOOLS.length },
    ]);
  });

  it('--reset --force erases that data with the rest and leaves the demo alone', async () => {
    const result = await seedDemo({ databaseUrl: db.url, config, reset: true, force: true });
    expect(result.warnings).toEqual([expect.stringContaining('--reset --force: erased')]);
    const academies = await db.query<{ code: string; schools: number }>(
      `SELECT a.code, (SELECT count(*) FROM school s WHERE s.academy_id = a.id)::int AS schools
         FROM academy a ORDER BY a.code`,
    );
    expect(academies).toEqual([{ code: 'TOULOUSE', schools: DEMO_SCHOOLS.length }]);
    expect(await db.query(`SELECT email FROM app_user WHERE email = 'principal@ac-bordeaux.fr'`)).toEqual([]);
  });
});

describe('seed:demo after npm start created the bootstrap administrator', () => {
  let db: Database;
  let t: TestApp | undefined;

  beforeAll(async () => {
    db = await createDatabase();
    // what `ADMIN_EMAIL=… ADMIN_PASSWORD=… npm start` does at its first start
    const boot = await createTestApp({
      databaseUrl: db.url,
      env: { ADMIN_EMAIL: 'admin@ac-toulouse.fr', ADMIN_PASSWORD: 'un mot de passe long' },
    });
    await boot.close();
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('accepts it, fills its academy and keeps the audit trail valid', async () => {
    expect(await db.query(`SELECT code, dpo_name FROM academy`)).toEqual([
      { code: 'TOULOUSE', dpo_name: null },
    ]);
    const result = await seedDemo({ databaseUrl: db.url, config });
    expect(result.warnings).toEqual([]);
    expect(await db.query(`SELECT code, dpo_name, dpo_email FROM academy`)).toEqual([
      { code: 'TOULOUSE', dpo_name: DEMO_ACADEMY.dpoName, dpo_email: DEMO_ACADEMY.dpoEmail },
    ]);
    // the demo's accounts, and the bootstrap administrator
    expect(result.counts.accounts).toBe(result.accounts.length + 1);

    t = await createTestApp({ databaseUrl: db.url });
    const login = await t.gql<{ login: { token: string } }>(
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email: 'claire.vasseur@ac-toulouse.fr', password: DEMO_PASSWORD },
    );
    const verified = await t.gql(
      '{ verifyAuditTrail { valid firstBrokenEventId } }',
      {},
      login.data.login.token,
    );
    expect(verified.data).toEqual({ verifyAuditTrail: { valid: true, firstBrokenEventId: null } });
  });
});
