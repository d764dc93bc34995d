import { DomainError } from '../errors';
import { Actor } from './roles';

/**
 * ROLE-2 (Art. 34 BJ): four eyes. Whoever did the technical review of a case cannot sign off its
 * issuance — checked by person (user ID), so a reviewer later given the bureau role is still refused.
 */
export function assertFourEyes(signer: Actor, reviewerUserIds: readonly string[]): void {
  if (reviewerUserIds.includes(signer.userId)) {
    throw new DomainError('FORBIDDEN', 'ROLE-2: you did the technical review of this case, so you cannot sign off its issuance; another bureau user must.');
  }
}
