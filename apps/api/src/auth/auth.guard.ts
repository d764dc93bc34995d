import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { assertRole, DomainError, Role } from '../../../../libs/domain/src';
import { inSpan } from '../../../../libs/tracing/src/spans';
import { AuditedRequest } from '../audit/audit-entry';
import { accessRefusal } from './access-check';
import { IS_PUBLIC, ROLES_KEY } from './actor.decorators';
import { TokenService } from './token.service';
import { UserStateCache } from './user-state.cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ROLE-1: every non-public endpoint requires a valid token of a user who may still act — checked against the
 * user's row now (active, not deleted, same role, organisation and token_version; the token's session not
 * ended) — and one of the endpoint's roles. The actor comes from the row, so a renamed user acts under the new name.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly userStates: UserStateCache,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    // Its own span when tracing is on: the token's signature and the user's row (cached) on every request.
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    return inSpan('auth.check', () => this.check(ctx.switchToHttp().getRequest(), roles));
  }

  private async check(req: AuditedRequest, roles: Role[] | undefined): Promise<boolean> {
    const header: string | undefined = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new DomainError('UNAUTHENTICATED', 'Send a bearer token: Authorization: Bearer <token>.');
    const claims = this.tokens.verify(header.slice('Bearer '.length).trim());
    if (!UUID.test(claims.actor.userId) || (claims.sessionId !== undefined && !UUID.test(claims.sessionId))) {
      throw new DomainError('UNAUTHENTICATED', 'The bearer token names no account; log in again.');
    }
    const state = await this.userStates.get(claims.actor.userId, claims.sessionId);
    const refusal = accessRefusal(claims, state);
    if (refusal) throw new DomainError('UNAUTHENTICATED', refusal);
    req.actor = state!.actor;
    if (roles?.length) assertRole(req.actor, roles, `call ${req.method} ${req.route?.path ?? req.url}`);
    return true;
  }
}
