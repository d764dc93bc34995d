import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DigestEntry {
  caseNo: string | null;
  kind: string;
  message: string;
  createdAt: string;
  deadlineAt: string | null;
}

/**
 * Daily digests (issue 10): the notifications users chose to get once a day. A digest per user and Beijing day
 * (unique), holding every entry that waited until it was made; a digest already sent is never added to.
 */
@Injectable()
export class NotificationDigestRepository {
  constructor(private readonly db: DataSource) {}

  /** Makes the day's digests of everyone with entries waiting since before `until`, and puts those entries in them. */
  async prepare(day: string, until: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO notification_digests (user_id, digest_day, email)
         SELECT e.user_id, $1, u.email FROM notification_digest_entries e JOIN users u ON u.id = e.user_id
         WHERE e.digest_id IS NULL AND e.created_at <= $2 AND u.active AND u.deleted_at IS NULL
         GROUP BY e.user_id, u.email
         ON CONFLICT (user_id, digest_day) DO NOTHING`,
        [day, until],
      );
      await m.query(
        `UPDATE notification_digest_entries e SET digest_id = d.id FROM notification_digests d
         WHERE d.user_id = e.user_id AND d.digest_day = $1 AND d.status = 'pending' AND e.digest_id IS NULL AND e.created_at <= $2`,
        [day, until],
      );
    });
  }

  /** Digests not sent yet (today's and any earlier day's that failed), oldest first. */
  pending(): Promise<{ id: string; email: string; digestDay: string }[]> {
    return this.db.query(`SELECT id, email, to_char(digest_day, 'YYYY-MM-DD') AS "digestDay" FROM notification_digests WHERE status = 'pending' ORDER BY digest_day, id`);
  }

  async entries(digestId: string): Promise<DigestEntry[]> {
    const rows = await this.db.query(
      `SELECT n.case_no AS "caseNo", n.kind, n.message, n.created_at AS "createdAt", n.deadline_at AS "deadlineAt"
       FROM notification_digest_entries e JOIN notifications n ON n.id = e.notification_id WHERE e.digest_id = $1 ORDER BY n.created_at, n.id`,
      [digestId],
    );
    return rows.map((r: { createdAt: Date; deadlineAt: Date | null } & DigestEntry) => ({
      ...r, createdAt: new Date(r.createdAt).toISOString(), deadlineAt: r.deadlineAt ? new Date(r.deadlineAt).toISOString() : null,
    }));
  }

  async sent(id: string, response: string): Promise<void> {
    await this.db.query(`UPDATE notification_digests SET status = 'sent', sent_at = now(), response = $2, attempts = attempts + 1 WHERE id = $1 AND status = 'pending'`, [id, response]);
  }

  async failed(id: string, error: string): Promise<void> {
    await this.db.query(`UPDATE notification_digests SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error.slice(0, 2000)]);
  }
}
