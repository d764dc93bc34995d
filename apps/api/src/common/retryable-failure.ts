import type { OpenAPIObject } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { transientDatabaseError } from '../../../../libs/persistence/src/database-unavailability';
import { whyTemporalUnavailable } from '../../../../libs/temporal/src/server/temporal-unavailability';
import { ErrorResponse } from './error-response';

/** The codes of a 503: a dependency is down, or a transaction lost a race; the same request may succeed later. */
export type RetryableCode = 'DATABASE_UNAVAILABLE' | 'TEMPORAL_UNAVAILABLE' | 'TRY_AGAIN' | 'NOT_READY';

/** Seconds a client should wait before trying again (the Retry-After header). */
const RETRY_AFTER_SECONDS: Record<RetryableCode, number> = { DATABASE_UNAVAILABLE: 5, TEMPORAL_UNAVAILABLE: 5, NOT_READY: 5, TRY_AGAIN: 1 };

/** A 503 in the one error shape, with Retry-After (fault 9: an outage is not a bug, and says so). */
export class RetryableFailure extends Error {
  constructor(
    readonly code: RetryableCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get retryAfterSeconds(): number {
    return RETRY_AFTER_SECONDS[this.code];
  }

  toBody(): ErrorResponse {
    return { statusCode: 503, code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/**
 * Recognises an outage in an error thrown anywhere below a request: Temporal unreachable or out of time (after the
 * SDK's own retries), PostgreSQL unreachable, stopping or timing out, or a transaction that lost a race. The API's
 * only raw TCP client is pg (Temporal errors arrive as gRPC statuses), so socket errors count as the database's.
 */
export function retryableFailureOf(e: unknown): RetryableFailure | undefined {
  if (e instanceof RetryableFailure) return e;
  const temporal = whyTemporalUnavailable(e);
  if (temporal) {
    return new RetryableFailure(
      'TEMPORAL_UNAVAILABLE',
      'The case engine (Temporal) is unreachable or did not answer in time. An action may or may not have been applied: repeat it with the same Idempotency-Key to get its one outcome.',
      { dependency: 'temporal', reason: temporal },
    );
  }
  const db = transientDatabaseError(e);
  if (db?.kind === 'try-again') {
    return new RetryableFailure('TRY_AGAIN', 'The request collided with a concurrent one and its transaction was rolled back. Send it again.', { reason: db.reason });
  }
  if (db?.kind === 'unavailable') {
    return new RetryableFailure('DATABASE_UNAVAILABLE', 'The database is unreachable or did not answer in time. Try again shortly.', { dependency: 'database', reason: db.reason });
  }
  return undefined;
}

/** Operations that touch neither PostgreSQL nor Temporal, so never answer 503. */
const NO_DEPENDENCIES = new Set(['/health/live']);

/**
 * Declares the outage answer on every operation of the OpenAPI document: any request that needs the database or
 * Temporal may answer 503 in the error shape, with Retry-After.
 */
export function documentRetryableFailures(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (NO_DEPENDENCIES.has(path)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      const declared = op.responses['503'] as ResponseObject | undefined;
      op.responses['503'] = {
        description: declared?.description ?? 'DATABASE_UNAVAILABLE, TEMPORAL_UNAVAILABLE or TRY_AGAIN: an outage or a lost race; the same request may succeed later',
        headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } },
        content: declared?.content ?? { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      };
    }
  }
  return document;
}
