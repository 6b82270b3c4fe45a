import request from 'supertest';
import { createTestApp, TestApp } from '../helpers/test-app';
import { ensureWebBuilt } from './browser';

/** The API serves the built web app at /, with the SPA fallback, without touching its own routes. */
describe('web app served by the API', () => {
  let t: TestApp;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const get = (path: string, accept = 'text/html') =>
    request(t.app.getHttpServer()).get(path).set('Accept', accept);

  it('serves index.html at / and for the app routes, under a CSP with no inline script', async () => {
    for (const path of ['/', '/connexion', '/declarations/nouvelle']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root"></div>');
      const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(res.headers['content-security-policy'])?.[1];
      expect(scriptSrc).toBe("'self'");
      // every script is a file of the app's own origin
      const scripts = [...res.text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [tag, body] of scripts) {
        expect(tag).toMatch(/src="\/assets\//);
        expect(body.trim()).toBe('');
      }
    }
  });

  it('serves the hashed assets with a long cache and the DSFR files', async () => {
    const index = await get('/');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const asset = await get(script, '*/*');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000/);
    expect((await get('/dsfr/dsfr.min.css?v=1', 'text/css')).status).toBe(200);
    expect((await get('/assets/nope.js', '*/*')).status).toBe(404);
  });

  it('leaves /graphql, /health, /metrics and the downloads to the API', async () => {
    const health = await get('/health', 'application/json');
    expect(health.headers['content-type']).toMatch(/json/);
    // even asked for by a browser, the probes and the scrape are the API's answers
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.text).not.toContain('<div id="root">');
    }
    const graphql = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ query: '{ __typename }' });
    expect(graphql.body.data).toEqual({ __typename: 'Query' });
    const download = await get('/exports/00000000-0000-0000-0000-000000000000/download');
    expect(download.status).toBe(404);
    expect(download.text).not.toContain('<div id="root">');
    // a JSON client asking for an unknown path gets no HTML page
    expect((await get('/declarations', 'application/json')).status).toBe(404);
  });
});
