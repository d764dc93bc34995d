import { ActivityOptions, LocalActivityOptions, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
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

/**
 * A step's own database writes and reads run as local activities: in the worker, inside the workflow task that
 * runs the step, so an officer's action costs one workflow task instead of one per activity plus the activity
 * tasks' round trips through the server (issue 9). They keep the same timeout and retry policy, each is
 * idempotent by its key (a local activity may run again if its workflow task is retried), and the history still
 * records each one's result (as a marker). Not local: what may retry for a day (telling operators) or read
 * Temporal itself (cancellation, reconciliation).
 */
const LOCAL: ReadonlySet<keyof CaseActivities> = new Set<keyof CaseActivities>([
  'computeDeadline', 'recordCaseStep', 'remindDeadline', 'missingMaterials', 'openPublicityNotice', 'dismissComment', 'closePublicityNotice', 'registerProject', 'issueCredits',
]);
const CASE_LOCAL_ACTIVITY_OPTIONS: LocalActivityOptions = { startToCloseTimeout: CASE_ACTIVITY_OPTIONS.startToCloseTimeout, retry: CASE_ACTIVITY_OPTIONS.retry };
/** Cases started before steps ran locally replay with the activities they recorded; from their next step on they run locally too. */
export const LOCAL_CASE_STEPS_PATCH = 'case-steps-as-local-activities';

const acts = proxyActivities<CaseActivities>(CASE_ACTIVITY_OPTIONS);
const localActs = proxyLocalActivities<CaseActivities>(CASE_LOCAL_ACTIVITY_OPTIONS);

/** Calls an activity with a human-readable summary, so the Temporal UI timeline reads like the case file. */
export function call<K extends keyof CaseActivities>(
  name: K,
  summary: string,
  ...args: Parameters<CaseActivities[K]>
): ReturnType<CaseActivities[K]> {
  if (LOCAL.has(name) && patched(LOCAL_CASE_STEPS_PATCH)) {
    const local = localActs[name] as unknown as { executeWithOptions(o: LocalActivityOptions, a: unknown[]): Promise<unknown> };
    return local.executeWithOptions({ ...CASE_LOCAL_ACTIVITY_OPTIONS, summary }, args) as ReturnType<CaseActivities[K]>;
  }
  const activity = acts[name] as unknown as { executeWithOptions(o: ActivityOptions, a: unknown[]): Promise<unknown> };
  return activity.executeWithOptions({ ...(OPTIONS_BY_ACTIVITY[name] ?? CASE_ACTIVITY_OPTIONS), summary }, args) as ReturnType<CaseActivities[K]>;
}
