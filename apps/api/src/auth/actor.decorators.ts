import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ROLES, type Actor, type Procedure, type Role } from '../../../../libs/domain/src';
import { PUBLIC_EXTENSION } from '../common/api-errors';

/**
 * Who may call an endpoint, said once for the guard and the OpenAPI document alike: every operation carries
 * `x-roles` (the roles, or ["public"]) and, where the roles alone do not tell the whole rule, `x-roles-note`
 * (the document's build writes both into the operation's description: common/api-operations.ts).
 */
export const ROLES_EXTENSION = 'x-roles';
export const ROLES_NOTE_EXTENSION = 'x-roles-note';
/** The procedure-table action a case endpoint takes, as `allowedActions` names it (e.g. submitSupplement). */
export const CASE_ACTION_EXTENSION = 'x-case-action';

const inDocument = (roles: readonly string[], note?: string) =>
  applyDecorators(ApiExtension(ROLES_EXTENSION, [...roles]), ...(note ? [ApiExtension(ROLES_NOTE_EXTENSION, note)] : []));

export const IS_PUBLIC = 'isPublic';
/** Disclosure endpoints (BJ-30) and public comments need no login. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true), inDocument(['public'], 'no sign-in needed'));

export const ROLES_KEY = 'roles';
/** ROLE-1: which roles may call an endpoint (ownership is checked by the service). */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), inDocument(roles));

/**
 * Any signed-in user may call the endpoint; `scope` says what ROLE-1 narrows the answer to (the service checks
 * it: whose cases, whose inbox). Documents only: the guard already requires a valid token.
 */
export const AnyRole = (scope: string) => inDocument(ROLES, `any signed-in role; ${scope}`);

/**
 * A case action's roles, read from the case type's procedure table when the controller is declared (the service
 * and the workflow enforce the table, with the case's state and ROLE-2 four eyes; the guard does not).
 */
export function CaseActionRoles(procedure: Procedure, action: string) {
  const rule = procedure.actions[action];
  if (rule?.by !== 'person') throw new Error(`${action} is not a person action of the ${procedure.caseType} procedure`);
  const guard = rule.guard ? '; its guard (ROLE-2 four eyes) refuses a user who reviewed the case' : '';
  return applyDecorators(
    inDocument(rule.roles, `from the ${procedure.caseType} procedure table; only while the case's status allows it (see allowedActions)${guard}`),
    ApiExtension(CASE_ACTION_EXTENSION, action),
  );
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
