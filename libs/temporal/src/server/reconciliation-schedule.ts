import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { CASES_TASK_QUEUE } from '../task-queues';
import { RECONCILIATION_SCHEDULE_ID } from '../workflow-ids';

const UNIMPLEMENTED = 12;

/**
 * The Schedule that runs case reconciliation (workflows/case-reconciliation.workflow.ts), created by the
 * worker at start-up and left as it is when it exists (an operator may have paused or retuned it in the UI).
 * `RECONCILE_EVERY` (default 5 minutes) and `RECONCILE_LOOKBACK_HOURS` (default 48) tune a new Schedule.
 */
export async function ensureReconciliationSchedule(client: Client, env = process.env): Promise<'created' | 'exists' | 'unsupported by this server'> {
  try {
    await client.schedule.create({
      scheduleId: RECONCILIATION_SCHEDULE_ID,
      spec: { intervals: [{ every: (env.RECONCILE_EVERY ?? '5 minutes') as '5 minutes' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'caseReconciliationWorkflow',
        taskQueue: CASES_TASK_QUEUE,
        args: [{ lookbackHours: Number(env.RECONCILE_LOOKBACK_HOURS ?? 48) }],
        workflowExecutionTimeout: '10 minutes',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      state: { note: 'Closes cases whose workflow was terminated, timed out or failed outside its procedure (issue 7).' },
    });
    return 'created';
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return 'exists';
    // The time-skipping test server (demo, workflow tests) has no Schedules; every real server does.
    if ((e as { cause?: { code?: number } }).cause?.code === UNIMPLEMENTED) return 'unsupported by this server';
    throw e;
  }
}
