import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PROJECT_COLUMNS = `p.id, p.name, p.location, p.jurisdiction, p.project_class AS "projectClass", p.registration_no AS "registrationNo",
  p.registered_at AS "registeredAt", to_char(p.crediting_period_start, 'YYYY-MM-DD') AS "creditingPeriodStart",
  to_char(p.crediting_period_end, 'YYYY-MM-DD') AS "creditingPeriodEnd", p.supervision_status AS "supervisionStatus",
  o.id AS "organisationId", o.name AS "organisationName", m.code AS "methodologyCode", m.title AS "methodologyTitle", v.version AS "methodologyVersion",
  v.id AS "methodologyVersionId"`;
const PROJECT_FROM = `projects p JOIN organisations o ON o.id = p.organisation_id
  JOIN methodology_versions v ON v.id = p.methodology_version_id JOIN methodologies m ON m.id = v.methodology_id`;

/** Most projects one list answers; the registry's public list of registered projects is the place to see all (CSV). */
export const PROJECT_LIST_LIMIT = 1000;

export interface ProjectRow {
  id: string;
  name: string;
  location: string;
  jurisdiction: string;
  projectClass: 'I' | 'II';
  registrationNo: string | null;
  registeredAt: Date | null;
  creditingPeriodStart: string;
  creditingPeriodEnd: string;
  supervisionStatus: string;
  organisationId: string;
  organisationName: string;
  methodologyCode: string;
  methodologyTitle: string;
  methodologyVersion: string;
  methodologyVersionId: string;
}

/** Projects as applicants and the public see them (a project is created with its registration application, BJ-13). */
@Injectable()
export class ProjectsRepository {
  constructor(private readonly db: DataSource) {}

  /** An organisation's projects (all organisations', when null), registered ones first, newest first. */
  list(organisationId: string | null, registeredOnly = false): Promise<ProjectRow[]> {
    return this.db.query(
      `SELECT ${PROJECT_COLUMNS} FROM ${PROJECT_FROM}
       WHERE ($1::uuid IS NULL OR p.organisation_id = $1) AND (NOT $2 OR p.registration_no IS NOT NULL)
       ORDER BY p.registration_no IS NULL, p.registered_at DESC NULLS LAST, p.created_at DESC LIMIT ${PROJECT_LIST_LIMIT}`,
      [organisationId, registeredOnly],
    );
  }

  /** BJ-16, BJ-30: every registered (Class I) project, in registration-number order. Public. */
  registered(): Promise<ProjectRow[]> {
    return this.db.query(`SELECT ${PROJECT_COLUMNS} FROM ${PROJECT_FROM} WHERE p.registration_no IS NOT NULL ORDER BY p.registration_no`);
  }
}
