import { ActivityOptions, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../libs/temporal/src';

/**
 * Projection and deadline activities are short database writes: retry them patiently (a database
 * restart must not fail a case), never on business-rule failures, which are non-retryable by code.
 */
export const CASE_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

const acts = proxyActivities<CaseActivities>(CASE_ACTIVITY_OPTIONS);

/** Calls an activity with a human-readable summary, so the Temporal UI timeline reads like the case file. */
export function call<K extends keyof CaseActivities>(
  name: K,
  summary: string,
  ...args: Parameters<CaseActivities[K]>
): ReturnType<CaseActivities[K]> {
  const activity = acts[name] as unknown as { executeWithOptions(o: ActivityOptions, a: unknown[]): Promise<unknown> };
  return activity.executeWithOptions({ ...CASE_ACTIVITY_OPTIONS, summary }, args) as ReturnType<CaseActivities[K]>;
}
