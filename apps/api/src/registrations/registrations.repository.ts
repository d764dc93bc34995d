import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { defaultCreditingPeriodEnd, DomainError, formatCaseNumber, normaliseIdentifier, REGISTRY_ACTION_STATUSES, RegistrationAttestations, RegistrationStatus } from '../../../../libs/domain/src';
import { MethodologyVersionEntity, nextCounter } from '../../../../libs/persistence/src';
import { registrationWorkflowId } from '../../../../libs/temporal/src';
import { ProjectDto } from './registration.dto';

const CASE_COLUMNS = `c.case_no AS "caseNo", c.status, c.round, c.organisation_id AS "organisationId", o.name AS "organisationName",
  c.project_id AS "projectId", p.name AS "projectName", p.location, p.site_identifiers AS "siteIdentifiers",
  to_char(p.implementation_start_date, 'YYYY-MM-DD') AS "implementationStartDate", p.project_class AS "projectClass",
  to_char(p.crediting_period_end, 'YYYY-MM-DD') AS "creditingPeriodEnd", p.supervision_status AS "supervisionStatus",
  p.registration_no AS "registrationNo", p.methodology_version_id AS "methodologyVersionId",
  c.assigned_officer_id AS "assignedOfficerId", u.name AS "assignedOfficerName", c.attestations,
  c.deadline_kind AS "deadlineKind", c.deadline_at AS "deadlineAt", c.deadline_local AS "deadlineLocal",
  c.deadline_binds_on AS "deadlineBindsOn", c.calendar_version AS "calendarVersion", c.deadline_provisional AS "deadlineProvisional",
  c.overdue, c.escalated, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
const CASE_FROM = `registration_cases c JOIN projects p ON p.id = c.project_id JOIN organisations o ON o.id = c.organisation_id
  LEFT JOIN users u ON u.id = c.assigned_officer_id`;

export type CaseRow = Record<string, unknown> & { caseNo: string; status: RegistrationStatus; organisationId: string };

/** All SQL of the registration use cases on the API side (the workflow's writes are in CaseProjectionRepository). */
@Injectable()
export class RegistrationsRepository {
  constructor(private readonly db: DataSource) {}

  methodologyVersion(id: string): Promise<MethodologyVersionEntity | null> {
    return this.db.getRepository(MethodologyVersionEntity).findOneBy({ id });
  }

  /**
   * Creates project + draft case + identifier claims in one transaction: either the whole application
   * exists or nothing does. BJ-14 is enforced by the partial unique index on live claims.
   */
  async createDraft(a: { organisationId: string; jurisdiction: string; userId: string; userName?: string; project: ProjectDto; attestations: RegistrationAttestations; year: number }): Promise<string> {
    try {
      return await this.db.transaction(async (m) => {
        const seq = await nextCounter(m, `${a.jurisdiction}-REG`, a.year);
        const caseNo = formatCaseNumber(a.jurisdiction, 'REG', a.year, seq);
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
        await m.query(`INSERT INTO project_identifier_claims (identifier, case_no) SELECT unnest($1::text[]), $2`, [
          [...new Set(a.project.siteIdentifiers.map(normaliseIdentifier))],
          caseNo,
        ]);
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

  async findCase(caseNo: string): Promise<CaseRow | null> {
    const rows = await this.db.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.case_no = $1`, [caseNo]);
    return rows[0] ?? null;
  }

  listCases(filter: { organisationId?: string; status?: string }): Promise<CaseRow[]> {
    return this.db.query(
      `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
       WHERE ($1::uuid IS NULL OR c.organisation_id = $1) AND ($2::text IS NULL OR c.status = $2)
       ORDER BY c.created_at DESC LIMIT 500`,
      [filter.organisationId ?? null, filter.status ?? null],
    );
  }

  /** Cases waiting for this officer (assigned to them, or unclaimed), soonest deadline first. */
  worklist(officerId: string): Promise<CaseRow[]> {
    return this.db.query(
      `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
       WHERE c.status = ANY($2) AND (c.assigned_officer_id = $1 OR c.assigned_officer_id IS NULL)
       ORDER BY c.overdue DESC, c.deadline_at ASC NULLS LAST, c.created_at ASC`,
      [officerId, [...REGISTRY_ACTION_STATUSES]],
    );
  }

  timeline(caseNo: string) {
    return this.db.query(
      `SELECT id, type, status, round, actor_user_id AS "actorUserId", actor_name AS "actorName", actor_role AS "actorRole",
              occurred_at AS "occurredAt", data
       FROM case_events WHERE case_no = $1 ORDER BY id`,
      [caseNo],
    );
  }

  publicityRounds(caseNo: string) {
    return this.db.query(
      `SELECT n.id, n.round, n.status, n.opened_at AS "openedAt", n.closes_at AS "closesAt", n.closed_at AS "closedAt",
              n.standing_comments AS "standingComments",
              COALESCE(json_agg(json_build_object('id', c.id, 'authorName', c.author_name, 'body', c.body, 'submittedAt', c.submitted_at,
                'dismissedAt', c.dismissed_at, 'dismissedReason', c.dismissed_reason, 'dismissedNote', c.dismissed_note) ORDER BY c.submitted_at)
                FILTER (WHERE c.id IS NOT NULL), '[]') AS comments
       FROM publicity_notices n LEFT JOIN publicity_comments c ON c.notice_id = n.id
       WHERE n.case_no = $1 GROUP BY n.id ORDER BY n.round`,
      [caseNo],
    );
  }

  documents(caseNo: string) {
    return this.db.query(
      `SELECT id, kind, filename, content_type AS "contentType", sha256, size_bytes AS "sizeBytes", round, uploaded_at AS "uploadedAt"
       FROM case_documents WHERE case_no = $1 ORDER BY uploaded_at, id`,
      [caseNo],
    );
  }

  /** Content-addressed: the blob is stored once per digest; the case document references it (BJ-31). */
  async addDocument(d: { caseNo: string; kind: string; filename: string; contentType: string; content: Buffer; round: number; userId: string }) {
    const sha256 = createHash('sha256').update(d.content).digest('hex');
    return this.db.transaction(async (m) => {
      await m.query(`INSERT INTO document_blobs (sha256, content, size_bytes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [sha256, d.content, d.content.length]);
      const [row] = await m.query(
        `INSERT INTO case_documents (case_no, kind, filename, content_type, sha256, size_bytes, round, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, kind, filename, content_type AS "contentType", sha256, size_bytes AS "sizeBytes", round, uploaded_at AS "uploadedAt"`,
        [d.caseNo, d.kind, d.filename, d.contentType, sha256, d.content.length, d.round, d.userId],
      );
      return row;
    });
  }

  async documentContent(caseNo: string, id: string): Promise<{ filename: string; contentType: string; sha256: string; content: Buffer } | null> {
    const rows = await this.db.query(
      `SELECT d.filename, d.content_type AS "contentType", d.sha256, b.content FROM case_documents d JOIN document_blobs b ON b.sha256 = d.sha256
       WHERE d.case_no = $1 AND d.id = $2`,
      [caseNo, id],
    );
    return rows[0] ?? null;
  }

  async documentsBelongToCase(caseNo: string, ids: string[]): Promise<boolean> {
    if (!ids.length) return true;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM case_documents WHERE case_no = $1 AND id = ANY($2::uuid[])`, [caseNo, ids]);
    return n === new Set(ids).size;
  }

  async officer(userId: string): Promise<{ id: string; name: string } | null> {
    const rows = await this.db.query(`SELECT id, name FROM users WHERE id = $1 AND role = 'officer' AND active`, [userId]);
    return rows[0] ?? null;
  }
}
