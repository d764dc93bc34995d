import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '../../../../libs/domain/src';

export const IS_PUBLIC = 'isPublic';
/** Disclosure endpoints (BJ-30) and public comments need no login. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ROLES_KEY = 'roles';
/** ROLE-1: which roles may call an endpoint (ownership is checked by the service). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
