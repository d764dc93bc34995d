import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, Role } from '../../../../libs/domain/src';
import type { SessionRevocationReason } from '../../../../libs/persistence/src';

export type Rotation =
  | { ok: true; sessionId: string; actor: Actor; tokenVersion: number }
  | { ok: false; why: 'unknown' | 'expired' | 'reused' | 'account_closed' | 'access_ended'; userId?: string };

/**
 * Login sessions and their refresh tokens (ROLE-1). A session is one family of refresh tokens: every refresh
 * uses the presented token up and issues its successor; a used token presented again revokes the family.
 */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  /** A new session for the user with its first refresh token. */
  async open(userId: string, tokenVersion: number, refresh: { digest: string; ttlSeconds: number }): Promise<string> {
    return this.db.transaction(async (m) => {
      const [{ id }] = await m.query(`INSERT INTO login_sessions (user_id, token_version) VALUES ($1, $2) RETURNING id`, [userId, tokenVersion]);
      await m.query(`INSERT INTO refresh_tokens (token_digest, session_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
        refresh.digest,
        id,
        refresh.ttlSeconds,
      ]);
      return id;
    });
  }

  /**
   * Exchanges a refresh token for its successor. The token row is locked, so of two concurrent refreshes with
   * the same token one rotates and the other is a reuse. A reuse revokes the session and is committed even
   * though the caller answers 401: that is the point of detecting it.
   */
  async rotate(digest: string, next: { digest: string; ttlSeconds: number }): Promise<Rotation> {
    return this.db.transaction(async (m) => {
      const [t] = await m.query(
        `SELECT t.session_id, t.used_at IS NOT NULL AS used, t.expires_at <= now() AS expired, s.revoked_reason,
                s.token_version = u.token_version AS current, u.active AND u.deleted_at IS NULL AS usable,
                u.id, u.organisation_id, u.role, u.name, u.token_version
         FROM refresh_tokens t JOIN login_sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
         WHERE t.token_digest = $1 FOR UPDATE OF t, s`,
        [digest],
      );
      if (!t) return { ok: false, why: 'unknown' } as const;
      if (t.revoked_reason) return { ok: false, why: t.revoked_reason === 'refresh_token_reused' ? 'reused' : 'access_ended' } as const;
      if (t.used) {
        await this.revokeSession(m, t.session_id, 'refresh_token_reused');
        return { ok: false, why: 'reused', userId: t.id } as const;
      }
      if (t.expired) return { ok: false, why: 'expired' } as const;
      if (!t.usable) return { ok: false, why: 'account_closed' } as const;
      if (!t.current) return { ok: false, why: 'access_ended' } as const;
      await m.query(`UPDATE refresh_tokens SET used_at = now() WHERE token_digest = $1`, [digest]);
      await m.query(`INSERT INTO refresh_tokens (token_digest, session_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
        next.digest,
        t.session_id,
        next.ttlSeconds,
      ]);
      const actor: Actor = { userId: t.id, organisationId: t.organisation_id, role: t.role as Role, name: t.name };
      return { ok: true, sessionId: t.session_id, actor, tokenVersion: t.token_version } as const;
    });
  }

  /**
   * Revokes the session a refresh token belongs to (used or not). Returns the user's id, or undefined for an
   * unknown token. (TypeORM answers an UPDATE with [rows, rowCount].)
   */
  async revokeByRefreshToken(digest: string, reason: SessionRevocationReason): Promise<string | undefined> {
    const [[row]] = await this.db.query(
      `UPDATE login_sessions s SET revoked_at = COALESCE(s.revoked_at, now()), revoked_reason = COALESCE(s.revoked_reason, $2)
       FROM refresh_tokens t WHERE t.token_digest = $1 AND s.id = t.session_id RETURNING s.user_id`,
      [digest, reason],
    );
    return row?.user_id;
  }

  private revokeSession(m: Pick<DataSource, 'query'>, sessionId: string, reason: SessionRevocationReason) {
    return m.query(`UPDATE login_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, reason]);
  }
}
