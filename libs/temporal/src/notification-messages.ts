import { defineSignal } from '@temporalio/workflow';

/**
 * Notification delivery (issue 10): the contract between whoever writes deliveries into the outbox (a case step,
 * a subscriber's replay, an operator's retry) and the workflow that makes them. The outbox rows are the truth; the
 * signal only says "look again", so a duplicate is harmless and a lost one is caught by the delivery sweep.
 */

/** One delivery workflow per stream (a case number): deliveries of one case go out in order. */
export const DELIVERY_WORKFLOW_TYPE = 'notificationDeliveryWorkflow';
export const deliveryWorkflowId = (stream: string): string => `notification-delivery/${stream}`;

/** New deliveries are waiting in the outbox for this stream. */
export const deliveriesQueuedSignal = defineSignal('deliveriesQueued');

export interface DeliveryWorkflowInput {
  stream: string;
  /** False when the server refused our search attributes: the workflow then sets none. */
  searchAttributesEnabled: boolean;
}

/** The daily digest's Schedule: 08:00 Beijing time. */
export const DIGEST_SCHEDULE_ID = 'notification-digest';

/** The delivery sweep's Schedule: nudges streams whose pending deliveries nobody is working on. */
export const DELIVERY_SWEEP_SCHEDULE_ID = 'notification-delivery-sweep';

/** What the delivery workflow asks of the outside world (implemented in activities/notifications). */
export interface DeliveryActivities {
  /** The lanes (`email`, `webhook:<subscription>`) of this stream with deliveries pending, and how many are pending in all. */
  pendingDeliveryLanes(req: { stream: string }): Promise<{ lanes: string[]; pending: number }>;
  /**
   * Makes the oldest pending delivery of the lane (one attempt, recorded). Null when the lane is empty. Throws when
   * the attempt failed and may succeed later (the activity's and the workflow's retries take over).
   */
  deliverNext(req: { stream: string; lane: string }): Promise<{ deliveryId: string; status: 'sent' | 'failed' | 'skipped'; pending: number } | null>;
  /** Gives up on the lane's oldest pending delivery after a day of failures: marked failed, with the last error. */
  abandonDelivery(req: { stream: string; lane: string; error: string }): Promise<{ deliveryId: string } | null>;
  /** The delivery sweep: streams with deliveries pending for longer than `olderThanSeconds` are nudged again. */
  nudgeStalledDeliveries(req: { olderThanSeconds: number }): Promise<{ nudged: string[] }>;
}

/** The daily digest's activity. */
export interface DigestActivities {
  /** One e-mail per user with notifications waiting for their digest (`at`: the workflow's time, for the Beijing day). */
  sendDailyDigests(req: { at: string }): Promise<{ sent: number; failed: number }>;
}
