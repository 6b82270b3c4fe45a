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

describe('the OpenID Connect group', () => {
  const full = {
    OIDC_ISSUER_URL: 'https://idp.ac-toulouse.fr/realms/agents',
    OIDC_CLIENT_ID: 'registre-rgpd',
    OIDC_CLIENT_SECRET: 'un-secret-partage-avec-le-fournisseur',
  };
  const refusal = (env: Record<string, string>): string => {
    try {
      loadEnvironment(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('unset: no SSO, the password login for everyone', () => {
    const config = toAppConfig(loadEnvironment({}), 'x'.repeat(32), 'y'.repeat(32));
    expect(config.oidc).toBeNull();
    expect(config.LOCAL_LOGIN).toBe(true);
  });

  it('all three: SSO with the default scopes and claim, the redirect URI from PUBLIC_URL', () => {
    const config = toAppConfig(
      loadEnvironment({ ...full, PUBLIC_URL: 'https://registre.ac-toulouse.fr/', LOCAL_LOGIN: 'false' }),
      'x'.repeat(32),
      'y'.repeat(32),
    );
    expect(config.oidc).toEqual({
      issuer: full.OIDC_ISSUER_URL,
      clientId: 'registre-rgpd',
      clientSecret: full.OIDC_CLIENT_SECRET,
      scopes: 'openid email profile',
      emailClaim: 'email',
      redirectUri: 'https://registre.ac-toulouse.fr/auth/oidc/callback',
      postLogoutRedirectUri: 'https://registre.ac-toulouse.fr/connexion',
    });
    expect(config.LOCAL_LOGIN).toBe(false);
  });

  it('a part of the group is refused at start, naming what is missing, in French', () => {
    const message = refusal({ OIDC_ISSUER_URL: full.OIDC_ISSUER_URL, OIDC_CLIENT_ID: 'registre-rgpd' });
    expect(message).toContain('OIDC_CLIENT_SECRET: la connexion par le compte académique demande');
    expect(message).toContain('OIDC_CLIENT_SECRET manque');
    expect(refusal({ OIDC_CLIENT_SECRET: 'x' })).toContain('OIDC_ISSUER_URL, OIDC_CLIENT_ID manquent');
  });

  it('LOCAL_LOGIN=false without SSO, scopes without openid, an http issuer in production are refused', () => {
    expect(refusal({ LOCAL_LOGIN: 'false' })).toContain('LOCAL_LOGIN: false ne laisse que');
    expect(refusal({ ...full, OIDC_SCOPES: 'email profile' })).toContain('OIDC_SCOPES doit contenir openid');
    expect(
      refusal({ ...full, NODE_ENV: 'production', OIDC_ISSUER_URL: 'http://idp.ac-toulouse.fr' }),
    ).toContain('en production, le fournisseur d’identité est joint en https');
    expect(refusal({ ...full, LOCAL_LOGIN: 'peut-être' })).toContain('LOCAL_LOGIN');
  });
});
