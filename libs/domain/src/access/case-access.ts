import { DomainError } from '../errors';
import { Actor, REGISTRY_STAFF } from './roles';

/**
 * ROLE-1: every action checks role *and* ownership. A developer never sees another organisation's case;
 * we answer NOT_FOUND rather than FORBIDDEN so case numbers of other organisations do not leak.
 */
export function assertCanReadCase(actor: Actor, caseOrganisationId: string): void {
  if (REGISTRY_STAFF.includes(actor.role)) return;
  if (actor.organisationId === caseOrganisationId) return;
  throw new DomainError('NOT_FOUND', 'No such case.');
}

export function assertRole(actor: Actor, allowed: readonly Actor['role'][], action: string): void {
  if (!allowed.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `Only ${allowed.join(' or ')} users may ${action}; you are ${actor.role}.`);
  }
}

/** ROLE-1 for issuance cases: also the third-party verifier named on the application (BJ-21). */
export function assertCanReadIssuanceCase(actor: Actor, c: { organisationId: string; verifierOrganisationId: string | null }): void {
  if (actor.role === 'verifier' && c.verifierOrganisationId !== null && actor.organisationId === c.verifierOrganisationId) return;
  assertCanReadCase(actor, c.organisationId);
}
