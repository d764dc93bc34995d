import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../../libs/domain/src';

const NOTICE = `n.id, n.case_no AS "caseNo", n.round, n.title, n.summary, n.status, n.opened_at AS "openedAt", n.closes_at AS "closesAt",
  to_char(n.closes_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS "closesAtLocal", n.calendar_version AS "calendarVersion",
  n.closed_at AS "closedAt", n.standing_comments AS "standingComments"`;

@Injectable()
export class PublicityRepository {
  constructor(private readonly db: DataSource) {}

  listOpen() {
    return this.db.query(`SELECT ${NOTICE} FROM publicity_notices n WHERE n.status = 'open' ORDER BY n.closes_at, n.id`);
  }

  async get(id: string) {
    const [notice] = await this.db.query(`SELECT ${NOTICE} FROM publicity_notices n WHERE n.id = $1`, [id]);
    if (!notice) throw new DomainError('NOT_FOUND', 'No such publicity notice.');
    const comments = await this.db.query(
      `SELECT id, author_name AS "authorName", body, submitted_at AS "submittedAt", dismissed_at IS NOT NULL AS dismissed,
              dismissed_reason AS "dismissedReason"
       FROM publicity_comments WHERE notice_id = $1 ORDER BY submitted_at, id`,
      [id],
    );
    return { ...notice, comments };
  }

  /**
   * A comment is accepted only while the notice is open: the notice row is share-locked, so a comment
   * racing the workflow's close is either in before the count or refused after it.
   */
  async addComment(noticeId: string, c: { authorName: string; contact?: string; body: string }, now: Date) {
    return this.db.transaction(async (m) => {
      const [n] = await m.query(`SELECT status, closes_at FROM publicity_notices WHERE id = $1 FOR SHARE`, [noticeId]);
      if (!n) throw new DomainError('NOT_FOUND', 'No such publicity notice.');
      if (n.status !== 'open' || new Date(n.closes_at) <= now) {
        const local = new Date(new Date(n.closes_at).getTime() + 8 * 3600_000).toISOString().replace('.000Z', '+08:00');
        throw new DomainError('PUBLICITY_CLOSED', `This publicity closed at ${local}; comments are no longer accepted.`, { closesAt: n.closes_at });
      }
      const [row] = await m.query(
        `INSERT INTO publicity_comments (notice_id, body, author_name, author_contact, submitted_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, author_name AS "authorName", body, submitted_at AS "submittedAt"`,
        [noticeId, c.body, c.authorName, c.contact ?? null, now],
      );
      return row;
    });
  }
}
