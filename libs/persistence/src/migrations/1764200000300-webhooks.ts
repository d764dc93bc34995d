import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: integrators' webhook subscriptions (Standard Webhooks), and their deliveries in the same outbox as e-mail:
 * one row per case event and subscription (`UNIQUE (case_event_id, subscription_id)`, so an event is sent at most once
 * to a subscriber however often its step is repeated), its body fixed when the step is recorded so every attempt and
 * every replay signs the same bytes. A subscription keeps its signing secret (it must sign with it), is disabled after
 * a day of failures, and is deleted softly so its deliveries stay on record.
 */
export class Webhooks1764200000300 implements MigrationInterface {
  name = 'Webhooks1764200000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        url text NOT NULL CHECK (length(url) <= 2000 AND url ~ '^https?://'),
        event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
        secret text NOT NULL CHECK (secret ~ '^whsec_'),
        description text CHECK (length(description) <= 500),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        disabled_at timestamptz,
        disabled_reason text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK ((status = 'disabled') = (disabled_at IS NOT NULL))
      );
      CREATE INDEX webhook_subscriptions_live ON webhook_subscriptions (status) WHERE deleted_at IS NULL;
      CREATE INDEX webhook_subscriptions_organisation ON webhook_subscriptions (organisation_id);

      ALTER TABLE notification_deliveries
        ADD COLUMN subscription_id uuid REFERENCES webhook_subscriptions(id),
        ADD COLUMN case_event_id bigint REFERENCES case_events(id),
        ADD COLUMN event_type text,
        ADD COLUMN payload text,
        ADD CONSTRAINT notification_deliveries_webhook_once UNIQUE (case_event_id, subscription_id),
        ADD CONSTRAINT notification_deliveries_webhook_shape
          CHECK ((channel = 'webhook') = (subscription_id IS NOT NULL) AND (subscription_id IS NULL OR (case_event_id IS NOT NULL AND payload IS NOT NULL)));
      CREATE INDEX notification_deliveries_subscription ON notification_deliveries (subscription_id, seq DESC) WHERE subscription_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notification_deliveries WHERE channel = 'webhook';
      ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_webhook_shape, DROP CONSTRAINT notification_deliveries_webhook_once,
        DROP COLUMN payload, DROP COLUMN event_type, DROP COLUMN case_event_id, DROP COLUMN subscription_id;
      DROP TABLE webhook_subscriptions;
    `);
  }
}
