import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

/** Thrown when Temporal has not answered in time, or has not been reached since start-up. Retryable. */
export class TemporalUnavailableError extends Error {
  override name = 'TemporalUnavailableError';
}

/**
 * gRPC statuses that mean "Temporal did not answer", as opposed to "Temporal answered no": the server is unreachable
 * (UNAVAILABLE, after the SDK's own retries), ran out of the call's deadline (DEADLINE_EXCEEDED), or the call was
 * cut (CANCELLED: a deadline or a closing connection).
 */
const NO_ANSWER: Record<number, string> = { 14: 'UNAVAILABLE', 4: 'DEADLINE_EXCEEDED', 1: 'CANCELLED' };

/**
 * Why Temporal could not be reached or did not answer in time, from `e` or its cause chain (a gRPC status name or
 * our own timeout message, never an address); undefined when the error is something else.
 */
export function whyTemporalUnavailable(e: unknown): string | undefined {
  for (let c = e, depth = 0; c instanceof Error && depth < 8; c = c.cause, depth++) {
    if (c instanceof TemporalUnavailableError) return c.message;
    if (isGrpcServiceError(c) && NO_ANSWER[c.code]) return NO_ANSWER[c.code];
    if (c instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return whyTemporalUnavailable(c.cause) ?? 'the update call timed out or was cancelled';
  }
  return undefined;
}

export const isTemporalUnavailable = (e: unknown): boolean => whyTemporalUnavailable(e) !== undefined;
