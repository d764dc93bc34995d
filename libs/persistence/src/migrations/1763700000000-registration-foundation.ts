import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation schema: organisations and users, methodologies, projects, registration cases and their
 * projection (timeline, publicity, comments, documents, inbox), and the working-day calendar overrides.
 * Invariants live in the schema: CHECKs for every enumerated column, a partial unique index for BJ-14,
 * unique idempotency keys for every activity write, and an append-only timeline (BJ-31).
 */
export class RegistrationFoundation1763700000000 implements MigrationInterface {
  name = 'RegistrationFoundation1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('developer','verifier','registry','bureau','exchange','emitter','platform')),
        jurisdiction text NOT NULL CHECK (jurisdiction IN ('BJ','SH','SZ')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role text NOT NULL CHECK (role IN ('developer','verifier','officer','bureau','exchange','emitter','admin')),
        name text NOT NULL,
        email text NOT NULL UNIQUE,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE methodologies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        jurisdiction text NOT NULL CHECK (jurisdiction IN ('BJ','SH','SZ')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE methodology_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        methodology_id uuid NOT NULL REFERENCES methodologies(id),
        version text NOT NULL,
        tier smallint NOT NULL CHECK (tier IN (1, 2)),
        status text NOT NULL CHECK (status IN ('published','suspended','retired')),
        applicability_conditions text NOT NULL,
        project_boundary text NOT NULL,
        accounting_method text NOT NULL,
        monitoring_method text NOT NULL,
        crediting_period_rules text NOT NULL,
        published_at timestamptz NOT NULL,
        published_by uuid NOT NULL REFERENCES users(id),
        UNIQUE (methodology_id, version)
      );

      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        name text NOT NULL,
        jurisdiction text NOT NULL CHECK (jurisdiction IN ('BJ','SH','SZ')),
        location text NOT NULL,
        methodology_version_id uuid NOT NULL REFERENCES methodology_versions(id),
        site_identifiers text[] NOT NULL CHECK (cardinality(site_identifiers) > 0),
        implementation_start_date date NOT NULL CHECK (implementation_start_date > DATE '2020-09-22'),
        project_class text NOT NULL DEFAULT 'II' CHECK (project_class IN ('I','II')),
        registration_no text UNIQUE,
        registered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((project_class = 'I') = (registration_no IS NOT NULL))
      );

      CREATE TABLE case_number_counters (
        prefix text NOT NULL,
        year int NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (prefix, year)
      );

      CREATE TABLE registration_cases (
        case_no text PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        project_id uuid NOT NULL UNIQUE REFERENCES projects(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        jurisdiction text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft','under_review','awaiting_supplement','review_passed','in_publicity',
                                               'awaiting_revision','awaiting_registration','registered','rejected','lapsed')),
        round int NOT NULL DEFAULT 0 CHECK (round >= 0),
        assigned_officer_id uuid REFERENCES users(id),
        attestations jsonb NOT NULL,
        deadline_kind text CHECK (deadline_kind IN ('publicity_close','supplement_due','revision_due','registration_due')),
        deadline_at timestamptz,
        deadline_local text,
        deadline_binds_on text CHECK (deadline_binds_on IN ('developer','registry')),
        calendar_version text,
        deadline_provisional boolean NOT NULL DEFAULT false,
        overdue boolean NOT NULL DEFAULT false,
        escalated boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- CAL-3: a deadline is never stored without the calendar version it was computed on.
        CHECK ((deadline_at IS NULL) = (calendar_version IS NULL))
      );
      CREATE INDEX registration_cases_worklist ON registration_cases (status, deadline_at);
      CREATE INDEX registration_cases_organisation ON registration_cases (organisation_id, created_at DESC);

      CREATE TABLE project_identifier_claims (
        identifier text NOT NULL,
        case_no text NOT NULL REFERENCES registration_cases(case_no),
        released_at timestamptz,
        PRIMARY KEY (identifier, case_no)
      );
      -- BJ-14: the same site/asset identifier cannot be held by two live registrations.
      CREATE UNIQUE INDEX project_identifier_claims_live ON project_identifier_claims (identifier) WHERE released_at IS NULL;

      CREATE TABLE case_events (
        id bigserial PRIMARY KEY,
        case_no text NOT NULL REFERENCES registration_cases(case_no),
        idempotency_key text NOT NULL UNIQUE,
        type text NOT NULL,
        status text,
        round int,
        actor_user_id uuid,
        actor_name text,
        actor_role text,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_events_case ON case_events (case_no, id);
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only (BJ-31: nothing is hard-deleted or rewritten)', TG_TABLE_NAME; END $$;
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE publicity_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no text NOT NULL REFERENCES registration_cases(case_no),
        round int NOT NULL CHECK (round >= 1),
        idempotency_key text NOT NULL UNIQUE,
        title text NOT NULL,
        summary text NOT NULL,
        opened_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL CHECK (closes_at > opened_at),
        calendar_version text NOT NULL,
        status text NOT NULL CHECK (status IN ('open','closed')),
        closed_at timestamptz,
        standing_comments int,
        UNIQUE (case_no, round),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      );
      CREATE INDEX publicity_notices_open ON publicity_notices (closes_at) WHERE status = 'open';

      CREATE TABLE publicity_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notice_id uuid NOT NULL REFERENCES publicity_notices(id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        author_name text NOT NULL,
        author_contact text,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        dismissed_at timestamptz,
        dismissed_reason text CHECK (dismissed_reason IN ('spam','off_topic','duplicate')),
        dismissed_note text,
        dismissed_by uuid REFERENCES users(id),
        CHECK ((dismissed_at IS NULL) = (dismissed_reason IS NULL) AND (dismissed_at IS NULL) = (dismissed_by IS NULL))
      );
      CREATE INDEX publicity_comments_notice ON publicity_comments (notice_id, submitted_at);

      CREATE TABLE document_blobs (
        sha256 char(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes = octet_length(content))
      );
      CREATE TABLE case_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no text NOT NULL REFERENCES registration_cases(case_no),
        kind text NOT NULL CHECK (kind IN ('application_letter','project_design_document','implementation_plan',
                                           'authenticity_commitment','supplement','revision','comment_response','other')),
        filename text NOT NULL,
        content_type text NOT NULL,
        sha256 char(64) NOT NULL REFERENCES document_blobs(sha256),
        size_bytes int NOT NULL,
        round int NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_documents_case ON case_documents (case_no, uploaded_at);
      CREATE TRIGGER case_documents_append_only BEFORE UPDATE OR DELETE ON case_documents FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL UNIQUE,
        recipient_user_id uuid REFERENCES users(id),
        recipient_organisation_id uuid REFERENCES organisations(id),
        recipient_role text,
        case_no text,
        kind text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        CHECK (recipient_user_id IS NOT NULL OR recipient_organisation_id IS NOT NULL OR recipient_role IS NOT NULL)
      );
      CREATE INDEX notifications_user ON notifications (recipient_user_id, created_at DESC);
      CREATE INDEX notifications_org_role ON notifications (recipient_organisation_id, recipient_role, created_at DESC);

      CREATE TABLE calendar_overrides (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('workday','holiday')),
        note text,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE calendar_loaded_years (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
        loaded_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE calendar_loaded_years, calendar_overrides, notifications, case_documents, document_blobs,
        publicity_comments, publicity_notices, case_events, project_identifier_claims, registration_cases,
        case_number_counters, projects, methodology_versions, methodologies, users, organisations;
      DROP FUNCTION refuse_change();
    `);
  }
}
