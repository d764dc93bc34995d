import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor, DomainError, ROLES } from '../../../../libs/domain/src';
import { AUTH_CONFIG, AuthConfig } from './auth-config';

/**
 * Claims of an access token. `tv` is the user's token_version when it was issued and `sid` the login session
 * (absent on tokens issued without a login: the seed's and the tests'); the guard compares both with the
 * database on every request. Role, organisation and name are informative: the guard acts on the user's row.
 */
interface AccessClaims {
  sub: string;
  org: string;
  role: Actor['role'];
  name: string;
  tv: number;
  sid?: string;
}

/** What a verified access token says; whether it still holds is the guard's question. */
export interface AccessTokenClaims {
  actor: Actor;
  tokenVersion: number;
  sessionId?: string;
}

/** Signed access tokens (JWT, HS256, JWT_SECRET). Short-lived: ACCESS_TOKEN_TTL, default 15 minutes. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  get accessTokenTtlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  /** `tokenVersion` must be the user's current token_version (0 for a user never revoked) or the guard refuses the token. */
  issue(actor: Actor, options: { tokenVersion?: number; sessionId?: string; ttlSeconds?: number } = {}): string {
    const claims: AccessClaims = {
      sub: actor.userId,
      org: actor.organisationId,
      role: actor.role,
      name: actor.name,
      tv: options.tokenVersion ?? 0,
      ...(options.sessionId ? { sid: options.sessionId } : {}),
    };
    return this.jwt.sign(claims, { expiresIn: options.ttlSeconds ?? this.config.accessTokenTtlSeconds });
  }

  verify(token: string): AccessTokenClaims {
    let c: AccessClaims;
    try {
      c = this.jwt.verify<AccessClaims>(token);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The bearer token is invalid or expired; log in again.');
    }
    // Tokens from before revocation existed carry no version: they cannot be checked, so they are not accepted.
    if (!ROLES.includes(c.role) || !Number.isInteger(c.tv) || typeof c.sub !== 'string') {
      throw new DomainError('UNAUTHENTICATED', 'The bearer token is not one this registry issues now; log in again.');
    }
    return { actor: { userId: c.sub, organisationId: c.org, role: c.role, name: c.name }, tokenVersion: c.tv, sessionId: c.sid };
  }
}
