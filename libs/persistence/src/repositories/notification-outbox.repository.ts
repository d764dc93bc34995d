import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CaseEventFacts } from '../../../domain/src';
import type { StoredNotification } from './case-projection.repository';

/** A timeline event a step recorded (for webhooks), with its row id. */
export type RecordedCaseEvent = CaseEventFacts & { id: string };

/** What a case step recorded, as the outbox writer sees it inside the step's transaction. */
export interface RecordedStep {
  /** The delivery stream: deliveries of one stream go out in order (the case number). */
  stream: string;
  notifications: StoredNotification[];
  event?: RecordedCaseEvent;
}

/** A delivery a channel will make for a recorded step (channels decide inside the step's transaction). */
export interface PlannedDelivery {
  channel: string;
  /** Deliveries of one lane of a stream go out one after another, in the order they were written. */
  lane: string;
  notificationId: string | null;
  /** Whom it goes to, fixed when the step is recorded (e-mail addresses; a URL). */
  recipients: string[];
  /** A webhook delivery: the subscription, the case event and the exact body to sign and send. */
  webhook?: { subscriptionId: string; caseEventId: string; eventType: string; payload: string };
}

/**
 * Runs inside a step's transaction: writes the step's deliveries (the outbox) and answers how many it wrote. Given to
 * the projection by the worker's activities (activities/notifications); without one, a step writes the inbox only.
 */
export type OutboxWriter = (m: EntityManager, recorded: RecordedStep) => Promise<number>;

/** A pending delivery with what its channel needs to make it. */
export interface OutboxDelivery {
  id: string;
  stream: string;
  channel: string;
  lane: string;
  recipients: string[];
  attempts: number;
  createdAt: string;
  notification: (StoredNotification & { createdAt: string }) | null;
  webhook: { subscriptionId: string; eventType: string; payload: string } | null;
}

export interface DeliveryAttempt {
  startedAt: Date;
  durationMs: number;
  ok: boolean;
  response?: string | null;
  error?: string | null;
}

const MAX_TEXT = 2000;
const clip = (s: string | null | undefined) => (s == null ? null : s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

/** All SQL of the notification outbox: written with each step, read and settled by the delivery workflow. */
@Injectable()
export class NotificationOutboxRepository {
  constructor(private readonly db: DataSource) {}

  /** In the step's transaction. A repeat (same notification and channel) changes nothing: the unique key holds it. */
  async insert(m: EntityManager, stream: string, planned: PlannedDelivery[]): Promise<number> {
    let written = 0;
    for (const p of planned) {
      // Either unique key may hold it: one per notification and channel, one per case event and subscription.
      const rows = await m.query(
        `INSERT INTO notification_deliveries (stream, channel, lane, notification_id, recipients, subscription_id, case_event_id, event_type, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
        [stream, p.channel, p.lane, p.notificationId, p.recipients, p.webhook?.subscriptionId ?? null, p.webhook?.caseEventId ?? null, p.webhook?.eventType ?? null, p.webhook?.payload ?? null],
      );
      written += rows.length;
    }
    return written;
  }

  async pendingLanes(stream: string): Promise<{ lanes: string[]; pending: number }> {
    const rows: { lane: string; n: number }[] = await this.db.query(
      `SELECT lane, count(*)::int AS n FROM notification_deliveries WHERE stream = $1 AND status = 'pending' GROUP BY lane ORDER BY min(seq)`,
      [stream],
    );
    return { lanes: rows.map((r) => r.lane), pending: rows.reduce((sum, r) => sum + r.n, 0) };
  }

  async pendingCount(stream: string): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE stream = $1 AND status = 'pending'`, [stream]);
    return n;
  }

  /** The oldest pending delivery of the lane: the one to make next. */
  async head(stream: string, lane: string): Promise<OutboxDelivery | null> {
    const [row] = await this.db.query(
      `SELECT d.id, d.stream, d.channel, d.lane, d.recipients, d.attempts, d.created_at AS "createdAt",
              d.subscription_id AS "subscriptionId", d.event_type AS "eventType", d.payload,
              n.id AS "nId", n.recipient_user_id AS "recipientUserId", n.recipient_organisation_id AS "recipientOrganisationId",
              n.recipient_role AS "recipientRole", n.case_no AS "caseNo", n.kind, n.message, n.created_at AS "nCreatedAt", n.deadline_at AS "deadlineAt"
       FROM notification_deliveries d LEFT JOIN notifications n ON n.id = d.notification_id
       WHERE d.stream = $1 AND d.lane = $2 AND d.status = 'pending' ORDER BY d.seq LIMIT 1`,
      [stream, lane],
    );
    if (!row) return null;
    return {
      id: row.id, stream: row.stream, channel: row.channel, lane: row.lane, recipients: row.recipients, attempts: row.attempts,
      createdAt: new Date(row.createdAt).toISOString(),
      notification: row.nId
        ? { id: row.nId, recipientUserId: row.recipientUserId, recipientOrganisationId: row.recipientOrganisationId, recipientRole: row.recipientRole,
            caseNo: row.caseNo, kind: row.kind, message: row.message, createdAt: new Date(row.nCreatedAt).toISOString(),
            deadlineAt: row.deadlineAt ? new Date(row.deadlineAt).toISOString() : null }
        : null,
      webhook: row.subscriptionId ? { subscriptionId: row.subscriptionId, eventType: row.eventType, payload: row.payload } : null,
    };
  }

  /**
   * One attempt, kept; with `settle`, the delivery is settled in the same transaction — only if it is still pending,
   * so a delivery is recorded sent at most once. Returns the attempt's number.
   */
  async recordAttempt(id: string, a: DeliveryAttempt, settle?: { status: 'sent' | 'failed' | 'skipped'; outcome: string }): Promise<number> {
    return this.db.transaction(async (m) => {
      const [[row]] = await m.query(
        `UPDATE notification_deliveries SET attempts = attempts + 1, last_attempt_at = $2, last_error = $3 WHERE id = $1 RETURNING attempts`,
        [id, a.startedAt, a.ok ? null : clip(a.error)],
      );
      if (!row) throw new Error(`No delivery ${id}.`);
      await m.query(
        `INSERT INTO notification_delivery_attempts (delivery_id, attempt, started_at, duration_ms, ok, response, error) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, row.attempts, a.startedAt, Math.max(0, Math.round(a.durationMs)), a.ok, clip(a.response), clip(a.error)],
      );
      if (settle) {
        await m.query(`UPDATE notification_deliveries SET status = $2, outcome = $3, finished_at = now() WHERE id = $1 AND status = 'pending'`, [id, settle.status, clip(settle.outcome)]);
      }
      return row.attempts as number;
    });
  }

  /** Settles a pending delivery without an attempt (nothing to send, or given up). */
  async settle(id: string, status: 'failed' | 'skipped', outcome: string): Promise<void> {
    await this.db.query(`UPDATE notification_deliveries SET status = $2, outcome = $3, finished_at = now() WHERE id = $1 AND status = 'pending'`, [id, status, clip(outcome)]);
  }

  /**
   * Streams nobody is working on (a lost signal): a delivery pending for longer than `olderThanSeconds` and no attempt
   * at any of the stream's pending deliveries for two hours (a lane that keeps failing is tried at least hourly).
   */
  async stalledStreams(olderThanSeconds: number, limit = 500): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT stream FROM notification_deliveries WHERE status = 'pending'
       GROUP BY stream
       HAVING min(created_at) < now() - make_interval(secs => $1)
          AND coalesce(max(last_attempt_at), '-infinity') < now() - interval '2 hours'
       ORDER BY min(created_at) LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((r: { stream: string }) => r.stream);
  }
}
