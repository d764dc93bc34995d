import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor, DomainError, ROLES } from '../../../../libs/domain/src';

interface TokenClaims {
  sub: string;
  org: string;
  role: Actor['role'];
  name: string;
}

/** Signed bearer tokens (HS256). An identity provider can replace issuing; verifying stays here. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(actor: Actor, expiresIn = process.env.TOKEN_TTL ?? '30d'): string {
    const claims: TokenClaims = { sub: actor.userId, org: actor.organisationId, role: actor.role, name: actor.name };
    return this.jwt.sign(claims, { expiresIn: expiresIn as never });
  }

  verify(token: string): Actor {
    try {
      const c = this.jwt.verify<TokenClaims>(token);
      if (!ROLES.includes(c.role)) throw new Error('unknown role');
      return { userId: c.sub, organisationId: c.org, role: c.role, name: c.name };
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The bearer token is invalid or expired.');
    }
  }
}
