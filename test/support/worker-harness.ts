import { Test } from '@nestjs/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { buildActivities } from '../../activities/activity-registry';
import { CaseActivitiesService } from '../../activities/cases/case-activities.service';
import { NOTIFICATION_CHANNELS } from '../../activities/notifications/notification-channel';
import { WorkerTemporal } from '../../activities/temporal/worker-temporal';
import { PersistenceModule } from '../../libs/persistence/src/persistence.module';

/** A worker with the real activities (Nest DI, real PostgreSQL) on any Temporal connection and task queue. */
export async function startWorker(connection: NativeConnection, taskQueue: string, namespace = 'default', workflowsPath = require.resolve('../../workflows')) {
  const moduleRef = await Test.createTestingModule({
    imports: [PersistenceModule],
    providers: [CaseActivitiesService, { provide: NOTIFICATION_CHANNELS, useValue: [] }, { provide: WorkerTemporal, useValue: WorkerTemporal.over(connection, namespace) }],
  }).compile();
  const ctx = await moduleRef.init();
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath,
    activities: buildActivities(ctx.get(CaseActivitiesService)),
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
