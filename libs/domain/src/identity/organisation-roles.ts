import { DomainError } from '../errors';
import type { OrganisationKind, Role } from '../access/roles';

/** Which roles each kind of organisation may have (a developer's user cannot sit in the bureau). */
export const ROLES_BY_KIND: Readonly<Record<OrganisationKind, readonly Role[]>> = {
  developer: ['developer'],
  verifier: ['verifier'],
  registry: ['officer'],
  bureau: ['bureau'],
  exchange: ['exchange'],
  emitter: ['emitter'],
  platform: ['admin'],
};

/** ROLE-1: a user's role must suit the kind of organisation they belong to, on creation and on every change. */
export function assertRoleSuitsOrganisation(kind: OrganisationKind, role: Role): void {
  if (!ROLES_BY_KIND[kind].includes(role)) {
    throw new DomainError('VALIDATION_FAILED', `A ${kind} organisation cannot have ${role} users (it may have: ${ROLES_BY_KIND[kind].join(', ')}).`, {
      field: 'role',
      organisationKind: kind,
    });
  }
}
