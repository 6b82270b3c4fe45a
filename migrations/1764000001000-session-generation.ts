import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app_user.session_generation`: every token carries the generation it was issued under, and the
 * guard's one query (user and grants) reads it; raising it ends every session of the user at once
 * (password change or reset, deactivation, "se déconnecter partout": AuthService.revokeSessions).
 */
export class SessionGeneration1764000001000 implements MigrationInterface {
  name = 'SessionGeneration1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN session_generation integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN session_generation`);
  }
}
