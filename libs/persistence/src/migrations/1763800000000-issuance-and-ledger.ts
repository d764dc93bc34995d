import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuance cases (BJ-21…BJ-23) and the registry ledger (LED-1…LED-4).
 *
 * - `cases` registers every case number once, so the timeline, publicity and documents serve both
 *   registration and issuance cases with real foreign keys.
 * - BJ-21 in the schema: the monitoring periods of a project's live issuance applications never overlap
 *   (an exclusion constraint, so two racing applications cannot both get in).
 * - ROLE-2 in the schema: the bureau user who signs off is never one of the case's reviewers, and only
 *   organisations that may hold credits get holding accounts.
 * - LED-1/2/3 in the schema: an append-only, double-entry journal (every entry sums to zero per block,
 *   checked at commit); one block per issuance case; a serial is held by exactly one account (ranges of
 *   a block never overlap); holdings never empty or inverted.
 */
export class IssuanceAndLedger1763800000000 implements MigrationInterface {
  name = 'IssuanceAndLedger1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS btree_gist;

      CREATE TABLE cases (
        case_no text PRIMARY KEY,
        case_type text NOT NULL CHECK (case_type IN ('registration','issuance')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO cases (case_no, case_type, created_at) SELECT case_no, 'registration', created_at FROM registration_cases;
      ALTER TABLE registration_cases ADD CONSTRAINT registration_cases_case_fkey FOREIGN KEY (case_no) REFERENCES cases(case_no);
      ALTER TABLE case_events DROP CONSTRAINT case_events_case_no_fkey,
        ADD CONSTRAINT case_events_case_no_fkey FOREIGN KEY (case_no) REFERENCES cases(case_no);
      ALTER TABLE publicity_notices DROP CONSTRAINT publicity_notices_case_no_fkey,
        ADD CONSTRAINT publicity_notices_case_no_fkey FOREIGN KEY (case_no) REFERENCES cases(case_no);
      ALTER TABLE case_documents DROP CONSTRAINT case_documents_case_no_fkey,
        ADD CONSTRAINT case_documents_case_no_fkey FOREIGN KEY (case_no) REFERENCES cases(case_no);
      ALTER TABLE case_documents DROP CONSTRAINT case_documents_kind_check,
        ADD CONSTRAINT case_documents_kind_check CHECK (kind IN ('application_letter','project_design_document','implementation_plan',
          'authenticity_commitment','accounting_report','verification_report','supplement','revision','comment_response','other'));

      -- BJ-22: the crediting period (Decision: 10 years from implementation start unless the application says otherwise).
      ALTER TABLE projects ADD COLUMN crediting_period_start date, ADD COLUMN crediting_period_end date,
        ADD COLUMN supervision_status text NOT NULL DEFAULT 'active' CHECK (supervision_status IN ('active','suspended','cancelled'));
      UPDATE projects SET crediting_period_start = implementation_start_date,
        crediting_period_end = (implementation_start_date + interval '10 years' - interval '1 day')::date;
      ALTER TABLE projects ALTER COLUMN crediting_period_start SET NOT NULL, ALTER COLUMN crediting_period_end SET NOT NULL,
        ADD CONSTRAINT projects_crediting_period CHECK (crediting_period_end >= crediting_period_start);

      CREATE TABLE ledger_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_no text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('holding','custody','issuance','cancellation','clawback')),
        organisation_id uuid REFERENCES organisations(id),
        jurisdiction text NOT NULL CHECK (jurisdiction IN ('BJ','SH','SZ')),
        opened_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((organisation_id IS NULL) = (kind IN ('issuance','cancellation','clawback')))
      );
      CREATE UNIQUE INDEX ledger_accounts_one_per_owner ON ledger_accounts (organisation_id, kind) WHERE organisation_id IS NOT NULL;
      CREATE UNIQUE INDEX ledger_accounts_one_system ON ledger_accounts (jurisdiction, kind) WHERE organisation_id IS NULL;
      CREATE FUNCTION ledger_account_owner_allowed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE owner_kind text;
        BEGIN
          IF NEW.organisation_id IS NULL THEN RETURN NEW; END IF;
          SELECT kind INTO owner_kind FROM organisations WHERE id = NEW.organisation_id;
          IF (NEW.kind = 'holding' AND owner_kind IN ('developer','emitter')) OR (NEW.kind = 'custody' AND owner_kind = 'exchange') THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'ROLE-2: a % organisation cannot hold a % account', owner_kind, NEW.kind USING ERRCODE = 'check_violation';
        END $$;
      CREATE TRIGGER ledger_accounts_owner BEFORE INSERT OR UPDATE ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION ledger_account_owner_allowed();

      CREATE TABLE credit_blocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prefix text NOT NULL UNIQUE,
        project_id uuid NOT NULL REFERENCES projects(id),
        -- Idempotent issuance: one block per issuance case, whatever retries or duplicates happen.
        issuance_case_no text NOT NULL UNIQUE REFERENCES cases(case_no),
        vintage int NOT NULL CHECK (vintage BETWEEN 2020 AND 2200),
        issuance_seq int NOT NULL CHECK (issuance_seq >= 1),
        quantity bigint NOT NULL CHECK (quantity > 0),
        issued_at timestamptz NOT NULL,
        UNIQUE (project_id, issuance_seq)
      );
      CREATE TRIGGER credit_blocks_append_only BEFORE UPDATE OR DELETE ON credit_blocks FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE journal_entries (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('issuance','transfer','cancellation','clawback')),
        -- Why the credits moved, in words (TigerBeetle: a code that says why on every transfer).
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        case_no text REFERENCES cases(case_no),
        actor_user_id uuid REFERENCES users(id),
        actor_name text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE journal_lines (
        id bigserial PRIMARY KEY,
        entry_id bigint NOT NULL REFERENCES journal_entries(id),
        account_id uuid NOT NULL REFERENCES ledger_accounts(id),
        block_id uuid NOT NULL REFERENCES credit_blocks(id),
        serial_from bigint NOT NULL CHECK (serial_from >= 1),
        serial_to bigint NOT NULL,
        -- Credit (+) or debit (−) of exactly the serials in the range.
        amount bigint NOT NULL CHECK (amount <> 0 AND abs(amount) = serial_to - serial_from + 1)
      );
      CREATE INDEX journal_lines_entry ON journal_lines (entry_id);
      CREATE INDEX journal_lines_account ON journal_lines (account_id, entry_id);
      CREATE INDEX journal_lines_block ON journal_lines (block_id, serial_from);
      CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines FOR EACH ROW EXECUTE FUNCTION refuse_change();
      -- LED-1 double entry (medici: a journal that does not balance does not commit): per entry and block,
      -- debits and credits cancel out. Deferred to commit, when all lines of the entry are in.
      CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM journal_lines WHERE entry_id = NEW.entry_id GROUP BY block_id HAVING sum(amount) <> 0) THEN
            RAISE EXCEPTION 'LED-1: journal entry % does not balance', NEW.entry_id USING ERRCODE = 'check_violation';
          END IF;
          RETURN NULL;
        END $$;
      CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();

      -- Current holdings: serial ranges per account, derived from the journal and kept in the same
      -- transaction under the source account's row lock. A range of a block is held by exactly one account (LED-2).
      CREATE TABLE holdings (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES ledger_accounts(id),
        block_id uuid NOT NULL REFERENCES credit_blocks(id),
        serial_from bigint NOT NULL CHECK (serial_from >= 1),
        serial_to bigint NOT NULL,
        CHECK (serial_to >= serial_from),
        CONSTRAINT holdings_serial_held_once EXCLUDE USING gist (block_id WITH =, int8range(serial_from, serial_to, '[]') WITH &&)
      );
      CREATE INDEX holdings_account ON holdings (account_id, block_id, serial_from);

      CREATE TABLE issuance_cases (
        case_no text PRIMARY KEY REFERENCES cases(case_no),
        workflow_id text NOT NULL UNIQUE,
        project_id uuid NOT NULL REFERENCES projects(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        verifier_organisation_id uuid REFERENCES organisations(id),
        jurisdiction text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        vintage int NOT NULL,
        claimed_tco2e numeric(18,6) NOT NULL CHECK (claimed_tco2e > 0),
        audited_tco2e numeric(18,6) CHECK (audited_tco2e >= 0),
        issued_tco2e numeric(18,0) CHECK (issued_tco2e >= 0),
        block_id uuid REFERENCES credit_blocks(id),
        status text NOT NULL CHECK (status IN ('draft','under_review','awaiting_supplement','review_passed','in_publicity','awaiting_revision',
                                               'awaiting_bureau_submission','awaiting_signoff','issued','rejected','lapsed')),
        round int NOT NULL DEFAULT 0 CHECK (round >= 0),
        assigned_officer_id uuid REFERENCES users(id),
        reviewed_by uuid[] NOT NULL DEFAULT '{}',
        signed_off_by uuid REFERENCES users(id),
        deadline_kind text CHECK (deadline_kind IN ('publicity_close','supplement_due','revision_due','bureau_submission_due')),
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
        CHECK (period_end >= period_start),
        CHECK (vintage = extract(year FROM period_end)),
        CHECK ((deadline_at IS NULL) = (calendar_version IS NULL)),
        CHECK ((status = 'issued') = (issued_tco2e IS NOT NULL)),
        CHECK (block_id IS NULL OR status = 'issued'),
        CONSTRAINT issuance_cases_four_eyes CHECK (signed_off_by IS NULL OR NOT (signed_off_by = ANY (reviewed_by))),
        CONSTRAINT issuance_cases_periods_disjoint EXCLUDE USING gist (project_id WITH =, daterange(period_start, period_end, '[]') WITH &&)
          WHERE (status NOT IN ('rejected','lapsed'))
      );
      CREATE INDEX issuance_cases_worklist ON issuance_cases (status, deadline_at);
      CREATE INDEX issuance_cases_organisation ON issuance_cases (organisation_id, created_at DESC);
      CREATE INDEX issuance_cases_verifier ON issuance_cases (verifier_organisation_id) WHERE verifier_organisation_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM cases WHERE case_type = 'issuance') THEN
          RAISE EXCEPTION 'issuance cases exist: reverting would delete registry records (BJ-31)';
        END IF;
      END $$;
      DROP TABLE issuance_cases, holdings, journal_lines, journal_entries, credit_blocks, ledger_accounts;
      DROP FUNCTION journal_entry_balanced(), ledger_account_owner_allowed();
      ALTER TABLE projects DROP COLUMN crediting_period_start, DROP COLUMN crediting_period_end, DROP COLUMN supervision_status;
      ALTER TABLE case_documents DROP CONSTRAINT case_documents_kind_check,
        ADD CONSTRAINT case_documents_kind_check CHECK (kind IN ('application_letter','project_design_document','implementation_plan',
          'authenticity_commitment','supplement','revision','comment_response','other'));
      ALTER TABLE case_documents DROP CONSTRAINT case_documents_case_no_fkey,
        ADD CONSTRAINT case_documents_case_no_fkey FOREIGN KEY (case_no) REFERENCES registration_cases(case_no);
      ALTER TABLE publicity_notices DROP CONSTRAINT publicity_notices_case_no_fkey,
        ADD CONSTRAINT publicity_notices_case_no_fkey FOREIGN KEY (case_no) REFERENCES registration_cases(case_no);
      ALTER TABLE case_events DROP CONSTRAINT case_events_case_no_fkey,
        ADD CONSTRAINT case_events_case_no_fkey FOREIGN KEY (case_no) REFERENCES registration_cases(case_no);
      ALTER TABLE registration_cases DROP CONSTRAINT registration_cases_case_fkey;
      DROP TABLE cases;
    `);
  }
}
