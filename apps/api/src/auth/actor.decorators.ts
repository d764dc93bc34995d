import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor, Role } from '../../../../libs/domain/src';
import { PUBLIC_EXTENSION } from '../common/api-errors';

export const IS_PUBLIC = 'isPublic';
/** Disclosure endpoints (BJ-30) and public comments need no login. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

export const ROLES_KEY = 'roles';
/** ROLE-1: which roles may call an endpoint (ownership is checked by the service). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
