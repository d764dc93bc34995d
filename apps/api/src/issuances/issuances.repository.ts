import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, IssuanceStatus, liveStatuses, MonitoringPeriod, procedureOf, rulePack, vintageOf } from '../../../../libs/domain/src';
import { nextCounter } from '../../../../libs/persistence/src';
import { issuanceWorkflowId } from '../../../../libs/temporal/src';
import { CaseQueries, CaseRow } from '../cases/case.service';

const CASE_COLUMNS = `c.case_no AS "caseNo", c.status, c.round, c.jurisdiction, c.organisation_id AS "organisationId", o.name AS "organisationName",
  c.verifier_organisation_id AS "verifierOrganisationId", v.name AS "verifierName",
  c.project_id AS "projectId", p.name AS "projectName", p.registration_no AS "registrationNo",
  to_char(c.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(c.period_end, 'YYYY-MM-DD') AS "periodEnd", c.vintage,
  trim_scale(c.claimed_tco2e)::text AS "claimedTco2e", trim_scale(c.audited_tco2e)::text AS "auditedTco2e", c.issued_tco2e::text AS "issuedTco2e",
  b.prefix AS "blockPrefix", b.quantity::text AS "blockQuantity",
  c.assigned_officer_id AS "assignedOfficerId", u.name AS "assignedOfficerName", c.reviewed_by AS "reviewedBy", c.signed_off_by AS "signedOffBy",
  c.deadline_kind AS "deadlineKind", c.deadline_at AS "deadlineAt", c.deadline_local AS "deadlineLocal",
  c.deadline_binds_on AS "deadlineBindsOn", c.calendar_version AS "calendarVersion", c.deadline_provisional AS "deadlineProvisional",
  c.deadline_started_at AS "deadlineStartedAt",
  c.overdue, c.escalated, c.needs_attention AS "needsAttention", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
const CASE_FROM = `issuance_cases c JOIN projects p ON p.id = c.project_id JOIN organisations o ON o.id = c.organisation_id
  LEFT JOIN organisations v ON v.id = c.verifier_organisation_id LEFT JOIN users u ON u.id = c.assigned_officer_id
  LEFT JOIN credit_blocks b ON b.id = c.block_id`;

export type IssuanceCaseRow = CaseRow & Record<string, unknown> & {
  status: IssuanceStatus;
  verifierOrganisationId: string | null;
  projectName: string;
  claimedTco2e: string;
  /** Set by the review (BJ-22); null before. */
  auditedTco2e: string | null;
  reviewedBy: string[];
};

export interface ProjectFacts {
  id: string;
  organisationId: string;
  name: string;
  projectClass: 'I' | 'II';
  registrationNo: string | null;
  registeredOn: string | null;
  creditingPeriodEnd: string;
  supervisionStatus: 'active' | 'suspended' | 'cancelled';
  jurisdiction: string;
}

/** All SQL of the issuance use cases on the API side (the workflow's writes are in CaseProjectionRepository). */
@Injectable()
export class IssuancesRepository implements CaseQueries<IssuanceCaseRow> {
  constructor(private readonly db: DataSource) {}

  async project(id: string): Promise<ProjectFacts | null> {
    const [p] = await this.db.query(
      `SELECT id, organisation_id AS "organisationId", name, project_class AS "projectClass", registration_no AS "registrationNo",
              to_char(registered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "registeredOn",
              to_char(crediting_period_end, 'YYYY-MM-DD') AS "creditingPeriodEnd", supervision_status AS "supervisionStatus", jurisdiction
       FROM projects WHERE id = $1`,
      [id],
    );
    return p ?? null;
  }

  /** BJ-21: the periods the project's live applications hold (issued or under application; the procedure table says which are live). */
  heldPeriods(projectId: string, jurisdiction: string): Promise<(MonitoringPeriod & { caseNo: string; status: string })[]> {
    return this.db.query(
      `SELECT case_no AS "caseNo", to_char(period_start, 'YYYY-MM-DD') AS start, to_char(period_end, 'YYYY-MM-DD') AS "end", status
       FROM issuance_cases WHERE project_id = $1 AND status = ANY($2) ORDER BY period_start`,
      [projectId, liveStatuses(procedureOf(jurisdiction, 'issuance'))],
    );
  }

  async organisationKind(id: string): Promise<string | null> {
    const [o] = await this.db.query(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return o?.kind ?? null;
  }

  /**
   * Creates the draft whole or not at all. Two applications racing for overlapping periods: the
   * exclusion constraint lets one in and refuses the other (BJ-21), whatever the checks before saw.
   */
  async createDraft(a: { project: ProjectFacts; period: MonitoringPeriod; claimedTco2e: string; verifierOrganisationId: string | null; userId: string; userName: string; year: number }): Promise<string> {
    try {
      return await this.db.transaction(async (m) => {
        const seq = await nextCounter(m, `${a.project.jurisdiction}-ISS`, a.year);
        const caseNo = rulePack(a.project.jurisdiction).numbers.caseNumber('issuance', a.year, seq);
        await m.query(`INSERT INTO cases (case_no, case_type) VALUES ($1, 'issuance')`, [caseNo]);
        await m.query(
          `INSERT INTO issuance_cases (case_no, workflow_id, project_id, organisation_id, verifier_organisation_id, jurisdiction, period_start, period_end,
             vintage, claimed_tco2e, status, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11)`,
          [caseNo, issuanceWorkflowId(caseNo), a.project.id, a.project.organisationId, a.verifierOrganisationId, a.project.jurisdiction,
            a.period.start, a.period.end, vintageOf(a.period), a.claimedTco2e, a.userId],
        );
        await m.query(
          `INSERT INTO case_events (case_no, idempotency_key, type, status, round, actor_user_id, actor_name, actor_role, occurred_at, data)
           VALUES ($1, $2, 'created', 'draft', 0, $3, $4, 'developer', now(), $5)`,
          [caseNo, `${issuanceWorkflowId(caseNo)}/created`, a.userId, a.userName, JSON.stringify({ period: a.period, claimedTco2e: a.claimedTco2e })],
        );
        return caseNo;
      });
    } catch (e) {
      if ((e as { constraint?: string }).constraint === 'issuance_cases_periods_disjoint') {
        throw new DomainError('INELIGIBLE', 'BJ-21: the monitoring period overlaps another application of this project filed at the same time.', {
          reasons: ['BJ-21: the monitoring period overlaps another application of this project filed at the same time.'],
        });
      }
      throw e;
    }
  }

  async findCase(caseNo: string): Promise<IssuanceCaseRow | null> {
    const rows = await this.db.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.case_no = $1`, [caseNo]);
    return rows[0] ?? null;
  }

  /** Developers see their organisation's cases, verifiers the cases naming them, registry staff everything. */
  listCases(filter: { organisationId?: string; verifierOrganisationId?: string; status?: string }): Promise<IssuanceCaseRow[]> {
    return this.db.query(
      `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
       WHERE ($1::uuid IS NULL OR c.organisation_id = $1) AND ($2::uuid IS NULL OR c.verifier_organisation_id = $2) AND ($3::text IS NULL OR c.status = $3)
       ORDER BY c.created_at DESC LIMIT 500`,
      [filter.organisationId ?? null, filter.verifierOrganisationId ?? null, filter.status ?? null],
    );
  }

  /** Cases in `statuses` assigned to the officer or unclaimed (any officer, when null), overdue first, then by deadline. */
  worklist(statuses: string[], officerId: string | null): Promise<IssuanceCaseRow[]> {
    return this.db.query(
      `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
       WHERE c.status = ANY($1) AND ($2::uuid IS NULL OR c.assigned_officer_id = $2 OR c.assigned_officer_id IS NULL)
       ORDER BY c.overdue DESC, c.deadline_at ASC NULLS LAST, c.created_at ASC`,
      [statuses, officerId],
    );
  }
}
