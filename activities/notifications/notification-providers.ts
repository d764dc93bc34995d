import type { Provider } from '@nestjs/common';
import { DeliveryActivitiesService } from './delivery-activities.service';
import { DeliveryQueue } from './delivery-queue';
import { NOTIFICATION_CHANNELS } from './notification-channel';
import { NotificationOutbox } from './notification-outbox';

/**
 * The worker's notification delivery: the outbox the case steps write through, the delivery activities, and the
 * channels (each a NotificationChannel provider). Needs WorkerTemporal and the persistence module.
 */
export const NOTIFICATION_PROVIDERS: Provider[] = [
  DeliveryQueue,
  NotificationOutbox,
  DeliveryActivitiesService,
  { provide: NOTIFICATION_CHANNELS, useValue: [] },
];
