import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildActivities } from '../../../activities/activity-registry';
import { CaseActivitiesService } from '../../../activities/cases/case-activities.service';
import { WorkerTemporal } from '../../../activities/temporal/worker-temporal';
import { CASES_TASK_QUEUE } from '../../../libs/temporal/src';
import { ensureReconciliationSchedule } from '../../../libs/temporal/src/server/reconciliation-schedule';

/**
 * Our own small worker service (temporal-notes: neither nestjs-temporal package is a safe bet):
 * activities come from Nest DI, the worker runs until Nest shuts down, and `run()` is always awaited.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('TemporalWorker');
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    private readonly cases: CaseActivitiesService,
    private readonly temporal: WorkerTemporal,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { connection, namespace } = this.temporal;
    this.worker = await Worker.create({
      connection,
      namespace,
      taskQueue: CASES_TASK_QUEUE,
      ...workflowSource(),
      activities: buildActivities(this.cases),
      // Each cached workflow costs about 1 MB outside the V8 heap; size the cache explicitly.
      maxCachedWorkflows: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 500),
    });
    this.running = this.worker.run();
    this.running.catch((e) => this.log.error(`worker stopped with an error: ${e}`));
    this.log.log(`polling ${CASES_TASK_QUEUE} (${namespace})`);
    this.log.log(`case reconciliation schedule: ${await ensureReconciliationSchedule(this.temporal.client)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.temporal.connection.close();
  }
}

/**
 * Production loads the bundle prebuilt by `npm run build` (dist/workflow-bundle.js, beside dist/apps); run from
 * TypeScript sources (tests) there is no such file and the worker bundles workflows/ itself.
 */
function workflowSource(): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  const bundle = process.env.WORKFLOW_BUNDLE ?? resolve(__dirname, '..', '..', '..', 'workflow-bundle.js');
  if (existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return { workflowsPath: require.resolve(resolve(__dirname, '..', '..', '..', 'workflows')) };
}
