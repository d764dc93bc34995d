import { proxyActivities } from '@temporalio/workflow';
import type { DigestActivities } from '../libs/temporal/src';

/** A digest that could not be sent is tried again through the morning (its row stays pending until it goes). */
const { sendDailyDigests } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '10 minutes',
  scheduleToCloseTimeout: '20 hours',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/** Run by the Schedule `notification-digest` at 08:00 Beijing time (issue 10): the day's digests. */
export async function notificationDigestWorkflow(): Promise<{ sent: number; failed: number }> {
  return sendDailyDigests({ at: new Date().toISOString() });
}
