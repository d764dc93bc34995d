import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identities that can be revoked (ROLE-1).
 *
 * - users: an argon2id password hash (NULL until the person sets one through their invitation), a soft delete
 *   (BJ-31: nothing is hard-deleted; a deleted user is never active), and `token_version`, carried in every
 *   access token and bumped whenever access must end (deactivation, deletion, role or organisation change,
 *   password change, logout everywhere): the API compares it with the token's on every request.
 * - login_sessions + refresh_tokens: a session is one refresh-token family. Refresh tokens are opaque random
 *   strings stored only as their SHA-256 digest; each is used once (rotation) and a session has at most one
 *   unused token. Presenting a used one again means it was copied: the whole session is revoked.
 * - user_invitations: the one-time code (digest only, 72 h) by which a new user sets their own password, so
 *   no administrator ever holds a user's credentials. At most one open invitation per user.
 */
export class Identity1763900000100 implements MigrationInterface {
  name = 'Identity1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN password_hash text CHECK (password_hash LIKE '$argon2id$%'),
        ADD COLUMN password_set_at timestamptz,
        ADD COLUMN token_version int NOT NULL DEFAULT 0 CHECK (token_version >= 0),
        ADD COLUMN deleted_at timestamptz,
        ADD CONSTRAINT users_password_set_at CHECK ((password_hash IS NULL) = (password_set_at IS NULL)),
        ADD CONSTRAINT users_deleted_inactive CHECK (deleted_at IS NULL OR NOT active);

      CREATE TABLE login_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        -- the user's token_version at login: a later bump ends the session's refresh too
        token_version int NOT NULL CHECK (token_version >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('logout','logout_everywhere','password_changed','refresh_token_reused','access_ended')),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      );
      CREATE INDEX login_sessions_user_live ON login_sessions (user_id) WHERE revoked_at IS NULL;

      CREATE TABLE refresh_tokens (
        token_digest text PRIMARY KEY CHECK (token_digest ~ '^[0-9a-f]{64}$'),
        session_id uuid NOT NULL REFERENCES login_sessions(id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CHECK (expires_at > issued_at),
        CHECK (used_at IS NULL OR used_at >= issued_at)
      );
      CREATE UNIQUE INDEX refresh_tokens_one_unused_per_session ON refresh_tokens (session_id) WHERE used_at IS NULL;
      CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

      CREATE TABLE user_invitations (
        code_digest text PRIMARY KEY CHECK (code_digest ~ '^[0-9a-f]{64}$'),
        user_id uuid NOT NULL REFERENCES users(id),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        withdrawn_at timestamptz,
        CHECK (expires_at > created_at),
        CHECK (accepted_at IS NULL OR withdrawn_at IS NULL)
      );
      CREATE UNIQUE INDEX user_invitations_one_open_per_user ON user_invitations (user_id) WHERE accepted_at IS NULL AND withdrawn_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE user_invitations, refresh_tokens, login_sessions;
      ALTER TABLE users
        DROP CONSTRAINT users_deleted_inactive,
        DROP CONSTRAINT users_password_set_at,
        DROP COLUMN deleted_at,
        DROP COLUMN token_version,
        DROP COLUMN password_set_at,
        DROP COLUMN password_hash;
    `);
  }
}
