import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { hasNulCharacter, unauthenticated } from '@app/core';
import { AuditedTransactions } from '../audit/audited-transaction.service';
import { LoginThrottle } from '../auth/login-throttle';
import { UserEntity } from '../users/user.entity';
import { AlertChain } from './alert-chain.service';
import { invitation, passwordReset } from './notification-messages';
import { NotificationsService } from './notifications.service';

export type AccountTokenKind = 'INVITATION' | 'PASSWORD_RESET';

/** How long a token is valid (RULES.md, "Account e-mails"). */
export const TOKEN_VALIDITY_HOURS: Record<AccountTokenKind, number> = {
  INVITATION: 7 * 24,
  PASSWORD_RESET: 1,
};
/** requestPasswordReset answers after this long at least, known address or not. */
export const RESET_REQUEST_MIN_MS = 400;

const INVALID_TOKEN = 'Lien invalide, expiré ou déjà utilisé : demandez-en un nouveau.';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  academy_id: string;
  academy_name: string;
}

/**
 * The account e-mails and their tokens: invitations (createUser without a password,
 * resendInvitation) and password resets. A token is 32 random bytes, e-mailed once, stored as its
 * SHA-256, valid for TOKEN_VALIDITY_HOURS and used once; a new token of a kind ends the user's
 * earlier ones. What the token then does to the account (its password, its sessions) is
 * UsersService's: the user's own write path.
 */
@Injectable()
export class AccountEmails {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly notifications: NotificationsService,
    private readonly chain: AlertChain,
    private readonly throttle: LoginThrottle,
  ) {}

  /** In the transaction creating (or re-inviting) the user: a token and the INVITATION e-mail. */
  async invite(em: EntityManager, user: Pick<UserEntity, 'id'>): Promise<void> {
    const row = await this.userRow(em, user.id);
    const { token, expiresAt } = await this.issue(em, row.id, 'INVITATION');
    const [grant] = await em.query(
      `SELECT school_id FROM role_grant WHERE user_id = $1 AND school_id IS NOT NULL ORDER BY created_at LIMIT 1`,
      [row.id],
    );
    await this.notifications.enqueue(em, [
      {
        kind: 'INVITATION',
        recipients: [{ userId: row.id, email: row.email }],
        message: invitation(row.display_name, row.academy_name, expiresAt),
        academyId: row.academy_id,
        schoolId: grant?.school_id ?? null,
        entityType: 'User',
        entityId: row.id,
        secretLink: `${this.chain.publicUrl}/mot-de-passe/choisir?jeton=${token}`,
      },
    ]);
  }

  /**
   * PASSWORD_RESET to an active user with this address; true in every case, after
   * RESET_REQUEST_MIN_MS at least, so that neither the answer nor its time tells whether the
   * address is known. Rate-limited like logins (per address and per source address).
   */
  async requestPasswordReset(email: string, address: string): Promise<boolean> {
    const started = Date.now();
    const normalised = String(email).trim().toLowerCase();
    await this.throttle.assertAllowed(`reset:${normalised}`, `reset:${address}`);
    // every request counts: LOGIN_MAX_FAILURES of them for one address in the window lock it
    await this.throttle.recordFailure(`reset:${normalised}`, `reset:${address}`);
    if (!hasNulCharacter(normalised) && normalised.length <= 200) {
      await this.tx.run(null, async ({ em }) => {
        const [user] = await em.query(`SELECT id FROM app_user WHERE email = $1 AND active`, [normalised]);
        if (!user) return;
        const row = await this.userRow(em, user.id);
        const { token, expiresAt } = await this.issue(em, row.id, 'PASSWORD_RESET');
        await this.notifications.enqueue(em, [
          {
            kind: 'PASSWORD_RESET',
            recipients: [{ userId: row.id, email: row.email }],
            message: passwordReset(row.display_name, expiresAt),
            academyId: row.academy_id,
            entityType: 'User',
            entityId: row.id,
            secretLink: `${this.chain.publicUrl}/mot-de-passe/reinitialiser?jeton=${token}`,
          },
        ]);
      });
    }
    await sleep(Math.max(0, started + RESET_REQUEST_MIN_MS - Date.now()));
    return true;
  }

  /**
   * The active user an unused, unexpired token belongs to (UsersService.resetPassword then takes it
   * in its transaction). A used, expired or unknown token: UNAUTHENTICATED, counted by the throttle
   * like a failed login (per token and per source address).
   */
  async tokenOwner(token: string, address: string): Promise<string> {
    const hash = tokenHash(String(token));
    await this.throttle.assertAllowed(`token:${hash}`, `reset:${address}`);
    const [found] = await this.dataSource.query(
      `SELECT t.user_id FROM account_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.active`,
      [hash],
    );
    if (!found) {
      await this.throttle.recordFailure(`token:${hash}`, `reset:${address}`);
      throw unauthenticated(INVALID_TOKEN);
    }
    return found.user_id;
  }

  /**
   * Uses the token, in the transaction `em` that sets the password: under the row's lock, so of two
   * uses at once one wins (the other: UNAUTHENTICATED); the user's other unused tokens end with it.
   */
  async takeToken(em: EntityManager, token: string, userId: string): Promise<void> {
    const used: unknown[] = await em.query(
      `UPDATE account_token SET used_at = now()
        WHERE token_hash = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [tokenHash(String(token)), userId],
    );
    if (used.length === 0) throw unauthenticated(INVALID_TOKEN);
    await em.query(`UPDATE account_token SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
      userId,
    ]);
  }

  /** The token worked: the source address gets its attempt back (as after a successful login). */
  async tokenAccepted(token: string, address: string): Promise<void> {
    await this.throttle.recordSuccess(`token:${tokenHash(String(token))}`, `reset:${address}`);
  }

  /** A new token of this kind for the user (its earlier unused ones of the kind end). */
  private async issue(
    em: EntityManager,
    userId: string,
    kind: AccountTokenKind,
  ): Promise<{ token: string; expiresAt: Date }> {
    await em.query(
      `UPDATE account_token SET used_at = now() WHERE user_id = $1 AND kind = $2 AND used_at IS NULL`,
      [userId, kind],
    );
    const token = randomBytes(32).toString('base64url');
    const [row] = await em.query(
      `INSERT INTO account_token (user_id, kind, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + $4::int * interval '1 hour') RETURNING expires_at`,
      [userId, kind, tokenHash(token), TOKEN_VALIDITY_HOURS[kind]],
    );
    return { token, expiresAt: new Date(row.expires_at) };
  }

  private async userRow(em: EntityManager, userId: string): Promise<UserRow> {
    const [row] = await em.query(
      `SELECT u.id, u.email, u.display_name, u.academy_id, a.name AS academy_name
         FROM app_user u JOIN academy a ON a.id = u.academy_id WHERE u.id = $1`,
      [userId],
    );
    return row;
  }
}
