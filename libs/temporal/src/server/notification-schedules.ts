import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { DELIVERY_SWEEP_SCHEDULE_ID, DIGEST_SCHEDULE_ID } from '../notification-messages';
import { CASES_TASK_QUEUE } from '../task-queues';

const UNIMPLEMENTED = 12;

/**
 * The Schedules of notification delivery, created by the worker at start-up and left as they are when they exist
 * (an operator may have paused or retuned them): the delivery sweep every 5 minutes (`DELIVERY_SWEEP_EVERY`), and the
 * daily digest at 08:00 Beijing time.
 */
export async function ensureNotificationSchedules(client: Client, env = process.env): Promise<string> {
  const sweep = await ensureSweep(client, env);
  const digest = await create(DIGEST_SCHEDULE_ID, () =>
    client.schedule.create({
      scheduleId: DIGEST_SCHEDULE_ID,
      spec: { calendars: [{ hour: 8, minute: 0 }], timezone: 'Asia/Shanghai' },
      action: { type: 'startWorkflow', workflowType: 'notificationDigestWorkflow', taskQueue: CASES_TASK_QUEUE, args: [], workflowExecutionTimeout: '1 day' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '12 hours' },
      state: { note: "Each user's daily digest of the notifications they chose to get once a day (issue 10)." },
    }),
  );
  return `${sweep}; ${digest}`;
}

async function create(id: string, make: () => Promise<unknown>): Promise<string> {
  try {
    await make();
    return `${id} created`;
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return `${id} exists`;
    if ((e as { cause?: { code?: number } }).cause?.code === UNIMPLEMENTED) return `${id} unsupported by this server`;
    throw e;
  }
}

function ensureSweep(client: Client, env: NodeJS.ProcessEnv): Promise<string> {
  return create(DELIVERY_SWEEP_SCHEDULE_ID, () =>
    client.schedule.create({
      scheduleId: DELIVERY_SWEEP_SCHEDULE_ID,
      spec: { intervals: [{ every: (env.DELIVERY_SWEEP_EVERY ?? '5 minutes') as '5 minutes' }] },
      action: { type: 'startWorkflow', workflowType: 'deliverySweepWorkflow', taskQueue: CASES_TASK_QUEUE, args: [{ olderThanSeconds: 120 }], workflowExecutionTimeout: '10 minutes' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      state: { note: 'Wakes the delivery workflow of a case whose notifications wait with nobody working on them (issue 10).' },
    }),
  );
}
