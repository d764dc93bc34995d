import { Test } from '@nestjs/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { buildActivities } from '../../activities/activity-registry';
import { CaseActivitiesService } from '../../activities/cases/case-activities.service';
import { DeliveryActivitiesService } from '../../activities/notifications/delivery-activities.service';
import { DigestActivitiesService } from '../../activities/notifications/email/digest-activities.service';
import { NOTIFICATION_CHANNELS, NotificationChannel } from '../../activities/notifications/notification-channel';
import { NOTIFICATION_PROVIDERS } from '../../activities/notifications/notification-providers';
import { MAIL_SETTINGS, MailSettings } from '../../activities/notifications/email/mail-settings';
import { WorkerTemporal } from '../../activities/temporal/worker-temporal';
import { PersistenceModule } from '../../libs/persistence/src/persistence.module';

/**
 * A worker with the real activities (Nest DI, real PostgreSQL) on any Temporal connection and task queue, its
 * notification channels as the worker configures them unless `channels` are given.
 */
export async function startWorker(
  connection: NativeConnection,
  taskQueue: string,
  namespace = 'default',
  workflowsPath = require.resolve('../../workflows'),
  options: { channels?: NotificationChannel[]; mail?: MailSettings } = {},
) {
  const builder = Test.createTestingModule({
    imports: [PersistenceModule],
    providers: [CaseActivitiesService, ...NOTIFICATION_PROVIDERS, { provide: WorkerTemporal, useValue: WorkerTemporal.over(connection, namespace) }],
  });
  if (options.channels) builder.overrideProvider(NOTIFICATION_CHANNELS).useValue(options.channels);
  if (options.mail) builder.overrideProvider(MAIL_SETTINGS).useValue(options.mail);
  const moduleRef = await builder.compile();
  const ctx = await moduleRef.init();
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath,
    activities: buildActivities(ctx.get(CaseActivitiesService), ctx.get(DeliveryActivitiesService), ctx.get(DigestActivitiesService)),
  });
  const running = worker.run();
  return {
    db: ctx.get(DataSource),
    async stop() {
      worker.shutdown();
      await running;
      await ctx.close();
    },
  };
}
