import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: notifications leave the system durably. Each notification a case step writes gets one delivery row per
 * channel that has someone to deliver it to (e-mail: its addressees), in the same transaction as the step — the
 * outbox. `UNIQUE (notification_id, channel)` makes a mail go out at most once per notification however often a
 * step, a signal or an activity is repeated. Deliveries of one stream (a case) go out in `seq` order per lane
 * (`email`; later one lane per webhook subscriber). Every attempt is kept, so operators and subscribers see them.
 */
export class NotificationOutbox1764200000000 implements MigrationInterface {
  name = 'NotificationOutbox1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        stream text NOT NULL CHECK (length(stream) BETWEEN 1 AND 200),
        channel text NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_]{0,31}$'),
        lane text NOT NULL CHECK (length(lane) BETWEEN 1 AND 200),
        notification_id uuid REFERENCES notifications(id),
        recipients text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_attempt_at timestamptz,
        last_error text,
        outcome text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CHECK ((status = 'pending') = (finished_at IS NULL)),
        CONSTRAINT notification_deliveries_once UNIQUE (notification_id, channel)
      );
      CREATE INDEX notification_deliveries_pending ON notification_deliveries (stream, lane, seq) WHERE status = 'pending';
      CREATE INDEX notification_deliveries_pending_age ON notification_deliveries (created_at) WHERE status = 'pending';
      CREATE INDEX notification_deliveries_failed ON notification_deliveries (finished_at DESC) WHERE status = 'failed';
      CREATE INDEX notification_deliveries_notification ON notification_deliveries (notification_id);

      CREATE TABLE notification_delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES notification_deliveries(id) ON DELETE CASCADE,
        attempt int NOT NULL CHECK (attempt >= 1),
        started_at timestamptz NOT NULL,
        duration_ms int NOT NULL CHECK (duration_ms >= 0),
        ok boolean NOT NULL,
        response text,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_delivery_attempts; DROP TABLE notification_deliveries;`);
  }
}
