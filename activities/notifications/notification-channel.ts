import type { EntityManager } from 'typeorm';
import type { OutboxDelivery, PlannedDelivery, RecordedStep } from '../../libs/persistence/src';

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
}

/** A delivery that no retry can make (an address the server refuses for good, a channel switched off). */
export class PermanentDeliveryFailure extends Error {}

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
