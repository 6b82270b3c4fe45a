import { ConfigError, loadEnvironment, toAppConfig } from './config';

describe('environment', () => {
  it('applies the documented defaults', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      ADMIN_ACADEMY_CODE: 'TOULOUSE',
      DATA_DIR: '.data',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(toAppConfig(env, 'x'.repeat(32), 'y'.repeat(32)).introspection).toBe(true);
    expect(
      toAppConfig(loadEnvironment({ NODE_ENV: 'production' }), 'x'.repeat(32), 'y'.repeat(32)).introspection,
    ).toBe(false);
  });

  it('refuses to start and names every bad variable', () => {
    let error: unknown;
    try {
      loadEnvironment({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'NODE_ENV']) {
      expect((error as Error).message).toContain(name);
    }
  });
});
