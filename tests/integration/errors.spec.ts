import { Controller, Get, Req } from '@nestjs/common';
import request from 'supertest';
import { describeCode } from '../../apps/api/src/common/format-error';
import { Public } from '../../apps/api/src/auth/auth.decorators';
import { AuthenticatedRequest } from '../../apps/api/src/common/graphql-context';
import { ERROR_CODES } from '@app/core';
import { Factory } from '../helpers/factories';
import { createTestApp, errorCode, TestApp } from '../helpers/test-app';

type World = Awaited<ReturnType<Factory['world']>>;

/** Two routes of a controller as another developer would add them: one left as is, one @Public(). */
@Controller('probe')
class ProbeController {
  @Get('closed')
  closed(@Req() req: AuthenticatedRequest): { userId: string | undefined } {
    return { userId: req.caller?.userId };
  }

  @Public()
  @Get('open')
  open(): { open: boolean } {
    return { open: true };
  }
}

describe('errors: one mapper, one list of codes', () => {
  it('gives every code an HTTP status and a kind', () => {
    for (const code of ERROR_CODES) {
      const { status, kind } = describeCode(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(['refusal', 'request', 'server']).toContain(kind);
    }
    expect(describeCode('UNAUTHENTICATED').status).toBe(401);
    expect(describeCode('PAYLOAD_TOO_LARGE').status).toBe(413);
    expect(describeCode('INTERNAL_SERVER_ERROR').status).toBe(500);
  });
});

describe('errors: HTTP routes', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({ controllers: [ProbeController] });
    w = await new Factory(t.dataSource).world();
  });
  afterAll(() => t.close());

  const get = (path: string, token?: string) => {
    const req = request(t.app.getHttpServer()).get(path);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req;
  };

  it('closes a Nest route by default: 401 without or with a bad token, in the GraphQL error shape', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const res = await get('/probe/closed', token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        errors: [{ message: expect.any(String) as string, extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    const authenticated = await get('/probe/closed', w.headA.token);
    expect(authenticated.status).toBe(200);
    expect(authenticated.body).toEqual({ userId: w.headA.id });
  });

  it('opens a route marked @Public(), and the probes and the scrape (no token)', async () => {
    expect((await get('/probe/open')).body).toEqual({ open: true });
    for (const path of ['/health', '/health/live', '/health/ready', '/metrics']) {
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 200 });
    }
  });

  it('answers the same 404 to a download without a token, with a bad one, or for an unknown file', async () => {
    const path = '/exports/00000000-0000-4000-8000-000000000000/download';
    for (const token of [undefined, 'not-a-token', w.headA.token]) {
      const res = await get(path, token);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        errors: [{ message: 'Export introuvable.', extensions: { code: 'NOT_FOUND' } }],
      });
    }
  });
});

describe('errors: graphql-js refusals said in French, with their codes', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await new Factory(t.dataSource).world();
  });
  afterAll(() => t.close());

  const cases: [string, string, Record<string, unknown>, string, string][] = [
    [
      'an unknown field',
      '{ me { emial } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      'Le champ « emial » n’existe pas sur le type « User ». Vouliez-vous dire "email" ?',
    ],
    [
      'an unknown argument',
      '{ users(premier: 3) { totalCount } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      'Argument « premier » inconnu sur le champ « Query.users ».',
    ],
    [
      'a missing argument',
      '{ school { id } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      'L’argument « id » (type « ID! ») du champ « school » est obligatoire mais n’a pas été fourni.',
    ],
    [
      'a wrong type in the query',
      '{ users(first: "trois") { totalCount } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      'un nombre entier est attendu, pas : "trois"',
    ],
    [
      'an unknown enum value in the query',
      '{ users(filter: { role: HAED }) { totalCount } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      'la valeur « HAED » n’existe pas dans l’énumération « Role ». Vouliez-vous dire la valeur "HEAD" ?',
    ],
    [
      'an unknown enum value in a variable',
      'query($role: Role) { users(filter: { role: $role }) { totalCount } }',
      { role: 'HAED' },
      'BAD_USER_INPUT',
      'La variable « $role » a reçu une valeur invalide "HAED" : la valeur « HAED » n’existe pas dans l’énumération « Role ». Vouliez-vous dire la valeur "HEAD" ?',
    ],
    [
      'a wrong type in a variable',
      'query($n: Int) { users(first: $n) { totalCount } }',
      { n: 'trois' },
      'BAD_USER_INPUT',
      'La variable « $n » a reçu une valeur invalide "trois" : un nombre entier est attendu, pas : "trois"',
    ],
    [
      'a missing variable',
      'query($id: ID!) { school(id: $id) { id } }',
      {},
      'BAD_USER_INPUT',
      'La variable « $id » (type « ID! ») est obligatoire mais n’a pas été fournie.',
    ],
    [
      'a selection on a leaf',
      '{ me { id { x } } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
      'Le champ « id » ne prend pas de sélection : le type « ID! » n’a pas de sous-champs.',
    ],
    [
      'a syntax error',
      '{ me { id }',
      {},
      'GRAPHQL_PARSE_FAILED',
      'Erreur de syntaxe : un nom est attendu, trouvé : la fin de la requête.',
    ],
  ];

  it.each(cases)('%s', async (_what, query, variables, code, message) => {
    const res = await t.gql(query, variables, w.admin.token);
    expect(errorCode(res)).toBe(code);
    expect(res.errors![0].message).toBe(message);
  });

  it('refuses a subscription as a validation error, in French', async () => {
    const res = await t.gql('subscription { me { id } }', {}, w.admin.token);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      {
        message:
          'Les abonnements (subscription) ne sont pas proposés : envoyez une lecture (query) ou une mutation.',
        locations: [{ line: 1, column: 1 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('refuses an operation of more than 1000 tokens before reading it to the end, by name', async () => {
    const many = `{ ${Array.from({ length: 250 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const res = await t.gql(many, {}, w.admin.token);
    expect(res.status).toBe(400);
    expect(res.errors).toMatchObject([
      {
        message:
          'Requête trop longue : plus de 1000 éléments lexicaux (noms, valeurs, ponctuation), analyse abandonnée.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED', limit: 'MAX_TOKENS' },
      },
    ]);
  });

  it('refuses more than 64 nested levels before parsing', async () => {
    const deep = `{ me ${'{ grants '.repeat(70)}{ role }${' }'.repeat(70)} }`;
    const res = await t.gql(deep, {}, w.admin.token);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      { message: 'Requête trop imbriquée pour être analysée.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
  });

  it('refuses a selection repeated more than 10 times before validating it (quadratic in graphql-js)', async () => {
    const res = await t.gql(`{ ${'me { id } '.repeat(11)} }`, {}, w.admin.token);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      {
        message: 'Requête refusée : une même sélection y est répétée 11 fois, 10 au plus.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_REPEATED_SELECTIONS' },
      },
    ]);
    // ten times is an operation like any other
    expect((await t.gql(`{ ${'me { id } '.repeat(10)} }`, {}, w.admin.token)).errors).toBeUndefined();
  });
});
