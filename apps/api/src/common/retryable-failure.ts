import { transientDatabaseError } from '../../../../libs/persistence/src/database-unavailability';
import { whyTemporalUnavailable } from '../../../../libs/temporal/src/server/temporal-unavailability';
import { ErrorResponse } from './error-response';

/** The codes of a 503: a dependency is down, or a transaction lost a race; the same request may succeed later. */
export type RetryableCode = 'DATABASE_UNAVAILABLE' | 'TEMPORAL_UNAVAILABLE' | 'TRY_AGAIN' | 'NOT_READY';

/** A 503 in the one error shape, with Retry-After (fault 9: an outage is not a bug, and says so). */
export class RetryableFailure extends Error {
  constructor(
    readonly code: RetryableCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
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
