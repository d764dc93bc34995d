import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Users' notification choices and organisations' shared mailboxes (issue 10). */
@Injectable()
export class PreferencesRepository {
  constructor(private readonly db: DataSource) {}

  async of(userId: string): Promise<{ email: string; sharedMailbox: string | null; chosen: Map<string, string> }> {
    const [[user], rows] = await Promise.all([
      this.db.query(`SELECT u.email, o.shared_mailbox AS "sharedMailbox" FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, [userId]),
      this.db.query(`SELECT kind, delivery FROM notification_preferences WHERE user_id = $1`, [userId]),
    ]);
    return { email: user.email, sharedMailbox: user.sharedMailbox, chosen: new Map(rows.map((r: { kind: string; delivery: string }) => [r.kind, r.delivery])) };
  }

  async choose(userId: string, kind: string, delivery: string): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, kind, delivery) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery, updated_at = now()`,
      [userId, kind, delivery],
    );
  }

  /** Null when there is no such organisation. */
  async setSharedMailbox(organisationId: string, address: string | null): Promise<{ organisationId: string; sharedMailbox: string | null } | null> {
    const [rows] = await this.db.query(`UPDATE organisations SET shared_mailbox = $2 WHERE id = $1 RETURNING id AS "organisationId", shared_mailbox AS "sharedMailbox"`, [organisationId, address]);
    return rows[0] ?? null;
  }

  async sharedMailbox(organisationId: string): Promise<{ organisationId: string; sharedMailbox: string | null } | null> {
    const [row] = await this.db.query(`SELECT id AS "organisationId", shared_mailbox AS "sharedMailbox" FROM organisations WHERE id = $1`, [organisationId]);
    return row ?? null;
  }
}
