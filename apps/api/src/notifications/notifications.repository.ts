import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../../../libs/domain/src';

/** Addressed to me, to my organisation in my role, or to everyone in my role (e.g. all officers). */
const MINE = `(recipient_user_id = $1 OR (recipient_organisation_id = $2 AND (recipient_role IS NULL OR recipient_role = $3))
  OR (recipient_organisation_id IS NULL AND recipient_user_id IS NULL AND recipient_role = $3))`;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  inbox(a: Actor) {
    return this.db.query(
      `SELECT id, case_no AS "caseNo", kind, message, created_at AS "createdAt", read_at AS "readAt" FROM notifications
       WHERE ${MINE} ORDER BY created_at DESC, id LIMIT 200`,
      [a.userId, a.organisationId, a.role],
    );
  }

  /** True when the notification is one of mine (now marked read). */
  async markRead(a: Actor, id: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [rows] = await this.db.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $4 AND ${MINE} RETURNING id`,
      [a.userId, a.organisationId, a.role, id],
    );
    return rows.length > 0;
  }
}
