import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The login lockout counters (apps/api/src/auth/login-throttle.ts), in PostgreSQL so that every API
 * process (node:cluster workers, replicas) counts against one lockout. One row per key: an account
 * (`account:` and the hash of its normalised email) or an address (`address:` and the IPv4 address
 * or IPv6 /64):
 *   attempts      attempts of the window that did not succeed (failures, and those being checked)
 *   window_start  when the window started (the first attempt counted)
 *   locked_until  end of the lockout, once the key reached its limit (NULL: never locked)
 * A row is over once its window is (LOGIN_LOCKOUT_SECONDS after window_start) and its lockout too:
 * it then counts as absent, and is deleted by the next attempt on its key or by the sweep, which
 * looks for such rows through login_throttle_window_start (oldest first).
 */
export class LoginThrottle1764000000500 implements MigrationInterface {
  name = 'LoginThrottle1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE login_throttle (
         key text PRIMARY KEY,
         attempts integer NOT NULL CHECK (attempts >= 0),
         window_start timestamptz NOT NULL,
         locked_until timestamptz
       )`,
    );
    await q.query(`CREATE INDEX login_throttle_window_start ON login_throttle (window_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS login_throttle`);
  }
}
