import type { StoredNotification } from '../../libs/persistence/src';

/**
 * Delivery beyond the in-app inbox (email, webhooks) plugs in here. The inbox row is the outbox: it is
 * written in the same transaction as the case step, and each channel is told about rows newly written.
 */
export interface NotificationChannel {
  readonly name: string;
  deliver(notification: StoredNotification): Promise<void>;
}

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
