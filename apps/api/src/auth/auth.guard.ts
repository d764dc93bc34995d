import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { assertRole, DomainError, Role } from '../../../../libs/domain/src';
import { IS_PUBLIC, ROLES_KEY } from './actor.decorators';
import { TokenService } from './token.service';

/** ROLE-1: every non-public endpoint requires a valid token and one of the endpoint's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly tokens: TokenService) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new DomainError('UNAUTHENTICATED', 'Send a bearer token: Authorization: Bearer <token>.');
    req.actor = this.tokens.verify(header.slice('Bearer '.length).trim());
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles?.length) assertRole(req.actor, roles, `call ${req.method} ${req.route?.path ?? req.url}`);
    return true;
  }
}
