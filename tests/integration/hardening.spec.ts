import { getIntrospectionQuery } from 'graphql';
import request from 'supertest';
import { counts, Factory } from '../helpers/factories';
import { createTestApp, errorCode, GqlError, ok, TestApp } from '../helpers/test-app';

type World = Awaited<ReturnType<Factory['world']>>;

/** POST /graphql with any body, as a hostile client would send it. */
function post(t: TestApp, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const req = request(t.app.getHttpServer()).post('/graphql').set('Content-Type', 'application/json');
  if (token) req.set('Authorization', `Bearer ${token}`);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send(body as object);
}

function limitOf(errors: GqlError[] | undefined): (string | undefined)[] {
  return (errors ?? []).map((e) => (e.extensions as { limit?: string } | undefined)?.limit);
}

/** `me { grants { school { heads { … } } } }`: `levels` fields deep, the leaf included. */
function nested(levels: number): string {
  const chain = ['grants', 'school', 'heads'];
  const between = levels - 2; // the fields between `me` and the leaf
  let query = between > 0 && chain[(between - 1) % 3] === 'grants' ? 'role' : 'id';
  for (let i = between - 1; i >= 0; i--) query = `${chain[i % 3]} { ${query} }`;
  return `{ me { ${query} } }`;
}

describe('hardening: GraphQL abuse limits with the default settings', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await new Factory(t.dataSource).world();
  });
  afterAll(() => t.close());

  it('uses the documented defaults', () => {
    expect(t.config.GRAPHQL_MAX_DEPTH).toBe(10);
    expect(t.config.GRAPHQL_MAX_COST).toBe(10000);
    expect(t.config.GRAPHQL_MAX_ALIASES).toBe(20);
  });

  it('refuses an operation deeper than 10 levels, with a French message and the limit named', async () => {
    const res = await t.gql(nested(11), {}, w.headA.token);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    const depthError = res.errors!.find((e) => limitOf([e])[0] === 'MAX_DEPTH');
    expect(depthError?.message).toBe('Requête trop imbriquée : 11 niveaux, 10 au plus.');
  });

  it('refuses cleanly a query nested thousands of levels, which the parser cannot even read', async () => {
    const query = `{ me ${'{ grants '.repeat(20000)}{ role }${' }'.repeat(20000)} }`;
    const res = await t.gql(query, {}, w.headA.token);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      { message: 'Requête trop imbriquée pour être analysée.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
    expect(ok(await t.gql<{ me: { id: string } }>(`{ me { id } }`, {}, w.headA.token)).me.id).toBe(
      w.headA.id,
    );
  });

  it('counts depth through fragments and inline fragments', async () => {
    const query = `
      query Deep { me { ...G } }
      fragment G on User { grants { school { ... on School { heads { grants { school { heads { grants { school { heads { id } } } } } } } } } } }`;
    const res = await t.gql(query, {}, w.headA.token);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors!.find((e) => limitOf([e])[0] === 'MAX_DEPTH')?.message).toBe(
      'Requête « Deep » trop imbriquée : 11 niveaux, 10 au plus.',
    );
  });

  it('refuses an operation whose estimated cost exceeds 10000, before running anything', async () => {
    // users 1 + 100 × (nodes 1 + grants (1 + 10 × (school 1 + heads (1 + 10 × 3)))) = 32201
    const query = `{ users(first: 100) { nodes { grants { school { heads { id email displayName } } } } } }`;
    const res = await t.gql(query, {}, w.admin.token);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(limitOf(res.errors)).toEqual(['MAX_COST']);
    expect(res.errors![0].message).toBe(
      'Requête trop coûteuse : coût estimé 32201, 10000 au plus. Demandez moins de champs ou des pages plus petites (first).',
    );
    // the same selection on a page of 20 costs 6441: accepted
    const smaller = await t.gql(query.replace('first: 100', 'first: 20'), {}, w.admin.token);
    expect(smaller.errors).toBeUndefined();
    expect(smaller.status).toBe(200);
  });

  it('prices a page size given by a variable at its default, or at the largest page without one', async () => {
    const selection = `users(first: $n) { nodes { grants { school { heads { id email displayName } } } } }`;
    const noDefault = await t.gql(`query($n: Int) { ${selection} }`, { n: 5 }, w.admin.token);
    expect(limitOf(noDefault.errors)).toEqual(['MAX_COST']);
    const withDefault = await t.gql(`query($n: Int = 10) { ${selection} }`, {}, w.admin.token);
    expect(withDefault.errors).toBeUndefined();
  });

  it('prices neither a field skipped by @skip/@include nor a variable-bound one less than its worst case', async () => {
    // graphql-query-complexity honours the directives: a branch left out by a literal costs nothing
    const heavy = `users(first: 100) { nodes { grants { school { heads { id email displayName } } } } }`;
    const skipped = await t.gql(
      `{ me { id } ${heavy.replace('users(first: 100)', 'users(first: 100) @skip(if: true)')} }`,
      {},
      w.admin.token,
    );
    expect(skipped.errors).toBeUndefined();
    expect(skipped.data).toEqual({ me: { id: w.admin.id } });
    // a condition given by a variable is priced as included, whatever the variable says
    const byVariable = await t.gql(
      `query($show: Boolean!) { me { id } ${heavy.replace('users(first: 100)', 'users(first: 100) @include(if: $show)')} }`,
      { show: false },
      w.admin.token,
    );
    expect(limitOf(byVariable.errors)).toEqual(['MAX_COST']);
  });

  it('leaves an oversized page to pagination (BAD_USER_INPUT), not to the cost limit', async () => {
    const res = await t.gql(`{ users(first: 1000000) { nodes { id } } }`, {}, w.admin.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('refuses more than 20 aliases, even on cheap fields, and accepts 20', async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const refused = await t.gql(aliased(21), {}, w.headA.token);
    expect(refused.status).toBe(400);
    expect(errorCode(refused)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(limitOf(refused.errors)).toEqual(['MAX_ALIASES']);
    expect(refused.errors![0].message).toBe('Trop d’alias dans la requête : 21, 20 au plus.');
    const accepted = ok(await t.gql<Record<string, { id: string }>>(aliased(20), {}, w.headA.token));
    expect(Object.keys(accepted)).toHaveLength(20);
    expect(accepted.a19.id).toBe(w.headA.id);
  });

  it('counts aliases hidden in a fragment each time it is spread', async () => {
    const fields = Array.from({ length: 11 }, (_, i) => `x${i}: id`).join(' ');
    const query = `{ a: me { ...F } b: me { ...F } } fragment F on User { ${fields} }`;
    const res = await t.gql(query, {}, w.headA.token);
    expect(limitOf(res.errors)).toEqual(['MAX_ALIASES']);
    expect(res.errors![0].message).toBe('Trop d’alias dans la requête : 24, 20 au plus.');
  });

  it('refuses a mutation over a limit as a whole: nothing is written', async () => {
    const before = await counts(t.dataSource, 'academy');
    const mutations = Array.from(
      { length: 21 },
      (_, i) =>
        `m${i}: createAcademy(input: { code: "ALIAS${i}X${Date.now() % 100000}", name: "Alias ${i}" }) { id }`,
    );
    const res = await t.gql(`mutation { ${mutations.join(' ')} }`, {}, w.admin.token);
    expect(limitOf(res.errors)).toEqual(['MAX_ALIASES']);
    expect(await counts(t.dataSource, 'academy')).toEqual(before);
  });

  it('survives a fragment bomb: refused quickly as too costly', async () => {
    // F0 selects me { id }; each Fn spreads F(n-1) twice: 2^30 fields once expanded
    const fragments = ['fragment F0 on Query { me { id } }'];
    for (let i = 1; i <= 30; i++) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
    const started = Date.now();
    const res = await t.gql(`{ ...F30 } ${fragments.join(' ')}`, {}, w.headA.token);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(limitOf(res.errors)).toContain('MAX_COST');
    expect(res.errors!.find((e) => limitOf([e])[0] === 'MAX_COST')?.message).toMatch(
      /^Requête trop coûteuse : coût estimé hors limite, 10000 au plus\./,
    );
  });

  it('refuses cyclic fragments without hanging', async () => {
    const res = await t.gql(
      `{ me { ...A } } fragment A on User { grants { school { heads { ...B } } } } fragment B on User { ...A }`,
      {},
      w.headA.token,
    );
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('accepts the standard introspection query under the default limits (introspection on outside production)', async () => {
    expect(t.config.introspection).toBe(true);
    const res = await t.gql<{ __schema: { types: { name: string }[] } }>(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    expect(res.data.__schema.types.map((type) => type.name)).toContain('Treatment');
  });

  it('keeps field suggestions outside production', async () => {
    const res = await t.gql(`{ mee { id } }`, {}, w.headA.token);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toBe(
      'Le champ « mee » n’existe pas sur le type « Query ». Vouliez-vous dire "me" ?',
    );
  });

  it('refuses batched operations (a JSON array): 400, French message, nothing executed', async () => {
    const before = await counts(t.dataSource, 'academy');
    const mutation = (code: string) => ({
      query: `mutation { createAcademy(input: { code: "${code}", name: "Lot ${code}" }) { id } }`,
    });
    const res = await post(
      t,
      [mutation(`BATCH${Date.now() % 100000}A`), mutation(`BATCH${Date.now() % 100000}B`)],
      w.admin.token,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        message:
          'Les opérations groupées (un tableau JSON de requêtes) ne sont pas acceptées : envoyez une opération par requête.',
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
    expect(await counts(t.dataSource, 'academy')).toEqual(before);
  });

  it('refuses a body over 1 MB with 413, and keeps serving', async () => {
    const padding = ' '.repeat(1024 * 1024);
    const res = await post(t, { query: `{ me { id } }${padding}` }, w.headA.token);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Requête trop volumineuse : le corps d’une requête ne dépasse pas 1 Mo.',
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // just under the limit is served, and the server still answers afterwards
    const under = await post(t, { query: `{ me { id } }${' '.repeat(1000 * 1000)}` }, w.headA.token);
    expect(under.status).toBe(200);
    expect(under.body.data.me.id).toBe(w.headA.id);
    const health = await request(t.app.getHttpServer()).get('/health');
    expect(health.status).toBe(200);
  });

  it('refuses a body that is not JSON with 400 and a French message', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send('{"query": "{ me { id } }"');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Corps de requête illisible : un objet JSON encodé en UTF-8 est attendu.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('sends the security headers on every answer', async () => {
    const res = await post(t, { query: '{ me { id } }' }, w.headA.token);
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows no cross-origin access when CORS_ORIGINS is empty', async () => {
    const res = await request(t.app.getHttpServer())
      .options('/graphql')
      .set('Origin', 'https://registre.ac-toulouse.fr')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,authorization');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('hardening: limits set by environment variables', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({
      env: { GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COST: '40', GRAPHQL_MAX_ALIASES: '2' },
    });
    w = await new Factory(t.dataSource).world();
  });
  afterAll(() => t.close());

  it('GRAPHQL_MAX_DEPTH: 3 levels pass, 4 do not', async () => {
    expect(nested(3)).toBe('{ me { grants { role } } }');
    const three = ok(await t.gql<{ me: { grants: { role: string }[] } }>(nested(3), {}, w.headA.token));
    expect(three.me.grants).toEqual([{ role: 'HEAD' }]);
    const four = await t.gql(nested(4), {}, w.headA.token);
    expect(limitOf(four.errors)).toContain('MAX_DEPTH');
    expect(four.errors!.find((e) => limitOf([e])[0] === 'MAX_DEPTH')?.message).toBe(
      'Requête trop imbriquée : 4 niveaux, 3 au plus.',
    );
  });

  it('GRAPHQL_MAX_COST: cost 40 passes, 41 does not', async () => {
    // users 1 + first × (nodes 1 + id 1 + email 1) = 1 + 3 × first
    const cost = (first: number) => `{ users(first: ${first}) { nodes { id email } } }`;
    const at = await t.gql(cost(13), {}, w.admin.token);
    expect(at.errors).toBeUndefined();
    const over = await t.gql(`{ users(first: 13) { nodes { id email } } x: me { id } }`, {}, w.admin.token);
    expect(limitOf(over.errors)).toEqual(['MAX_COST']);
    expect(over.errors![0].message).toMatch(/^Requête trop coûteuse : coût estimé 42, 40 au plus\./);
    // no `first`: the default page of 20 is assumed
    const defaultPage = await t.gql(`{ users { nodes { id } } }`, {}, w.admin.token);
    expect(limitOf(defaultPage.errors)).toEqual(['MAX_COST']);
    expect(defaultPage.errors![0].message).toMatch(/coût estimé 41, 40 au plus/);
  });

  it('GRAPHQL_MAX_ALIASES: 2 pass, 3 do not', async () => {
    expect((await t.gql(`{ a: me { id } b: me { id } }`, {}, w.headA.token)).errors).toBeUndefined();
    const res = await t.gql(`{ a: me { id } b: me { id } c: me { id } }`, {}, w.headA.token);
    expect(limitOf(res.errors)).toEqual(['MAX_ALIASES']);
  });

  it('reports every limit an operation breaks', async () => {
    const res = await t.gql(
      `{ a: me { grants { school { heads { id } } } } b: me { id } c: users(first: 100) { nodes { id } } }`,
      {},
      w.admin.token,
    );
    expect(limitOf(res.errors).sort()).toEqual(['MAX_ALIASES', 'MAX_COST', 'MAX_DEPTH']);
  });
});

describe('hardening: production settings', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        NODE_ENV: 'production',
        CORS_ORIGINS: 'https://registre.ac-toulouse.fr, https://dpd.ac-toulouse.fr',
      },
    });
    w = await new Factory(t.dataSource).world();
  });
  afterAll(() => t.close());

  it('turns introspection off by default', async () => {
    expect(t.config.introspection).toBe(false);
    const res = await t.gql(getIntrospectionQuery());
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data).toBeUndefined();
    const typeQuery = await t.gql(`{ __type(name: "Treatment") { fields { name } } }`, {}, w.headA.token);
    expect(errorCode(typeQuery)).toBe('GRAPHQL_VALIDATION_FAILED');
    // __typename is no introspection
    expect(ok(await t.gql(`{ __typename }`, {}, w.headA.token))).toEqual({ __typename: 'Query' });
  });

  it('hides field suggestions', async () => {
    const res = await t.gql(`{ mee { id } me { emial } }`, {}, w.headA.token);
    expect(res.status).toBe(400);
    expect(res.errors!.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Le champ « mee » n’existe pas sur le type « Query ».', 'GRAPHQL_VALIDATION_FAILED'],
      ['Le champ « emial » n’existe pas sur le type « User ».', 'GRAPHQL_VALIDATION_FAILED'],
    ]);
  });

  it('hides enum value suggestions in variable errors', async () => {
    const res = await t.gql(
      `query($role: Role) { users(filter: { role: $role }) { totalCount } }`,
      { role: 'HAED' },
      w.admin.token,
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/HAED/);
    expect(res.errors![0].message).not.toMatch(/Did you mean|Vouliez-vous|HEAD"/);
  });

  it('sends a content security policy', async () => {
    const res = await post(t, { query: '{ me { id } }' }, w.headA.token);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('allows CORS for a listed origin only', async () => {
    const preflight = (origin: string) =>
      request(t.app.getHttpServer())
        .options('/graphql')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,authorization');
    const allowed = await preflight('https://dpd.ac-toulouse.fr');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dpd.ac-toulouse.fr');
    expect(allowed.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();

    const other = await preflight('https://registre.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const listed = await post(t, { query: '{ me { id } }' }, w.headA.token, {
      Origin: 'https://registre.ac-toulouse.fr',
    });
    expect(listed.headers['access-control-allow-origin']).toBe('https://registre.ac-toulouse.fr');
    const unlisted = await post(t, { query: '{ me { id } }' }, w.headA.token, {
      Origin: 'https://evil.example',
    });
    expect(unlisted.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('hardening: introspection set by GRAPHQL_INTROSPECTION', () => {
  it('GRAPHQL_INTROSPECTION=false turns it off outside production', async () => {
    const t = await createTestApp({ env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      expect(t.config.introspection).toBe(false);
      const res = await t.gql(`{ __schema { queryType { name } } }`);
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await t.close();
    }
  });

  it('GRAPHQL_INTROSPECTION=true turns it on in production', async () => {
    const t = await createTestApp({ env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' } });
    try {
      expect(t.config.introspection).toBe(true);
      const res = await t.gql<{ __schema: { queryType: { name: string } } }>(
        `{ __schema { queryType { name } } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.__schema.queryType.name).toBe('Query');
    } finally {
      await t.close();
    }
  });
});
