import type { OpenAPIObject } from '@nestjs/swagger';
import { ROLES_EXTENSION, ROLES_NOTE_EXTENSION } from '../auth/actor.decorators';

/**
 * Operation ids that read well in a generated client: `<controller>_<handler>`, e.g. `registrations_review`,
 * `accounts_transfer`, `publicity_comment` (the controller class name without "Controller", lower camel case).
 */
export function operationId(controllerKey: string, methodKey: string): string {
  const controller = controllerKey.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}_${methodKey}`;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Writes who may call each operation (x-roles, x-roles-note) into its description, for people reading /docs. */
export function describeRoles(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (Record<string, unknown> & { description?: string }) | undefined;
      const roles = op?.[ROLES_EXTENSION] as string[] | undefined;
      if (!op || !roles) continue;
      const note = op[ROLES_NOTE_EXTENSION] as string | undefined;
      const line = `Roles: ${roles.join(', ')}${note ? ` (${note})` : ''}.`;
      op.description = op.description ? `${op.description}\n\n${line}` : line;
    }
  }
  return doc;
}
