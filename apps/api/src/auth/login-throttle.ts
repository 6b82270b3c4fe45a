import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, tooManyRequests } from '../../../../libs/core/src';

interface Attempts {
  /** attempts in the window that did not succeed: failures, and attempts still being checked */
  count: number;
  windowStart: number;
  lockedUntil: number;
}

export const LOCKED_OUT_MESSAGE = 'Trop de tentatives de connexion : réessayez dans quelques minutes.';

/** Keys kept at most; past it the oldest are forgotten first (the memory an attacker can fill is bounded). */
export const MAX_TRACKED_KEYS = 100_000;

/**
 * Failed logins per account and per address: LOGIN_MAX_FAILURES failures of one account (and
 * LOGIN_MAX_FAILURES_PER_ADDRESS from one address, by default four times as many: a school's staff
 * may share one public address) within LOGIN_LOCKOUT_SECONDS lock it for LOGIN_LOCKOUT_SECONDS.
 *
 * - Unknown accounts are counted like known ones, and a locked key is refused before the password
 *   is checked, with one message: the lockout reveals nothing about which accounts exist.
 * - An attempt is counted when it starts and refunded when it succeeds, so a burst of parallel
 *   attempts cannot slip more guesses through than the limit while the first ones are verified.
 * - Accounts are keyed by a hash of the normalised email (a huge email costs no memory); IPv6
 *   addresses by their /64, which one client usually holds whole.
 * - Kept in memory: one API process (see README, "Limits").
 */
@Injectable()
export class LoginThrottle {
  private readonly attempts = new Map<string, Attempts>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Refuses a locked account or address; otherwise counts the attempt until it succeeds. */
  assertAllowed(email: string, address: string): void {
    const now = Date.now();
    const keys = this.keys(email, address);
    for (const { key, limit } of keys) {
      const entry = this.current(key, now);
      if (entry && (entry.lockedUntil > now || entry.count >= limit)) {
        throw tooManyRequests(LOCKED_OUT_MESSAGE);
      }
    }
    for (const { key } of keys) {
      const entry = this.current(key, now);
      if (entry) entry.count += 1;
      else this.attempts.set(key, { count: 1, windowStart: now, lockedUntil: 0 });
    }
    if (this.attempts.size > MAX_TRACKED_KEYS) this.prune(now);
  }

  /** The attempt failed: it stays counted, and locks the key that reached its limit. */
  recordFailure(email: string, address: string): void {
    const now = Date.now();
    for (const { key, limit } of this.keys(email, address)) {
      const entry = this.current(key, now);
      if (entry && entry.count >= limit && entry.lockedUntil <= now) {
        entry.lockedUntil = now + this.windowMs();
      }
    }
  }

  /** The attempt succeeded: the account starts afresh; the address gets this attempt back. */
  recordSuccess(email: string, address: string): void {
    const [account, origin] = this.keys(email, address);
    this.attempts.delete(account.key);
    const entry = this.attempts.get(origin.key);
    if (entry && entry.lockedUntil <= Date.now()) entry.count = Math.max(0, entry.count - 1);
  }

  /** The entry of a key, or undefined once its window and its lockout are both over. */
  private current(key: string, now: number): Attempts | undefined {
    const entry = this.attempts.get(key);
    if (!entry) return undefined;
    if (entry.lockedUntil <= now && now - entry.windowStart >= this.windowMs()) {
      this.attempts.delete(key);
      return undefined;
    }
    return entry;
  }

  private windowMs(): number {
    return this.config.LOGIN_LOCKOUT_SECONDS * 1000;
  }

  private keys(email: string, address: string): { key: string; limit: number }[] {
    const perAccount = this.config.LOGIN_MAX_FAILURES;
    const perAddress = this.config.LOGIN_MAX_FAILURES_PER_ADDRESS ?? perAccount * 4;
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
    return [
      { key: `account:${account}`, limit: perAccount },
      { key: `address:${addressKey(address)}`, limit: perAddress },
    ];
  }

  /** Drops what has expired, then, if still too many, the oldest keys (a Map keeps insertion order). */
  private prune(now: number): void {
    for (const key of [...this.attempts.keys()]) this.current(key, now);
    const excess = this.attempts.size - Math.floor(MAX_TRACKED_KEYS * 0.9);
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of this.attempts.keys()) {
      if (dropped++ >= excess) break;
      this.attempts.delete(key);
    }
  }
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
