import type { EdgeErrorCode } from './error-codes';

/** An error the HTTP edge raises itself (not a domain rule): rendered in the one error shape by code. */
export class EdgeError extends Error {
  constructor(
    readonly code: EdgeErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'EdgeError';
  }
}
