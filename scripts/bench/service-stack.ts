import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { DemoSeed, seedDemo } from '../../apps/api/src/seed/demo-seed';
import { WorkerAppModule } from '../../apps/worker/src/worker-app.module';
import { CASES_TASK_QUEUE } from '../../libs/temporal/src';
import { httpClient } from '../demo/http-client';
import { startTemporalDevServer } from '../stack/temporal-dev-server';
import { freePort, killEscalating, sleep } from '../stack/util';

/**
 * The system as `npm start` runs it, on the bench's PostgreSQL: a real Temporal dev server (SQLite in memory), the
 * real worker and the real HTTP API, with the demo organisations seeded. Shared by the registration and ledger
 * sections; started once, on first use.
 */
export interface ServiceStack {
  baseUrl: string;
  http: ReturnType<typeof httpClient>;
  api: INestApplication;
  db: DataSource;
  seed: DemoSeed;
  temporalAddress: string;
  /** Which Temporal server, in words, for section headings. */
  temporalLabel: string;
  /** A plain client and a worker connection to the same dev server, for the bench's own baseline workflows. */
  client: Client;
  nativeConnection: NativeConnection;
  stop(): Promise<void>;
}

export interface ServiceStackOptions {
  /** An existing Temporal server (the production engine: `npm run bench -- topology`); default: a dev server started here. */
  temporal?: { address: string; label: string };
  /** The worker as this many processes of the built worker (dist/apps/worker), as deployments run it; default: one worker in this process. */
  workerProcesses?: number;
}

export async function startServiceStack(databaseUrl: string, o: ServiceStackOptions = {}): Promise<ServiceStack> {
  const closers: (() => Promise<unknown>)[] = [];
  // Everything started so far is stopped, newest first, whether start-up finished or not.
  const stop = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    let temporalAddress = o.temporal?.address;
    let temporalLabel = o.temporal?.label;
    if (!temporalAddress) {
      const dev = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), headless: true });
      closers.push(() => dev.stop());
      temporalAddress = dev.address;
      temporalLabel = `Temporal dev server ${dev.address} (SQLite in memory)`;
    }
    process.env.DATABASE_URL = databaseUrl;
    process.env.TEMPORAL_ADDRESS = temporalAddress;
    if (o.workerProcesses) {
      closers.push(await startWorkerProcesses(o.workerProcesses, temporalAddress));
    } else {
      const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerAppModule, { logger: ['error', 'warn'] });
      closers.push(() => worker.close());
    }
    const api: INestApplication = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
    closers.push(() => api.close());
    const port = await freePort();
    await api.listen(port, '127.0.0.1');
    const connection = await Connection.connect({ address: temporalAddress });
    closers.push(() => connection.close());
    const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    closers.push(() => nativeConnection.close());
    const seed = await seedDemo(api);
    const baseUrl = `http://127.0.0.1:${port}`;
    return {
      baseUrl,
      http: httpClient(baseUrl),
      api,
      db: api.get(DataSource),
      seed,
      temporalAddress,
      temporalLabel: temporalLabel!,
      client: new Client({ connection }),
      nativeConnection,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * `n` worker processes (node dist/apps/worker/src/main.js, the environment's DATABASE_URL), ready once the server
 * sees `n` pollers on the case task queue. Returns what stops them (SIGTERM: they drain, as in production).
 */
async function startWorkerProcesses(n: number, temporalAddress: string): Promise<() => Promise<unknown>> {
  const main = join(__dirname, '..', '..', 'apps', 'worker', 'src', 'main.js');
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, [main], { env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  const stop = () => Promise.all(children.map((c) => killEscalating(c, [['SIGTERM', 20_000], ['SIGKILL', 5_000]])));
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const until = Date.now() + 120_000;
    for (;;) {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: process.env.TEMPORAL_NAMESPACE || 'default',
        taskQueue: { name: CASES_TASK_QUEUE },
        taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      if ((pollers ?? []).length >= n) return stop;
      if (Date.now() > until || children.some((c) => c.exitCode !== null)) throw new Error(`${n} worker processes did not all poll ${CASES_TASK_QUEUE} within 120 s`);
      await sleep(250);
    }
  } catch (e) {
    await stop();
    throw e;
  } finally {
    await connection.close();
  }
}
