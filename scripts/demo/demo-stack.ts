import 'reflect-metadata';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { MethodologiesRepository } from '../../apps/api/src/methodologies/methodologies.repository';
import { OrganisationsService } from '../../apps/api/src/organisations/organisations.service';
import { DemoSeed, seedDemo } from '../../apps/api/src/seed/demo-seed';
import { WorkerAppModule } from '../../apps/worker/src/worker-app.module';
import { runMigrations } from '../../libs/persistence/src/data-source';
import { testServerExecutable } from '../../libs/temporal/src/test-server-executable';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../stack/embedded-postgres';
import { freePort } from '../stack/util';

/**
 * A complete throw-away stack for walk-throughs and benchmarks: embedded PostgreSQL, the Java
 * time-skipping Temporal test server, the real worker and the real HTTP API. Time moves only when
 * `skip()` is called, so ten working days pass in a moment — on the production calendar.
 */
export interface TimeSkippingStack {
  baseUrl: string;
  seed: DemoSeed;
  db: DataSource;
  /** Advances the Temporal server's clock. */
  skip(ms: number): Promise<void>;
  now(): Promise<number>;
  history(workflowId: string): ReturnType<ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>['fetchHistory']>;
  stop(): Promise<void>;
}

export async function startTimeSkippingStack(name: string): Promise<TimeSkippingStack> {
  Runtime.install({ shutdownSignals: [], logger: new (require('@temporalio/worker').DefaultLogger)('WARN') });
  process.env.LOG_LEVEL ??= 'warn';
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  const pg: EmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: join(__dirname, '..', '..', '..', '.data', `${name}-pg-${process.pid}`),
    port: await freePort(),
    database: name,
    persistent: false,
  });
  process.env.DATABASE_URL = pg.url;
  await runMigrations(pg.url);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  process.env.TEMPORAL_ADDRESS = env.connection.options.address;
  const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerAppModule, { logger: ['error', 'warn'] });
  const api: INestApplication = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  const port = await freePort();
  await api.listen(port, '127.0.0.1');
  const seed = await seedDemo(api.get(OrganisationsService), api.get(MethodologiesRepository));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seed,
    db: api.get(DataSource),
    skip: (ms) => env.sleep(ms),
    now: () => env.currentTimeMs(),
    history: (workflowId) => env.client.workflow.getHandle(workflowId).fetchHistory(),
    async stop() {
      await api.close();
      await worker.close();
      await env.teardown();
      await pg.stop();
    },
  };
}

/** A tiny HTTP client that throws with the API's error body, so a failed step says why. */
export function httpClient(baseUrl: string) {
  async function call(method: string, path: string, token?: string, body?: unknown | FormData) {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${json?.code} ${json?.message}`);
    return json;
  }
  return {
    get: (path: string, token?: string) => call('GET', path, token),
    post: (path: string, token?: string, body?: unknown) => call('POST', path, token, body ?? {}),
    upload: (path: string, token: string, kind: string, filename: string, content: string) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([content], { type: 'application/pdf' }), filename);
      return call('POST', path, token, form);
    },
  };
}
