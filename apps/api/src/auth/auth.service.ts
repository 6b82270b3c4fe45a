import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { DataSource, EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  Caller,
  forbidden,
  hasNulCharacter,
  isUuid,
  unauthenticated,
} from '@app/core';
import { RoleGrantEntity, UserEntity } from '../users/user.entity';
import { LoginThrottle } from './login-throttle';
import { LoginMethod, securityEvent } from '../common/security-events';
import { PasswordHasher } from './password-hasher';

const INVALID_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
const INVALID_TOKEN = 'Session invalide ou expirée : reconnectez-vous.';
export const LOCAL_LOGIN_DISABLED =
  'La connexion par mot de passe est réservée aux administrateurs : connectez-vous avec votre compte académique.';

interface TokenPayload {
  sub: string;
  /** seconds since the epoch: required, checked by jwt.verify */
  exp?: number;
  /**
   * The user's session generation when the token was issued (app_user.session_generation); a token
   * of an earlier generation is refused. Absent in tokens issued before generations existed: 0.
   */
  gen?: number;
  /** the session was opened through the académie's identity provider (its logout ends that one too) */
  sso?: true;
}

@Injectable()
export class AuthService {
  /**
   * The HMAC key, imported once: given the secret as a string, jsonwebtoken tries it as a public key
   * first on every sign and verify (a thrown and caught exception each time).
   */
  private readonly jwtKey: KeyObject;

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.jwtKey = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  /**
   * Same answer for an unknown email, a wrong password and a deactivated account. With
   * LOCAL_LOGIN=false, the right password of an account that is not ADMIN is refused too (after the
   * check, so the refusal says nothing about an account to whoever does not know its password).
   */
  async login(
    email: string,
    password: string,
    address: string,
  ): Promise<{ token: string; expiresAt: Date; user: UserEntity }> {
    const normalised = email.trim().toLowerCase();
    const user = await this.throttledGuess(normalised, address, async () => {
      // no stored address holds a NUL character (and PostgreSQL text cannot compare one): no such user
      const found = hasNulCharacter(normalised)
        ? null
        : await this.dataSource
            .getRepository(UserEntity)
            .createQueryBuilder('u')
            .addSelect('u.passwordHash')
            .where('u.email = :email', { email: normalised })
            .getOne();
      const matches = await this.hasher.verify(found?.passwordHash ?? null, password);
      return found && matches && found.active ? found : null;
    });
    if (!user) {
      securityEvent(
        { event: 'login.failure', method: 'password', reason: 'invalid_credentials' },
        { address },
      );
      throw unauthenticated(INVALID_CREDENTIALS);
    }
    if (!this.config.LOCAL_LOGIN)
      this.assertPasswordSessionAllowed(await this.loadCaller(user.id), user.id, address);
    securityEvent({ event: 'login.success', userId: user.id, method: 'password' }, { address });
    return { ...this.issueToken(user), user };
  }

  /**
   * LOCAL_LOGIN=false: a session opened with a password (login, or the password chosen from an
   * invitation or reset e-mail) is for ADMIN accounts only; the others log in through the provider.
   */
  assertPasswordSessionAllowed(caller: Caller | null, userId: string, address: string): void {
    if (this.config.LOCAL_LOGIN || caller?.isAdmin) return;
    securityEvent(
      { event: 'login.failure', method: 'password', reason: 'local_login_disabled', userId },
      { address },
    );
    throw forbidden(LOCAL_LOGIN_DISABLED);
  }

  /**
   * A password guess (login, the current password of changePassword) under the login throttle:
   * refused when the account or the address is locked, counted, and refunded when right. Both
   * operations share the counters, so a stolen session guesses no more than a stranger logging in.
   * `guess` answers null when wrong.
   */
  async throttledGuess<T>(
    email: string,
    address: string,
    guess: () => Promise<T | null>,
    lockedMessage?: string,
  ): Promise<T | null> {
    const normalised = email.trim().toLowerCase();
    await this.throttle.assertAllowed(normalised, address, lockedMessage);
    const right = await guess();
    if (right !== null) await this.throttle.recordSuccess(normalised, address);
    else await this.throttle.recordFailure(normalised, address);
    return right;
  }

  /** A token for the user's current session generation, opened by `method`. */
  issueToken(
    user: Pick<UserEntity, 'id' | 'sessionGeneration'>,
    method: LoginMethod = 'password',
  ): { token: string; expiresAt: Date } {
    const expiresAt = new Date(Date.now() + this.config.JWT_TTL_SECONDS * 1000);
    const token = jwt.sign(
      {
        sub: user.id,
        gen: user.sessionGeneration,
        ...(method === 'sso' ? { sso: true as const } : {}),
      } satisfies TokenPayload,
      this.jwtKey,
      { algorithm: 'HS256', expiresIn: this.config.JWT_TTL_SECONDS },
    );
    return { token, expiresAt };
  }

  /**
   * Ends every session of the user at once: its tokens (bearer or cookie) name an older generation
   * from now on. In the caller's transaction, so the revocation commits with the change that needs
   * it (password change or reset, deactivation, logoutEverywhere) or not at all. The new generation.
   */
  async revokeSessions(em: EntityManager, userId: string): Promise<number> {
    const [rows]: [{ session_generation: number }[], number] = await em.query(
      `UPDATE app_user SET session_generation = session_generation + 1 WHERE id = $1
       RETURNING session_generation`,
      [userId],
    );
    return rows[0]?.session_generation ?? 0;
  }

  /** How a valid token's session was opened, or null when the token is not valid (any more). */
  async sessionMethod(token: string): Promise<LoginMethod | null> {
    try {
      await this.authenticate(token);
    } catch {
      return null;
    }
    const payload = jwt.decode(token) as TokenPayload;
    return payload.sso ? 'sso' : 'password';
  }

  /**
   * The caller behind a bearer token. The user, its session generation and its grants are read on
   * every request, in one query, so a deactivation, a revocation or a change of grants takes effect
   * at once.
   */
  async authenticate(token: string): Promise<Caller> {
    let payload: TokenPayload;
    try {
      payload = jwt.verify(token, this.jwtKey, { algorithms: ['HS256'] }) as TokenPayload;
    } catch {
      throw unauthenticated(INVALID_TOKEN);
    }
    // every token this API signs expires: one without `exp` would be valid forever
    if (!Number.isFinite(payload.exp)) throw unauthenticated(INVALID_TOKEN);
    if (typeof payload.sub !== 'string' || !isUuid(payload.sub)) throw unauthenticated(INVALID_TOKEN);
    const generation = payload.gen ?? 0;
    if (!Number.isSafeInteger(generation)) throw unauthenticated(INVALID_TOKEN);
    const caller = await this.loadCaller(payload.sub, generation);
    if (!caller) throw unauthenticated(INVALID_TOKEN);
    return caller;
  }

  /** The active user with its grants, or null; with `generation`, null unless it is the user's. */
  async loadCaller(userId: string, generation?: number): Promise<Caller | null> {
    const rows: {
      academy_id: string;
      active: boolean;
      session_generation: number;
      role: string | null;
      school_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT u.academy_id, u.active, u.session_generation, g.role, g.school_id
         FROM app_user u LEFT JOIN role_grant g ON g.user_id = u.id
        WHERE u.id = $1`,
      [userId],
    );
    if (rows.length === 0 || !rows[0].active) return null;
    if (generation !== undefined && rows[0].session_generation !== generation) return null;
    const grants = rows
      .filter((row) => row.role)
      .map((row) => ({ role: row.role as RoleGrantEntity['role'], schoolId: row.school_id }));
    return new Caller(userId, rows[0].academy_id, grants);
  }
}
