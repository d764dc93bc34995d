import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './error-response';

/** What an error status means on any endpoint; each in the one ErrorResponse shape. */
const MEANINGS: Record<number, string> = {
  400: 'VALIDATION_FAILED: a field is missing, malformed, too long or contains characters that cannot be stored (the message names it)',
  401: 'UNAUTHENTICATED: no token, or it is invalid, expired or revoked',
  403: 'FORBIDDEN: your role may not do this',
  404: 'NOT_FOUND: no such record, or not one you may see',
  409: 'WRONG_STATE / DUPLICATE / BUSY: not now (the message says the state and what is allowed)',
  413: 'PAYLOAD_TOO_LARGE: the body or file is over its limit',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'INELIGIBLE / MATERIALS_INCOMPLETE / IDEMPOTENCY_KEY_REUSED …: a rule of the measures refuses it, with every reason',
  429: 'RATE_LIMITED: too many requests from your client; see Retry-After',
  503: 'TEMPORAL_UNAVAILABLE / DATABASE_UNAVAILABLE / STEP_FAILED / TRY_AGAIN: retry after Retry-After seconds',
};

/** Documents the error responses an endpoint (or every endpoint of a controller) can give. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(...(statuses.length ? statuses : Object.keys(MEANINGS).map(Number)).map((status) => ApiResponse({ status, type: ErrorResponse, description: MEANINGS[status] })));
