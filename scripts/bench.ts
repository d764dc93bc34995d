import 'reflect-metadata';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/configure-app';
import { MethodologiesRepository } from '../apps/api/src/methodologies/methodologies.repository';
import { OrganisationsService } from '../apps/api/src/organisations/organisations.service';
import { RegistrationsRepository } from '../apps/api/src/registrations/registrations.repository';
import { seedDemo } from '../apps/api/src/seed/demo-seed';
import { WorkerAppModule } from '../apps/worker/src/worker-app.module';
import { REGISTRATION_MATERIALS } from '../libs/domain/src';
import { runMigrations } from '../libs/persistence/src/data-source';
import { httpClient } from './demo/demo-stack';
import { startEmbeddedPostgres } from './stack/embedded-postgres';
import { startTemporalDevServer } from './stack/temporal-dev-server';
import { freePort } from './stack/util';

/**
 * `npm run bench`: figures are ratios against a baseline measured in the same run on the same servers
 * (a real Temporal dev server and an embedded PostgreSQL), never absolute claims from a test.
 *   1. registration cases started and persisted per second (HTTP submit → update-with-start → projection
 *      written) versus bare empty workflows started and completed per second;
 *   2. p50/p99 round trip of an officer action: HTTP → Update → projection visible on a GET.
 */
const N = Number(process.env.BENCH_CASES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 200);

async function main() {
  Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
  process.env.LOG_LEVEL = 'warn';
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  const pg = await startEmbeddedPostgres({ dataDir: join(__dirname, '..', '..', '.data', `bench-pg-${process.pid}`), port: await freePort(), database: 'bench', persistent: false });
  const temporal = await startTemporalDevServer({ port: await freePort(), uiPort: await freePort(), headless: true });
  process.env.DATABASE_URL = pg.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  await runMigrations(pg.url);
  const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerAppModule, { logger: ['error', 'warn'] });
  const api: INestApplication = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  const port = await freePort();
  await api.listen(port, '127.0.0.1');
  const noopConnection = await NativeConnection.connect({ address: temporal.address });
  const noopWorker = await Worker.create({ connection: noopConnection, taskQueue: 'bench-noop', workflowsPath: require.resolve('./bench/noop.workflow') });
  const noopRunning = noopWorker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  try {
    const db = api.get(DataSource);
    const seed = await seedDemo(api.get(OrganisationsService), api.get(MethodologiesRepository));
    const http = httpClient(`http://127.0.0.1:${port}`);
    const dev = seed.users.find((u) => u.role === 'developer')!;
    const [officerA, officerB] = seed.users.filter((u) => u.role === 'officer');
    const repo = new RegistrationsRepository(db);
    const year = new Date().getUTCFullYear();
    const drafts: string[] = [];
    for (let i = 0; i < N + 20; i++) {
      const caseNo = await repo.createDraft({ organisationId: dev.organisationId, jurisdiction: 'BJ', userId: dev.userId, year,
        project: { name: `Bench PV ${i}`, location: '北京', methodologyVersionId: seed.methodologyVersions.tier1, siteIdentifiers: [`BENCH-${randomUUID()}`], implementationStartDate: '2024-01-01' },
        attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true } });
      for (const kind of REGISTRATION_MATERIALS) await repo.addDocument({ caseNo, kind, filename: `${kind}.pdf`, contentType: 'application/pdf', content: Buffer.from(`${kind} ${caseNo}`), round: 0, userId: dev.userId });
      drafts.push(caseNo);
    }
    // Warm-up (JIT, connection pools, workflow cache) on both paths, not counted.
    await pool(drafts.splice(0, 20), CONCURRENCY, (c) => http.post(`/registrations/${c}/submit`, dev.token));
    await pool(range(20), CONCURRENCY, () => client.workflow.execute('benchNoopWorkflow', { taskQueue: 'bench-noop', workflowId: `bench-noop-${randomUUID()}` }));

    const baseline = await timed(() => pool(range(N), CONCURRENCY, () => client.workflow.execute('benchNoopWorkflow', { taskQueue: 'bench-noop', workflowId: `bench-noop-${randomUUID()}` })));
    const cases = await timed(() => pool(drafts, CONCURRENCY, async (c) => {
      const v = await http.post(`/registrations/${c}/submit`, dev.token);
      if (v.status !== 'under_review') throw new Error(`${c} is ${v.status}`);
    }));
    const [{ n: persisted }] = await db.query(`SELECT count(*)::int AS n FROM registration_cases WHERE status = 'under_review'`);

    // Officer actions: alternate claims between two officers; each round trip ends when a GET shows it.
    const latencies: number[] = [];
    for (let i = 0; i < ACTIONS; i++) {
      const caseNo = drafts[i % drafts.length]!;
      const officer = i % 2 ? officerB! : officerA!;
      const t0 = performance.now();
      await http.post(`/registrations/${caseNo}/claim`, officer.token);
      const seen = await http.get(`/registrations/${caseNo}`, officer.token);
      latencies.push(performance.now() - t0);
      if (seen.assignedOfficerId !== officer.userId) throw new Error(`claim of ${caseNo} not visible`);
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;

    const baseRate = N / baseline;
    const caseRate = N / cases;
    console.log(`\nbench: ${N} each, concurrency ${CONCURRENCY}, Temporal dev server ${temporal.address} (SQLite in memory), embedded PostgreSQL`);
    console.log(`  baseline  empty workflows started+completed : ${baseRate.toFixed(1)} /s`);
    console.log(`  cases     registrations submitted+persisted : ${caseRate.toFixed(1)} /s   (${persisted} rows under_review)`);
    console.log(`  ratio     cases / empty workflows           : ${(caseRate / baseRate).toFixed(2)}`);
    console.log(`  officer action HTTP → Update → projection visible (n=${ACTIONS}): p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
  } finally {
    await connection.close();
    noopWorker.shutdown();
    await noopRunning;
    await noopConnection.close();
    await api.close();
    await worker.close();
    await temporal.stop();
    await pg.stop();
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(range(concurrency).map(async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
