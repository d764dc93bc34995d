import type { EntityManager } from 'typeorm';
import type { NotificationChannel } from '../../activities/notifications/notification-channel';
import type { OutboxDelivery, PlannedDelivery, RecordedStep } from '../../libs/persistence/src';

/**
 * A channel for tests of the delivery machinery itself (outbox, workflow, retries): it plans one delivery per
 * notification and records what it was asked to deliver; `down` makes every attempt fail like a receiver that is away.
 */
export class RecordingChannel implements NotificationChannel {
  readonly name = 'recording';
  readonly delivered: OutboxDelivery[] = [];
  readonly attempts: string[] = [];
  down = false;

  async plan(_tx: EntityManager, step: RecordedStep): Promise<PlannedDelivery[]> {
    return step.notifications.map((n) => ({ channel: this.name, lane: this.name, notificationId: n.id, recipients: [n.kind] }));
  }

  async deliver(d: OutboxDelivery): Promise<string> {
    this.attempts.push(d.id);
    if (this.down) throw new Error('the receiver is down');
    this.delivered.push(d);
    return `received ${d.notification?.kind}`;
  }
}
