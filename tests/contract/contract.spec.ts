import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { buildSchema, findBreakingChanges, lexicographicSortSchema, printSchema } from 'graphql';
import { createTestApp, TestApp } from '../helpers/test-app';

/**
 * The generated schema is committed (apps/api/schema.graphql) and must not break the public contract
 * kept in the repository (apps/api/contract/: contract.graphql for v1, one file per v2 extension).
 * `npm run schema:print` rewrites the committed schema; `.ci/run` checks the contract copies against
 * the specification folder when it is present.
 */
const SCHEMA_FILE = join(__dirname, '../../apps/api/schema.graphql');
const CONTRACT_DIR = join(__dirname, '../../apps/api/contract');
const contractFile = (name: string): string => readFileSync(join(CONTRACT_DIR, `${name}.graphql`), 'utf8');

/** The v2 extensions of the contract (apps/api/contract/<name>.graphql). */
const EXTENSIONS = ['catalog', 'rights-requests', 'alerts', 'spreadsheets'] as const;

/**
 * The v2 extensions whose feature has landed: the generated schema must satisfy them (v1 + the
 * extension, no breaking change). Add an extension's name here when its feature is merged; the others
 * are only checked to parse and build together with v1.
 */
const LANDED: (typeof EXTENSIONS)[number][] = ['rights-requests', 'alerts', 'spreadsheets', 'catalog'];

/**
 * Contract items not built yet, as findBreakingChanges describes them. Each issue that builds one
 * removes it from here; the test fails on any other difference and on a listed item that is built.
 */
const NOT_YET_BUILT: string[] = [];

describe('GraphQL contract', () => {
  let t: TestApp;
  let generated: string;

  beforeAll(async () => {
    t = await createTestApp();
    generated = printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema));
  });
  afterAll(() => t.close());

  it('the committed schema is the generated one', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated + '\n');
    expect(readFileSync(SCHEMA_FILE, 'utf8').trim()).toBe(generated.trim());
  });

  it('does not break the public contract beyond the listed items not yet built', () => {
    const contract = buildSchema(contractFile('contract'));
    const breaks = findBreakingChanges(contract, buildSchema(generated))
      .map((c) => c.description)
      .sort();
    expect(breaks.filter((b) => !NOT_YET_BUILT.includes(b))).toEqual([]);
    expect(NOT_YET_BUILT.filter((item) => !breaks.includes(item))).toEqual([]);
  });

  it('a breaking change of the v1 contract is caught', () => {
    // the check above can fail: a schema without one of the contract's fields breaks it
    const contract = buildSchema(contractFile('contract'));
    const withoutMe = generated.replace(/^ {2}me\b.*$/m, '');
    expect(withoutMe).not.toBe(generated);
    const breaks = findBreakingChanges(contract, buildSchema(withoutMe)).map((c) => c.description);
    expect(breaks).toContain('Query.me was removed.');
  });

  it.each(EXTENSIONS.map((name) => [name]))('the v2 extension %s parses and builds with v1', (name) => {
    expect(() => buildSchema(`${contractFile('contract')}\n${contractFile(name)}`)).not.toThrow();
  });

  it('every v2 extension builds together with the others and v1', () => {
    const all = [contractFile('contract'), ...EXTENSIONS.map(contractFile)].join('\n');
    expect(() => buildSchema(all)).not.toThrow();
  });

  const landed = LANDED.map((name) => [name]);
  if (landed.length > 0) {
    it.each(landed)('the generated schema satisfies the landed v2 extension %s', (name) => {
      const contract = buildSchema(`${contractFile('contract')}\n${contractFile(name)}`);
      const breaks = findBreakingChanges(contract, buildSchema(generated)).map((c) => c.description);
      expect(breaks.filter((b) => !NOT_YET_BUILT.includes(b))).toEqual([]);
    });
  }

  it('each v2 extension not landed yet is indeed not satisfied (else add it to LANDED)', () => {
    for (const name of EXTENSIONS.filter((e) => !LANDED.includes(e))) {
      const contract = buildSchema(`${contractFile('contract')}\n${contractFile(name)}`);
      const breaks = findBreakingChanges(contract, buildSchema(generated));
      expect({ name, satisfied: breaks.length === 0 }).toEqual({ name, satisfied: false });
    }
  });
});
