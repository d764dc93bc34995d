import { MigrationInterface, QueryRunner } from 'typeorm';
import { applicationRole } from '../database-role';

/**
 * The audit log and the application's database role (issue 7, "Audit").
 *
 * - `audit_log`: one row per mutating HTTP request, accepted or refused — who, what (method + route template),
 *   on what (route parameters, or the subject a handler names, e.g. a login's e-mail), the outcome and the request
 *   id. Never a request body. Append-only by trigger (UPDATE, DELETE and TRUNCATE refused, even for the owner).
 * - The application's sessions act as a role (DATABASE_APP_ROLE, default `registry_app`, NOLOGIN) that may read and
 *   write every table but only INSERT and SELECT on `audit_log`, so the application cannot rewrite its own trail
 *   even with the trigger dropped. Migrations keep running as the connecting (owner) user. With
 *   DATABASE_APP_ROLE=off the role is provisioned outside (managed databases) and this migration grants nothing.
 *
 * Must run after every migration that creates tables (it grants on all of them); default privileges cover the
 * tables and sequences later migrations create as the same owner.
 */
export class AuditLogAndAppRole1763900000200 implements MigrationInterface {
  name = 'AuditLogAndAppRole1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        request_id text NOT NULL CHECK (request_id ~ '^[\\x20-\\x7e]{1,128}$'),
        actor_user_id uuid,
        actor_role text,
        actor_organisation_id uuid,
        actor_name text,
        method text NOT NULL CHECK (method IN ('POST','PUT','PATCH','DELETE')),
        -- The route template (/registrations/:caseNo/review); NULL when no route matched (a 404 for an unknown path).
        route text,
        -- method + (route template, else the request path): what the caller tried to do.
        action text NOT NULL CHECK (length(action) <= 1100),
        -- Route parameters, plus "subject" when the handler named one (a login's e-mail); never the body.
        target jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(target) = 'object'),
        outcome text NOT NULL CHECK (outcome IN ('accepted','refused','failed')),
        status_code int NOT NULL CHECK (status_code BETWEEN 100 AND 599),
        error_code text,
        client_ip inet,
        duration_ms int CHECK (duration_ms >= 0),
        CHECK (outcome = CASE WHEN status_code < 400 THEN 'accepted' WHEN status_code < 500 THEN 'refused' ELSE 'failed' END)
      );
      CREATE INDEX audit_log_newest ON audit_log (occurred_at DESC, id DESC);
      CREATE INDEX audit_log_actor ON audit_log (actor_user_id, occurred_at DESC) WHERE actor_user_id IS NOT NULL;
      CREATE INDEX audit_log_organisation ON audit_log (actor_organisation_id, occurred_at DESC) WHERE actor_organisation_id IS NOT NULL;
      CREATE INDEX audit_log_action ON audit_log (action, occurred_at DESC);
      CREATE INDEX audit_log_request ON audit_log (request_id);
      CREATE INDEX audit_log_target ON audit_log USING gin (target);
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    `);

    const role = applicationRole();
    if (!role) return;
    const r = `"${role}"`;
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${r} NOLOGIN; END IF;
        -- The owner's sessions switch to the role (connection option role=…): it must be a member.
        IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN GRANT ${r} TO current_user; END IF;
      END $$;
      GRANT USAGE ON SCHEMA public TO ${r};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r};
      -- The trail is append-only for the application: it may add rows and read them, nothing else.
      REVOKE ALL ON audit_log FROM ${r};
      GRANT SELECT, INSERT ON audit_log TO ${r};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM audit_log) THEN
          RAISE EXCEPTION 'audit_log has rows: reverting would delete the audit trail (BJ-31)';
        END IF;
      END $$;
      DROP TABLE audit_log;
    `);
    const role = applicationRole();
    if (!role) return;
    const r = `"${role}"`;
    await q.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${r};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${r};
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r};
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r};
      REVOKE ALL ON SCHEMA public FROM ${r};
      -- The role is cluster-wide: another database of the cluster may still use it.
      DO $$ BEGIN
        DROP ROLE ${r};
      EXCEPTION WHEN dependent_objects_still_exist THEN
        RAISE NOTICE 'role % is still used by another database; kept', '${role}';
      END $$;
    `);
  }
}
