import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: each user chooses, per kind of notification, the inbox only, the inbox and an e-mail, or the inbox and a
 * daily digest (no row: the kind's default); an organisation may have a shared mailbox that gets what its users are
 * e-mailed by default. A notification a user wants in a digest waits as a digest entry; the morning's digest takes
 * every waiting entry of the user, and `UNIQUE (user_id, digest_day)` sends each user at most one digest a day.
 */
export class NotificationPreferences1764200000200 implements MigrationInterface {
  name = 'NotificationPreferences1764200000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,63}$'),
        delivery text NOT NULL CHECK (delivery IN ('inbox', 'email', 'digest')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      );
      ALTER TABLE organisations ADD COLUMN shared_mailbox text
        CHECK (shared_mailbox IS NULL OR (length(shared_mailbox) <= 254 AND shared_mailbox ~ '^[^@[:space:]]+@[^@[:space:]]+$'));

      CREATE TABLE notification_digests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        digest_day date NOT NULL,
        email text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        response text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
        UNIQUE (user_id, digest_day)
      );
      CREATE TABLE notification_digest_entries (
        user_id uuid NOT NULL REFERENCES users(id),
        notification_id uuid NOT NULL REFERENCES notifications(id),
        created_at timestamptz NOT NULL,
        digest_id uuid REFERENCES notification_digests(id),
        PRIMARY KEY (user_id, notification_id)
      );
      CREATE INDEX notification_digest_entries_waiting ON notification_digest_entries (user_id, created_at) WHERE digest_id IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notification_digest_entries;
      DROP TABLE notification_digests;
      ALTER TABLE organisations DROP COLUMN shared_mailbox;
      DROP TABLE notification_preferences;
    `);
  }
}
