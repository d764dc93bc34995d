import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NativeConnection, Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { buildActivities } from '../../activities/activity-registry';
import { CaseActivitiesService } from '../../activities/cases/case-activities.service';
import { DeliveryActivitiesService } from '../../activities/notifications/delivery-activities.service';
import { DigestActivitiesService } from '../../activities/notifications/email/digest-activities.service';
import { NOTIFICATION_PROVIDERS } from '../../activities/notifications/notification-providers';
import { WorkerTemporal } from '../../activities/temporal/worker-temporal';
import { PersistenceModule } from '../../libs/persistence/src/persistence.module';
import { CASES_TASK_QUEUE } from '../../libs/temporal/src';

/** The worker's activities as the worker app builds them (Nest DI, real PostgreSQL), on the given Temporal connection. */
@Module({})
class CaseActivitiesModule {
  static over(connection: NativeConnection): DynamicModule {
    return {
      module: CaseActivitiesModule,
      imports: [PersistenceModule],
      providers: [CaseActivitiesService, ...NOTIFICATION_PROVIDERS, { provide: WorkerTemporal, useValue: WorkerTemporal.over(connection) }],
    };
  }
}

/**
 * A worker hosting the real case workflows and activities on any Temporal connection (here: the time-skipping test
 * server). DATABASE_URL must be set. Its DataSource is returned for the section's own reads and services.
 */
export async function startCaseWorker(connection: NativeConnection): Promise<{ db: DataSource; stop(): Promise<void> }> {
  const ctx: INestApplicationContext = await NestFactory.createApplicationContext(CaseActivitiesModule.over(connection), { logger: ['error', 'warn'] });
  try {
    const worker = await Worker.create({
      connection,
      taskQueue: CASES_TASK_QUEUE,
      ...workflowSource(),
      activities: buildActivities(ctx.get(CaseActivitiesService), ctx.get(DeliveryActivitiesService), ctx.get(DigestActivitiesService)),
    });
    const running = worker.run();
    running.catch(() => undefined); // awaited (and rethrown) by stop(); this only keeps an early failure from being "unhandled"
    return {
      db: ctx.get(DataSource),
      async stop() {
        worker.shutdown();
        try {
          await running;
        } finally {
          await ctx.close();
        }
      },
    };
  } catch (e) {
    await ctx.close();
    throw e;
  }
}

/** The bundle `npm run build` made (what production runs), else the sources, bundled on the spot. */
function workflowSource(): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  const bundle = resolve(__dirname, '..', '..', 'workflow-bundle.js');
  if (existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return { workflowsPath: require.resolve('../../workflows') };
}
