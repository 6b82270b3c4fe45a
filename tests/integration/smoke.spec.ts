import { Factory } from '../helpers/factories';
import { createTestApp, ok, TestApp } from '../helpers/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers me for a user', async () => {
    const f = new Factory(t.dataSource);
    const w = await f.world();
    const data = ok(
      await t.gql<{ me: { email: string; grants: { role: string; school: { uai: string } }[] } }>(
        `{ me { email grants { role school { uai } } } }`,
        {},
        w.headA.token,
      ),
    );
    expect(data.me.email).toBe(w.headA.email);
    expect(data.me.grants).toEqual([{ role: 'HEAD', school: { uai: w.schoolA.uai } }]);
  });
});
