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

/**
 * Issuing credits is one short ledger transaction: when a worker dies holding it, retry after 10 s rather
 * than 30 (the ledger makes the retry safe: one block per case).
 */
const OPTIONS_BY_ACTIVITY: Partial<Record<keyof CaseActivities, ActivityOptions>> = {
  issueCredits: { ...CASE_ACTIVITY_OPTIONS, startToCloseTimeout: '10 seconds' },
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
