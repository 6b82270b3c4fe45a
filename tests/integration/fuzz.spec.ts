import { Logger } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import request from 'supertest';
import { formatError, INVALID_VALUE_MESSAGE } from '../../apps/api/src/common/format-error';
import { entities } from '../../apps/api/src/entities';
import { uaiFor } from '@app/core';
import { runMigrations } from '@app/database';
import { migrations } from '../../migrations';
import { Factory, TestUser } from '../helpers/factories';
import { RegisterFixtures } from '../helpers/register-fixtures';
import { createTestApp, ok, TestApp, testDatabaseUrl } from '../helpers/test-app';

/**
 * Property test: every mutation of the schema, fed hundreds of generated invalid inputs, answers
 * with a documented error code (never INTERNAL_SERVER_ERROR) and changes nothing at all.
 *
 * Reproducible: the inputs come from a seeded PRNG; the seed is printed, and FUZZ_SEED=<seed>
 * replays the same run. FUZZ_RUNS sets the attempts per mutation.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS_PER_MUTATION = Number(process.env.FUZZ_RUNS ?? 30);

/** RULES.md "Errors", plus what GraphQL itself says of a document or variables of the wrong type. */
const DOCUMENTED_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'UNAUTHENTICATED',
  'GRAPHQL_VALIDATION_FAILED',
  'TOO_MANY_REQUESTS',
]);

// ---------------------------------------------------------------------------------------------
// seeded generation

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[this.int(4)];
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

const isPlainObject = (value: Value): value is Record<string, Value> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** An independent copy of an object (a list item changed later must not change its duplicates). */
const copy = (value: Value): Value => (value && typeof value === 'object' ? structuredClone(value) : value);

/** Leaves the field out of the variables (a required one then misses). */
const OMIT = Symbol('omit');
type Value = unknown;

const DAY = 24 * 3600_000;
const SQL_TEXTS = [
  "'; DROP TABLE treatment; --",
  "1' OR '1'='1",
  'Robert"); DELETE FROM audit_event; --',
  '$1::uuid',
  '%_%\\',
  "') UNION SELECT password_hash FROM app_user --",
];
const HTML_TEXTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '"><svg onload=alert(1)>',
  '&lt;b&gt;&amp;&#0;',
  '{{constructor.constructor("alert(1)")()}}',
];
const UNICODE_TEXTS = [
  'Élève 😀👩🏽‍🏫 ✓',
  '\u202eevil\u202c',
  'zero\u200bwidth\ufeff',
  'tab\tnew\nline\r',
  'bell\u0007escape\u001b',
  'nul\u0000byte',
  'lone \ud800 surrogate',
  '\u0000',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽',
];
const NOT_UUIDS = [
  'abc',
  '1',
  '0',
  '-1',
  "' OR 1=1 --",
  '00000000-0000-0000-0000-00000000000g',
  '{00000000-0000-0000-0000-000000000000}',
  '00000000000000000000000000000000',
  ' 6f1c1c8e-8b7a-4c8e-9d3b-1e2f3a4b5c6d ',
  '6f1c1c8e-8b7a-4c8e-9d3b-1e2f3a4b5c6d00',
  '',
  '../../etc/passwd',
];
const BAD_DATES = [
  'yesterday',
  '2024-02-30T00:00:00Z',
  '2024-13-45T25:61:61Z',
  '0000-00-00T00:00:00Z',
  '',
  '2024-01-01',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1e15',
];
const HUGE_NUMBERS = [2147483648, -2147483649, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 1.5, -0.5];
const INT_EDGES = [-1, -2147483648, 2147483647, 0];

function huge(rng: Random): string {
  const unit = rng.pick(['x', 'é', '😀', 'ab ', '<b>', "'"]);
  return unit.repeat(Math.ceil((5001 + rng.int(15000)) / unit.length));
}

function futureDate(rng: Random): string {
  return new Date(Date.now() + rng.pick([DAY, 30 * DAY, 3650 * DAY, 400 * 365 * DAY])).toISOString();
}

/** A value of another JSON type than the field expects. */
function wrongType(rng: Random, named: GraphQLNamedType): Value {
  const candidates: Value[] = [{ foo: 'bar' }, [1, 2], true, 42, 'texte', -7.25];
  const keep = candidates.filter((c) => {
    if (isInputObjectType(named)) return typeof c !== 'object' || Array.isArray(c);
    switch (named.name) {
      case 'Int':
      case 'Float':
        return typeof c !== 'number';
      case 'Boolean':
        return typeof c !== 'boolean';
      default:
        return typeof c !== 'string';
    }
  });
  return rng.pick(keep);
}

/**
 * A value that should be refused for a field of `type`: null or missing when required, another
 * JSON type, too long, out of range, not an id, not a date, not in the enum, a list with
 * duplicates… (a few may turn out to be acceptable: the test counts those).
 */
function invalidFor(rng: Random, type: GraphQLInputType, current: Value, knownIds: string[]): Value {
  const named = getNamedType(type);
  const options: (() => Value)[] = [() => wrongType(rng, named)];
  if (isNonNullType(type))
    options.push(
      () => null,
      () => OMIT,
    );
  const listType = isNonNullType(type) ? type.ofType : type;
  if (isListType(listType)) {
    const items = Array.isArray(current) ? current : [];
    options.push(
      () => (items.length ? [...items, copy(items[0])] : [null]),
      () => [null],
      // a long list of short items (the body stays under the 1 MB limit, which has its own test)
      () => {
        const small = (JSON.stringify(items[0] ?? null) ?? '').length < 300 ? items[0] : null;
        return Array.from({ length: 1000 }, (_, i) =>
          typeof small === 'string' ? `x${i % 3}` : copy(small),
        );
      },
      () => [...items, invalidFor(rng, listType.ofType, items[0], knownIds)].filter((v) => v !== OMIT),
    );
    return rng.pick(options)();
  }
  if (isEnumType(named)) {
    options.push(
      () => 'NOT_A_VALUE',
      () => named.getValues()[0].name.toLowerCase(),
      () => '',
      () => rng.pick(['ADMIN', 'CLOSED', 'HIGH_RISK', 'TREATMENT']),
    );
  } else if (isInputObjectType(named)) {
    options.push(
      () => ({}),
      () => ({ ...(isPlainObject(current) ? current : {}), unknownField: 'x' }),
      () => [current],
    );
  } else {
    switch (named.name) {
      case 'ID':
        options.push(
          () => rng.pick(NOT_UUIDS),
          () => rng.uuid(),
          () => rng.uuid(),
          () => rng.pick(knownIds),
          () => rng.uuid().toUpperCase(),
          () => rng.pick(SQL_TEXTS),
        );
        break;
      case 'Int':
      case 'Float':
        options.push(
          () => rng.pick(HUGE_NUMBERS),
          () => rng.pick(INT_EDGES),
          () => -1 - rng.int(1000),
        );
        break;
      case 'Boolean':
        options.push(
          () => 'true',
          () => 0,
        );
        break;
      case 'DateTime':
        options.push(
          () => futureDate(rng),
          () => futureDate(rng),
          () => rng.pick(BAD_DATES),
          () => Date.now(),
        );
        break;
      default:
        options.push(
          () => huge(rng),
          () => huge(rng),
          () => (isNonNullType(type) ? rng.pick(['', '   ', '\t\n ']) : huge(rng)),
          () => rng.pick(['\u0000', 'a\u0000b', `${String(current ?? 'x')}\u0000`]),
        );
    }
  }
  return rng.pick(options)();
}

/** A hostile value that may well be acceptable: text to be stored as typed, never interpreted. */
function hostileFor(rng: Random, type: GraphQLInputType, current: Value, knownIds: string[]): Value {
  const named = getNamedType(type);
  const listType = isNonNullType(type) ? type.ofType : type;
  if (isListType(listType)) {
    const items = Array.isArray(current) ? current : [];
    return rng.pick([
      () => [],
      () => [...items].reverse(),
      () => items.map((v) => hostileFor(rng, listType.ofType, v, knownIds)),
    ])();
  }
  if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) {
    return rng.pick([
      () => rng.pick(SQL_TEXTS),
      () => rng.pick(HTML_TEXTS),
      () => rng.pick(UNICODE_TEXTS),
      () => `  ${String(current ?? '')}  `,
      () => (isNonNullType(type) ? String(current ?? 'x') : rng.pick(['', '   ', null])),
    ])();
  }
  if (isEnumType(named)) return rng.pick(named.getValues()).name;
  return invalidFor(rng, type, current, knownIds);
}

/** Where a value can be put: every argument, every field of an input object, every list item. */
interface Slot {
  path: (string | number)[];
  type: GraphQLInputType;
  current: Value;
}

function slots(type: GraphQLInputType, value: Value, path: (string | number)[]): Slot[] {
  const found: Slot[] = [{ path, type, current: value }];
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner) && Array.isArray(value)) {
    value.forEach((item, i) => found.push(...slots(inner.ofType, item, [...path, i])));
  } else if (isInputObjectType(inner) && isPlainObject(value)) {
    for (const field of Object.values(inner.getFields())) {
      found.push(...slots(field.type, value[field.name], [...path, field.name]));
    }
  }
  return found;
}

function setAt(root: Record<string, Value>, path: (string | number)[], value: Value): void {
  let node: Record<string | number, Value> = root;
  for (const [i, key] of path.slice(0, -1).entries()) {
    if (node[key] === null || typeof node[key] !== 'object')
      node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, Value>;
  }
  const last = path[path.length - 1];
  if (value === OMIT) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

/** Drops what was meant to be left out, at any depth (a list item, an input field). */
function scrub(value: Value): Value {
  if (Array.isArray(value)) return value.filter((v) => v !== OMIT).map(scrub);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== OMIT)
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

/** A GraphQL literal for `value` (an enum-like string is written bare where an enum is expected). */
function literal(value: Value, type: GraphQLInputType): string {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const itemType = isListType(inner) ? inner.ofType : inner;
    return `[${value.map((v) => literal(v, itemType)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    // a document can only name fields: anything else would be a syntax error, not an input error
    return `{ ${Object.entries(value as Record<string, Value>)
      .filter(([k, v]) => v !== undefined && /^[_A-Za-z][_0-9A-Za-z]*$/.test(k))
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? inner)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string') {
    if (isEnumType(getNamedType(inner)) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) && value !== 'null') {
      return value;
    }
    // a GraphQL document cannot spell a lone surrogate (the variables can): U+FFFD in its place
    return JSON.stringify(
      value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
    );
  }
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// the database of this test alone, so that "every table unchanged" means every table

async function createOwnDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = testDatabaseUrl();
  const name = `registre_fuzz_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  await runMigrations({ url: url.toString(), entities, migrations });
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------

type Role = 'anonymous' | 'admin' | 'headA' | 'teacherA' | 'teacherB' | 'dpd';
type Args = Record<string, Value>;

interface Base {
  roles: Role[];
  args: () => Promise<Args>;
}

interface Attempt {
  mutation: string;
  role: Role;
  mode: 'variables' | 'literal';
  args: Args;
}

const short = (value: unknown) => {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
  );
  return text && text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

describe(`fuzz: invalid inputs to every mutation (seed ${SEED})`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let t: TestApp;
  let users: Record<Exclude<Role, 'anonymous'>, TestUser>;
  let bases: Record<string, Base>;
  let knownIds: string[];
  let fixed: { schoolA: string; academy: string; toArchive: string; headEmail: string };
  let fingerprintSql: string;

  const version = async (table: string, id: string): Promise<number> =>
    (await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version;

  /** Rows and content of every table (audit_event included), as one comparable value. */
  const fingerprint = async (): Promise<Record<string, { rows: number; digest: string }>> => {
    const rows: { name: string; rows: number; digest: string }[] = await t.dataSource.query(fingerprintSql);
    return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, digest: r.digest }]));
  };

  beforeAll(async () => {
    console.log(`fuzz seed: ${SEED} (replay with FUZZ_SEED=${SEED})`);
    db = await createOwnDatabase();
    t = await createTestApp({ databaseUrl: db.url });
    const f = new Factory(t.dataSource);
    const fx = new RegisterFixtures(t.dataSource);
    const w = await f.world();
    const otherAcademy = await f.academy();
    const otherSchool = await f.school(otherAcademy);
    // the user whose grants and activation the fuzz plays with (never one that sends requests)
    const target = await f.user(w.academy, [{ role: 'TEACHER', school: w.schoolA }]);
    users = {
      admin: w.admin,
      headA: w.headA,
      teacherA: w.teacherA,
      teacherB: w.teacherB,
      dpd: w.dpd,
    };
    const treatment = (await fx.treatment(w.schoolA, { createdBy: w.headA })).id;
    const toArchive = (await fx.treatment(w.schoolA)).id;
    const treatmentB = (await fx.treatment(w.schoolB)).id;
    const draft = (await fx.declaration(w.schoolA, w.teacherA, { status: 'DRAFT' })).id;
    const submitted = (await fx.declaration(w.schoolA, w.teacherA, { status: 'SUBMITTED' })).id;
    const violation = (await fx.violation(w.schoolA, w.headA)).id;
    const violationB = (await fx.violation(w.schoolB, w.headB)).id;
    fixed = { schoolA: w.schoolA.id, academy: w.academy.id, toArchive, headEmail: w.headA.email };
    knownIds = [w.schoolB.id, otherSchool.id, treatmentB, violationB, otherAcademy.id, w.headB.id, target.id];

    // login_throttle aside: a failed login is counted there on purpose (the lockout), committed
    // apart from any mutation's transaction
    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('migrations', 'login_throttle')
        ORDER BY table_name`,
    );
    expect(tables.map((r) => r.table_name)).toEqual(expect.arrayContaining(['audit_event', 'treatment']));
    fingerprintSql = tables
      .map(
        ({ table_name: name }) =>
          `SELECT '${name}' AS name, count(*)::int AS rows,
                  md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM ${name} x`,
      )
      .join(' UNION ALL ');

    let n = 0;
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    const declarationInput = () => ({
      schoolId: w.schoolA.id,
      toolName: 'Outil de quiz',
      vendor: 'Éditeur',
      url: 'https://quiz.example.fr',
      purpose: 'Exercices en classe',
      classes: ['6e A', '5e B'],
      approxStudentCount: 50,
      dataCategories: ['IDENTITY', 'ASSESSMENT'],
      pseudonymsUsed: true,
      hosting: 'EU',
      hostingCountry: 'France',
      freeSoftware: 'YES',
      institutional: false,
      commercialReuse: 'NO',
      familiesInformed: true,
      retentionMonths: 12,
      securityMeasures: 'Chiffrement',
    });
    const treatmentInput = () => ({
      schoolId: w.schoolA.id,
      name: 'Cantine',
      purposes: ['Gestion de la restauration'],
      legalBasis: 'PUBLIC_INTEREST',
      subjectCategories: ['STUDENTS', 'PARENTS'],
      dataCategories: ['IDENTITY', 'FINANCIAL'],
      recipients: ['Intendance'],
      processors: ['Prestataire'],
      transfers: [{ country: 'Suisse', recipient: 'Hébergeur', safeguard: 'ADEQUACY_DECISION' }],
      retention: 'Un an',
      retentionMonths: 12,
      securityMeasures: ['Sauvegardes'],
      dpiaRequired: false,
    });
    bases = {
      login: {
        roles: ['anonymous'],
        args: async () => ({ email: w.headA.email, password: 'mauvais-mot-de-passe' }),
      },
      createAcademy: {
        roles: ['admin'],
        args: async () => ({
          input: {
            code: `FUZZ${++n}`,
            name: 'Académie du fuzz',
            dpoName: 'Délégué',
            dpoEmail: 'dpd@fuzz.fr',
            rssiEmail: 'rssi@fuzz.fr',
          },
        }),
      },
      createSchool: {
        roles: ['admin'],
        args: async () => ({
          input: {
            academyId: w.academy.id,
            uai: uaiFor(9_000_000 + ++n),
            name: 'École du fuzz',
            kind: 'COLLEGE',
            city: 'Albi',
          },
        }),
      },
      createUser: {
        roles: ['admin', 'headA'],
        args: async () => ({
          input: {
            academyId: w.academy.id,
            email: `fuzz-${++n}@ac-test.fr`,
            displayName: 'Compte du fuzz',
            password: 'un-mot-de-passe-solide',
            grants: [{ role: 'TEACHER', schoolId: w.schoolA.id }],
          },
        }),
      },
      updateUserGrants: {
        roles: ['admin', 'headA'],
        args: async () => ({ userId: target.id, grants: [{ role: 'TEACHER', schoolId: w.schoolA.id }] }),
      },
      setUserActive: {
        roles: ['admin', 'headA'],
        args: async () => ({ userId: target.id, active: true }),
      },
      changePassword: {
        roles: ['teacherB'],
        args: async () => ({ currentPassword: 'mauvais-mot-de-passe', newPassword: 'nouveau-mot-de-passe' }),
      },
      createToolDeclaration: {
        roles: ['teacherA', 'headA'],
        args: async () => ({ input: declarationInput() }),
      },
      updateToolDeclaration: {
        roles: ['teacherA'],
        args: async () => ({
          id: draft,
          version: await version('tool_declaration', draft),
          input: { toolName: 'Outil renommé', dataCategories: ['IDENTITY'], hosting: 'EU' },
        }),
      },
      submitToolDeclaration: { roles: ['teacherA'], args: async () => ({ id: draft }) },
      withdrawToolDeclaration: { roles: ['teacherA'], args: async () => ({ id: draft }) },
      decideToolDeclaration: {
        roles: ['headA'],
        args: async () => ({
          id: submitted,
          input: { decision: 'REQUEST_CHANGES', comment: 'Précisez la durée de conservation' },
        }),
      },
      createTreatment: { roles: ['headA'], args: async () => ({ input: treatmentInput() }) },
      updateTreatment: {
        roles: ['headA'],
        args: async () => ({
          id: treatment,
          version: await version('treatment', treatment),
          input: { name: 'Cantine et internat', retentionMonths: 24, purposes: ['Restauration'] },
        }),
      },
      archiveTreatment: {
        roles: ['headA'],
        args: async () => ({ id: toArchive, reason: 'Remplacé par un autre traitement' }),
      },
      recordViolation: {
        roles: ['teacherA', 'headA'],
        args: async () => ({
          input: {
            schoolId: w.schoolA.id,
            title: 'Clé USB perdue',
            description: 'Une clé USB contenant des notes a été perdue.',
            incidentType: 'EQUIPMENT_THEFT_OR_LOSS',
            natures: ['CONFIDENTIALITY'],
            occurredAt: hoursAgo(3),
            discoveredAt: hoursAgo(2),
            dataCategories: ['IDENTITY', 'ASSESSMENT'],
            subjectCategories: ['STUDENTS'],
            approxSubjectCount: 30,
            approxRecordCount: 30,
            consequences: 'Divulgation possible',
            measuresTaken: 'Mots de passe changés',
            risk: 'RISK',
            treatmentIds: [treatment],
          },
        }),
      },
      updateViolation: {
        roles: ['headA'],
        args: async () => ({
          id: violation,
          version: await version('violation', violation),
          input: {
            title: 'Ordinateur volé',
            occurredAt: hoursAgo(5),
            cnilNotifiedAt: hoursAgo(1),
            risk: 'HIGH_RISK',
            treatmentIds: [treatment],
          },
        }),
      },
      closeViolation: {
        roles: ['headA'],
        args: async () => ({ id: violation, version: await version('violation', violation) }),
      },
      reviewEntry: {
        roles: ['dpd'],
        args: async () => ({
          input: { targetType: 'TREATMENT', targetId: treatment, verdict: 'COMMENT', comment: 'Avis du DPD' },
        }),
      },
      exportRegister: {
        roles: ['dpd', 'headA'],
        args: async () => ({ schoolId: w.schoolA.id, kind: 'TREATMENT_REGISTER' }),
      },
    };
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** A base for a mutation this test does not know yet: required arguments with plausible values. */
  function genericBase(field: GraphQLField<unknown, unknown>): Base {
    const plausible = (type: GraphQLInputType): Value => {
      const inner = isNonNullType(type) ? type.ofType : type;
      if (isListType(inner)) return [plausible(inner.ofType)];
      const named = getNamedType(inner);
      if (isEnumType(named)) return named.getValues()[0].name;
      if (isInputObjectType(named)) {
        return Object.fromEntries(
          Object.values(named.getFields())
            .filter((f) => isNonNullType(f.type))
            .map((f) => [f.name, plausible(f.type)]),
        );
      }
      switch (named.name) {
        case 'ID':
          return knownIds[0];
        case 'Int':
        case 'Float':
          return 1;
        case 'Boolean':
          return true;
        case 'DateTime':
          return new Date(Date.now() - 3600_000).toISOString();
        default:
          return 'Texte';
      }
    };
    return {
      roles: ['admin', 'headA', 'teacherA', 'dpd'],
      args: async () =>
        Object.fromEntries(
          field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, plausible(a.type)]),
        ),
    };
  }

  function generate(rng: Random, field: GraphQLField<unknown, unknown>, base: Base, args: Args): Attempt {
    const argTypes = new Map(field.args.map((a: GraphQLArgument) => [a.name, a.type]));
    const mutated = structuredClone(args);
    const all = () => [...argTypes.entries()].flatMap(([name, type]) => slots(type, mutated[name], [name]));
    // one change meant to be refused, and up to two more hostile ones
    const primary = rng.pick(all());
    setAt(mutated, primary.path, invalidFor(rng, primary.type, primary.current, knownIds));
    for (let i = rng.int(3); i > 0; i--) {
      const slot = rng.pick(all());
      const value = rng.chance(0.5)
        ? hostileFor(rng, slot.type, slot.current, knownIds)
        : invalidFor(rng, slot.type, slot.current, knownIds);
      setAt(mutated, slot.path, value);
    }
    // now and then the wrong person, or nobody: FORBIDDEN, NOT_FOUND or UNAUTHENTICATED, nothing written
    const role = rng.chance(0.08)
      ? rng.pick<Role>(['anonymous', 'teacherB', 'dpd', 'teacherA'])
      : rng.pick(base.roles);
    return {
      mutation: field.name,
      role,
      mode: rng.chance(0.2) ? 'literal' : 'variables',
      args: scrub(mutated) as Args,
    };
  }

  async function send(field: GraphQLField<unknown, unknown>, attempt: Attempt) {
    const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
    const present = field.args.filter((a) => attempt.args[a.name] !== undefined);
    let query: string;
    let variables: Args = {};
    if (attempt.mode === 'literal') {
      const args = present.map((a) => `${a.name}: ${literal(attempt.args[a.name], a.type)}`).join(', ');
      query = `mutation { ${field.name}${args ? `(${args})` : ''}${selection} }`;
    } else {
      const definitions = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      query = `mutation${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
      variables = Object.fromEntries(present.map((a) => [a.name, attempt.args[a.name]]));
    }
    const req = request(t.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
    if (attempt.role !== 'anonymous') req.set('Authorization', `Bearer ${users[attempt.role].token}`);
    const res = await req.send({ query, variables });
    return { res, query, variables };
  }

  it(`sends ${RUNS_PER_MUTATION} generated invalid inputs to each mutation: documented codes only, nothing written`, async () => {
    const rng = new Random(SEED);
    const schema = t.app.get(GraphQLSchemaHost).schema;
    // a mutation without arguments takes no input to fuzz (logoutEverywhere would also end the
    // sessions of the roles fuzzing): every mutation with arguments is fuzzed
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((m) => m.args.length > 0);
    // the contract's 20 mutations at least; any other one is fuzzed from a generic base
    expect(mutations.map((m) => m.name)).toEqual(expect.arrayContaining(Object.keys(bases)));
    expect(Object.keys(bases)).toHaveLength(20);
    const problems: string[] = [];
    const stats = new Map<string, { attempts: number; codes: Map<string, number>; successes: number }>();
    const started = Date.now();

    for (let run = 0; run < RUNS_PER_MUTATION; run++) {
      for (const field of mutations) {
        const base = bases[field.name] ?? genericBase(field);
        const attempt = generate(rng, field, base, await base.args());
        const before = await fingerprint();
        const { res, query, variables } = await send(field, attempt);
        const after = await fingerprint();
        const where = () =>
          `[seed ${SEED}] ${attempt.mutation} as ${attempt.role} (${attempt.mode}) ${
            attempt.mode === 'literal' ? query.slice(0, 3000) : short(variables)
          } → ${res.status} ${short(res.body)}`;

        const stat = stats.get(field.name) ?? { attempts: 0, codes: new Map(), successes: 0 };
        stats.set(field.name, stat);
        stat.attempts++;

        // a well-formed GraphQL answer
        const body = res.body as { data?: Record<string, unknown> | null; errors?: unknown[] };
        if (![200, 400].includes(res.status) || !body || typeof body !== 'object') {
          problems.push(`malformed HTTP answer: ${where()}`);
          continue;
        }
        const errors = (body.errors ?? []) as { message?: unknown; extensions?: { code?: unknown } }[];
        if (!Array.isArray(errors) || (errors.length === 0 && !body.data)) {
          problems.push(`neither data nor errors: ${where()}`);
          continue;
        }
        for (const error of errors) {
          const code = error.extensions?.code;
          // format-error.ts's last-resort mapping of SQL value errors: each must be fixed at its root
          if (error.message === INVALID_VALUE_MESSAGE) problems.push(`invalid value reached SQL: ${where()}`);
          // a literal list of 1,000 items is more tokens than the parser reads (MAX_TOKENS): refused, by name
          const tokenBound =
            code === 'GRAPHQL_PARSE_FAILED' &&
            (error.extensions as { limit?: string }).limit === 'MAX_TOKENS';
          if (
            typeof error.message !== 'string' ||
            typeof code !== 'string' ||
            (!DOCUMENTED_CODES.has(code) && !tokenBound)
          ) {
            problems.push(`undocumented error ${String(code)}: ${where()}`);
          }
          stat.codes.set(String(code), (stat.codes.get(String(code)) ?? 0) + 1);
        }
        const succeeded = errors.length === 0 && body.data?.[field.name] !== undefined;

        if (!succeeded) {
          for (const [table, print] of Object.entries(after)) {
            if (print.rows !== before[table].rows || print.digest !== before[table].digest) {
              problems.push(
                `failed mutation changed ${table} (${before[table].rows} → ${print.rows} rows): ${where()}`,
              );
            }
          }
        } else {
          stat.successes++;
          const changed = Object.keys(after).filter(
            (table) => table !== 'audit_event' && after[table].digest !== before[table].digest,
          );
          // no change without its event, no event without its change (RULES.md, "Traceability")
          if (changed.length && after.audit_event.rows <= before.audit_event.rows) {
            problems.push(`accepted change of ${changed.join(', ')} without an audit event: ${where()}`);
          }
          if (!changed.length && after.audit_event.rows !== before.audit_event.rows) {
            problems.push(`audit event without a change: ${where()}`);
          }
        }
      }
    }

    const attempts = [...stats.values()].reduce((sum, s) => sum + s.attempts, 0);
    const successes = [...stats.values()].reduce((sum, s) => sum + s.successes, 0);
    const summary = [...stats.entries()]
      .map(
        ([name, s]) =>
          `${name}: ${s.attempts} tries, ${s.successes} accepted, ${[...s.codes.entries()]
            .map(([code, count]) => `${code}×${count}`)
            .join(' ')}`,
      )
      .join('\n');
    console.log(
      `fuzz seed ${SEED}: ${attempts} attempts on ${mutations.length} mutations in ${Date.now() - started} ms, ` +
        `${successes} accepted\n${summary}`,
    );

    expect(problems).toEqual([]);
    // every mutation of the schema was exercised, and refused far more often than not
    for (const field of mutations) {
      const stat = stats.get(field.name)!;
      expect({ mutation: field.name, attempts: stat.attempts }).toEqual({
        mutation: field.name,
        attempts: RUNS_PER_MUTATION,
      });
      expect({ mutation: field.name, refused: stat.attempts - stat.successes > 0 }).toEqual({
        mutation: field.name,
        refused: true,
      });
    }
    expect(successes / attempts).toBeLessThan(0.15);

    // the trail of what was accepted is intact
    const verification = ok(
      await t.gql<{ verifyAuditTrail: { valid: boolean; checkedEvents: number } }>(
        `{ verifyAuditTrail { valid checkedEvents } }`,
        {},
        users.admin.token,
      ),
    ).verifyAuditTrail;
    expect(verification.valid).toBe(true);
    const [{ events }] = await t.dataSource.query(`SELECT count(*)::int AS events FROM audit_event`);
    expect(verification.checkedEvents).toBe(events);
  }, 180_000);

  it('refuses, field by field, what the fuzz found reaching SQL or crashing a validator', async () => {
    const gql = (query: string, variables: Args, role: Role) =>
      request(t.app.getHttpServer())
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set(role === 'anonymous' ? {} : { Authorization: `Bearer ${users[role].token}` })
        .send({ query, variables });
    const before = await fingerprint();
    const first = (res: request.Response) =>
      (res.body as { errors: { extensions: { code: string; fields?: Record<string, string> } }[] }).errors[0]
        .extensions;

    // a NUL character (PostgreSQL text cannot hold one) in a DTO text, a text list, a plain argument
    const school = await gql(
      `mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`,
      {
        i: {
          academyId: fixed.academy,
          uai: uaiFor(8_123_456),
          name: 'École',
          kind: 'LYCEE',
          city: 'Albi\u0000',
        },
      },
      'admin',
    );
    expect(first(school)).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { city: expect.stringContaining('U+0000') },
    });
    const purposes = await gql(
      `mutation($i: TreatmentInput!) { createTreatment(input: $i) { id } }`,
      {
        i: {
          schoolId: fixed.schoolA,
          name: 'Cantine',
          purposes: ['ok', 'nul\u0000'],
          legalBasis: 'PUBLIC_INTEREST',
          subjectCategories: ['STUDENTS'],
          dataCategories: ['IDENTITY'],
          retention: 'Un an',
        },
      },
      'headA',
    );
    expect(first(purposes)).toEqual({ code: 'BAD_USER_INPUT', fields: { purposes: expect.any(String) } });
    const reason = await gql(
      `mutation($id: ID!, $r: String!) { archiveTreatment(id: $id, reason: $r) { id } }`,
      { id: fixed.toArchive, r: 'Remplacé\u0000' },
      'headA',
    );
    expect(first(reason)).toEqual({ code: 'BAD_USER_INPUT', fields: { reason: expect.any(String) } });
    // the same answer as any wrong credentials
    const login = await gql(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      { e: `${fixed.headEmail}\u0000`, p: 'mauvais-mot-de-passe' },
      'anonymous',
    );
    expect(first(login)).toEqual({ code: 'UNAUTHENTICATED' });
    // an unpaired surrogate, which made validator's isEmail throw
    const email = await gql(
      `mutation($i: CreateAcademyInput!) { createAcademy(input: $i) { id } }`,
      { i: { code: 'SURROGATE', name: 'Académie', dpoEmail: 'dpd\ud800@ac-test.fr' } },
      'admin',
    );
    expect(first(email)).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { dpoEmail: 'Adresse électronique invalide.' },
    });
    // more than 50 invalid values in the variables: graphql-js gives up, still the client's input
    const many = await gql(
      `mutation($i: TreatmentInput!) { createTreatment(input: $i) { id } }`,
      {
        i: {
          schoolId: fixed.schoolA,
          name: 'Cantine',
          purposes: ['ok'],
          legalBasis: 'PUBLIC_INTEREST',
          subjectCategories: Array.from({ length: 60 }, (_, i) => `NOPE_${i}`),
          dataCategories: ['IDENTITY'],
          retention: 'Un an',
        },
      },
      'headA',
    );
    const codes = (many.body as { errors: { extensions: { code: string } }[] }).errors.map(
      (e) => e.extensions.code,
    );
    expect(codes.length).toBeGreaterThan(50);
    expect(new Set(codes)).toEqual(new Set(['BAD_USER_INPUT']));
    expect(await fingerprint()).toEqual(before);
  });
});

describe('format-error: the last-resort mapping of a value PostgreSQL refuses', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers BAD_USER_INPUT for invalid text representation, datetime, numeric range and encoding errors', () => {
    for (const code of ['22P02', '22007', '22008', '22003', '22021']) {
      const driverError = Object.assign(new Error('invalid input'), { code });
      const error = new QueryFailedError('SELECT $1::uuid', ['abc'], driverError);
      expect(formatError({ message: 'invalid input', path: ['x'] }, error)).toEqual({
        path: ['x'],
        locations: undefined,
        message: INVALID_VALUE_MESSAGE,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    // any other database error stays internal, without detail
    const other = new QueryFailedError('SELECT 1', [], Object.assign(new Error('boom'), { code: 'XX000' }));
    expect(formatError({ message: 'boom' }, other).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
