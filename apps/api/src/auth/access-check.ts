import type { AccessTokenClaims } from './token.service';
import type { UserAccessState } from './users.repository';

/**
 * ROLE-1: why a verified token no longer grants access, judged on the user's state now; undefined when it
 * does. The message tells the person what happened and that logging in again is the way back (if there is one).
 */
export function accessRefusal(claims: AccessTokenClaims, state: UserAccessState | undefined): string | undefined {
  if (!state) return 'This account does not exist.';
  if (state.deleted) return 'This account has been deleted.';
  if (!state.active) return 'This account has been deactivated.';
  if (state.actor.role !== claims.actor.role || state.actor.organisationId !== claims.actor.organisationId) {
    return "This account's role or organisation has changed since the token was issued; log in again.";
  }
  if (state.tokenVersion !== claims.tokenVersion) {
    return 'This token has been revoked (password changed, logged out everywhere, or changed by an administrator); log in again.';
  }
  if (state.session && !state.session.found) return 'This token belongs to no session of this account; log in again.';
  if (state.session?.revokedReason) return `This session has ended (${state.session.revokedReason.replace(/_/g, ' ')}); log in again.`;
  return undefined;
}
