import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, OrganisationKind, Role } from '../../../../libs/domain/src';
import type { SessionRevocationReason } from '../../../../libs/persistence/src';

/** What the guard checks a token against: the user's row now, and the token's login session if it has one. */
export interface UserAccessState {
  actor: Actor;
  active: boolean;
  deleted: boolean;
  tokenVersion: number;
  /** Undefined for a token without a session (seed, tests); `found: false` when no such session of this user exists. */
  session?: { found: boolean; revokedReason: SessionRevocationReason | null };
}

export interface LoginCandidate {
  actor: Actor;
  passwordHash: string | null;
  active: boolean;
  deleted: boolean;
  tokenVersion: number;
}

/** A user as administrators see it. Never a password hash, never a token. */
export interface UserRecord {
  userId: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  role: Role;
  name: string;
  email: string;
  active: boolean;
  deletedAt: Date | null;
  passwordSet: boolean;
  createdAt: Date;
}

/** A change to a user: the new values, and why access ends (null: it does not, e.g. a rename or a reactivation). */
export interface UserChange {
  set: Partial<Pick<UserRecord, 'name' | 'role' | 'organisationId' | 'active'>> & { deleted?: true };
  endAccess: SessionRevocationReason | null;
}

export type InvitationAcceptance =
  | { ok: true; actor: Actor; email: string; tokenVersion: number }
  | { ok: false; why: 'unknown' | 'used' | 'withdrawn' | 'expired' | 'account_closed' };

const USER_VIEW = `u.id AS "userId", u.organisation_id AS "organisationId", o.name AS "organisationName", o.kind AS "organisationKind",
  u.role, u.name, u.email, u.active, u.deleted_at AS "deletedAt", u.password_hash IS NOT NULL AS "passwordSet", u.created_at AS "createdAt"`;
const USER_FROM = `users u JOIN organisations o ON o.id = u.organisation_id`;

/**
 * Ends every way in for a user, in the same statement as the change that requires it: a new token_version
 * (access tokens carrying the old one are refused) and every live login session revoked (refresh refused).
 */
const endAccessCte = (userParam: string, reasonParam: string) => `
  ended_sessions AS (
    UPDATE login_sessions SET revoked_at = now(), revoked_reason = ${reasonParam}
    WHERE ${reasonParam}::text IS NOT NULL AND user_id = ${userParam} AND revoked_at IS NULL)`;

type Queryable = Pick<EntityManager, 'query'>;

/** E-mail addresses are stored trimmed and lower-case; logins and duplicate checks compare the same form. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const actorOf = (r: { id: string; organisation_id: string; role: Role; name: string }): Actor => ({
  userId: r.id,
  organisationId: r.organisation_id,
  role: r.role,
  name: r.name,
});

/** All SQL on users and their invitations (ROLE-1). TypeORM answers an UPDATE with [rows, rowCount]. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async accessState(userId: string, sessionId?: string): Promise<UserAccessState | undefined> {
    const [r] = await this.db.query(
      `SELECT u.id, u.organisation_id, u.role, u.name, u.active, u.deleted_at IS NOT NULL AS deleted, u.token_version,
              s.id IS NOT NULL AS session_found, s.revoked_reason
       FROM users u LEFT JOIN login_sessions s ON s.id = $2 AND s.user_id = u.id
       WHERE u.id = $1`,
      [userId, sessionId ?? null],
    );
    if (!r) return undefined;
    return {
      actor: actorOf(r),
      active: r.active,
      deleted: r.deleted,
      tokenVersion: r.token_version,
      ...(sessionId ? { session: { found: r.session_found, revokedReason: r.revoked_reason } } : {}),
    };
  }

  async findForLogin(email: string): Promise<LoginCandidate | undefined> {
    const [r] = await this.db.query(
      `SELECT id, organisation_id, role, name, password_hash, active, deleted_at IS NOT NULL AS deleted, token_version FROM users WHERE email = $1`,
      [email],
    );
    return r && { actor: actorOf(r), passwordHash: r.password_hash, active: r.active, deleted: r.deleted, tokenVersion: r.token_version };
  }

  async passwordHash(userId: string): Promise<string | null> {
    const [r] = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [userId]);
    return r?.password_hash ?? null;
  }

  list(organisationId?: string): Promise<UserRecord[]> {
    return this.db.query(
      `SELECT ${USER_VIEW} FROM ${USER_FROM} WHERE $1::uuid IS NULL OR u.organisation_id = $1 ORDER BY o.kind, o.name, u.name, u.id`,
      [organisationId ?? null],
    );
  }

  async get(userId: string, q: Queryable = this.db, lock = false): Promise<UserRecord | undefined> {
    const [row] = await q.query(`SELECT ${USER_VIEW} FROM ${USER_FROM} WHERE u.id = $1 ${lock ? 'FOR UPDATE OF u' : ''}`, [userId]);
    return row;
  }

  async organisationKind(organisationId: string): Promise<OrganisationKind | undefined> {
    const [row] = await this.db.query(`SELECT kind FROM organisations WHERE id = $1`, [organisationId]);
    return row?.kind;
  }

  /**
   * Creates a user without a password, with an open invitation, in one transaction. Undefined when the e-mail is
   * taken (by any user, deleted ones included: BJ-31 keeps them, and an e-mail names one person).
   */
  async createWithInvitation(u: { organisationId: string; role: Role; name: string; email: string; createdBy: string | null; invitationDigest: string; invitationTtlSeconds: number }) {
    return this.db.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO users (organisation_id, role, name, email) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [u.organisationId, u.role, u.name, u.email],
      );
      if (!row) return undefined;
      const expiresAt = await this.insertInvitation(m, row.id, u.invitationDigest, u.invitationTtlSeconds, u.createdBy);
      return { user: (await this.get(row.id, m))!, invitationExpiresAt: expiresAt };
    });
  }

  /**
   * Applies `decide(current)` to the user's locked row: the rule (in the service) sees the row as it is, and no
   * concurrent change slips between the check and the write. Undefined when there is no such user.
   */
  async change(userId: string, decide: (current: UserRecord) => UserChange): Promise<UserRecord | undefined> {
    return this.db.transaction(async (m) => {
      const current = await this.get(userId, m, true);
      if (!current) return undefined;
      const { set, endAccess } = decide(current);
      await m.query(
        `WITH changed AS (
           UPDATE users SET name = COALESCE($2, name), role = COALESCE($3, role), organisation_id = COALESCE($4, organisation_id),
             active = COALESCE($5, active), deleted_at = CASE WHEN $6 THEN now() ELSE deleted_at END,
             token_version = token_version + CASE WHEN $7::text IS NULL THEN 0 ELSE 1 END
           WHERE id = $1 RETURNING id),
         ${endAccessCte('$1', '$7')},
         withdrawn AS (UPDATE user_invitations SET withdrawn_at = now() WHERE $6 AND user_id = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL)
         SELECT id FROM changed`,
        [userId, set.name ?? null, set.role ?? null, set.organisationId ?? null, set.active ?? null, set.deleted === true, endAccess],
      );
      return this.get(userId, m);
    });
  }

  /** Replaces the password hash and ends every earlier token and session. Returns the new token_version. */
  async setPassword(userId: string, passwordHash: string, reason: SessionRevocationReason): Promise<number> {
    const [[row]] = await this.db.query(
      `WITH ${endAccessCte('$1', '$3')}
       UPDATE users SET password_hash = $2, password_set_at = now(), token_version = token_version + 1 WHERE id = $1 RETURNING token_version`,
      [userId, passwordHash, reason],
    );
    return row.token_version;
  }

  /** Ends every token and session of the user (logout everywhere). */
  async endAccess(userId: string, reason: SessionRevocationReason): Promise<void> {
    await this.db.query(`WITH ${endAccessCte('$1', '$2')} UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId, reason]);
  }

  /**
   * A new invitation for a user who has not set a password yet (the earlier one is withdrawn). 'not_invitable',
   * and nothing changes, when the user has a password, is deleted or deactivated: an invitation never replaces
   * the password of a person who has one, so no administrator can take over an account with it. Undefined: no
   * such user.
   */
  async reissueInvitation(userId: string, digest: string, ttlSeconds: number, createdBy: string): Promise<{ expiresAt: Date } | 'not_invitable' | undefined> {
    return this.db.transaction(async (m) => {
      const [u] = await m.query(`SELECT password_hash IS NULL AS open, active, deleted_at IS NULL AS live FROM users WHERE id = $1 FOR UPDATE`, [userId]);
      if (!u) return undefined;
      if (!u.open || !u.active || !u.live) return 'not_invitable';
      await m.query(`UPDATE user_invitations SET withdrawn_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL`, [userId]);
      return { expiresAt: await this.insertInvitation(m, userId, digest, ttlSeconds, createdBy) };
    });
  }

  /** Consumes an invitation and sets the person's first password, once: the invitation row is locked. */
  async acceptInvitation(digest: string, passwordHash: string): Promise<InvitationAcceptance> {
    return this.db.transaction(async (m) => {
      const [i] = await m.query(
        `SELECT i.user_id, i.accepted_at IS NOT NULL AS used, i.withdrawn_at IS NOT NULL AS withdrawn, i.expires_at <= now() AS expired,
                u.active AND u.deleted_at IS NULL AS usable
         FROM user_invitations i JOIN users u ON u.id = i.user_id WHERE i.code_digest = $1 FOR UPDATE OF i, u`,
        [digest],
      );
      if (!i) return { ok: false, why: 'unknown' } as const;
      if (i.used) return { ok: false, why: 'used' } as const;
      if (i.withdrawn) return { ok: false, why: 'withdrawn' } as const;
      if (i.expired) return { ok: false, why: 'expired' } as const;
      if (!i.usable) return { ok: false, why: 'account_closed' } as const;
      await m.query(`UPDATE user_invitations SET accepted_at = now() WHERE code_digest = $1`, [digest]);
      // A first password: there is no earlier session to end (a session needs a password).
      const [[u]] = await m.query(
        `UPDATE users SET password_hash = $2, password_set_at = now() WHERE id = $1 RETURNING id, organisation_id, role, name, email, token_version`,
        [i.user_id, passwordHash],
      );
      return { ok: true, actor: actorOf(u), email: u.email, tokenVersion: u.token_version } as const;
    });
  }

  private async insertInvitation(m: Queryable, userId: string, digest: string, ttlSeconds: number, createdBy: string | null): Promise<Date> {
    const [row] = await m.query(
      `INSERT INTO user_invitations (code_digest, user_id, created_by, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING expires_at`,
      [digest, userId, createdBy, ttlSeconds],
    );
    return row.expires_at;
  }
}
