import { Inject, Injectable } from '@nestjs/common';
import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, hasNulCharacter, OidcSettings } from '@app/core';
import { LoginFailureReason, securityEvent } from '../../common/security-events';
import { UserEntity } from '../../users/user.entity';
import { AuthService } from '../auth.service';
import { OpenId } from './openid';

/** How long a login may stay at the provider (its login page, a second factor) before its callback. */
export const TRANSACTION_SECONDS = 600;

/** What a login started here must find at its callback: kept in the browser, signed (oidc.controller.ts). */
interface Transaction {
  typ: 'oidc-login';
  state: string;
  nonce: string;
  verifier: string;
}

export type OidcOutcome =
  { ok: true; token: string; expiresAt: Date } | { ok: false; reason: LoginFailureReason };

/**
 * The login through the académie's identity provider: OpenID Connect's authorization code flow
 * with PKCE (S256), state and nonce, through openid-client (`./openid.ts`). The provider is discovered
 * at the first login (and again after a failed discovery), not at start: an API whose provider is
 * away still starts and keeps its password login.
 *
 * The callback accepts only what openid-client checked (state, the code at the token endpoint with
 * the PKCE verifier and the client's secret, the ID token's issuer, audience, expiry and nonce),
 * then matches the e-mail claim (OIDC_EMAIL_CLAIM, from the ID token or else the UserInfo endpoint,
 * whose subject must be the ID token's) with an **existing active** account, ignoring case. When the
 * provider says the address is not verified (`email_verified` present and not true), it is refused;
 * when it says nothing, the address is taken as the directory's (académie providers often omit it).
 * It opens the session the password login opens (AuthService.issueToken), marked as SSO for the logout.
 */
@Injectable()
export class OidcService {
  private discovered: Promise<OpenId.Configuration> | null = null;
  /** signs the transactions: a key of their own, so that no transaction can pass for a session token */
  private readonly transactionKey: KeyObject;

  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transactionKey = createSecretKey(
      createHmac('sha256', config.jwtSecret).update('registre-rgpd oidc transaction').digest(),
    );
  }

  get settings(): OidcSettings | null {
    return this.config.oidc;
  }

  /** The address to send the browser to, and the transaction to keep in it until the callback. */
  async start(): Promise<{ url: string; transaction: string }> {
    const settings = this.required();
    const configuration = await this.configuration();
    const verifier = OpenId.randomPKCECodeVerifier();
    const state = OpenId.randomState();
    const nonce = OpenId.randomNonce();
    const url = OpenId.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      code_challenge: await OpenId.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const transaction = jwt.sign(
      { typ: 'oidc-login', state, nonce, verifier } satisfies Transaction,
      this.transactionKey,
      { algorithm: 'HS256', expiresIn: TRANSACTION_SECONDS },
    );
    return { url: url.href, transaction };
  }

  /**
   * The provider's answer at the callback (`callbackUrl`, as the browser asked for it), with the
   * transaction the browser kept. Every outcome is written to the security log.
   */
  async finish(callbackUrl: URL, transaction: string | null, address: string): Promise<OidcOutcome> {
    const refuse = (
      reason: LoginFailureReason,
      more: { userId?: string; subject?: string; detail?: string } = {},
    ): OidcOutcome => {
      securityEvent({ event: 'login.failure', method: 'sso', reason, ...more }, { address });
      return { ok: false, reason };
    };
    const settings = this.required();
    const expected = this.readTransaction(transaction);
    if (!expected) return refuse('no_transaction');
    let configuration: OpenId.Configuration;
    try {
      configuration = await this.configuration();
    } catch {
      return refuse('provider_unavailable');
    }
    let claims: Record<string, unknown>;
    let subject: string;
    try {
      const tokens = await OpenId.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: expected.verifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) return refuse('invalid_response', { detail: 'no ID token' });
      subject = idToken.sub;
      claims = idToken;
      if (claims[settings.emailClaim] === undefined) {
        claims = await OpenId.fetchUserInfo(configuration, tokens.access_token, subject);
      }
    } catch (error) {
      const reason =
        error instanceof OpenId.AuthorizationResponseError ? 'provider_error' : 'invalid_response';
      return refuse(reason, { detail: errorDetail(error) });
    }
    const email = claims[settings.emailClaim];
    if (typeof email !== 'string' || !email.trim()) return refuse('email_missing', { subject });
    if (claims.email_verified !== undefined && claims.email_verified !== true) {
      return refuse('email_unverified', { subject });
    }
    const normalised = email.trim().toLowerCase();
    // the addresses are stored in lower case (CHECK email = lower(email)): the match ignores case
    const user = hasNulCharacter(normalised)
      ? null
      : await this.dataSource.getRepository(UserEntity).findOneBy({ email: normalised });
    if (!user) return refuse('unknown_account', { subject });
    if (!user.active) return refuse('inactive_account', { subject, userId: user.id });
    securityEvent({ event: 'login.success', userId: user.id, method: 'sso' }, { address });
    return { ok: true, ...this.auth.issueToken(user, 'sso') };
  }

  /**
   * Where the browser ends its session at the provider, then comes back to the login page; null when
   * the provider offers no end-session endpoint (or cannot be reached: the local session still ends).
   */
  async endSessionUrl(): Promise<string | null> {
    const settings = this.required();
    try {
      const configuration = await this.configuration();
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return OpenId.buildEndSessionUrl(configuration, {
        client_id: settings.clientId,
        post_logout_redirect_uri: settings.postLogoutRedirectUri,
      }).href;
    } catch {
      return null;
    }
  }

  private required(): OidcSettings {
    if (!this.config.oidc) throw new Error('OIDC is not configured');
    return this.config.oidc;
  }

  /** The provider's metadata and this client, discovered once; a failed discovery is tried again later. */
  private configuration(): Promise<OpenId.Configuration> {
    if (!this.discovered) {
      const settings = this.required();
      this.discovered = OpenId.discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        OpenId.ClientSecretBasic(settings.clientSecret),
        // http only outside production (the configuration refuses it there): a provider on the machine
        settings.issuer.startsWith('http://') ? { execute: [OpenId.allowInsecureRequests] } : undefined,
      ).catch((error: unknown) => {
        this.discovered = null;
        throw error;
      });
    }
    return this.discovered;
  }

  private readTransaction(token: string | null): Transaction | null {
    if (!token) return null;
    try {
      const payload = jwt.verify(token, this.transactionKey, {
        algorithms: ['HS256'],
      }) as Partial<Transaction>;
      const { typ, state, nonce, verifier } = payload;
      if (typ !== 'oidc-login' || typeof state !== 'string' || typeof nonce !== 'string') return null;
      if (typeof verifier !== 'string') return null;
      return { typ, state, nonce, verifier };
    } catch {
      return null;
    }
  }
}

/**
 * openid-client's code and message for the check that failed, or the provider's OAuth error code:
 * its messages name the check ("unexpected JWT "aud" (audience) claim value"), never the values
 * (kept in `cause`, not logged), so no token or code reaches the log.
 */
function errorDetail(error: unknown): string {
  const { code, error: oauthError } = (error ?? {}) as { code?: unknown; error?: unknown };
  // openid-client wraps oauth4webapi's error, whose message names the check
  const checked = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = checked instanceof Error ? `: ${checked.message}` : '';
  const parts = [code, oauthError].filter((part): part is string => typeof part === 'string');
  return `${parts.join(' ') || 'unknown'}${message}`.slice(0, 200);
}
