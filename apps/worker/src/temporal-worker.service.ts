import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker, WorkerOptions } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildActivities } from '../../../activities/activity-registry';
import { CaseActivitiesService } from '../../../activities/cases/case-activities.service';
import { DeliveryActivitiesService } from '../../../activities/notifications/delivery-activities.service';
import { DigestActivitiesService } from '../../../activities/notifications/email/digest-activities.service';
import { WorkerTemporal } from '../../../activities/temporal/worker-temporal';
import { CASES_TASK_QUEUE } from '../../../libs/temporal/src';
import { TRACED_WORKFLOW_BUNDLE, WORKFLOW_BUNDLE } from '../../../libs/temporal/src/server/workflow-bundles';
import { ensureNotificationSchedules } from '../../../libs/temporal/src/server/notification-schedules';
import { ensureReconciliationSchedule } from '../../../libs/temporal/src/server/reconciliation-schedule';
import { workerTracing, WorkerTracing } from '../../../libs/tracing/src/tracing';

/**
 * Our own small worker service (temporal-notes: neither nestjs-temporal package is a safe bet):
 * activities come from Nest DI, the worker runs until Nest shuts down, and `run()` is always awaited —
 * by `stopped`, which main.ts turns into a process exit when it fails.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('TemporalWorker');
  private worker?: Worker;
  private stoppedPromise?: Promise<void>;

  constructor(
    private readonly cases: CaseActivitiesService,
    private readonly deliveries: DeliveryActivitiesService,
    private readonly digests: DigestActivitiesService,
    private readonly temporal: WorkerTemporal,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { connection, namespace } = this.temporal;
    const tracing = workerTracing();
    this.worker = await Worker.create({
      connection,
      namespace,
      taskQueue: CASES_TASK_QUEUE,
      ...workflowSource(tracing),
      ...(tracing && { sinks: tracing.sinks }),
      activities: buildActivities(this.cases, this.deliveries, this.digests),
      // Each cached workflow costs about 1 MB outside the V8 heap; size the cache explicitly.
      maxCachedWorkflows: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 500),
    });
    this.stoppedPromise = whenStopped(this.worker, this.worker.run());
    // Handled here at once (main.ts subscribes a little later), so a fast failure is never an unhandled rejection.
    this.stoppedPromise.catch((e: Error) => this.log.error(`the worker failed: ${e.stack ?? e}`));
    this.log.log(`polling ${CASES_TASK_QUEUE} (${namespace})`);
    this.log.log(`case reconciliation schedule: ${await ensureReconciliationSchedule(this.temporal.client)}`);
    this.log.log(`notification schedules: ${await ensureNotificationSchedules(this.temporal.client)}`);
  }

  /**
   * Settles when the worker stops polling: resolves after an orderly shutdown, rejects when the worker failed (e.g.
   * its namespace is gone) — it then polls no more, and only a restart brings it back.
   */
  get stopped(): Promise<void> {
    return this.stoppedPromise ?? Promise.reject(new Error('The worker has not been started.'));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.stoppedPromise?.catch(() => undefined);
    // A failed worker may still hold the connection (see whenStopped); the process is ending either way.
    await this.temporal.connection.close().catch((e: Error) => this.log.warn(`closing the Temporal connection: ${e.message}`));
  }
}

/** How often a running worker's state is checked for FAILED. */
const FAILED_STATE_CHECK_MS = 1000;

/**
 * Settles as run() does, except that it rejects as soon as the worker's state is FAILED: after a poller's fatal
 * error SDK 1.24 logs "Worker failed" but can leave run() pending for good (seen whenever the activity poller fails
 * first), and a worker that polls nothing must not look alive.
 */
function whenStopped(worker: Worker, running: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      if (worker.getState() !== 'FAILED') return;
      clearInterval(check);
      reject(new Error(`the Temporal worker is FAILED (${JSON.stringify(worker.getStatus())})`));
    }, FAILED_STATE_CHECK_MS).unref();
    void running.then(resolve, reject).finally(() => clearInterval(check));
  });
}

/**
 * Production loads the bundle prebuilt by `npm run build` (dist/workflow-bundle.js, beside dist/apps; with tracing on
 * dist/workflow-bundle-traced.js, which also holds the OpenTelemetry workflow interceptors); run from TypeScript
 * sources (tests) there is no such file and the worker bundles workflows/ itself, with those interceptors if tracing.
 */
function workflowSource(tracing: WorkerTracing | undefined): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'interceptors'> {
  const activity = tracing ? { activity: tracing.interceptors.activity } : {};
  const dist = resolve(__dirname, '..', '..', '..');
  const bundle = process.env.WORKFLOW_BUNDLE ?? join(dist, tracing ? TRACED_WORKFLOW_BUNDLE : WORKFLOW_BUNDLE);
  if (existsSync(bundle)) return { workflowBundle: { codePath: bundle }, interceptors: activity };
  return {
    workflowsPath: require.resolve(resolve(dist, 'workflows')),
    interceptors: { ...activity, ...(tracing && { workflowModules: [tracing.workflowInterceptorsModule] }) },
  };
}
