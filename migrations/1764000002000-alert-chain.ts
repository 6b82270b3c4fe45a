import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alert chain (docs/notifications.md):
 * - the académie's and the school's contacts (DPD phone and address, hierarchy; the school's address,
 *   e-mail and phone);
 * - `notification`: the outbox, one row per recipient, written in the transaction of its cause;
 * - `notification_event`: one row per scheduled event (a reminder stage, a weekly digest) once it is
 *   written, so that several API processes, or one catching up after a restart, write it once;
 * - `account_token`: invitation and password-reset tokens, stored as their SHA-256 only;
 * - an account created without a password waits for its invitation (`invitation_pending`).
 * The mail queue itself is pg-boss's, in its own schema `pgboss`, which pg-boss creates and migrates.
 */
export class AlertChain1764000002000 implements MigrationInterface {
  name = 'AlertChain1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE academy ADD COLUMN dpo_phone text, ADD COLUMN dpo_address text,
                   ADD COLUMN hierarchy_email text`);
    await q.query(`ALTER TABLE school ADD COLUMN address text, ADD COLUMN email text, ADD COLUMN phone text`);
    await q.query(`ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE app_user
                   ADD COLUMN invitation_pending boolean GENERATED ALWAYS AS (password_hash IS NULL) STORED NOT NULL`);
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('BREACH_RECORDED','CNIL_DEADLINE_REMINDER','CNIL_DEADLINE_PASSED',
          'DECLARATION_SUBMITTED','DECLARATION_DECIDED','REVIEW_RECORDED','CATALOG_OPINION_CHANGED',
          'RIGHTS_REQUEST_DUE_SOON','RIGHTS_REQUEST_OVERDUE','WEEKLY_DIGEST','INVITATION','PASSWORD_RESET')),
        recipient_id uuid REFERENCES app_user(id),
        recipient_email text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        academy_id uuid REFERENCES academy(id),
        school_id uuid REFERENCES school(id),
        entity_type text,
        entity_id uuid,
        delivery_status text NOT NULL CHECK (delivery_status IN ('QUEUED','SENT','FAILED','NOT_SENT')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        sent_at timestamptz(3),
        read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX notification_recipient_page ON notification (recipient_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX notification_school_page ON notification (school_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX notification_academy_page ON notification (academy_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX notification_page ON notification (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE notification_event (
        key text PRIMARY KEY,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE account_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('INVITATION','PASSWORD_RESET')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz(3) NOT NULL,
        used_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX account_token_user ON account_token (user_id, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS account_token`);
    await q.query(`DROP TABLE IF EXISTS notification_event`);
    await q.query(`DROP TABLE IF EXISTS notification`);
    await q.query(`ALTER TABLE app_user DROP COLUMN IF EXISTS invitation_pending`);
    // an account still waiting for its invitation gets a hash no password matches
    await q.query(`UPDATE app_user SET password_hash = '!invitation' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE app_user ALTER COLUMN password_hash SET NOT NULL`);
    await q.query(`ALTER TABLE school DROP COLUMN IF EXISTS address, DROP COLUMN IF EXISTS email,
                   DROP COLUMN IF EXISTS phone`);
    await q.query(`ALTER TABLE academy DROP COLUMN IF EXISTS dpo_phone, DROP COLUMN IF EXISTS dpo_address,
                   DROP COLUMN IF EXISTS hierarchy_email`);
  }
}
