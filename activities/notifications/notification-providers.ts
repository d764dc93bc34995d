import type { Provider } from '@nestjs/common';
import { DeliveryActivitiesService } from './delivery-activities.service';
import { DeliveryQueue } from './delivery-queue';
import { EmailChannel } from './email/email-channel';
import { DigestActivitiesService } from './email/digest-activities.service';
import { MAIL_SETTINGS, mailSettings } from './email/mail-settings';
import { Mailer } from './email/mailer';
import { NOTIFICATION_CHANNELS } from './notification-channel';
import { NotificationOutbox } from './notification-outbox';
import { WebhookChannel } from './webhooks/webhook-channel';

/**
 * The worker's notification delivery: the outbox the case steps write through, the delivery activities, and the
 * channels (each a NotificationChannel provider). Needs WorkerTemporal and the persistence module.
 */
export const NOTIFICATION_PROVIDERS: Provider[] = [
  DeliveryQueue,
  NotificationOutbox,
  DeliveryActivitiesService,
  { provide: MAIL_SETTINGS, useFactory: () => mailSettings() },
  Mailer,
  EmailChannel,
  DigestActivitiesService,
  WebhookChannel,
  // One provider per channel; SMS or WeChat Work would be one more here.
  { provide: NOTIFICATION_CHANNELS, useFactory: (email: EmailChannel, webhook: WebhookChannel) => [email, webhook], inject: [EmailChannel, WebhookChannel] },
];
