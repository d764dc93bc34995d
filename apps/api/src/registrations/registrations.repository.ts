import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defaultCreditingPeriodEnd, DomainError, RegistrationAttestations, RegistrationStatus, rulePack } from '../../../../libs/domain/src';
import { MethodologyVersionEntity, nextCounter } from '../../../../libs/persistence/src';
import { registrationWorkflowId } from '../../../../libs/temporal/src';
import { CaseQueries, CaseRow } from '../cases/case.service';
import { ProjectDto } from './registration.dto';

const CASE_COLUMNS = `c.case_no AS "caseNo", c.status, c.round, c.jurisdiction, c.organisation_id AS "organisationId", o.name AS "organisationName",
  c.project_id AS "projectId", p.name AS "projectName", p.location, p.site_identifiers AS "siteIdentifiers",
  to_char(p.implementation_start_date, 'YYYY-MM-DD') AS "implementationStartDate", p.project_class AS "projectClass",
  to_char(p.crediting_period_end, 'YYYY-MM-DD') AS "creditingPeriodEnd", p.supervision_status AS "supervisionStatus",
  p.registration_no AS "registrationNo", p.methodology_version_id AS "methodologyVersionId",
  c.assigned_officer_id AS "assignedOfficerId", u.name AS "assignedOfficerName", c.attestations,
  c.deadline_kind AS "deadlineKind", c.deadline_at AS "deadlineAt", c.deadline_local AS "deadlineLocal",
  c.deadline_binds_on AS "deadlineBindsOn", c.calendar_version AS "calendarVersion", c.deadline_provisional AS "deadlineProvisional",
  c.deadline_started_at AS "deadlineStartedAt",
  c.overdue, c.escalated, c.needs_attention AS "needsAttention", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
const CASE_FROM = `registration_cases c JOIN projects p ON p.id = c.project_id JOIN organisations o ON o.id = c.organisation_id
  LEFT JOIN users u ON u.id = c.assigned_officer_id`;

export type RegistrationCaseRow = CaseRow & Record<string, unknown> & { status: RegistrationStatus; projectName: string; siteIdentifiers: string[] };

/** All SQL of the registration use cases on the API side (the workflow's writes are in CaseProjectionRepository). */
@Injectable()
export class RegistrationsRepository implements CaseQueries<RegistrationCaseRow> {
  constructor(private readonly db: DataSource) {}

  methodologyVersion(id: string): Promise<MethodologyVersionEntity | null> {
    return this.db.getRepository(MethodologyVersionEntity).findOneBy({ id });
  }

  /**
   * Creates project + draft case + identifier claims in one transaction: either the whole application
   * exists or nothing does. BJ-14 is enforced by the partial unique index on live claims.
   */
  async createDraft(a: {
    organisationId: string; jurisdiction: string; userId: string; userName?: string; project: ProjectDto; attestations: RegistrationAttestations; year: number;
    /** BJ-14: the skeletons of the project's site identifiers (the project keeps the applicant's spelling). */
    identifierClaims: string[];
  }): Promise<string> {
    try {
      return await this.db.transaction(async (m) => {
        const seq = await nextCounter(m, `${a.jurisdiction}-REG`, a.year);
        const caseNo = rulePack(a.jurisdiction).numbers.caseNumber('registration', a.year, seq);
        await m.query(`INSERT INTO cases (case_no, case_type) VALUES ($1, 'registration')`, [caseNo]);
        const [{ id: projectId }] = await m.query(
          `INSERT INTO projects (organisation_id, name, jurisdiction, location, methodology_version_id, site_identifiers, implementation_start_date,
             crediting_period_start, crediting_period_end)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id`,
          [a.organisationId, a.project.name, a.jurisdiction, a.project.location, a.project.methodologyVersionId,
            a.project.siteIdentifiers, a.project.implementationStartDate,
            a.project.creditingPeriodEnd ?? defaultCreditingPeriodEnd(a.project.implementationStartDate)],
        );
        await m.query(
          `INSERT INTO registration_cases (case_no, workflow_id, project_id, organisation_id, jurisdiction, status, attestations, created_by)
           VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7)`,
          [caseNo, registrationWorkflowId(caseNo), projectId, a.organisationId, a.jurisdiction, JSON.stringify(a.attestations), a.userId],
        );
        await m.query(`INSERT INTO project_identifier_claims (identifier, case_no) SELECT unnest($1::text[]), $2`, [[...new Set(a.identifierClaims)], caseNo]);
        await m.query(
          `INSERT INTO case_events (case_no, idempotency_key, type, status, round, actor_user_id, actor_name, actor_role, occurred_at, data)
           VALUES ($1, $2, 'created', 'draft', 0, $3, $4, 'developer', now(), '{}')`,
          [caseNo, `${registrationWorkflowId(caseNo)}/created`, a.userId, a.userName ?? null],
        );
        return caseNo;
      });
    } catch (e) {
      if ((e as { constraint?: string }).constraint === 'project_identifier_claims_live') {
        throw new DomainError('DUPLICATE', `BJ-14: a project with identifier ${(e as { detail?: string }).detail?.match(/\(([^)]*)\)=\(([^)]*)\)/)?.[2] ?? ''} already has a live registration.`);
      }
      throw e;
    }
  }

  async findCase(caseNo: string): Promise<RegistrationCaseRow | null> {
    const rows = await this.db.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.case_no = $1`, [caseNo]);
    return rows[0] ?? null;
  }

  listCases(filter: { organisationId?: string; status?: string }): Promise<RegistrationCaseRow[]> {
    return this.db.query(
      `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
       WHERE ($1::uuid IS NULL OR c.organisation_id = $1) AND ($2::text IS NULL OR c.status = $2)
       ORDER BY c.created_at DESC LIMIT 500`,
      [filter.organisationId ?? null, filter.status ?? null],
    );
  }

  /** Cases in `statuses` assigned to the officer or unclaimed (any officer, when null), overdue first, then by deadline. */
  worklist(statuses: string[], officerId: string | null): Promise<RegistrationCaseRow[]> {
    return this.db.query(
      `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
       WHERE c.status = ANY($1) AND ($2::uuid IS NULL OR c.assigned_officer_id = $2 OR c.assigned_officer_id IS NULL)
       ORDER BY c.overdue DESC, c.deadline_at ASC NULLS LAST, c.created_at ASC`,
      [statuses, officerId],
    );
  }
}
