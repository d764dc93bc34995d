import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CAL-2/CAL-3 for people: a case's running deadline keeps the instant its period started, so anyone can have it
 * counted again day by day (GET /cases/{caseNo}/deadline; the console's "how was this counted"). Deadlines set
 * before this have none, and are shown without the count. `case_overview` carries it for every case type.
 */
export class DeadlineStart1764000000000 implements MigrationInterface {
  name = 'DeadlineStart1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE registration_cases ADD COLUMN deadline_started_at timestamptz,
        ADD CONSTRAINT registration_cases_deadline_start CHECK (deadline_started_at IS NULL OR deadline_at IS NOT NULL);
      ALTER TABLE issuance_cases ADD COLUMN deadline_started_at timestamptz,
        ADD CONSTRAINT issuance_cases_deadline_start CHECK (deadline_started_at IS NULL OR deadline_at IS NOT NULL);
      CREATE OR REPLACE VIEW case_overview AS
        SELECT c.case_no, 'registration'::text AS case_type, c.workflow_id, c.jurisdiction, c.organisation_id, c.project_id, c.status, c.round,
               c.assigned_officer_id, c.deadline_kind, c.deadline_at, c.deadline_local, c.deadline_binds_on, c.calendar_version,
               c.deadline_provisional, c.overdue, c.escalated, c.needs_attention, c.created_at, c.updated_at, c.deadline_started_at
        FROM registration_cases c
        UNION ALL
        SELECT c.case_no, 'issuance', c.workflow_id, c.jurisdiction, c.organisation_id, c.project_id, c.status, c.round,
               c.assigned_officer_id, c.deadline_kind, c.deadline_at, c.deadline_local, c.deadline_binds_on, c.calendar_version,
               c.deadline_provisional, c.overdue, c.escalated, c.needs_attention, c.created_at, c.updated_at, c.deadline_started_at
        FROM issuance_cases c;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP VIEW case_overview;
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
      ALTER TABLE issuance_cases DROP CONSTRAINT issuance_cases_deadline_start, DROP COLUMN deadline_started_at;
      ALTER TABLE registration_cases DROP CONSTRAINT registration_cases_deadline_start, DROP COLUMN deadline_started_at;
    `);
  }
}
