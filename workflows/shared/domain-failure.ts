import { ApplicationFailure } from '@temporalio/workflow';
import { DomainError } from '../../libs/domain/src';

/**
 * Domain rules throw DomainError; across Temporal they must travel as a non-retryable
 * ApplicationFailure whose type is the domain code, so the API maps it to the right HTTP status.
 */
export function asFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DomainError) throw ApplicationFailure.nonRetryable(e.message, e.code, e.details);
    throw e;
  }
}
