import { HttpStatus } from '@nestjs/common';
import { DomainErrorCode } from '../../../../libs/domain/src';

/**
 * Codes that come from the transport or the infrastructure rather than a domain rule. With the domain's
 * codes they are every `code` the API answers with, each with one HTTP status (`httpStatusFor`).
 */
export const EDGE_ERROR_CODES = [
  'PAYLOAD_TOO_LARGE', // body or file over its limit
  'HEADERS_TOO_LARGE', // request headers over the server's limit
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'IDEMPOTENCY_KEY_REUSED', // the same Idempotency-Key with a different request
  'INVALID_DATA', // the database refused a value the edge should have (a gap in validation, logged)
  'CONSTRAINT_VIOLATED', // the database refused a change by a constraint the edge should have checked
  'STEP_FAILED', // a case step failed for a transient reason after its retries; the case is unchanged: retry later
  'TEMPORAL_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'TRY_AGAIN', // a transient conflict in the database (serialization, deadlock): retry now
  'NOT_READY', // readiness: a dependency the API needs is down
  'DOCUMENT_TRANSFERS_BUSY', // this API process already runs as many document uploads and downloads as it allows
  'INTERNAL',
] as const;
export type EdgeErrorCode = (typeof EDGE_ERROR_CODES)[number];
export type ErrorCode = DomainErrorCode | EdgeErrorCode;

/** The one place codes become HTTP statuses (style: one exhaustive switch at the edge). */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'CALENDAR_INVALID_PERIOD':
    case 'CALENDAR_INVALID_DATE':
    case 'INVALID_DATA':
      return HttpStatus.BAD_REQUEST;
    case 'UNAUTHENTICATED':
      return HttpStatus.UNAUTHORIZED;
    case 'FORBIDDEN':
      return HttpStatus.FORBIDDEN;
    case 'NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'METHOD_NOT_ALLOWED':
      return HttpStatus.METHOD_NOT_ALLOWED;
    case 'WRONG_STATE':
    case 'DUPLICATE':
    case 'PUBLICITY_CLOSED':
    case 'BUSY':
    case 'CONSTRAINT_VIOLATED':
      return HttpStatus.CONFLICT;
    case 'PAYLOAD_TOO_LARGE':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'INELIGIBLE':
    case 'MATERIALS_INCOMPLETE':
    case 'INSUFFICIENT_HOLDINGS':
    case 'HOLDER_NOT_ALLOWED':
    case 'IDEMPOTENCY_KEY_REUSED':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'RATE_LIMITED':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'HEADERS_TOO_LARGE':
      return 431;
    case 'STEP_FAILED':
    case 'TEMPORAL_UNAVAILABLE':
    case 'DATABASE_UNAVAILABLE':
    case 'TRY_AGAIN':
    case 'NOT_READY':
    case 'DOCUMENT_TRANSFERS_BUSY':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'INTERNAL':
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

/** Seconds a client should wait before retrying, for the codes that say "try again". */
export function retryAfterFor(code: ErrorCode): number | undefined {
  switch (code) {
    case 'BUSY':
    case 'TRY_AGAIN':
      return 1;
    case 'DOCUMENT_TRANSFERS_BUSY':
      return 2;
    case 'DATABASE_UNAVAILABLE':
    case 'TEMPORAL_UNAVAILABLE':
    case 'NOT_READY':
      return 5;
    case 'STEP_FAILED':
      return 30;
    default:
      return undefined;
  }
}

/** A code answered for a request that may simply be sent again (so an Idempotency-Key is not spent on it). */
export const isRetryable = (code: string): boolean => ['BUSY', 'RATE_LIMITED', 'STEP_FAILED', 'TEMPORAL_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'TRY_AGAIN', 'NOT_READY', 'DOCUMENT_TRANSFERS_BUSY', 'INTERNAL'].includes(code);
