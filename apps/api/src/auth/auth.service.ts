import { Inject, Injectable } from '@nestjs/common';
import { Actor, assertAcceptablePassword, DomainError } from '../../../../libs/domain/src';
import { AUTH_CONFIG, AuthConfig } from './auth-config';
import { digestOf, newOpaqueSecret } from './opaque-secret';
import { PasswordHasher } from './password-hasher';
import { Rotation, SessionsRepository } from './sessions.repository';
import { TokenService } from './token.service';
import { UserStateCache } from './user-state.cache';
import { InvitationAcceptance, normaliseEmail, UsersRepository } from './users.repository';

/** What a login (and a refresh, an accepted invitation, a password change) hands the person. */
export interface SessionTokens {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token is valid. */
  expiresIn: number;
  /** One use: exchange it at POST /auth/refresh for a new pair before refreshExpiresIn seconds pass. */
  refreshToken: string;
  refreshExpiresIn: number;
  user: Actor;
}

const WRONG_CREDENTIALS = 'The e-mail address or the password is wrong.';

const ROTATION_REFUSALS: Record<Exclude<Rotation, { ok: true }>['why'], string> = {
  unknown: 'This refresh token is not valid; log in again.',
  expired: 'This refresh token has expired; log in again.',
  reused: 'This refresh token was already used, so it may have been copied: the session has been ended. Log in again.',
  account_closed: 'This account has been deactivated or deleted.',
  access_ended: 'This session has ended (logged out, password changed, or changed by an administrator); log in again.',
};

const INVITATION_REFUSALS: Record<Exclude<InvitationAcceptance, { ok: true }>['why'], string> = {
  unknown: 'This invitation code is not valid.',
  used: 'This invitation code has already been used; log in with your password.',
  withdrawn: 'This invitation code has been replaced by a newer one; ask the administrator for it.',
  expired: 'This invitation code has expired (72 hours); ask the administrator for a new one.',
  account_closed: 'This account has been deactivated or deleted.',
};

/**
 * Logins, refresh-token rotation, logout, password changes and invitations (ROLE-1). Every failure to
 * authenticate is UNAUTHENTICATED (401) with a message that says why, except that an unknown e-mail and a wrong
 * password are the same answer after the same work, so a login cannot tell which e-mail addresses exist.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly userStates: UserStateCache,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async login(email: string, password: string): Promise<SessionTokens> {
    const user = await this.users.findForLogin(normaliseEmail(email));
    const matches = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !matches) throw new DomainError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    // Only someone who knows the password learns that the account is closed.
    if (user.deleted || !user.active) throw new DomainError('UNAUTHENTICATED', 'This account has been deactivated or deleted.');
    return this.openSession(user.actor, user.tokenVersion);
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const next = newOpaqueSecret();
    const r = await this.sessions.rotate(digestOf(refreshToken), { digest: next.digest, ttlSeconds: this.config.refreshTokenTtlSeconds });
    if (!r.ok) {
      if (r.userId) this.userStates.forget(r.userId); // the session just ended: its access tokens too, at once
      throw new DomainError('UNAUTHENTICATED', ROTATION_REFUSALS[r.why]);
    }
    return this.tokensFor(r.actor, r.tokenVersion, r.sessionId, next.secret);
  }

  /** Ends the session the refresh token belongs to (its access tokens too). Unknown tokens are ignored: logging out twice is fine. */
  async logout(refreshToken: string): Promise<void> {
    const userId = await this.sessions.revokeByRefreshToken(digestOf(refreshToken), 'logout');
    if (userId) this.userStates.forget(userId);
  }

  /** Ends every session and token of the caller. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    await this.users.endAccess(actor.userId, 'logout_everywhere');
    this.userStates.forget(actor.userId);
  }

  /** Replaces the caller's password; every earlier token and session ends, and the caller gets a fresh session. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<SessionTokens> {
    assertAcceptablePassword(newPassword, 'newPassword');
    const passwordHash = await this.users.passwordHash(actor.userId);
    if (!(await this.hasher.verify(passwordHash, currentPassword))) {
      throw new DomainError('FORBIDDEN', 'The current password is wrong.', { field: 'currentPassword' });
    }
    if (await this.hasher.verify(passwordHash, newPassword)) {
      throw new DomainError('VALIDATION_FAILED', 'The new password must differ from the current one.', { field: 'newPassword' });
    }
    const tokenVersion = await this.users.setPassword(actor.userId, await this.hasher.hash(newPassword), 'password_changed');
    this.userStates.forget(actor.userId);
    return this.openSession(actor, tokenVersion);
  }

  /** The person sets their first password with the one-time code an administrator handed them, and is logged in. */
  async acceptInvitation(code: string, password: string): Promise<SessionTokens & { email: string }> {
    // Checked before the code is spent, so a too-short password does not burn the invitation.
    assertAcceptablePassword(password);
    const r = await this.users.acceptInvitation(digestOf(code), await this.hasher.hash(password));
    if (!r.ok) throw new DomainError('UNAUTHENTICATED', INVITATION_REFUSALS[r.why]);
    return { ...(await this.openSession(r.actor, r.tokenVersion)), email: r.email };
  }

  private async openSession(actor: Actor, tokenVersion: number): Promise<SessionTokens> {
    const refresh = newOpaqueSecret();
    const sessionId = await this.sessions.open(actor.userId, tokenVersion, { digest: refresh.digest, ttlSeconds: this.config.refreshTokenTtlSeconds });
    return this.tokensFor(actor, tokenVersion, sessionId, refresh.secret);
  }

  private tokensFor(actor: Actor, tokenVersion: number, sessionId: string, refreshToken: string): SessionTokens {
    return {
      accessToken: this.tokens.issue(actor, { tokenVersion, sessionId }),
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: this.config.refreshTokenTtlSeconds,
      user: actor,
    };
  }
}
