import { proxyActivities } from '@temporalio/workflow';
import type { DeliveryActivities } from '../libs/temporal/src';

const { nudgeStalledDeliveries } = proxyActivities<DeliveryActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

/**
 * Run by the Schedule `notification-delivery-sweep`: a stream whose deliveries wait with nobody working on them (the
 * signal after its step was lost, e.g. Temporal was away at that instant) gets its delivery workflow woken again.
 */
export async function deliverySweepWorkflow(input: { olderThanSeconds?: number } = {}): Promise<{ nudged: string[] }> {
  return nudgeStalledDeliveries({ olderThanSeconds: input.olderThanSeconds ?? 120 });
}
