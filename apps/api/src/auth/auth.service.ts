import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  Caller,
  hasNulCharacter,
  isUuid,
  unauthenticated,
} from '../../../../libs/core/src';
import { RoleGrantEntity, UserEntity } from '../users/user.entity';
import { LoginThrottle } from './login-throttle';
import { securityEvent } from '../common/security-events';
import { PasswordHasher } from './password-hasher';

const INVALID_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
const INVALID_TOKEN = 'Session invalide ou expirée : reconnectez-vous.';

interface TokenPayload {
  sub: string;
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
    await this.throttle.assertAllowed(normalised, address);
    // no stored address holds a NUL character (and PostgreSQL text cannot compare one): no such user
    const user = hasNulCharacter(normalised)
      ? null
      : await this.dataSource
          .getRepository(UserEntity)
          .createQueryBuilder('u')
          .addSelect('u.passwordHash')
          .where('u.email = :email', { email: normalised })
          .getOne();
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid || !user.active) {
      await this.throttle.recordFailure(normalised, address);
      securityEvent({ event: 'login.failure' }, { address });
      throw unauthenticated(INVALID_CREDENTIALS);
    }
    await this.throttle.recordSuccess(normalised, address);
    securityEvent({ event: 'login.success', userId: user.id }, { address });
    const expiresAt = new Date(Date.now() + this.config.JWT_TTL_SECONDS * 1000);
    const token = jwt.sign({ sub: user.id } satisfies TokenPayload, this.jwtKey, {
      algorithm: 'HS256',
      expiresIn: this.config.JWT_TTL_SECONDS,
    });
    return { token, expiresAt, user };
  }

  /**
   * The caller behind a bearer token. The user and its grants are read on every request, so a
   * deactivation or a change of grants takes effect at once.
   */
  async authenticate(token: string): Promise<Caller> {
    let payload: TokenPayload;
    try {
      payload = jwt.verify(token, this.jwtKey, { algorithms: ['HS256'] }) as TokenPayload;
    } catch {
      throw unauthenticated(INVALID_TOKEN);
    }
    if (typeof payload.sub !== 'string' || !isUuid(payload.sub)) throw unauthenticated(INVALID_TOKEN);
    const caller = await this.loadCaller(payload.sub);
    if (!caller) throw unauthenticated(INVALID_TOKEN);
    return caller;
  }

  /** The active user with its grants, or null. */
  async loadCaller(userId: string): Promise<Caller | null> {
    const rows: { academy_id: string; active: boolean; role: string | null; school_id: string | null }[] =
      await this.dataSource.query(
        `SELECT u.academy_id, u.active, g.role, g.school_id
           FROM app_user u LEFT JOIN role_grant g ON g.user_id = u.id
          WHERE u.id = $1`,
        [userId],
      );
    if (rows.length === 0 || !rows[0].active) return null;
    const grants = rows
      .filter((row) => row.role)
      .map((row) => ({ role: row.role as RoleGrantEntity['role'], schoolId: row.school_id }));
    return new Caller(userId, rows[0].academy_id, grants);
  }
}
