import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, tooManyRequests } from '@app/core';
import { securityEvent } from '../common/security-events';

export const LOCKED_OUT_MESSAGE = 'Trop de tentatives de connexion : réessayez dans quelques minutes.';

/** The sweep of rows that are over runs after this many attempts in a process, or this long. */
const SWEEP_EVERY_ATTEMPTS = 100;
const SWEEP_EVERY_MS = 60_000;
/** Rows one sweep deletes at most: more than the 3 rows an attempt can add per SWEEP_EVERY_ATTEMPTS. */
export const SWEEP_BATCH = 1000;

/** A key's row was deleted (by another process) between the INSERT and the SELECT of one attempt. */
class RowVanished extends Error {}

interface Key {
  key: string;
  limit: number;
}

interface Row {
  key: string;
  attempts: number;
  /** locked_until is in the future */
  locked: boolean;
  /** the window and the lockout are both over: the row counts as absent */
  over: boolean;
}

/**
 * Failed logins, counted three ways within LOGIN_LOCKOUT_SECONDS, each locking for
 * LOGIN_LOCKOUT_SECONDS once it reaches its bound:
 * - one account from one address: LOGIN_MAX_FAILURES (5) locks that account from that address only;
 * - one account from anywhere: LOGIN_MAX_FAILURES_PER_ACCOUNT (100), much higher (NIST SP 800-63B
 *   caps consecutive failures at 100), so a remote attacker guessing from a few addresses cannot
 *   lock the DPD or an administrator out during a breach, and a botnet still gets 100 guesses a window;
 * - one address across accounts: LOGIN_MAX_FAILURES_PER_ADDRESS (by default four times
 *   LOGIN_MAX_FAILURES: a school's staff may share one public address).
 * changePassword's current password is counted the same way (AuthService.throttledGuess).
 *
 * - Unknown accounts are counted like known ones, and a locked key is refused before the password
 *   is checked, with one message: the lockout reveals nothing about which accounts exist.
 * - An attempt is counted when it starts and refunded when it succeeds, so a burst of parallel
 *   attempts cannot slip more guesses through than the limit while the first ones are verified.
 * - Accounts are keyed by a hash of the normalised email (a huge email costs one short row); IPv6
 *   addresses by their /64, which one client usually holds whole.
 * - Kept in PostgreSQL (table login_throttle, on the database clock), so every API process (cluster
 *   workers, replicas) counts against the same lockout. An attempt is counted in a transaction of
 *   its own, committed before the password is checked and whatever happens to the login after:
 *   it creates its keys' rows if missing (INSERT … ON CONFLICT DO NOTHING), locks them in key order
 *   (SELECT … FOR UPDATE: parallel attempts on a key, from any process, take turns), decides, then
 *   counts. A failure and a success each update one row per statement, so no statement holds one
 *   row while waiting for another out of that order: no deadlock.
 * - Rows that are over (window and lockout both past) count as absent; an attempt deletes or
 *   restarts those of its keys, and each process sweeps at most SWEEP_BATCH of the others, oldest
 *   first, every SWEEP_EVERY_ATTEMPTS attempts or SWEEP_EVERY_MS: the table holds about the keys
 *   of one window.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private attemptsSinceSweep = 0;
  private lastSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses a locked account or address; otherwise counts the attempt until it succeeds. */
  async assertAllowed(email: string, address: string, lockedMessage = LOCKED_OUT_MESSAGE): Promise<void> {
    await this.sweepIfDue();
    const keys = this.keys(email, address);
    // a row deleted by another process between our INSERT and our SELECT: start again (rare)
    for (let round = 1; ; round++) {
      try {
        const allowed = await this.dataSource.transaction((em) => this.count(em, keys));
        if (!allowed) {
          securityEvent({ event: 'login.refused' }, { address });
          throw tooManyRequests(lockedMessage);
        }
        return;
      } catch (error) {
        if (!(error instanceof RowVanished) || round >= 5) throw error;
      }
    }
  }

  /** The attempt failed: it stays counted, and locks the key that reached its limit. */
  async recordFailure(email: string, address: string): Promise<void> {
    for (const { key, limit } of this.keys(email, address)) {
      const [, locked]: [unknown, number] = await this.dataSource.query(
        `UPDATE login_throttle SET locked_until = now() + $3::int * interval '1 second'
          WHERE key = $1 AND attempts >= $2
            AND (locked_until IS NULL OR locked_until <= now())
            AND window_start > now() - $3::int * interval '1 second'`,
        [key, limit, this.windowSeconds()],
      );
      if (locked) securityEvent({ event: 'login.lockout', key: lockedKind(key) }, { address });
    }
  }

  /** The attempt succeeded: the account starts afresh; the address gets this attempt back. */
  async recordSuccess(email: string, address: string): Promise<void> {
    const [fromAddress, account, origin] = this.keys(email, address);
    // the account's failures are consecutive ones (NIST SP 800-63B): a success clears both counts;
    // one row per statement, in key order (see the class comment: no deadlock). The rows are reset,
    // not deleted: a parallel attempt of the same account, between its INSERT and its SELECT, would
    // find its row gone (50 logins of one account at once ran out of retries); the sweep removes them
    for (const { key } of [fromAddress, account]) {
      await this.dataSource.query(
        `UPDATE login_throttle SET attempts = 0, window_start = now(), locked_until = NULL WHERE key = $1`,
        [key],
      );
    }
    await this.dataSource.query(
      `UPDATE login_throttle SET attempts = greatest(0, attempts - 1)
        WHERE key = $1 AND (locked_until IS NULL OR locked_until <= now())`,
      [origin.key],
    );
  }

  /**
   * One attempt, in its own transaction: its rows exist (created with no attempt if missing), are
   * locked in key order, then the attempt is refused (false) or counted (true).
   */
  private async count(em: EntityManager, keys: Key[]): Promise<boolean> {
    // one order for every process: the INSERT's new rows and the SELECT's locks, both in it
    const names = keys.map((k) => k.key).sort();
    const inserted: { key: string }[] = await em.query(
      `INSERT INTO login_throttle (key, attempts, window_start)
       SELECT key, 0, now() FROM unnest($1::text[]) AS key
       ON CONFLICT (key) DO NOTHING
       RETURNING key`,
      [names],
    );
    const rows: Row[] = await em.query(
      `SELECT key, attempts,
              coalesce(locked_until > now(), false) AS locked,
              (coalesce(locked_until <= now(), true)
                 AND window_start <= now() - $2::int * interval '1 second') AS over
         FROM login_throttle
        WHERE key = ANY($1)
        ORDER BY key COLLATE "C"
          FOR UPDATE`,
      [names, this.windowSeconds()],
    );
    if (rows.length !== keys.length) throw new RowVanished();
    const byKey = new Map(rows.map((row) => [row.key, row]));
    // absent: created just now, or over (window and lockout past)
    const absent = new Set(inserted.map((row) => row.key));
    for (const row of rows) if (row.over) absent.add(row.key);
    const refused = keys.some(({ key, limit }) => {
      const row = byKey.get(key)!;
      return !absent.has(key) && (row.locked || row.attempts >= limit);
    });
    if (refused) {
      // a refused attempt is not counted: what is absent stays absent
      if (absent.size) await em.query(`DELETE FROM login_throttle WHERE key = ANY($1)`, [[...absent]]);
      return false;
    }
    await em.query(
      `UPDATE login_throttle
          SET attempts = CASE WHEN key = ANY($2) THEN 1 ELSE attempts + 1 END,
              window_start = CASE WHEN key = ANY($2) THEN now() ELSE window_start END,
              locked_until = CASE WHEN key = ANY($2) THEN NULL ELSE locked_until END
        WHERE key = ANY($1)`,
      [names, [...absent]],
    );
    return true;
  }

  /**
   * Deletes at most SWEEP_BATCH rows that are over, oldest first, skipping rows an attempt holds.
   * Every SWEEP_EVERY_ATTEMPTS attempts of this process, or SWEEP_EVERY_MS; a failure is only logged.
   */
  private async sweepIfDue(): Promise<void> {
    const now = Date.now();
    if (++this.attemptsSinceSweep < SWEEP_EVERY_ATTEMPTS && now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.attemptsSinceSweep = 0;
    this.lastSweep = now;
    try {
      await this.sweep();
    } catch (error) {
      this.logger.warn(`login_throttle sweep failed: ${(error as Error).message}`);
    }
  }

  /** Deletes up to SWEEP_BATCH rows that are over; the number deleted. */
  async sweep(): Promise<number> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `WITH over AS MATERIALIZED (
         SELECT key FROM login_throttle
          WHERE window_start <= now() - $1::int * interval '1 second'
            AND (locked_until IS NULL OR locked_until <= now())
          ORDER BY window_start
          LIMIT $2
            FOR UPDATE SKIP LOCKED
       )
       DELETE FROM login_throttle t USING over WHERE t.key = over.key`,
      [this.windowSeconds(), SWEEP_BATCH],
    );
    return deleted;
  }

  private windowSeconds(): number {
    return this.config.LOGIN_LOCKOUT_SECONDS;
  }

  /** The attempt's keys: the account from this address, the account from anywhere, the address. */
  private keys(email: string, address: string): Key[] {
    const perAccountAndAddress = this.config.LOGIN_MAX_FAILURES;
    const perAccount = this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const perAddress = this.config.LOGIN_MAX_FAILURES_PER_ADDRESS ?? perAccountAndAddress * 4;
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
    const origin = addressKey(address);
    return [
      { key: `account-address:${account}@${origin}`, limit: perAccountAndAddress },
      { key: `account:${account}`, limit: Math.max(perAccount, perAccountAndAddress) },
      { key: `address:${origin}`, limit: perAddress },
    ];
  }
}

/** Which of the three counts a key is (the metrics' and the security log's label). */
function lockedKind(key: string): 'account-address' | 'account' | 'address' {
  return key.startsWith('account-address:')
    ? 'account-address'
    : key.startsWith('account:')
      ? 'account'
      : 'address';
}

/** IPv4 (also IPv4-mapped IPv6) as it is; IPv6 by its /64 network. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address.slice(0, 64);
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // a trailing dotted IPv4 part holds two groups
  const width = (parts: string[]) => parts.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - width(left) - width(right))).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
