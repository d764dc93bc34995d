import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Request, Response } from 'express';
import { DomainError, isDomainErrorCode } from '../../../../libs/domain/src';
import { sqlState } from '../../../../libs/persistence/src/sql-state';
import { EdgeError } from './edge-error';
import { EDGE_ERROR_CODES, ErrorCode, httpStatusFor, retryAfterFor } from './error-codes';
import { ErrorResponse } from './error-response';
import { retryableFailureOf } from './retryable-failure';

export { httpStatusFor } from './error-codes';

/** A response stored under an Idempotency-Key, answered again as it was. */
export class ReplayedError extends Error {
  constructor(readonly body: ErrorResponse) {
    super(body.message);
  }
}

const isErrorCode = (code: unknown): code is ErrorCode => isDomainErrorCode(code) || (EDGE_ERROR_CODES as readonly unknown[]).includes(code);
const body = (code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorResponse => ({
  statusCode: httpStatusFor(code), code, message, ...(details ? { details } : {}),
});

/** A rejected Update or failed step carries its code as the ApplicationFailure type, possibly under an ActivityFailure. */
function failureCauseOf(e: unknown): ApplicationFailure | undefined {
  for (let c = e as { cause?: unknown } | undefined; c; c = c.cause as typeof c) {
    if (c instanceof ApplicationFailure && isErrorCode(c.type)) return c;
  }
  return undefined;
}

/** Errors the body parser raises before any controller runs (express `type` codes). */
const BODY_PARSER: Record<string, [ErrorCode, string]> = {
  'entity.too.large': ['PAYLOAD_TOO_LARGE', 'The request body is larger than this endpoint accepts.'],
  'parameters.too.many': ['PAYLOAD_TOO_LARGE', 'The request has too many parameters.'],
  'entity.parse.failed': ['VALIDATION_FAILED', 'The request body is not valid JSON.'],
  'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'The request body uses a content encoding this API does not accept.'],
  'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'The request body uses a character set this API does not accept; send UTF-8.'],
  'request.aborted': ['VALIDATION_FAILED', 'The request was aborted before its body arrived.'],
  'request.size.invalid': ['VALIDATION_FAILED', 'The request body is not as long as its Content-Length says.'],
  'stream.encoding.set': ['INTERNAL', 'The request stream could not be read.'],
};

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 409: 'DUPLICATE',
  413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'VALIDATION_FAILED', 429: 'RATE_LIMITED', 503: 'TRY_AGAIN',
};

/**
 * The safety net behind edge validation: a value or change the database refuses is the client's input
 * that validation missed, so it is a 4xx, never a 500 (and logged, since it marks a gap to close).
 */
function databaseRefusal(e: unknown): ErrorResponse | undefined {
  const state = sqlState(e);
  if (!state) return undefined;
  const detail = (e as { driverError?: { detail?: string }; detail?: string }).driverError?.detail ?? (e as { detail?: string }).detail;
  if (state === '23505' || state === '23P01') return body('DUPLICATE', `This conflicts with a record that already exists${detail ? ` (${detail})` : ''}.`);
  if (state === '23503') return body('VALIDATION_FAILED', 'The request refers to a record that does not exist.');
  if (state.startsWith('23')) return body('VALIDATION_FAILED', 'The request breaks a rule the registry keeps in its database; check the values sent.');
  if (state.startsWith('22')) return body('VALIDATION_FAILED', 'A value in the request cannot be stored (wrong format, out of range or too long).');
  return undefined;
}

/** Everything a request can end with, in the one error shape. Shared by the filter and the idempotency store. */
export function errorBody(e: unknown, log?: Logger): ErrorResponse {
  if (e instanceof ReplayedError) return e.body;
  if (e instanceof DomainError || e instanceof EdgeError) return body(e.code, e.message, e.details);
  const failure = failureCauseOf(e);
  if (failure) {
    const details = failure.details?.[0] as Record<string, unknown> | undefined;
    if (failure.type === 'INVALID_DATA' || failure.type === 'CONSTRAINT_VIOLATED') log?.warn(`a case step hit a database refusal the edge did not catch: ${failure.message}`);
    return body(failure.type as ErrorCode, failure.message, details && typeof details === 'object' ? details : undefined);
  }
  if (e instanceof WorkflowNotFoundError) return body('NOT_FOUND', 'No such case workflow.');
  // Fault 9: a dependency down or out of time, or a lost race, is a 503 with Retry-After — not a bug's 500.
  const outage = retryableFailureOf(e);
  if (outage) {
    if (outage !== e) log?.warn(`${outage.code}: ${e instanceof Error ? e.message : String(e)}`);
    return outage.toBody();
  }
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const res = e.getResponse() as { message?: string | string[]; code?: string } | string;
    const message = typeof res === 'string' ? res : Array.isArray(res.message) ? res.message.join('; ') : (res.message ?? e.message);
    const code = typeof res === 'object' && isErrorCode(res.code) ? res.code : (HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED'));
    return { statusCode: status, code, message };
  }
  const parserType = (e as { type?: string })?.type;
  if (parserType && BODY_PARSER[parserType]) return body(...BODY_PARSER[parserType]);
  // Other client errors raised by express middleware (http-errors: a missing static file of the console …).
  const httpError = e as { status?: unknown; expose?: unknown; message?: string };
  if (httpError?.expose === true && typeof httpError.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    return { statusCode: httpError.status, code: HTTP_CODES[httpError.status] ?? 'VALIDATION_FAILED', message: httpError.message ?? 'Refused.' };
  }
  const refused = databaseRefusal(e);
  if (refused) {
    log?.warn(`database refusal reached the edge (missing validation): ${(e as Error).message}`);
    return refused;
  }
  if (e instanceof WorkflowUpdateFailedError) log?.error(`update failed without a known code: ${e.cause?.message}`);
  else log?.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return body('INTERNAL', 'Something went wrong on our side; it has been logged.');
}

/** Renders every error in the one shape, with `Retry-After` on the codes that mean "try again later". */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const b = this.toBody(e);
    // Refused before its body was read (an upload to a case that does not exist, over a limit, without a token …):
    // close the connection after the answer, or Node would read and discard all the rest of the body to keep it.
    if (!host.switchToHttp().getRequest<Request>().complete) res.setHeader('Connection', 'close');
    const retryAfter = isErrorCode(b.code) ? retryAfterFor(b.code) : undefined;
    if (retryAfter !== undefined && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(retryAfter));
    res.status(b.statusCode).json(b);
  }

  toBody(e: unknown): ErrorResponse {
    return errorBody(e, this.log);
  }
}
