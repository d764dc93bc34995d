import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseType } from '../../../../libs/domain/src';

/** One row of the worklist as read from `case_overview` (every case type), before its working days are counted. */
export interface WorklistRow {
  caseNo: string;
  caseType: CaseType;
  status: string;
  round: number;
  organisationName: string;
  projectName: string;
  registrationNo: string | null;
  assignedOfficerId: string | null;
  assignedOfficerName: string | null;
  deadlineKind: string | null;
  deadlineAt: Date | null;
  deadlineLocal: string | null;
  deadlineBindsOn: string | null;
  deadlineProvisional: boolean;
  overdue: boolean;
  escalated: boolean;
  needsAttention: boolean;
  updatedAt: Date;
}

export interface WorklistFilter {
  /** Per case type, the statuses to show (a type absent or empty: none of its cases). */
  statuses: Partial<Record<CaseType, string[]>>;
  /** `null`: anyone's; otherwise cases assigned to this officer and/or unclaimed ones. */
  officer: { id: string; mine: boolean; unclaimed: boolean } | null;
  overdue?: boolean;
  needsAttention?: boolean;
  dueBefore?: string;
}

/** Most rows one worklist answers: more than any desk works through in a day; narrow with the filters. */
export const WORKLIST_LIMIT = 500;

/** The cross-case-type reads of the case projection (its writes are CaseProjectionRepository's). */
@Injectable()
export class CaseOverviewRepository {
  constructor(private readonly db: DataSource) {}

  /** Cases of every type matching the filter: overdue first, then by running deadline, then oldest. */
  worklist(f: WorklistFilter): Promise<WorklistRow[]> {
    const { sql, params } = worklistStatement(f);
    return this.db.query(sql, params);
  }
}

/** The worklist's SQL and parameters, apart from running them (`npm run bench -- scale` explains this very statement). */
export function worklistStatement(f: WorklistFilter): { sql: string; params: unknown[] } {
  return {
    // The page is chosen from the case rows alone (in index order: migration 1764100000510), then each of its rows looks
    // up its names by key: that costs the page's rows, where a join was planned as a hash of every project.
    sql: `SELECT c.case_no AS "caseNo", c.case_type AS "caseType", c.status, c.round,
              (SELECT o.name FROM organisations o WHERE o.id = c.organisation_id) AS "organisationName",
              (SELECT p.name FROM projects p WHERE p.id = c.project_id) AS "projectName",
              (SELECT p.registration_no FROM projects p WHERE p.id = c.project_id) AS "registrationNo",
              c.assigned_officer_id AS "assignedOfficerId", (SELECT u.name FROM users u WHERE u.id = c.assigned_officer_id) AS "assignedOfficerName",
              c.deadline_kind AS "deadlineKind", c.deadline_at AS "deadlineAt", c.deadline_local AS "deadlineLocal",
              c.deadline_binds_on AS "deadlineBindsOn", c.deadline_provisional AS "deadlineProvisional", c.overdue, c.escalated,
              c.needs_attention AS "needsAttention", c.updated_at AS "updatedAt"
       FROM (SELECT * FROM case_overview c
             WHERE ((c.case_type = 'registration' AND c.status = ANY($1)) OR (c.case_type = 'issuance' AND c.status = ANY($2)))
               AND ($3::uuid IS NULL OR ($4 AND c.assigned_officer_id = $3) OR ($5 AND c.assigned_officer_id IS NULL))
               AND ($6::boolean IS NULL OR c.overdue = $6)
               AND ($7::boolean IS NULL OR c.needs_attention = $7)
               AND ($8::timestamptz IS NULL OR c.deadline_at < $8)
             ORDER BY c.overdue DESC, c.deadline_at ASC NULLS LAST, c.created_at ASC
             LIMIT ${WORKLIST_LIMIT}) c
       ORDER BY c.overdue DESC, c.deadline_at ASC NULLS LAST, c.created_at ASC`,
    params: [
      f.statuses.registration ?? [], f.statuses.issuance ?? [],
      f.officer?.id ?? null, f.officer?.mine ?? false, f.officer?.unclaimed ?? false,
      f.overdue ?? null, f.needsAttention ?? null, f.dueBefore ?? null,
    ],
  };
}
