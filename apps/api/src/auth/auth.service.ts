import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Caller, hasNulCharacter, isUuid, unauthenticated } from '@app/core';
import { RoleGrantEntity, UserEntity } from '../users/user.entity';
import { LoginThrottle } from './login-throttle';
import { securityEvent } from '../common/security-events';
import { PasswordHasher } from './password-hasher';

const INVALID_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
const INVALID_TOKEN = 'Session invalide ou expirée : reconnectez-vous.';

interface TokenPayload {
  sub: string;
  /** seconds since the epoch: required, checked by jwt.verify */
  exp?: number;
  /**
   * The user's session generation when the token was issued (app_user.session_generation); a token
   * of an earlier generation is refused. Absent in tokens issued before generations existed: 0.
   */
  gen?: number;
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

  /** Same answer for an unknown email, a wrong password and a deactivated account. */
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
      securityEvent({ event: 'login.failure' }, { address });
      throw unauthenticated(INVALID_CREDENTIALS);
    }
    securityEvent({ event: 'login.success', userId: user.id }, { address });
    return { ...this.issueToken(user), user };
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

  /** A token for the user's current session generation. */
  issueToken(user: Pick<UserEntity, 'id' | 'sessionGeneration'>): { token: string; expiresAt: Date } {
    const expiresAt = new Date(Date.now() + this.config.JWT_TTL_SECONDS * 1000);
    const token = jwt.sign(
      { sub: user.id, gen: user.sessionGeneration } satisfies TokenPayload,
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
