/**
 * Domain errors carry a stable code; one exception filter at the HTTP edge maps codes to status
 * (style: twenty's exhaustive switch). Domain and persistence code never throw HttpException.
 */
export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'WRONG_STATE',
  'DUPLICATE',
  'INELIGIBLE',
  'MATERIALS_INCOMPLETE',
  'PUBLICITY_CLOSED',
  'BUSY',
  'INSUFFICIENT_HOLDINGS',
  'HOLDER_NOT_ALLOWED',
  'CALENDAR_INVALID_PERIOD',
  'CALENDAR_INVALID_DATE',
  'RATE_LIMITED',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainErrorCode = (code: unknown): code is DomainErrorCode =>
  (DOMAIN_ERROR_CODES as readonly unknown[]).includes(code);
