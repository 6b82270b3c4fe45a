import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-school counters of what the academy's dashboard counts (RULES.md, "Reviews"), so that the
 * dashboard sums one small row per school instead of recounting an académie's registers on every
 * call (3,000 schools, 300,000 declarations, 100,000 treatments: 35–50 ms of PostgreSQL per call).
 *
 * school_stats holds, per school:
 *   active_treatments           treatment.status = 'ACTIVE' (0: a school without treatments)
 *   treatments_awaiting_review  treatment.status = 'ACTIVE' AND review_state = 'NOT_REVIEWED'
 *   pending_declarations        tool_declaration.status = 'SUBMITTED'
 *   high_risk_declarations      tool_declaration.status = 'SUBMITTED' AND risk_level = 'HIGH'
 *   open_violations             violation.status = 'OPEN'
 * (the overdue CNIL notifications depend on now(): they are still counted from violation).
 *
 * The counters are exact, not estimates: triggers on the three registers add each row's change
 * (its contribution after minus before, per counter) in the transaction of the write itself, so a
 * counter commits or rolls back with the write it counts, whoever writes (the API, a script, psql).
 * They are DEFERRABLE INITIALLY DEFERRED constraint triggers: the school's row of school_stats is
 * updated, and locked, at commit only. An API write has by then taken every lock it needs, the
 * school's audit chain lock last (appendEvents), so writers of one school meet on that chain lock
 * as before and never wait on school_stats while holding another row, and no new deadlock is
 * possible (an immediate trigger would lock the school's counters row at the first write, e.g.
 * recordViolation before it key-share locks its linked treatments, while archiveTreatment locks the
 * treatment before the counters). A row whose counted columns do not change (editing a DRAFT
 * declaration, completing an OPEN violation) touches nothing.
 *
 * A school gets its row when it is inserted (trigger on school). RECOUNT_SCHOOL_STATS recomputes
 * every row from the registers: the backfill below, and the bulk seed (which disables the triggers
 * for its bulk inserts, see SCHOOL_STATS_TRIGGERS) both use it.
 *
 * Deferred triggers have one consequence for scripts and later migrations: PostgreSQL refuses DDL
 * (ALTER TABLE, CREATE INDEX, TRUNCATE) on a register table that has pending trigger events, i.e.
 * after writing its rows in the same transaction. Run `SET CONSTRAINTS ALL IMMEDIATE` first (it
 * fires the pending ones), or disable the triggers before the writes and recount, as the seed does.
 */

/** Every trigger that keeps school_stats, by table: what a bulk loader disables, then recounts. */
export const SCHOOL_STATS_TRIGGERS: readonly { table: string; trigger: string }[] = [
  { table: 'school', trigger: 'school_stats_row' },
  { table: 'treatment', trigger: 'treatment_school_stats' },
  { table: 'tool_declaration', trigger: 'tool_declaration_school_stats' },
  { table: 'violation', trigger: 'violation_school_stats' },
];

/**
 * Recomputes school_stats from the registers, for every school (one statement; an upsert, so it
 * both fills an empty table and corrects an existing one). The predicates are the triggers' below.
 */
export const RECOUNT_SCHOOL_STATS = `
  INSERT INTO school_stats AS st (school_id, academy_id, active_treatments, treatments_awaiting_review,
                                  pending_declarations, high_risk_declarations, open_violations)
  SELECT s.id, s.academy_id,
         coalesce(t.active_treatments, 0), coalesce(t.treatments_awaiting_review, 0),
         coalesce(d.pending_declarations, 0), coalesce(d.high_risk_declarations, 0),
         coalesce(v.open_violations, 0)
    FROM school s
    LEFT JOIN (SELECT school_id, count(*) AS active_treatments,
                      count(*) FILTER (WHERE review_state = 'NOT_REVIEWED') AS treatments_awaiting_review
                 FROM treatment WHERE status = 'ACTIVE' GROUP BY school_id) t ON t.school_id = s.id
    LEFT JOIN (SELECT school_id, count(*) AS pending_declarations,
                      count(*) FILTER (WHERE risk_level = 'HIGH') AS high_risk_declarations
                 FROM tool_declaration WHERE status = 'SUBMITTED' GROUP BY school_id) d ON d.school_id = s.id
    LEFT JOIN (SELECT school_id, count(*) AS open_violations
                 FROM violation WHERE status = 'OPEN' GROUP BY school_id) v ON v.school_id = s.id
  ON CONFLICT (school_id) DO UPDATE SET
    academy_id = EXCLUDED.academy_id,
    active_treatments = EXCLUDED.active_treatments,
    treatments_awaiting_review = EXCLUDED.treatments_awaiting_review,
    pending_declarations = EXCLUDED.pending_declarations,
    high_risk_declarations = EXCLUDED.high_risk_declarations,
    open_violations = EXCLUDED.open_violations`;

export class SchoolStats1764000000400 implements MigrationInterface {
  name = 'SchoolStats1764000000400';

  async up(q: QueryRunner): Promise<void> {
    // Updated in place many times a day and small (one row per school): room on each page for HOT
    // updates, so that a counter's change writes no index entry.
    await q.query(`
      CREATE TABLE school_stats (
        school_id uuid PRIMARY KEY REFERENCES school(id) ON DELETE CASCADE,
        academy_id uuid NOT NULL,
        active_treatments integer NOT NULL DEFAULT 0 CHECK (active_treatments >= 0),
        treatments_awaiting_review integer NOT NULL DEFAULT 0 CHECK (treatments_awaiting_review >= 0),
        pending_declarations integer NOT NULL DEFAULT 0 CHECK (pending_declarations >= 0),
        high_risk_declarations integer NOT NULL DEFAULT 0 CHECK (high_risk_declarations >= 0),
        open_violations integer NOT NULL DEFAULT 0 CHECK (open_violations >= 0)
      ) WITH (fillfactor = 50)`);
    await q.query(`CREATE INDEX school_stats_academy ON school_stats (academy_id)`);

    // A row's contribution to the counters is an array in the columns' order: [active_treatments,
    // treatments_awaiting_review, pending_declarations, high_risk_declarations, open_violations].
    // school_stats_change applies a row's change: within its school, after minus before; a row that
    // appears (INSERT), disappears (DELETE) or moves to another school leaves one and joins the other.
    // Nothing is written when nothing counted changes. A school without its row is a broken invariant
    // (every school gets one when inserted), unless the school itself is gone.
    await q.query(`
      CREATE FUNCTION school_stats_add(p_school_id uuid, delta integer[]) RETURNS void
        LANGUAGE plpgsql AS $$
      BEGIN
        IF p_school_id IS NULL OR delta = '{0,0,0,0,0}' THEN
          RETURN;
        END IF;
        UPDATE school_stats
           SET active_treatments = active_treatments + delta[1],
               treatments_awaiting_review = treatments_awaiting_review + delta[2],
               pending_declarations = pending_declarations + delta[3],
               high_risk_declarations = high_risk_declarations + delta[4],
               open_violations = open_violations + delta[5]
         WHERE school_id = p_school_id;
        IF NOT FOUND AND EXISTS (SELECT 1 FROM school WHERE id = p_school_id) THEN
          RAISE EXCEPTION 'school_stats has no row for school %', p_school_id
            USING HINT = 'Recompute school_stats (RECOUNT_SCHOOL_STATS, migrations/1764000000400-school-stats.ts).';
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION school_stats_change(
        old_school uuid, was integer[], new_school uuid, now_counted integer[]
      ) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF old_school IS NOT DISTINCT FROM new_school THEN
          PERFORM school_stats_add(new_school, ARRAY[
            now_counted[1] - was[1], now_counted[2] - was[2], now_counted[3] - was[3],
            now_counted[4] - was[4], now_counted[5] - was[5]]);
        ELSE
          PERFORM school_stats_add(old_school, ARRAY[-was[1], -was[2], -was[3], -was[4], -was[5]]);
          PERFORM school_stats_add(new_school, now_counted);
        END IF;
      END $$`);

    // Each register's trigger: what its row counts for before (OLD) and after (NEW) the write.
    const registers: { table: string; counts: (row: 'OLD' | 'NEW') => string }[] = [
      {
        table: 'treatment',
        counts: (r) => `ARRAY[(${r}.status = 'ACTIVE')::integer,
                              (${r}.status = 'ACTIVE' AND ${r}.review_state = 'NOT_REVIEWED')::integer,
                              0, 0, 0]`,
      },
      {
        table: 'tool_declaration',
        counts: (r) => `ARRAY[0, 0,
                              (${r}.status = 'SUBMITTED')::integer,
                              (${r}.status = 'SUBMITTED' AND ${r}.risk_level = 'HIGH')::integer,
                              0]`,
      },
      {
        table: 'violation',
        counts: (r) => `ARRAY[0, 0, 0, 0, (${r}.status = 'OPEN')::integer]`,
      },
    ];
    for (const { table, counts } of registers) {
      await q.query(`
        CREATE FUNCTION ${table}_school_stats() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          old_school uuid;
          was integer[] := '{0,0,0,0,0}';
          new_school uuid;
          now_counted integer[] := '{0,0,0,0,0}';
        BEGIN
          IF TG_OP <> 'INSERT' THEN
            old_school := OLD.school_id;
            was := ${counts('OLD')};
          END IF;
          IF TG_OP <> 'DELETE' THEN
            new_school := NEW.school_id;
            now_counted := ${counts('NEW')};
          END IF;
          PERFORM school_stats_change(old_school, was, new_school, now_counted);
          RETURN NULL;
        END $$`);
    }
    // A new school starts with its row of zeros; a school moved to another academy takes it along.
    await q.query(`
      CREATE FUNCTION school_stats_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO school_stats (school_id, academy_id) VALUES (NEW.id, NEW.academy_id);
        ELSE
          UPDATE school_stats SET academy_id = NEW.academy_id WHERE school_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);

    // The triggers come before the backfill: creating them locks each table against writes until
    // this migration commits, so no write falls between the recount and the triggers.
    await q.query(`
      CREATE TRIGGER school_stats_row AFTER INSERT OR UPDATE OF academy_id ON school
        FOR EACH ROW EXECUTE FUNCTION school_stats_row()`);
    for (const table of ['treatment', 'tool_declaration', 'violation']) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_school_stats AFTER INSERT OR UPDATE OR DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION ${table}_school_stats()`);
    }

    await q.query(RECOUNT_SCHOOL_STATS);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, trigger } of SCHOOL_STATS_TRIGGERS) {
      await q.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS school_stats_row()`);
    await q.query(`DROP FUNCTION IF EXISTS violation_school_stats()`);
    await q.query(`DROP FUNCTION IF EXISTS tool_declaration_school_stats()`);
    await q.query(`DROP FUNCTION IF EXISTS treatment_school_stats()`);
    await q.query(`DROP FUNCTION IF EXISTS school_stats_change(uuid, integer[], uuid, integer[])`);
    await q.query(`DROP FUNCTION IF EXISTS school_stats_add(uuid, integer[])`);
    await q.query(`DROP TABLE IF EXISTS school_stats`);
  }
}
