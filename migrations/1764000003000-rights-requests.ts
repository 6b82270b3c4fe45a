import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register of requests to exercise data-protection rights (RULES.md, "Rights requests").
 *
 * `due_at` is stored: the deadline with the pauses already ended, computed by the API with the one
 * rule of libs/rules/src/rights-request-deadline.ts at every write that changes it (receipt,
 * extension, end of a pause). `overdue` is then a condition on stored columns (rightsRequestOverdueSql,
 * next to the rule in libs/rules/src/rights-request-deadline.ts), served by the (…, status, due_at)
 * indexes as cnil_deadline serves the violations'. A request in AWAITING_REQUESTER is overdue exactly
 * when its pause began after due_at: the ongoing pause moves its deadline forward a day per day.
 *
 * school_stats gains open_rights_requests (requests not ANSWERED nor REFUSED), kept by a deferred
 * trigger like the other counters (migrations/1764000000400-school-stats.ts); the overdue ones
 * depend on now() and are counted from rights_request, as the overdue CNIL notifications are.
 */
export const RIGHTS_REQUEST_STATS_TRIGGER = {
  table: 'rights_request',
  trigger: 'rights_request_school_stats',
};

/** Recomputes open_rights_requests for every school (after a bulk load with the trigger off). */
export const RECOUNT_RIGHTS_REQUEST_STATS = `
  UPDATE school_stats st
     SET open_rights_requests = coalesce(
           (SELECT count(*) FROM rights_request r
             WHERE r.school_id = st.school_id AND r.status NOT IN ('ANSWERED','REFUSED')), 0)`;

export class RightsRequests1764000003000 implements MigrationInterface {
  name = 'RightsRequests1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reference_counter DROP CONSTRAINT reference_counter_prefix_check`);
    await q.query(
      `ALTER TABLE reference_counter ADD CONSTRAINT reference_counter_prefix_check CHECK (prefix IN ('T','V','D'))`,
    );
    await q.query(`ALTER TABLE review DROP CONSTRAINT review_target_type_check`);
    await q.query(
      `ALTER TABLE review ADD CONSTRAINT review_target_type_check
         CHECK (target_type IN ('TREATMENT','TOOL_DECLARATION','VIOLATION','RIGHTS_REQUEST'))`,
    );
    await q.query(`ALTER TABLE export_file DROP CONSTRAINT export_file_kind_check`);
    await q.query(
      `ALTER TABLE export_file ADD CONSTRAINT export_file_kind_check
         CHECK (kind IN ('TREATMENT_REGISTER','VIOLATION_REGISTER','CNIL_DOSSIER','RIGHTS_REQUEST_REGISTER'))`,
    );

    await q.query(`
      CREATE TABLE rights_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id),
        academy_id uuid NOT NULL REFERENCES academy(id),
        number integer NOT NULL CHECK (number > 0),
        reference text NOT NULL,
        recorded_by_id uuid NOT NULL REFERENCES app_user(id),
        right_types text[] NOT NULL CHECK (cardinality(right_types) > 0 AND right_types <@
          ARRAY['ACCESS','RECTIFICATION','ERASURE','RESTRICTION','OBJECTION','PORTABILITY','WITHDRAW_CONSENT','OTHER']),
        channel text NOT NULL CHECK (channel IN ('EMAIL','LETTER','IN_PERSON','ENT','OTHER')),
        received_at timestamptz(3) NOT NULL,
        requester_name text NOT NULL CHECK (length(requester_name) BETWEEN 1 AND 200),
        requester_relation text NOT NULL CHECK (requester_relation IN ('SELF','LEGAL_GUARDIAN','REPRESENTATIVE','OTHER')),
        subject_name text CHECK (length(subject_name) BETWEEN 1 AND 200),
        subject_category text NOT NULL CHECK (subject_category IN ('STUDENTS','PARENTS','STAFF','OTHER')),
        description text NOT NULL,
        status text NOT NULL DEFAULT 'RECEIVED'
          CHECK (status IN ('RECEIVED','AWAITING_REQUESTER','IN_PROGRESS','ANSWERED','REFUSED')),
        due_at timestamptz(3) NOT NULL,
        extended boolean NOT NULL DEFAULT false,
        extension_reason text,
        extension_notified_at timestamptz(3),
        paused_days integer NOT NULL DEFAULT 0 CHECK (paused_days >= 0),
        awaiting_since timestamptz(3),
        answered_at timestamptz(3),
        answer_summary text,
        refusal_reason text,
        search_text text GENERATED ALWAYS AS
          (search_fold_all(ARRAY[reference, requester_name, subject_name])) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (school_id, number),
        UNIQUE (school_id, reference),
        CHECK ((status IN ('ANSWERED','REFUSED')) = (answered_at IS NOT NULL)),
        CHECK ((status = 'AWAITING_REQUESTER') = (awaiting_since IS NOT NULL)),
        CHECK (status <> 'ANSWERED' OR answer_summary IS NOT NULL),
        CHECK (status <> 'REFUSED' OR refusal_reason IS NOT NULL),
        CHECK (extended = (extension_reason IS NOT NULL)),
        CHECK (extended = (extension_notified_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX rights_request_school_page ON rights_request (school_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX rights_request_academy_page ON rights_request (academy_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX rights_request_page ON rights_request (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX rights_request_academy_open ON rights_request (academy_id, status, due_at)`);
    await q.query(`CREATE INDEX rights_request_school_open ON rights_request (school_id, status, due_at)`);
    await q.query(
      `CREATE INDEX rights_request_search ON rights_request USING gin (search_text gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE rights_request_treatment (
        rights_request_id uuid NOT NULL REFERENCES rights_request(id),
        treatment_id uuid NOT NULL REFERENCES treatment(id),
        PRIMARY KEY (rights_request_id, treatment_id)
      )`);
    await q.query(
      `CREATE INDEX rights_request_treatment_treatment ON rights_request_treatment (treatment_id)`,
    );

    await q.query(
      `ALTER TABLE school_stats ADD COLUMN open_rights_requests integer NOT NULL DEFAULT 0
         CHECK (open_rights_requests >= 0)`,
    );
    // the same shape as the registers' triggers of 1764000000400: a row's contribution before and
    // after the write, applied at commit (deferred), nothing written when it does not change
    await q.query(`
      CREATE FUNCTION rights_request_school_stats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_school uuid;
        was integer := 0;
        new_school uuid;
        now_counted integer := 0;
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          old_school := OLD.school_id;
          was := (OLD.status NOT IN ('ANSWERED','REFUSED'))::integer;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          new_school := NEW.school_id;
          now_counted := (NEW.status NOT IN ('ANSWERED','REFUSED'))::integer;
        END IF;
        IF old_school IS NOT DISTINCT FROM new_school THEN
          IF now_counted <> was THEN
            UPDATE school_stats SET open_rights_requests = open_rights_requests + now_counted - was
             WHERE school_id = new_school;
          END IF;
        ELSE
          IF was <> 0 THEN
            UPDATE school_stats SET open_rights_requests = open_rights_requests - was WHERE school_id = old_school;
          END IF;
          IF now_counted <> 0 THEN
            UPDATE school_stats SET open_rights_requests = open_rights_requests + now_counted
             WHERE school_id = new_school;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER rights_request_school_stats AFTER INSERT OR UPDATE OR DELETE ON rights_request
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION rights_request_school_stats()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS rights_request_school_stats ON rights_request`);
    await q.query(`DROP FUNCTION IF EXISTS rights_request_school_stats()`);
    await q.query(`ALTER TABLE school_stats DROP COLUMN IF EXISTS open_rights_requests`);
    await q.query(`DROP TABLE IF EXISTS rights_request_treatment`);
    await q.query(`DROP TABLE IF EXISTS rights_request`);
    await q.query(`DELETE FROM export_file WHERE kind = 'RIGHTS_REQUEST_REGISTER'`);
    await q.query(`ALTER TABLE export_file DROP CONSTRAINT export_file_kind_check`);
    await q.query(
      `ALTER TABLE export_file ADD CONSTRAINT export_file_kind_check
         CHECK (kind IN ('TREATMENT_REGISTER','VIOLATION_REGISTER','CNIL_DOSSIER'))`,
    );
    await q.query(`DELETE FROM review WHERE target_type = 'RIGHTS_REQUEST'`);
    await q.query(`ALTER TABLE review DROP CONSTRAINT review_target_type_check`);
    await q.query(
      `ALTER TABLE review ADD CONSTRAINT review_target_type_check
         CHECK (target_type IN ('TREATMENT','TOOL_DECLARATION','VIOLATION'))`,
    );
    await q.query(`DELETE FROM reference_counter WHERE prefix = 'D'`);
    await q.query(`ALTER TABLE reference_counter DROP CONSTRAINT reference_counter_prefix_check`);
    await q.query(
      `ALTER TABLE reference_counter ADD CONSTRAINT reference_counter_prefix_check CHECK (prefix IN ('T','V'))`,
    );
  }
}
