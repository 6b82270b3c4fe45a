import request from 'supertest';
import { describeCode } from '../../apps/api/src/common/format-error';
import { ERROR_CODES } from '../../libs/core/src';
import { Factory } from '../helpers/factories';
import { createTestApp, TestApp } from '../helpers/test-app';

type World = Awaited<ReturnType<Factory['world']>>;

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
    t = await createTestApp();
    w = await new Factory(t.dataSource).world();
  });
  afterAll(() => t.close());

  const get = (path: string, token?: string) => {
    const req = request(t.app.getHttpServer()).get(path);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req;
  };

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
