import 'reflect-metadata';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { Clock } from '../../apps/api/src/common/clock';
import { configureApp } from '../../apps/api/src/configure-app';
import { DemoSeed, seedDemo } from '../../apps/api/src/seed/demo-seed';
import { WorkerAppModule } from '../../apps/worker/src/worker-app.module';
import { runMigrations } from '../../libs/persistence/src/data-source';
import { applicationRole } from '../../libs/persistence/src/database-role';
import { testServerExecutable } from '../../libs/temporal/src/test-server-executable';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../stack/embedded-postgres';
import { freePort } from '../stack/util';

/**
 * A complete throw-away stack for walk-throughs and benchmarks: embedded PostgreSQL, the Java
 * time-skipping Temporal test server, the real worker and the real HTTP API. Time moves only when
 * `skip()` is called, so ten working days pass in a moment — on the production calendar.
 *
 * The cases live on the test server's clock, which runs ahead of the wall clock once time has been
 * skipped. The API's Clock and the database's now() follow it, so a filing day, a transfer and a
 * timeline entry are all dated on the one time line of the cases.
 */
export interface TimeSkippingStack {
  baseUrl: string;
  seed: DemoSeed;
  db: DataSource;
  /** Advances the Temporal server's clock (and with it the API's and the database's). */
  skip(ms: number): Promise<void>;
  now(): Promise<number>;
  /** The workflow's complete history, once it has finished. */
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
  await followServerClockInDatabase(pg.url, name);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  process.env.TEMPORAL_ADDRESS = env.connection.options.address;
  const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerAppModule, { logger: ['error', 'warn'] });
  const clock = new ServerClock();
  const apiModule = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Clock).useValue(clock).compile();
  const api: INestApplication = configureApp(apiModule.createNestApplication({ bufferLogs: true }));
  const port = await freePort();
  await api.listen(port, '127.0.0.1');
  const seed = await seedDemo(api);
  const db = api.get(DataSource);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seed,
    db,
    async skip(ms) {
      await env.sleep(ms);
      // Between skips the server's clock runs at the wall clock's pace, so one offset per skip is enough.
      clock.aheadMs = (await env.currentTimeMs()) - Date.now();
      await db.query(`UPDATE demo_clock.skew SET ahead = make_interval(secs => $1::float8 / 1000)`, [clock.aheadMs]);
    },
    now: () => env.currentTimeMs(),
    async history(workflowId) {
      // Polls describe(): awaiting result() would unlock time skipping, and the server's clock would leap ahead.
      const handle = env.client.workflow.getHandle(workflowId);
      for (let i = 0; i < 100 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 100));
      return handle.fetchHistory();
    },
    async stop() {
      await api.close();
      await worker.close();
      await env.teardown();
      await pg.stop();
    },
  };
}

/** The API's Clock on the test server's time line (the offset is set after every skip). */
class ServerClock extends Clock {
  aheadMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.aheadMs);
  }
}

/**
 * The database's now() on the same time line: a demo_clock.now() ahead of pg_catalog.now() by the
 * offset, found first on the search path of every later session (the migrations have already run).
 * The application's role must see the schema (else the search path silently skips it) and move the offset.
 */
async function followServerClockInDatabase(url: string, database: string): Promise<void> {
  const ds = await new DataSource({ type: 'postgres', url }).initialize();
  const role = applicationRole();
  try {
    await ds.query(`
      CREATE SCHEMA demo_clock;
      CREATE TABLE demo_clock.skew (ahead interval NOT NULL);
      INSERT INTO demo_clock.skew VALUES (interval '0');
      CREATE FUNCTION demo_clock.now() RETURNS timestamptz LANGUAGE sql STABLE
        AS $$ SELECT pg_catalog.now() + ahead FROM demo_clock.skew $$;
      ALTER DATABASE "${database}" SET search_path TO demo_clock, pg_catalog, public;
      ${role ? `GRANT USAGE ON SCHEMA demo_clock TO "${role}"; GRANT SELECT, UPDATE ON demo_clock.skew TO "${role}";` : ''}
    `);
  } finally {
    await ds.destroy();
  }
}
