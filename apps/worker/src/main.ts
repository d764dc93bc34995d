import './tracing';
import 'reflect-metadata';
import { INestApplicationContext, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { Logger } from 'nestjs-pino';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerAppModule } from './worker-app.module';

/** How long an orderly shutdown may take after run() failed, before the process exits anyway. */
const FAILURE_SHUTDOWN_MS = Number(process.env.WORKER_FAILURE_SHUTDOWN_MS) || 10_000;

/**
 * WORKER_METRICS_ADDRESS (host:port, unset: off): the Temporal SDK's own worker metrics — workflows in the cache
 * (`temporal_sticky_cache_size`), task latencies, slots, pollers — as Prometheus text at http://<address>/metrics.
 */
const METRICS_ADDRESS = process.env.WORKER_METRICS_ADDRESS;

/** The worker process: Nest builds the activities; Nest's shutdown hooks own shutdown (one owner). */
async function main() {
  Runtime.install({ shutdownSignals: [], ...(METRICS_ADDRESS && { telemetryOptions: { metrics: { prometheus: { bindAddress: METRICS_ADDRESS } } } }) });
  const app = await NestFactory.createApplicationContext(WorkerAppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(TemporalWorkerService).stopped.catch(() => exitAfterFailure(app));
}

/**
 * A worker whose run() failed polls nothing and would sit there looking alive: close what can be closed (bounded),
 * then exit non-zero so a supervisor (compose `restart:`, systemd, `npm start`) starts a fresh one.
 */
async function exitAfterFailure(app: INestApplicationContext): Promise<never> {
  NestLogger.error(`the worker stopped polling; shutting down (at most ${FAILURE_SHUTDOWN_MS} ms) and exiting with code 1`, 'TemporalWorker');
  process.exitCode = 1;
  setTimeout(() => process.exit(1), FAILURE_SHUTDOWN_MS);
  await app.close().catch((e: Error) => NestLogger.error(`shutdown after the failure failed too: ${e.stack ?? e}`, 'TemporalWorker'));
  process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
