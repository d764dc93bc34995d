import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../../libs/domain/src';
import { shanghaiDateTime } from '../../../../libs/domain/src/calendar';

const NOTICE = `n.id, n.case_no AS "caseNo", n.round, n.title, n.summary, n.status, n.opened_at AS "openedAt", n.closes_at AS "closesAt",
  n.calendar_version AS "calendarVersion",
  n.closed_at AS "closedAt", n.standing_comments AS "standingComments",
  (SELECT c.status FROM case_overview c WHERE c.case_no = n.case_no) AS "caseStatus"`;

@Injectable()
export class PublicityRepository {
  constructor(private readonly db: DataSource) {}

  async listOpen() {
    const rows = await this.db.query(`SELECT ${NOTICE} FROM publicity_notices n WHERE n.status = 'open' ORDER BY n.closes_at, n.id`);
    return rows.map(withLocalClose);
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
    return { ...withLocalClose(notice), comments };
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
        throw new DomainError('PUBLICITY_CLOSED', `This publicity closed at ${shanghaiDateTime(new Date(n.closes_at))}; comments are no longer accepted.`, { closesAt: n.closes_at });
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

/** Every party sees the closing date-time as Beijing wall-clock time (CAL-3). */
const withLocalClose = <T extends { closesAt: Date }>(n: T) => ({ ...n, closesAtLocal: shanghaiDateTime(new Date(n.closesAt)) });
