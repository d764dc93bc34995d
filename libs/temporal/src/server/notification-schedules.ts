import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { DELIVERY_SWEEP_SCHEDULE_ID } from '../notification-messages';
import { CASES_TASK_QUEUE } from '../task-queues';

const UNIMPLEMENTED = 12;

/**
 * The Schedules of notification delivery, created by the worker at start-up and left as they are when they exist
 * (an operator may have paused or retuned them): the delivery sweep every 5 minutes (`DELIVERY_SWEEP_EVERY`).
 */
export async function ensureNotificationSchedules(client: Client, env = process.env): Promise<string> {
  try {
    await client.schedule.create({
      scheduleId: DELIVERY_SWEEP_SCHEDULE_ID,
      spec: { intervals: [{ every: (env.DELIVERY_SWEEP_EVERY ?? '5 minutes') as '5 minutes' }] },
      action: { type: 'startWorkflow', workflowType: 'deliverySweepWorkflow', taskQueue: CASES_TASK_QUEUE, args: [{ olderThanSeconds: 120 }], workflowExecutionTimeout: '10 minutes' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      state: { note: 'Wakes the delivery workflow of a case whose notifications wait with nobody working on them (issue 10).' },
    });
    return `${DELIVERY_SWEEP_SCHEDULE_ID} created`;
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return `${DELIVERY_SWEEP_SCHEDULE_ID} exists`;
    if ((e as { cause?: { code?: number } }).cause?.code === UNIMPLEMENTED) return 'unsupported by this server';
    throw e;
  }
}
