import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor, Role } from '../../libs/domain/src';
import type { OrganisationKind } from '../../libs/persistence/src';

/**
 * Registry rows the bench starts from, written straight to the database: what earlier steps of the process
 * (registration, review) would have produced, so a section measures only its own step. Names carry a tag, so
 * sections sharing one database never collide.
 */

export const benchTag = () => randomUUID().slice(0, 8);

export async function insertOrganisation(db: DataSource, name: string, kind: OrganisationKind): Promise<string> {
  const [{ id }] = await db.query(`INSERT INTO organisations (name, kind, jurisdiction) VALUES ($1, $2, 'BJ') RETURNING id`, [name, kind]);
  return id;
}

export async function insertUser(db: DataSource, organisationId: string, role: Role, name: string): Promise<Actor> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@bench.example`;
  const [{ id }] = await db.query(`INSERT INTO users (organisation_id, role, name, email) VALUES ($1, $2, $3, $4) RETURNING id`, [organisationId, role, name, email]);
  return { userId: id, organisationId, role, name };
}

/** A published tier-1 methodology version. */
export async function insertMethodologyVersion(db: DataSource, publishedBy: string): Promise<string> {
  const [{ id: methodologyId }] = await db.query(`INSERT INTO methodologies (code, title, jurisdiction) VALUES ($1, 'Bench PV', 'BJ') RETURNING id`, [`BENCH-M-${benchTag()}`]);
  const [{ id }] = await db.query(
    `INSERT INTO methodology_versions (methodology_id, version, tier, status, applicability_conditions, project_boundary, accounting_method,
       monitoring_method, crediting_period_rules, published_at, published_by) VALUES ($1, '1.0', 1, 'published', 'a', 'b', 'c', 'd', 'e', now(), $2) RETURNING id`,
    [methodologyId, publishedBy],
  );
  return id;
}

/** A Class I project registered on 2025-01-15, crediting 2024-03-01…2034-02-28 (monitoring periods of 2025 are eligible). */
export async function insertRegisteredProject(db: DataSource, organisationId: string, methodologyVersionId: string): Promise<{ projectId: string; registrationNo: string }> {
  const tag = benchTag();
  const registrationNo = `BJ-TPH-I-2025-${tag}`;
  const [{ id }] = await db.query(
    `INSERT INTO projects (organisation_id, name, jurisdiction, location, methodology_version_id, site_identifiers, implementation_start_date,
       crediting_period_start, crediting_period_end, project_class, registration_no, registered_at)
     VALUES ($1, $2, 'BJ', '北京市海淀区', $3, $4, '2024-03-01', '2024-03-01', '2034-02-28', 'I', $5, '2025-01-15T10:00:00+08:00') RETURNING id`,
    [organisationId, `Bench PV ${tag}`, methodologyVersionId, [`BENCH-SITE-${tag}`], registrationNo],
  );
  return { projectId: id, registrationNo };
}

let signOffSeq = 0;

/**
 * An issuance case for monitoring period 2025 that passed review with `tco2e` audited and waits for the bureau's
 * sign-off. Numbered BJ-ISS-2025-9xxxxx, a range the case-number counter does not reach in a bench run.
 */
export async function insertSignOffReadyCase(db: DataSource, c: { projectId: string; owner: Actor; reviewer: Actor; tco2e: string }): Promise<string> {
  const caseNo = `BJ-ISS-2025-${String(900_000 + ++signOffSeq)}`;
  await db.query(`INSERT INTO cases (case_no, case_type) VALUES ($1, 'issuance')`, [caseNo]);
  await db.query(
    `INSERT INTO issuance_cases (case_no, workflow_id, project_id, organisation_id, jurisdiction, period_start, period_end, vintage, claimed_tco2e,
       audited_tco2e, status, round, reviewed_by, created_by)
     VALUES ($1, $2, $3, $4, 'BJ', '2025-02-01', '2025-12-31', 2025, $5, $5, 'awaiting_signoff', 1, $6, $7)`,
    [caseNo, `issuance/${caseNo}`, c.projectId, c.owner.organisationId, c.tco2e, [c.reviewer.userId], c.owner.userId],
  );
  return caseNo;
}
