import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StoredNotification } from './case-projection.repository';

/**
 * The users a notification is addressed to — one user, an organisation's users (of a role), or everyone in a role —
 * as the inbox reads them (apps/api notifications: MINE), from the other side. Active, not deleted.
 */
export const ADDRESSED_USERS = `u.active AND u.deleted_at IS NULL AND (
  u.id = $1 OR (u.organisation_id = $2 AND ($3::text IS NULL OR u.role = $3)) OR ($1::uuid IS NULL AND $2::uuid IS NULL AND u.role = $3))`;

export type NotificationDelivery = 'inbox' | 'email' | 'digest';

/**
 * Whom the e-mail channel writes to (issue 10), and what it says about the case. Each addressed user as they chose for
 * the kind (inbox only, e-mail, daily digest; no choice: the kind's default), and the shared mailbox of their
 * organisations for kinds e-mailed by default.
 */
@Injectable()
export class EmailAudienceRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * In the step's transaction: the addresses this notification is e-mailed to now; users who want it in their daily
   * digest get a digest entry instead (once: the entry's key is user and notification).
   */
  async addressees(m: EntityManager, n: StoredNotification, emailByDefault: boolean): Promise<string[]> {
    const users: { id: string; email: string; delivery: NotificationDelivery; mailbox: string | null }[] = await m.query(
      `SELECT u.id, u.email, coalesce(p.delivery, $5) AS delivery, o.shared_mailbox AS mailbox
       FROM users u JOIN organisations o ON o.id = u.organisation_id
       LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $4
       WHERE ${ADDRESSED_USERS} ORDER BY u.email`,
      [n.recipientUserId, n.recipientOrganisationId, n.recipientRole, n.kind, emailByDefault ? 'email' : 'inbox'],
    );
    const digest = users.filter((u) => u.delivery === 'digest').map((u) => u.id);
    if (digest.length) {
      await m.query(
        `INSERT INTO notification_digest_entries (user_id, notification_id, created_at)
         SELECT unnest($1::uuid[]), n.id, n.created_at FROM notifications n WHERE n.id = $2 ON CONFLICT DO NOTHING`,
        [digest, n.id],
      );
    }
    const mailboxes = emailByDefault ? users.map((u) => u.mailbox) : [];
    const addresses = [...users.filter((u) => u.delivery === 'email').map((u) => u.email), ...mailboxes].filter((a): a is string => !!a);
    return [...new Set(addresses)];
  }

  async caseFacts(caseNo: string): Promise<{ caseType: 'registration' | 'issuance'; projectName: string } | null> {
    const [row] = await this.db.query(
      `SELECT c.case_type AS "caseType", p.name AS "projectName" FROM case_overview c JOIN projects p ON p.id = c.project_id WHERE c.case_no = $1`,
      [caseNo],
    );
    return row ?? null;
  }
}
