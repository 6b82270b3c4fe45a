import { ConfigError, EnvironmentVariables, environmentKeys, loadEnvironment, toAppConfig } from './config';

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

  it('reads every property of the validated class, and nothing else: the class is its own key list', () => {
    const keys = environmentKeys();
    expect(keys).toEqual(
      expect.arrayContaining(['NODE_ENV', 'PORT', 'DATABASE_URL', 'TRUST_PROXY', 'API_WORKERS']),
    );
    // every default the class declares is a key, and every key is a property of the class
    const defaults = Object.keys(new EnvironmentVariables()).filter(
      (k) => (new EnvironmentVariables() as unknown as Record<string, unknown>)[k] !== undefined,
    );
    expect(keys).toEqual(expect.arrayContaining(defaults));
    expect(new Set(keys).size).toBe(keys.length);
    // each key is read: an invalid value of an integer variable is refused by name
    for (const key of keys.filter(
      (k) => typeof (new EnvironmentVariables() as unknown as Record<string, unknown>)[k] === 'number',
    )) {
      expect(() => loadEnvironment({ [key]: 'not-a-number' })).toThrow(new RegExp(`${key}:`));
    }
    // an unknown variable is ignored
    expect(loadEnvironment({ NOT_A_SETTING: '1' })).not.toHaveProperty('NOT_A_SETTING');
  });
});
