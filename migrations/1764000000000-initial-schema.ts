import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole data model of v1: people and places, the two registers, reviews, exports, and the
 * append-only audit trail. Enumerations are text with CHECK constraints (easier to extend than
 * PostgreSQL enums); search columns are generated from an immutable, accent-folding function.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // unaccent() is only STABLE (its dictionary could change); we pin the dictionary, so folding is
    // immutable and may feed generated columns and indexes.
    await q.query(`
      CREATE FUNCTION search_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
    await q.query(`
      CREATE FUNCTION search_fold_all(text[]) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT search_fold(coalesce(array_to_string($1, ' '), '')) $$`);
    // 72 hours is the same span in every time zone, so this addition is immutable.
    await q.query(`
      CREATE FUNCTION cnil_deadline(timestamptz) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT $1 + interval '72 hours' $$`);

    await q.query(`
      CREATE TABLE academy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_-]+$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        dpo_name text,
        dpo_email text,
        rssi_email text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        academy_id uuid NOT NULL REFERENCES academy(id),
        uai text NOT NULL UNIQUE CHECK (uai ~ '^[0-9]{7}[A-Z]$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('ECOLE','COLLEGE','LYCEE','LYCEE_PROFESSIONNEL','EREA','OTHER')),
        city text,
        search_text text GENERATED ALWAYS AS (search_fold_all(ARRAY[name, city, uai])) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX school_academy_page ON school (academy_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX school_page ON school (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX school_academy_kind ON school (academy_id, kind)`);
    await q.query(`CREATE INDEX school_search ON school USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        academy_id uuid NOT NULL REFERENCES academy(id),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        search_text text GENERATED ALWAYS AS (search_fold_all(ARRAY[display_name, email])) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX app_user_academy_page ON app_user (academy_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX app_user_page ON app_user (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX app_user_search ON app_user USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE role_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('TEACHER','HEAD','DPD','ADMIN')),
        school_id uuid REFERENCES school(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((role IN ('TEACHER','HEAD')) = (school_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX role_grant_unique
        ON role_grant (user_id, role, coalesce(school_id, '00000000-0000-0000-0000-000000000000'))`);
    await q.query(`CREATE INDEX role_grant_school ON role_grant (school_id, role)`);

    await q.query(`
      CREATE TABLE reference_counter (
        school_id uuid NOT NULL REFERENCES school(id),
        prefix text NOT NULL CHECK (prefix IN ('T','V')),
        last_number integer NOT NULL,
        PRIMARY KEY (school_id, prefix)
      )`);

    await q.query(`
      CREATE TABLE treatment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id),
        academy_id uuid NOT NULL REFERENCES academy(id),
        number integer NOT NULL CHECK (number > 0),
        reference text NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        purposes text[] NOT NULL CHECK (cardinality(purposes) > 0),
        legal_basis text NOT NULL CHECK (legal_basis IN ('PUBLIC_INTEREST','LEGAL_OBLIGATION','CONSENT','CONTRACT','VITAL_INTERESTS','LEGITIMATE_INTERESTS')),
        subject_categories text[] NOT NULL CHECK (cardinality(subject_categories) > 0),
        data_categories text[] NOT NULL CHECK (cardinality(data_categories) > 0),
        sensitive_data boolean NOT NULL,
        recipients text[] NOT NULL DEFAULT '{}',
        processors text[] NOT NULL DEFAULT '{}',
        transfers jsonb NOT NULL DEFAULT '[]',
        retention text NOT NULL,
        retention_months integer CHECK (retention_months BETWEEN 0 AND 1200),
        security_measures text[] NOT NULL DEFAULT '{}',
        dpia_required boolean NOT NULL,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','ARCHIVED')),
        archived_reason text,
        archived_at timestamptz(3),
        review_state text NOT NULL DEFAULT 'NOT_REVIEWED' CHECK (review_state IN ('NOT_REVIEWED','APPROVED','CHANGES_REQUESTED')),
        created_by_id uuid REFERENCES app_user(id),
        search_text text GENERATED ALWAYS AS (search_fold(name) || ' ' || search_fold_all(purposes)) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (school_id, number),
        UNIQUE (school_id, reference),
        CHECK ((status = 'ARCHIVED') = (archived_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX treatment_school_page ON treatment (school_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX treatment_academy_page ON treatment (academy_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX treatment_page ON treatment (created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX treatment_academy_review ON treatment (academy_id, review_state, status, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX treatment_search ON treatment USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE tool_declaration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id),
        academy_id uuid NOT NULL REFERENCES academy(id),
        declared_by_id uuid NOT NULL REFERENCES app_user(id),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','CHANGES_REQUESTED','APPROVED','REJECTED','WITHDRAWN')),
        tool_name text NOT NULL CHECK (length(tool_name) BETWEEN 1 AND 200),
        vendor text,
        url text,
        purpose text NOT NULL,
        classes text[] NOT NULL DEFAULT '{}',
        approx_student_count integer CHECK (approx_student_count >= 0),
        data_categories text[] NOT NULL CHECK (cardinality(data_categories) > 0),
        pseudonyms_used boolean NOT NULL,
        hosting text NOT NULL CHECK (hosting IN ('EU','NON_EU','UNKNOWN')),
        hosting_country text,
        free_software text NOT NULL CHECK (free_software IN ('YES','NO','UNKNOWN')),
        institutional boolean NOT NULL,
        commercial_reuse text NOT NULL CHECK (commercial_reuse IN ('YES','NO','UNKNOWN')),
        families_informed boolean NOT NULL,
        retention_months integer CHECK (retention_months BETWEEN 0 AND 1200),
        security_measures text,
        risk_flags text[] NOT NULL DEFAULT '{}',
        risk_level text NOT NULL CHECK (risk_level IN ('LOW','MEDIUM','HIGH')),
        decision_comment text,
        decided_by_id uuid REFERENCES app_user(id),
        treatment_id uuid REFERENCES treatment(id),
        submitted_at timestamptz(3),
        decided_at timestamptz(3),
        search_text text GENERATED ALWAYS AS (search_fold_all(ARRAY[tool_name, vendor])) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((status = 'APPROVED') = (treatment_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX tool_declaration_school_page ON tool_declaration (school_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX tool_declaration_academy_page ON tool_declaration (academy_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX tool_declaration_page ON tool_declaration (created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX tool_declaration_author_page ON tool_declaration (declared_by_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX tool_declaration_academy_status ON tool_declaration (academy_id, status, risk_level)`,
    );
    await q.query(`CREATE INDEX tool_declaration_school_status ON tool_declaration (school_id, status)`);
    await q.query(`CREATE INDEX tool_declaration_treatment ON tool_declaration (treatment_id)`);
    await q.query(
      `CREATE INDEX tool_declaration_search ON tool_declaration USING gin (search_text gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE violation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id),
        academy_id uuid NOT NULL REFERENCES academy(id),
        number integer NOT NULL CHECK (number > 0),
        reference text NOT NULL,
        reported_by_id uuid NOT NULL REFERENCES app_user(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL,
        incident_type text NOT NULL CHECK (incident_type IN ('PASSWORD_MISUSE','EQUIPMENT_THEFT_OR_LOSS','INTRUSION','RESOURCE_USURPATION','SERVICE_DISRUPTION','DATA_DISCLOSURE','POLICY_BREACH','ILLEGAL_DOWNLOAD','MALWARE','OTHER')),
        natures text[] NOT NULL CHECK (cardinality(natures) > 0),
        occurred_at timestamptz(3),
        discovered_at timestamptz(3) NOT NULL,
        data_categories text[] NOT NULL DEFAULT '{}',
        subject_categories text[] NOT NULL DEFAULT '{}',
        approx_subject_count integer CHECK (approx_subject_count >= 0),
        approx_record_count integer CHECK (approx_record_count >= 0),
        consequences text,
        measures_taken text,
        risk text NOT NULL CHECK (risk IN ('UNLIKELY','RISK','HIGH_RISK')),
        cnil_notification_required boolean GENERATED ALWAYS AS (risk <> 'UNLIKELY') STORED,
        cnil_deadline timestamptz(3) GENERATED ALWAYS AS (cnil_deadline(discovered_at)) STORED,
        cnil_notified_at timestamptz(3),
        cnil_reference text,
        late_notification_reason text,
        subjects_informed_at timestamptz(3),
        no_notification_justification text,
        rssi_informed_at timestamptz(3),
        hierarchy_informed_at timestamptz(3),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        closed_at timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (school_id, number),
        UNIQUE (school_id, reference),
        CHECK (occurred_at IS NULL OR occurred_at <= discovered_at),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX violation_school_page ON violation (school_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX violation_academy_page ON violation (academy_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX violation_page ON violation (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX violation_reporter ON violation (reported_by_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX violation_academy_open ON violation (academy_id, status, cnil_deadline)`);
    await q.query(`CREATE INDEX violation_school_open ON violation (school_id, status, cnil_deadline)`);

    await q.query(`
      CREATE TABLE violation_treatment (
        violation_id uuid NOT NULL REFERENCES violation(id),
        treatment_id uuid NOT NULL REFERENCES treatment(id),
        PRIMARY KEY (violation_id, treatment_id)
      )`);
    await q.query(`CREATE INDEX violation_treatment_treatment ON violation_treatment (treatment_id)`);

    await q.query(`
      CREATE TABLE review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_type text NOT NULL CHECK (target_type IN ('TREATMENT','TOOL_DECLARATION','VIOLATION')),
        target_id uuid NOT NULL,
        school_id uuid NOT NULL REFERENCES school(id),
        academy_id uuid NOT NULL REFERENCES academy(id),
        reviewer_id uuid NOT NULL REFERENCES app_user(id),
        verdict text NOT NULL CHECK (verdict IN ('APPROVED','CHANGES_REQUESTED','COMMENT')),
        comment text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (verdict = 'APPROVED' OR comment IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX review_target ON review (target_type, target_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX review_school_page ON review (school_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX review_academy_page ON review (academy_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX review_page ON review (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE export_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('TREATMENT_REGISTER','VIOLATION_REGISTER','CNIL_DOSSIER')),
        school_id uuid NOT NULL REFERENCES school(id),
        academy_id uuid NOT NULL REFERENCES academy(id),
        created_by_id uuid NOT NULL REFERENCES app_user(id),
        file_name text NOT NULL,
        sha256 char(64) NOT NULL,
        byte_size integer NOT NULL CHECK (byte_size > 0),
        page_count integer NOT NULL CHECK (page_count > 0),
        content bytea NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX export_file_school ON export_file (school_id, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chain text NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        at timestamptz(3) NOT NULL,
        actor_id uuid REFERENCES app_user(id),
        action text NOT NULL CHECK (action IN ('CREATE','UPDATE','TRANSITION','REVIEW','EXPORT')),
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        school_id uuid REFERENCES school(id),
        academy_id uuid REFERENCES academy(id),
        changes text NOT NULL,
        hash char(64) NOT NULL,
        previous_hash char(64),
        UNIQUE (chain, seq),
        CHECK ((seq = 1) = (previous_hash IS NULL))
      )`);
    await q.query(`CREATE INDEX audit_event_school_page ON audit_event (school_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_academy_page ON audit_event (academy_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_page ON audit_event (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_entity ON audit_event (entity_id, at DESC)`);
    await q.query(`CREATE INDEX audit_event_actor ON audit_event (actor_id, at DESC)`);
    // The registers are evidence: the trail is append-only, whatever the application does.
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_event',
      'export_file',
      'review',
      'violation_treatment',
      'violation',
      'tool_declaration',
      'treatment',
      'reference_counter',
      'role_grant',
      'app_user',
      'school',
      'academy',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_event_append_only()`);
    await q.query(`DROP FUNCTION IF EXISTS cnil_deadline(timestamptz)`);
    await q.query(`DROP FUNCTION IF EXISTS search_fold_all(text[])`);
    await q.query(`DROP FUNCTION IF EXISTS search_fold(text)`);
  }
}
