import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The DPD's queues read in page order, whatever the newest rows are.
 *
 * A queue (declarations SUBMITTED, of any or one risk level; treatments NOT_REVIEWED) is a filter
 * on an académie's register, newest first. Without an index ending in the keyset (created_at, id)
 * after the filtered column, PostgreSQL walks the académie's register from its newest entry and
 * skips what does not match: fast while matches are frequent among recent rows, slow as soon as
 * they are not (at the start of a school year thousands of new declarations are DRAFT: 26,000
 * skipped rows made page 1 of the SUBMITTED/HIGH queue 10–20 ms instead of 0.1 ms).
 *
 * tool_declaration_academy_status (academy_id, status, risk_level) stays as it is for the queue's
 * `totalCount`: its duplicates are deduplicated, so an index-only count reads a few pages per
 * thousand entries (the same index with the keyset appended counted 1.8 times slower).
 */
export class QueueIndexes1764000000700 implements MigrationInterface {
  name = 'QueueIndexes1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX tool_declaration_academy_status_page
         ON tool_declaration (academy_id, status, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX treatment_academy_review_page
         ON treatment (academy_id, review_state, created_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS treatment_academy_review_page`);
    await q.query(`DROP INDEX IF EXISTS tool_declaration_academy_status_page`);
  }
}
