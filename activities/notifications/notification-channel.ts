import type { EntityManager } from 'typeorm';
import type { OutboxDelivery, OutboxWriter, PlannedDelivery, RecordedStep } from '../../libs/persistence/src';

/**
 * A way a notification leaves the system (e-mail, webhooks; SMS or WeChat Work would be one more provider of this).
 *
 * - `plan` runs inside the transaction of the case step that notifies: it says what this channel will deliver (to whom,
 *   on which lane) and the outbox writes those rows in that same transaction, one per notification and channel.
 * - `deliver` later makes one of them, in an activity of the stream's delivery workflow: it resolves with the receiving
 *   server's answer, or throws — a `PermanentDeliveryFailure` is recorded as failed at once, anything else is retried
 *   with backoff for up to a day.
 */
export interface NotificationChannel {
  readonly name: string;
  plan(tx: EntityManager, step: RecordedStep): Promise<PlannedDelivery[]>;
  deliver(delivery: OutboxDelivery): Promise<string>;
  /**
   * After a day of failures the delivery is given up; the channel may act on it (a webhook subscriber is disabled and
   * its owner told, through `outbox`).
   */
  givenUp?(delivery: OutboxDelivery, error: string, outbox: { writer: OutboxWriter; committed(told: { queued: number }, stream: string): Promise<void> }): Promise<void>;
}

/** A delivery that no retry can make (an address the server refuses for good, a channel switched off). */
export class PermanentDeliveryFailure extends Error {}

/** A delivery that is no longer to be made (its webhook subscription was disabled or deleted meanwhile). */
export class DeliverySkipped extends Error {}

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
