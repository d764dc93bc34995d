import { MigrationInterface, QueryRunner } from 'typeorm';
import { identifierSkeleton } from '../../../domain/src/registration/identifier-skeleton';

/**
 * The hardened case kernel (issue 7).
 *
 * - Cases can close as `withdrawn` (an operator cancelled the workflow) or `terminated` (the workflow was
 *   terminated, timed out or failed outside its procedure; found by reconciliation), and carry
 *   `needs_attention` when a step failed for a reason other than a business rule. A withdrawn or terminated
 *   issuance application releases its monitoring period like a rejected or lapsed one (BJ-21).
 * - Free text has the same limits in the schema as at the edge (TEXT_LIMITS), so the two cannot drift apart
 *   unnoticed; a NUL can never be stored in text anyway, and the edge refuses other controls.
 * - BJ-14 identifier claims hold the identifier's skeleton (NFKC, case folded, invisible characters removed,
 *   dash and space variants unified, look-alike letters folded); existing claims are recomputed, and two
 *   live claims that turn out to be the same asset stop the migration for a person to decide.
 * - `idempotency_keys`: an Idempotency-Key means one request of one caller to one operation.
 * - `case_overview`: every case of every type in one relation (calendar changes, reconciliation, worklists).
 */
export class HardenedKernel1763900000000 implements MigrationInterface {
  name = 'HardenedKernel1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE registration_cases DROP CONSTRAINT registration_cases_status_check,
        ADD CONSTRAINT registration_cases_status_check CHECK (status IN ('draft','under_review','awaiting_supplement','review_passed','in_publicity',
          'awaiting_revision','awaiting_registration','registered','rejected','lapsed','withdrawn','terminated')),
        ADD COLUMN needs_attention boolean NOT NULL DEFAULT false;
      ALTER TABLE issuance_cases DROP CONSTRAINT issuance_cases_status_check,
        ADD CONSTRAINT issuance_cases_status_check CHECK (status IN ('draft','under_review','awaiting_supplement','review_passed','in_publicity',
          'awaiting_revision','awaiting_bureau_submission','awaiting_signoff','issued','rejected','lapsed','withdrawn','terminated')),
        ADD COLUMN needs_attention boolean NOT NULL DEFAULT false,
        DROP CONSTRAINT issuance_cases_periods_disjoint,
        ADD CONSTRAINT issuance_cases_periods_disjoint EXCLUDE USING gist (project_id WITH =, daterange(period_start, period_end, '[]') WITH &&)
          WHERE (status NOT IN ('rejected','lapsed','withdrawn','terminated'));

      ALTER TABLE organisations ADD CONSTRAINT organisations_name_length CHECK (char_length(name) BETWEEN 1 AND 200);
      ALTER TABLE users ADD CONSTRAINT users_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
        ADD CONSTRAINT users_email_length CHECK (char_length(email) BETWEEN 3 AND 254);
      ALTER TABLE projects ADD CONSTRAINT projects_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
        ADD CONSTRAINT projects_location_length CHECK (char_length(location) BETWEEN 1 AND 200);
      ALTER TABLE publicity_comments ADD CONSTRAINT publicity_comments_author_length CHECK (char_length(author_name) BETWEEN 1 AND 200),
        ADD CONSTRAINT publicity_comments_contact_length CHECK (char_length(author_contact) <= 200),
        ADD CONSTRAINT publicity_comments_note_length CHECK (char_length(dismissed_note) <= 2000);
      ALTER TABLE case_documents ADD CONSTRAINT case_documents_filename_length CHECK (char_length(filename) BETWEEN 1 AND 255),
        ADD CONSTRAINT case_documents_content_type_length CHECK (char_length(content_type) BETWEEN 1 AND 255);
      ALTER TABLE calendar_overrides ADD CONSTRAINT calendar_overrides_note_length CHECK (char_length(note) <= 500);

      CREATE TABLE idempotency_keys (
        -- sha256 of (caller, operation, key): the key a client sends means one request of that caller to that operation.
        scope char(64) PRIMARY KEY,
        caller text NOT NULL,
        operation text NOT NULL,
        -- sha256 of the request (path parameters, query, body): the same key with another request is refused.
        fingerprint char(64) NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress','done')),
        -- Bumped when an attempt failed with its outcome known (state unchanged), so a retry is a new Update.
        attempt int NOT NULL DEFAULT 1 CHECK (attempt >= 1),
        locked_until timestamptz,
        status_code int CHECK (status_code BETWEEN 100 AND 599),
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'done') = (status_code IS NOT NULL))
      );
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

      CREATE VIEW case_overview AS
        SELECT c.case_no, 'registration'::text AS case_type, c.workflow_id, c.jurisdiction, c.organisation_id, c.project_id, c.status, c.round,
               c.assigned_officer_id, c.deadline_kind, c.deadline_at, c.deadline_local, c.deadline_binds_on, c.calendar_version,
               c.deadline_provisional, c.overdue, c.escalated, c.needs_attention, c.created_at, c.updated_at
        FROM registration_cases c
        UNION ALL
        SELECT c.case_no, 'issuance', c.workflow_id, c.jurisdiction, c.organisation_id, c.project_id, c.status, c.round,
               c.assigned_officer_id, c.deadline_kind, c.deadline_at, c.deadline_local, c.deadline_binds_on, c.calendar_version,
               c.deadline_provisional, c.overdue, c.escalated, c.needs_attention, c.created_at, c.updated_at
        FROM issuance_cases c;
    `);

    // BJ-14: claims now hold skeletons. Recompute them; stop on live claims that are one asset.
    const claims: { identifier: string; case_no: string; released_at: Date | null }[] = await q.query(`SELECT identifier, case_no, released_at FROM project_identifier_claims`);
    const live = new Map<string, string>();
    for (const c of claims) {
      let skeleton: string;
      try {
        skeleton = identifierSkeleton(c.identifier);
      } catch {
        skeleton = c.identifier; // an identifier the rule now refuses keeps its old form; nobody can claim it anew
      }
      if (!c.released_at) {
        const holder = live.get(skeleton);
        if (holder && holder !== c.case_no) {
          throw new Error(`BJ-14: ${holder} and ${c.case_no} both hold the site identifier ${skeleton} (spelled differently); resolve before migrating.`);
        }
        live.set(skeleton, c.case_no);
      }
      if (skeleton !== c.identifier) {
        await q.query(`UPDATE project_identifier_claims SET identifier = $1 WHERE identifier = $2 AND case_no = $3`, [skeleton, c.identifier, c.case_no]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM registration_cases WHERE status IN ('withdrawn','terminated'))
           OR EXISTS (SELECT 1 FROM issuance_cases WHERE status IN ('withdrawn','terminated')) THEN
          RAISE EXCEPTION 'withdrawn or terminated cases exist: reverting would lose how they closed (BJ-31)';
        END IF;
      END $$;
      DROP VIEW case_overview;
      DROP TABLE idempotency_keys;
      ALTER TABLE calendar_overrides DROP CONSTRAINT calendar_overrides_note_length;
      ALTER TABLE case_documents DROP CONSTRAINT case_documents_filename_length, DROP CONSTRAINT case_documents_content_type_length;
      ALTER TABLE publicity_comments DROP CONSTRAINT publicity_comments_author_length, DROP CONSTRAINT publicity_comments_contact_length,
        DROP CONSTRAINT publicity_comments_note_length;
      ALTER TABLE projects DROP CONSTRAINT projects_name_length, DROP CONSTRAINT projects_location_length;
      ALTER TABLE users DROP CONSTRAINT users_name_length, DROP CONSTRAINT users_email_length;
      ALTER TABLE organisations DROP CONSTRAINT organisations_name_length;
      ALTER TABLE issuance_cases DROP CONSTRAINT issuance_cases_periods_disjoint,
        ADD CONSTRAINT issuance_cases_periods_disjoint EXCLUDE USING gist (project_id WITH =, daterange(period_start, period_end, '[]') WITH &&)
          WHERE (status NOT IN ('rejected','lapsed')),
        DROP COLUMN needs_attention,
        DROP CONSTRAINT issuance_cases_status_check,
        ADD CONSTRAINT issuance_cases_status_check CHECK (status IN ('draft','under_review','awaiting_supplement','review_passed','in_publicity',
          'awaiting_revision','awaiting_bureau_submission','awaiting_signoff','issued','rejected','lapsed'));
      ALTER TABLE registration_cases DROP COLUMN needs_attention, DROP CONSTRAINT registration_cases_status_check,
        ADD CONSTRAINT registration_cases_status_check CHECK (status IN ('draft','under_review','awaiting_supplement','review_passed','in_publicity',
          'awaiting_revision','awaiting_registration','registered','rejected','lapsed'));
    `);
  }
}
