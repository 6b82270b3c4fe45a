import request from 'supertest';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('GraphiQL, self-hosted', () => {
  describe('in development', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { NODE_ENV: 'development' } });
    });
    afterAll(() => t.close());

    it('serves the page to a browser at /graphql, with its scripts from this server only', async () => {
      const res = await request(t.app.getHttpServer()).get('/graphql').set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      const sources = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(sources.length).toBeGreaterThanOrEqual(4);
      for (const source of sources) {
        expect(source.startsWith('/graphiql/')).toBe(true);
        const asset = await request(t.app.getHttpServer()).get(source);
        expect([source, asset.status, asset.status === 200 ? '' : asset.text.slice(0, 300)]).toEqual([
          source,
          200,
          '',
        ]);
        expect(asset.body.length || asset.text.length).toBeGreaterThan(100);
      }
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('its login template names no account that does not exist (no demo loaded here)', async () => {
      const script = await request(t.app.getHttpServer()).get('/graphiql/start.js');
      expect(script.status).toBe(200);
      expect(script.text).not.toContain('admin@ac-toulouse.fr');
      const email = /login\(email: \\"([^\\]+)\\"/.exec(script.text)?.[1];
      expect(email).toBe('adresse@exemple.fr');
      expect(script.text).toContain('npm run seed:demo');
    });

    it('still answers GraphQL at the same path', async () => {
      const res = await request(t.app.getHttpServer())
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .send({ query: '{ __typename }' });
      expect(res.body).toEqual({ data: { __typename: 'Query' } });
    });
  });

  it('is not served in production', async () => {
    const t = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const res = await request(t.app.getHttpServer()).get('/graphql').set('Accept', 'text/html');
      expect(res.headers['content-type'] ?? '').not.toMatch(/text\/html/);
      expect((await request(t.app.getHttpServer()).get('/graphiql/graphiql.js')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
