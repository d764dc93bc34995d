import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Response } from 'express';
import { DomainError, DomainErrorCode, isDomainErrorCode } from '../../../../libs/domain/src';
import { ErrorResponse } from './error-response';
import { retryableFailureOf } from './retryable-failure';

/** The one place domain codes become HTTP statuses (style: one exhaustive switch at the edge). */
export function httpStatusFor(code: DomainErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'CALENDAR_INVALID_PERIOD':
    case 'CALENDAR_INVALID_DATE':
      return HttpStatus.BAD_REQUEST;
    case 'UNAUTHENTICATED':
      return HttpStatus.UNAUTHORIZED;
    case 'FORBIDDEN':
      return HttpStatus.FORBIDDEN;
    case 'NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'WRONG_STATE':
    case 'DUPLICATE':
    case 'PUBLICITY_CLOSED':
    case 'BUSY':
      return HttpStatus.CONFLICT;
    case 'INELIGIBLE':
    case 'MATERIALS_INCOMPLETE':
    case 'INSUFFICIENT_HOLDINGS':
    case 'HOLDER_NOT_ALLOWED':
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}

/** A rejected Update carries the domain code as the ApplicationFailure type, possibly under an ActivityFailure. */
function domainCauseOf(e: unknown): ApplicationFailure | undefined {
  for (let c = e as { cause?: unknown } | undefined; c; c = c.cause as typeof c) {
    if (c instanceof ApplicationFailure && isDomainErrorCode(c.type)) return c;
  }
  return undefined;
}

@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (this.answeredAsOutage(e, res)) return;
    const body = this.toBody(e);
    res.status(body.statusCode).json(body);
  }

  /** Fault 9: a dependency down or out of time, or a lost race, is a 503 with Retry-After — not a bug's 500. */
  private answeredAsOutage(e: unknown, res: Response): boolean {
    const failure = retryableFailureOf(e);
    if (!failure) return false;
    if (failure !== e) this.log.warn(`${failure.code}: ${e instanceof Error ? e.message : String(e)}`);
    res.setHeader('Retry-After', String(failure.retryAfterSeconds));
    res.status(503).json(failure.toBody());
    return true;
  }

  toBody(e: unknown): ErrorResponse {
    if (e instanceof DomainError) return { statusCode: httpStatusFor(e.code), code: e.code, message: e.message, details: e.details };
    const failure = domainCauseOf(e);
    if (failure) {
      const code = failure.type as DomainErrorCode;
      const details = failure.details?.[0] as Record<string, unknown> | undefined;
      return { statusCode: httpStatusFor(code), code, message: failure.message, ...(details ? { details } : {}) };
    }
    if (e instanceof WorkflowNotFoundError) return { statusCode: 404, code: 'NOT_FOUND', message: 'No such case workflow.' };
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const res = e.getResponse() as { message?: string | string[] } | string;
      const message = typeof res === 'string' ? res : Array.isArray(res.message) ? res.message.join('; ') : (res.message ?? e.message);
      const code = status === 400 ? 'VALIDATION_FAILED' : status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${status}`;
      return { statusCode: status, code, message };
    }
    if ((e as { type?: string })?.type === 'entity.parse.failed') return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' };
    if (e instanceof WorkflowUpdateFailedError) this.log.error(`update failed without a domain code: ${e.cause?.message}`);
    else this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' };
  }
}
