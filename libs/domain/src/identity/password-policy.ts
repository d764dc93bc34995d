import { DomainError } from '../errors';

/** Passwords (ROLE-1 login): long enough to resist guessing, short enough that hashing one cannot be a denial of service. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The form a password is hashed and verified in: NFKC, so the same password typed on another keyboard or input
 * method (full-width digits, composed or decomposed accents) still matches (NIST SP 800-63B §5.1.1.2).
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Refuses a new password outside the length rule, counted in characters (code points) after normalisation,
 * so "密码" counts two, not by UTF-16 units. `field` names the request field in the 400.
 */
export function assertAcceptablePassword(password: string, field = 'password'): void {
  const length = [...normalisePassword(password)].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long; it has ${length}.`, {
      field,
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
    });
  }
}
