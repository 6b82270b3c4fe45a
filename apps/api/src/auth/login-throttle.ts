import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, tooManyRequests } from '../../../../libs/core/src';

interface Failures {
  count: number;
  lockedUntil: number;
  lastAt: number;
}

/**
 * Failed logins per account and per address: after LOGIN_MAX_FAILURES the key is locked for
 * LOGIN_LOCKOUT_SECONDS. Unknown accounts are counted like known ones, so the lockout reveals nothing.
 * Kept in memory: one API process (see README, "Limits").
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  assertAllowed(email: string, address: string): void {
    const now = Date.now();
    for (const key of this.keys(email, address)) {
      const entry = this.failures.get(key);
      if (entry && entry.lockedUntil > now) {
        throw tooManyRequests('Trop de tentatives de connexion : réessayez dans quelques minutes.');
      }
    }
  }

  recordFailure(email: string, address: string): void {
    const now = Date.now();
    const windowMs = this.config.LOGIN_LOCKOUT_SECONDS * 1000;
    // the per-address limit is wider: a school's pupils and staff may share one public address
    const limits = [this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_MAX_FAILURES * 4];
    this.keys(email, address).forEach((key, index) => {
      const entry = this.failures.get(key);
      const fresh = !entry || now - entry.lastAt > windowMs;
      const count = fresh ? 1 : entry.count + 1;
      this.failures.set(key, {
        count,
        lastAt: now,
        lockedUntil: count >= limits[index] ? now + windowMs : 0,
      });
    });
    if (this.failures.size > 100_000) this.prune(now, windowMs);
  }

  recordSuccess(email: string, _address: string): void {
    this.failures.delete(`account:${email}`);
  }

  private keys(email: string, address: string): string[] {
    return [`account:${email}`, `address:${address}`];
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, entry] of this.failures) {
      if (entry.lockedUntil < now && now - entry.lastAt > windowMs) this.failures.delete(key);
    }
  }
}
