import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeliveryAttemptView, DeliveryDetailView, DeliverySummaryView, DeliveryView } from './deliveries.views';

const VIEW = `d.id, d.stream, d.channel, d.lane, n.kind, d.recipients, d.status, d.attempts, d.last_attempt_at AS "lastAttemptAt",
  d.last_error AS "lastError", d.outcome, d.created_at AS "createdAt", d.finished_at AS "finishedAt"`;

/** Operators' reads of the notification outbox (issue 10), and putting a failed delivery back in the queue. */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly db: DataSource) {}

  async summary(): Promise<DeliverySummaryView> {
    const [head] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, min(created_at) FILTER (WHERE status = 'pending') AS "oldestPendingAt",
              count(*) FILTER (WHERE status = 'pending' AND attempts > 0)::int AS retrying, count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM notification_deliveries`,
    );
    const byChannel = await this.db.query(
      `SELECT channel, status, count(*)::int AS count FROM notification_deliveries GROUP BY channel, status ORDER BY channel, status`,
    );
    return { ...head, byChannel };
  }

  /** Newest first; pending ones oldest first (the backlog in the order it will go out). */
  list(q: { status?: string; stream?: string; limit?: number }): Promise<DeliveryView[]> {
    const order = q.status === 'pending' ? 'd.seq' : 'd.seq DESC';
    return this.db.query(
      `SELECT ${VIEW} FROM notification_deliveries d LEFT JOIN notifications n ON n.id = d.notification_id
       WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.stream = $2) ORDER BY ${order} LIMIT $3`,
      [q.status ?? null, q.stream ?? null, q.limit ?? 50],
    );
  }

  async get(id: string): Promise<DeliveryDetailView | null> {
    const [d] = await this.db.query(`SELECT ${VIEW} FROM notification_deliveries d LEFT JOIN notifications n ON n.id = d.notification_id WHERE d.id = $1`, [id]);
    if (!d) return null;
    return { ...d, attemptLog: await this.attempts(id) };
  }

  attempts(id: string): Promise<DeliveryAttemptView[]> {
    return this.db.query(
      `SELECT attempt, started_at AS "startedAt", duration_ms AS "durationMs", ok, response, error FROM notification_delivery_attempts
       WHERE delivery_id = $1 ORDER BY attempt`,
      [id],
    );
  }

  /** A failed delivery goes back to pending (its attempts stay on record); null when it is not failed. */
  async requeue(id: string): Promise<{ stream: string } | null> {
    const [rows] = await this.db.query(
      `UPDATE notification_deliveries SET status = 'pending', finished_at = NULL, outcome = NULL WHERE id = $1 AND status = 'failed' RETURNING stream`,
      [id],
    );
    return rows[0] ?? null;
  }
}
