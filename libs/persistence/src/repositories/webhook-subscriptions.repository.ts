import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OrganisationKind } from '../../../domain/src';
import type { StoredNotification } from './case-projection.repository';
import type { OutboxWriter } from './notification-outbox.repository';

export interface WebhookSubscription {
  id: string;
  organisationId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  status: 'active' | 'disabled';
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

const VIEW = `s.id, s.organisation_id AS "organisationId", s.url, s.event_types AS "eventTypes", s.description, s.status,
  s.disabled_at AS "disabledAt", s.disabled_reason AS "disabledReason", s.created_at AS "createdAt"`;
const DELIVERY = `d.id, d.stream AS "caseNo", d.event_type AS "eventType", d.status, d.attempts, d.last_attempt_at AS "lastAttemptAt",
  d.last_error AS "lastError", d.outcome, d.created_at AS "createdAt", d.finished_at AS "finishedAt"`;

/** Webhook subscriptions (issue 10) and their deliveries, as the worker and the integrators' endpoints use them. */
@Injectable()
export class WebhookSubscriptionsRepository {
  constructor(private readonly db: DataSource) {}

  // --- In a step's transaction ----------------------------------------------------------------------

  /** Live subscriptions to this event, with their organisation's kind (who may receive it is the domain's rule). */
  candidates(m: EntityManager, eventType: string): Promise<{ id: string; url: string; organisationId: string; kind: OrganisationKind }[]> {
    return m.query(
      `SELECT s.id, s.url, s.organisation_id AS "organisationId", o.kind FROM webhook_subscriptions s JOIN organisations o ON o.id = s.organisation_id
       WHERE s.status = 'active' AND s.deleted_at IS NULL AND $1 = ANY(s.event_types) ORDER BY s.created_at, s.id`,
      [eventType],
    );
  }

  async caseParties(m: EntityManager, caseNo: string): Promise<{ organisationId: string; verifierOrganisationId: string | null } | null> {
    const [row] = await m.query(
      `SELECT c.organisation_id AS "organisationId", i.verifier_organisation_id AS "verifierOrganisationId"
       FROM case_overview c LEFT JOIN issuance_cases i ON i.case_no = c.case_no WHERE c.case_no = $1`,
      [caseNo],
    );
    return row ?? null;
  }

  // --- Delivering -----------------------------------------------------------------------------------

  async signing(id: string): Promise<{ url: string; secret: string; status: string; deleted: boolean } | null> {
    const [row] = await this.db.query(`SELECT url, secret, status, deleted_at IS NOT NULL AS deleted FROM webhook_subscriptions WHERE id = $1`, [id]);
    return row ?? null;
  }

  /**
   * A subscriber that failed for a day is disabled and its owner told (inbox, and e-mail through the outbox), once.
   * Returns the stream of that notification, or null when it was not active.
   */
  async disable(id: string, reason: string, outbox: OutboxWriter): Promise<{ stream: string; queued: number } | null> {
    return this.db.transaction(async (m) => {
      const [[sub]] = await m.query(
        `UPDATE webhook_subscriptions SET status = 'disabled', disabled_at = now(), disabled_reason = $2 WHERE id = $1 AND status = 'active' AND deleted_at IS NULL
         RETURNING organisation_id AS "organisationId", url, disabled_at AS "disabledAt"`,
        [id, reason.slice(0, 1000)],
      );
      if (!sub) return null;
      const message = `Your webhook subscription ${id} (${sub.url}) failed for a day and was disabled: ${reason}. Check the endpoint, then enable the subscription again; its deliveries can be replayed.`;
      const [n] = await m.query(
        `INSERT INTO notifications (idempotency_key, recipient_organisation_id, case_no, kind, message, created_at)
         VALUES ($1, $2, NULL, 'webhook_disabled', $3, now()) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [`webhook-disabled/${id}/${new Date(sub.disabledAt).toISOString()}`, sub.organisationId, message],
      );
      const stream = `webhook-subscription/${id}`;
      if (!n) return { stream, queued: 0 };
      const stored: StoredNotification = { id: n.id, recipientUserId: null, recipientOrganisationId: sub.organisationId, recipientRole: null, caseNo: null, kind: 'webhook_disabled', message, deadlineAt: null };
      return { stream, queued: await outbox(m, { stream, notifications: [stored] }) };
    });
  }

  // --- The integrators' endpoints -------------------------------------------------------------------

  async create(s: { organisationId: string; url: string; eventTypes: string[]; description: string | null; secret: string; createdBy: string }): Promise<WebhookSubscription> {
    const [{ id }] = await this.db.query(
      `INSERT INTO webhook_subscriptions (organisation_id, url, event_types, description, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [s.organisationId, s.url, s.eventTypes, s.description, s.secret, s.createdBy],
    );
    return (await this.one(s.organisationId, id))!;
  }

  list(organisationId: string): Promise<WebhookSubscription[]> {
    return this.db.query(`SELECT ${VIEW} FROM webhook_subscriptions s WHERE s.organisation_id = $1 AND s.deleted_at IS NULL ORDER BY s.created_at, s.id`, [organisationId]);
  }

  async one(organisationId: string, id: string): Promise<WebhookSubscription | null> {
    const [row] = await this.db.query(`SELECT ${VIEW} FROM webhook_subscriptions s WHERE s.id = $1 AND s.organisation_id = $2 AND s.deleted_at IS NULL`, [id, organisationId]);
    return row ?? null;
  }

  async update(organisationId: string, id: string, change: { url?: string; eventTypes?: string[]; description?: string | null; active?: boolean }): Promise<WebhookSubscription | null> {
    await this.db.query(
      `UPDATE webhook_subscriptions SET url = coalesce($3, url), event_types = coalesce($4, event_types),
         description = CASE WHEN $5::boolean THEN $6 ELSE description END,
         status = CASE WHEN $7::boolean IS NULL THEN status WHEN $7 THEN 'active' ELSE 'disabled' END,
         disabled_at = CASE WHEN $7::boolean IS NULL THEN disabled_at WHEN $7 THEN NULL ELSE coalesce(disabled_at, now()) END,
         disabled_reason = CASE WHEN $7::boolean IS NULL THEN disabled_reason WHEN $7 THEN NULL ELSE coalesce(disabled_reason, 'disabled by its owner') END
       WHERE id = $1 AND organisation_id = $2 AND deleted_at IS NULL`,
      [id, organisationId, change.url ?? null, change.eventTypes ?? null, change.description !== undefined, change.description ?? null, change.active ?? null],
    );
    return this.one(organisationId, id);
  }

  async remove(organisationId: string, id: string): Promise<boolean> {
    const [rows] = await this.db.query(`UPDATE webhook_subscriptions SET deleted_at = now() WHERE id = $1 AND organisation_id = $2 AND deleted_at IS NULL RETURNING id`, [id, organisationId]);
    return rows.length > 0;
  }

  deliveries(subscriptionId: string, limit: number) {
    return this.db.query(`SELECT ${DELIVERY} FROM notification_deliveries d WHERE d.subscription_id = $1 ORDER BY d.seq DESC LIMIT $2`, [subscriptionId, limit]);
  }

  async delivery(subscriptionId: string, id: string) {
    const [d] = await this.db.query(`SELECT ${DELIVERY}, d.payload FROM notification_deliveries d WHERE d.subscription_id = $1 AND d.id = $2`, [subscriptionId, id]);
    if (!d) return null;
    const attemptLog = await this.db.query(
      `SELECT attempt, started_at AS "startedAt", duration_ms AS "durationMs", ok, response, error FROM notification_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [id],
    );
    return { ...d, attemptLog };
  }

  /** The subscriber asks for a delivery again: back in its case's queue, same webhook-id; its attempts stay on record. */
  async replay(subscriptionId: string, id: string): Promise<{ stream: string } | null> {
    const [rows] = await this.db.query(
      `UPDATE notification_deliveries SET status = 'pending', finished_at = NULL, outcome = NULL WHERE subscription_id = $1 AND id = $2 AND status <> 'pending' RETURNING stream`,
      [subscriptionId, id],
    );
    return rows[0] ?? null;
  }
}
