import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../../libs/domain/src';
import { DocumentContent, DocumentStore } from './document-store';

/**
 * What every case has, whatever its type (registration or issuance): the timeline, the publicity rounds
 * with their comments, and the documents (content-addressed, BJ-31). All keyed by case number.
 */
@Injectable()
export class CaseRecordsRepository {
  constructor(
    private readonly db: DataSource,
    // Scripts and tests that build the repository themselves get the one store there is.
    private readonly store: DocumentStore = new DocumentStore(db),
  ) {}

  timeline(caseNo: string) {
    return this.db.query(
      `SELECT id, type, status, round, actor_user_id AS "actorUserId", actor_name AS "actorName", actor_role AS "actorRole",
              occurred_at AS "occurredAt", data
       FROM case_events WHERE case_no = $1 ORDER BY id`,
      [caseNo],
    );
  }

  publicityRounds(caseNo: string) {
    return this.db.query(
      `SELECT n.id, n.round, n.status, n.opened_at AS "openedAt", n.closes_at AS "closesAt", n.closed_at AS "closedAt",
              n.standing_comments AS "standingComments",
              COALESCE(json_agg(json_build_object('id', c.id, 'authorName', c.author_name, 'body', c.body, 'submittedAt', c.submitted_at,
                'dismissedAt', c.dismissed_at, 'dismissedReason', c.dismissed_reason, 'dismissedNote', c.dismissed_note) ORDER BY c.submitted_at)
                FILTER (WHERE c.id IS NOT NULL), '[]') AS comments
       FROM publicity_notices n LEFT JOIN publicity_comments c ON c.notice_id = n.id
       WHERE n.case_no = $1 GROUP BY n.id ORDER BY n.round`,
      [caseNo],
    );
  }

  documents(caseNo: string) {
    return this.db.query(
      `SELECT id, kind, filename, content_type AS "contentType", sha256, size_bytes AS "sizeBytes", round, uploaded_at AS "uploadedAt"
       FROM case_documents WHERE case_no = $1 ORDER BY uploaded_at, id`,
      [caseNo],
    );
  }

  /** Content-addressed: the bytes are stored once per digest (DocumentStore); the case document references them (BJ-31). */
  async addDocument(d: { caseNo: string; kind: string; filename: string; contentType: string; content: DocumentContent; round: number; userId: string }) {
    return this.db.transaction(async (m) => {
      const stored = await this.store.put(m, d.content);
      const [row] = await m.query(
        `INSERT INTO case_documents (case_no, kind, filename, content_type, sha256, size_bytes, round, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, kind, filename, content_type AS "contentType", sha256, size_bytes AS "sizeBytes", round, uploaded_at AS "uploadedAt"`,
        [d.caseNo, d.kind, d.filename, d.contentType, stored.sha256, stored.sizeBytes, d.round, d.userId],
      );
      return row;
    });
  }

  /** A document's description, and its bytes as they are read (nothing is read until the caller asks). */
  async documentContent(caseNo: string, id: string) {
    const [d] = await this.db.query(
      `SELECT filename, content_type AS "contentType", sha256, size_bytes AS "sizeBytes" FROM case_documents WHERE case_no = $1 AND id = $2`,
      [caseNo, id],
    );
    if (!d) return null;
    const { filename, contentType, sha256, sizeBytes } = d as { filename: string; contentType: string; sha256: string; sizeBytes: number };
    return { filename, contentType, sha256, sizeBytes, content: this.store.content(sha256, sizeBytes) };
  }

  /** Documents named in a step (supplement, revision) must be this case's own. */
  async assertDocumentsOnCase(caseNo: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM case_documents WHERE case_no = $1 AND id = ANY($2::uuid[])`, [caseNo, ids]);
    if (n !== new Set(ids).size) throw new DomainError('VALIDATION_FAILED', `Some documentIds are not documents of ${caseNo}.`);
  }

  /** Who a case can be assigned to: an active officer. */
  async activeOfficer(userId: string): Promise<{ id: string; name: string }> {
    const [o] = await this.db.query(`SELECT id, name FROM users WHERE id = $1 AND role = 'officer' AND active`, [userId]);
    if (!o) throw new DomainError('VALIDATION_FAILED', `User ${userId} is not an active officer.`);
    return o;
  }
}
