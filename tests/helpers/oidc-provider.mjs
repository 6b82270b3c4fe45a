/**
 * A real OpenID provider for the tests (npm oidc-provider, ES modules only): run in a child process
 * by tests/helpers/oidc-provider.ts, on a free loopback port, through node:child_process's fork.
 *
 * - Clients: argv[2] is a JSON array of client metadata (client_id, client_secret, redirect_uris…).
 * - Accounts: any login typed in the provider's own login page (its devInteractions) is an account
 *   id; its claims are those the parent sent (message { type: 'account', id, claims }), or none.
 * - Consent is given for the test's clients (loadExistingGrant), as a provider does for its own
 *   first-party applications: the login page is the only step.
 * - Tampering, to test what the relying party refuses: message { type: 'tamper', claims } makes the
 *   next token response carry an ID token with these claims overridden (aud, nonce…), signed again
 *   with the provider's own key, so that only the claim is wrong.
 *
 * It sends { type: 'stage', stage } as it starts (for a start that times out to say where it was),
 * { type: 'ready', issuer } once listening, and { type: 'ack', seq } after each message.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import process from 'node:process';
import Provider from 'oidc-provider';
import { SignJWT, decodeJwt, importJWK } from 'jose';

process.send({ type: 'stage', stage: 'modules loaded' });
const clients = JSON.parse(process.argv[2] ?? '[]');
const accounts = new Map();
let tamper = null;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
const signingKey = await importJWK(jwk, 'RS256');
process.send({ type: 'stage', stage: 'key generated' });

const port = Number(process.env.OIDC_TEST_PORT ?? 0);
// the issuer must be known before listening: take a free port first
const server = (await import('node:http')).createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
process.send({ type: 'stage', stage: 'listening' });

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['cle-des-cookies-du-fournisseur-de-test'] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...(accounts.get(id) ?? {}) };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !tamper || typeof ctx.body?.id_token !== 'string') return;
  const claims = { ...decodeJwt(ctx.body.id_token), ...tamper };
  tamper = null;
  ctx.body = {
    ...ctx.body,
    id_token: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).sign(signingKey),
  };
});

server.on('request', provider.callback());

process.on('message', (message) => {
  if (message.type === 'account') accounts.set(message.id, message.claims);
  if (message.type === 'tamper') tamper = message.claims;
  process.send({ type: 'ack', seq: message.seq });
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready', issuer });
