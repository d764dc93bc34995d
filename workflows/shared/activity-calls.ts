import { ActivityOptions, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../libs/temporal/src';

/**
 * Case activities are short database writes. Transient trouble (a database restart, a lost connection) is
 * retried on a bounded schedule — about 15 s over 5 attempts — after which the step fails, the case keeps
 * its state and deadline timer, and it is marked as needing attention (case-kernel) instead of retrying
 * unseen. Business-rule failures and permanent data errors are non-retryable by code (activity-registry).
 */
export const CASE_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '8 seconds', maximumAttempts: 5 },
};

const OPTIONS_BY_ACTIVITY: Partial<Record<keyof CaseActivities, ActivityOptions>> = {
  // Telling operators about a failed step must get through once the database is back: retry for a day.
  reportStepFailure: { startToCloseTimeout: '10 seconds', scheduleToCloseTimeout: '1 day', retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' } },
  // Reconciliation reads visibility and writes a few rows per closed case.
  reconcileClosedCases: { startToCloseTimeout: '5 minutes', retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 } },
};

const acts = proxyActivities<CaseActivities>(CASE_ACTIVITY_OPTIONS);

/** Calls an activity with a human-readable summary, so the Temporal UI timeline reads like the case file. */
export function call<K extends keyof CaseActivities>(
  name: K,
  summary: string,
  ...args: Parameters<CaseActivities[K]>
): ReturnType<CaseActivities[K]> {
  const activity = acts[name] as unknown as { executeWithOptions(o: ActivityOptions, a: unknown[]): Promise<unknown> };
  return activity.executeWithOptions({ ...(OPTIONS_BY_ACTIVITY[name] ?? CASE_ACTIVITY_OPTIONS), summary }, args) as ReturnType<CaseActivities[K]>;
}
