import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StoredNotification } from './case-projection.repository';

/**
 * The users a notification is addressed to — one user, an organisation's users (of a role), or everyone in a role —
 * as the inbox reads them (apps/api notifications: MINE), from the other side. Active, not deleted.
 */
export const ADDRESSED_USERS = `u.active AND u.deleted_at IS NULL AND (
  u.id = $1 OR (u.organisation_id = $2 AND ($3::text IS NULL OR u.role = $3)) OR ($1::uuid IS NULL AND $2::uuid IS NULL AND u.role = $3))`;

/** Whom the e-mail channel writes to (issue 10), and what it says about the case. */
@Injectable()
export class EmailAudienceRepository {
  constructor(private readonly db: DataSource) {}

  /** In the step's transaction: the addresses this notification is e-mailed to. */
  async addressees(m: EntityManager, n: StoredNotification, emailByDefault: boolean): Promise<string[]> {
    if (!emailByDefault) return [];
    const rows: { email: string }[] = await m.query(
      `SELECT DISTINCT u.email FROM users u WHERE ${ADDRESSED_USERS} AND u.email <> '' ORDER BY u.email`,
      [n.recipientUserId, n.recipientOrganisationId, n.recipientRole],
    );
    return rows.map((r) => r.email);
  }

  async caseFacts(caseNo: string): Promise<{ caseType: 'registration' | 'issuance'; projectName: string } | null> {
    const [row] = await this.db.query(
      `SELECT c.case_type AS "caseType", p.name AS "projectName" FROM case_overview c JOIN projects p ON p.id = c.project_id WHERE c.case_no = $1`,
      [caseNo],
    );
    return row ?? null;
  }
}
