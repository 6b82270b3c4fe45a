import { getIntrospectionQuery, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_NESTING, MAX_TOKENS, mostRepeatedSelection, nestingOf } from './graphql-limits';

/** `{ a0: me { id } a1: me { id } … }` with `n` aliased fields: 6 tokens each, 2 for the braces. */
const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;

describe('the token bound (parse maxTokens)', () => {
  it('lets the largest real operations through: GraphiQL’s introspection query, the README’s operations', () => {
    const introspection = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    expect(() => parse(introspection, { maxTokens: MAX_TOKENS })).not.toThrow();
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const operations = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations)
      expect(() => parse(operation, { maxTokens: MAX_TOKENS })).not.toThrow();
  });

  it(`reads ${MAX_TOKENS} tokens and refuses the next one, however large the rest`, () => {
    // 2 + 6 × 166 = 998 tokens; 2 + 6 × 167 = 1004
    expect(() => parse(aliased(166), { maxTokens: MAX_TOKENS })).not.toThrow();
    expect(() => parse(aliased(167), { maxTokens: MAX_TOKENS })).toThrow(
      /Document contains more th(an|at) 1000 tokens/,
    );
    // the parser stops at the 1001st token and never reads the rest: 1.7 MB of text that is no
    // GraphQL at all after it (a syntax error, were it read) still answers the token refusal
    const huge = aliased(167).slice(0, -1) + ' ' + '§'.repeat(1_700_000);
    expect(() => parse(huge)).toThrow(/Syntax Error/);
    expect(() => parse(huge, { maxTokens: MAX_TOKENS })).toThrow(
      /Document contains more th(an|at) 1000 tokens/,
    );
  });

  it('measures nesting and repeated selections without parsing strings or comments', () => {
    expect(nestingOf('{ me { id } }')).toBe(2);
    expect(nestingOf('{ a(x: "{{{{[[[(((") # {{{{\n }')).toBe(2);
    expect(nestingOf(`{ a(x: """ {{{ \\""" {{ """) }`)).toBe(2);
    expect(nestingOf(`{ me ${'{ grants '.repeat(MAX_NESTING)}{ role }${' }'.repeat(MAX_NESTING)} }`)).toBe(
      MAX_NESTING + 2,
    );
    expect(mostRepeatedSelection(parse('{ me { id } me { displayName } x: me { id } }'))).toBe(2);
    expect(mostRepeatedSelection(parse(`{ ${'me { id } '.repeat(11)} }`))).toBe(11);
    expect(mostRepeatedSelection(parse(`{ me { ${'...F '.repeat(12)} } } fragment F on User { id }`))).toBe(
      12,
    );
  });
});
