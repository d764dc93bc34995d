import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { DemoSeed, seedDemo } from '../../apps/api/src/seed/demo-seed';
import { WorkerAppModule } from '../../apps/worker/src/worker-app.module';
import { httpClient } from '../demo/http-client';
import { startTemporalDevServer } from '../stack/temporal-dev-server';
import { freePort } from '../stack/util';

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
  /** A plain client and a worker connection to the same dev server, for the bench's own baseline workflows. */
  client: Client;
  nativeConnection: NativeConnection;
  stop(): Promise<void>;
}

export async function startServiceStack(databaseUrl: string): Promise<ServiceStack> {
  const temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), headless: true });
  const closers: (() => Promise<unknown>)[] = [() => temporal.stop()];
  // Everything started so far is stopped, newest first, whether start-up finished or not.
  const stop = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    process.env.DATABASE_URL = databaseUrl;
    process.env.TEMPORAL_ADDRESS = temporal.address;
    const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerAppModule, { logger: ['error', 'warn'] });
    closers.push(() => worker.close());
    const api: INestApplication = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
    closers.push(() => api.close());
    const port = await freePort();
    await api.listen(port, '127.0.0.1');
    const connection = await Connection.connect({ address: temporal.address });
    closers.push(() => connection.close());
    const nativeConnection = await NativeConnection.connect({ address: temporal.address });
    closers.push(() => nativeConnection.close());
    const seed = await seedDemo(api);
    const baseUrl = `http://127.0.0.1:${port}`;
    return {
      baseUrl,
      http: httpClient(baseUrl),
      api,
      db: api.get(DataSource),
      seed,
      temporalAddress: temporal.address,
      client: new Client({ connection }),
      nativeConnection,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
