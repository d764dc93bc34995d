import * as fs from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request, { Response } from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import type { Actor } from '../../libs/domain/src';
import { runMigrations } from '../../libs/persistence/src/data-source';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../../scripts/stack/embedded-postgres';
import { startTemporalDevServer, TemporalDevServer } from '../../scripts/stack/temporal-dev-server';
import { freePort } from '../../scripts/stack/util';
import { startApi } from '../support/api-harness';
import { eventually, makeReadyDraft, makeRegistry, Registry } from '../support/fixtures';

/**
 * Fault 9: an outage is answered as one. This file runs its own PostgreSQL and Temporal dev server (both persistent,
 * so they come back with their data) and stops and starts them under a real API and worker.
 */
const TEMPORAL_CALL_TIMEOUT_MS = 3000;
const DATA = path.resolve(__dirname, '..', '..', '.data', `outage-${process.pid}`);

describe('fault 9: outages answer 503 with Retry-After, in bounded time, and recover', () => {
  const saved = { ...process.env };
  let pgPort: number;
  let temporalPort: number;
  let pg: EmbeddedPostgres | undefined;
  let temporal: TemporalDevServer | undefined;
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let caseNo: string;
  const measured: Record<string, number> = {};

  const startPostgres = async () =>
    (pg = await startEmbeddedPostgres({ dataDir: path.join(DATA, 'pg'), port: pgPort, database: 'registry_outage', persistent: true, fast: true }));
  const startTemporal = async () =>
    (temporal = await startTemporalDevServer({ dbFile: path.join(DATA, 'temporal.sqlite'), port: temporalPort, uiPort: 0, headless: true }));

  beforeAll(async () => {
    fs.mkdirSync(DATA, { recursive: true });
    [pgPort, temporalPort] = [await freePort(), await freePort()];
    await Promise.all([startPostgres(), startTemporal()]);
    await runMigrations(pg!.url);
    Object.assign(process.env, { DATABASE_URL: pg!.url, TEMPORAL_ADDRESS: temporal!.address, TEMPORAL_CALL_TIMEOUT_MS: String(TEMPORAL_CALL_TIMEOUT_MS) });
    api = await startApi();
    r = await makeRegistry(api.db);
    caseNo = await makeReadyDraft(api.db, r);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await temporal?.stop();
    await pg?.stop();
    fs.rmSync(DATA, { recursive: true, force: true });
    process.env = saved;
    process.stderr.write(`[outage] measured (ms): ${JSON.stringify(measured)}\n`);
  }, 60_000);

  /** Sends a request and returns it with how long the answer took. */
  async function timed(send: () => PromiseLike<Response>): Promise<{ res: Response; ms: number }> {
    const started = performance.now();
    const res = await send();
    return { res, ms: Math.round(performance.now() - started) };
  }
  const as = (a: Actor) => ({
    get: (url: string) => api.http().get(url).set(api.bearer(a)),
    post: (url: string, key?: string) => api.http().post(url).set(api.bearer(a)).set(key ? { 'Idempotency-Key': key } : {}).send({}),
  });
  const ready = () => timed(() => api.http().get('/health/ready'));
  const live = () => timed(() => api.http().get('/health/live'));

  /** The one error shape of a retryable outage: 503, the code, and Retry-After. */
  function expectRetryable(res: Response, code: string) {
    expect({ status: res.status, code: res.body.code, retryAfter: Number(res.headers['retry-after']) }).toEqual({ status: 503, code, retryAfter: expect.any(Number) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toEqual({ statusCode: 503, code, message: expect.any(String), details: expect.any(Object) });
  }

  /** Readiness answers 503 NOT_READY within a second, naming `down` as down with a reason; liveness stays 200. */
  async function expectNotReady(down: 'database' | 'temporal'): Promise<number> {
    const { res, ms } = await ready();
    expectRetryable(res, 'NOT_READY');
    const up = down === 'database' ? 'temporal' : 'database';
    expect(res.body.details).toMatchObject({
      [down]: { status: 'down', latencyMs: expect.any(Number), reason: expect.any(String) },
      [up]: { status: 'up', latencyMs: expect.any(Number) },
    });
    expect(res.body.message).toContain(`${down} is down`);
    expect(ms).toBeLessThan(1000);
    expect((await live()).res.status).toBe(200);
    return ms;
  }

  /** Polls `send` until it answers 200; returns how long that took. */
  async function msUntil200(send: () => PromiseLike<Response>, what: string): Promise<number> {
    const started = performance.now();
    await eventually(async () => (await send()).status === 200, what, 30_000);
    return Math.round(performance.now() - started);
  }

  it('with both up, /health/ready names each dependency as up with its latency, within a second', async () => {
    const { res, ms } = await ready();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ready',
      dependencies: {
        database: { status: 'up', latencyMs: expect.any(Number) },
        temporal: { status: 'up', latencyMs: expect.any(Number), searchAttributes: true },
      },
    });
    expect(ms).toBeLessThan(1000);
    expect((await api.http().get('/health').expect(200)).body.status).toBe('ready');
    expect((await live()).res.body).toEqual({ status: 'live', uptimeSeconds: expect.any(Number) });
  });

  it('the OpenAPI document declares the 503 with Retry-After on operations that need a dependency, not on liveness', async () => {
    const { paths } = (await api.http().get('/docs-json').expect(200)).body;
    for (const [path, method] of [['/registrations/{caseNo}/claim', 'post'], ['/registrations/{caseNo}', 'get'], ['/health/ready', 'get']]) {
      const declared = paths[path][method].responses['503'];
      expect({ path, header: declared?.headers?.['Retry-After'], schema: declared?.content?.['application/json']?.schema }).toEqual({
        path,
        header: expect.objectContaining({ schema: { type: 'integer' } }),
        schema: { $ref: '#/components/schemas/ErrorResponse' },
      });
    }
    expect(paths['/health/live'].get.responses['503']).toBeUndefined();
  });

  describe('PostgreSQL stopped', () => {
    beforeAll(() => pg!.stop(), 60_000);

    it('a read answers 503 DATABASE_UNAVAILABLE with Retry-After, in bounded time', async () => {
      const { res, ms } = await timed(() => as(r.developer).get(`/registrations/${caseNo}`));
      expectRetryable(res, 'DATABASE_UNAVAILABLE');
      expect(res.body.details).toMatchObject({ dependency: 'database', reason: expect.any(String) });
      expect(ms).toBeLessThan(5000);
      measured.databaseDownReadMs = ms;
    });

    it('an action answers 503 DATABASE_UNAVAILABLE with Retry-After, in bounded time', async () => {
      const { res, ms } = await timed(() => as(r.developer).post(`/registrations/${caseNo}/submit`, `submit-${caseNo}`));
      expectRetryable(res, 'DATABASE_UNAVAILABLE');
      expect(ms).toBeLessThan(5000);
      measured.databaseDownActionMs = ms;
    });

    it('/health/ready answers 503 NOT_READY within a second, naming the database as down and why; /health/live stays 200', async () => {
      measured.readinessDatabaseDownMs = await expectNotReady('database');
    });

    it('once PostgreSQL is back, readiness, reads and actions recover within a few seconds', async () => {
      await startPostgres();
      measured.databaseRecoveryReadyMs = await msUntil200(() => api.http().get('/health/ready'), 'readiness after PostgreSQL restarted');
      expect(measured.databaseRecoveryReadyMs).toBeLessThan(5000);
      await as(r.developer).get(`/registrations/${caseNo}`).expect(200);
      const submitted = await as(r.developer).post(`/registrations/${caseNo}/submit`, `submit-${caseNo}`);
      expect([submitted.status, submitted.body.status]).toEqual([200, 'under_review']);
    }, 60_000);
  });

  describe('Temporal stopped', () => {
    beforeAll(() => temporal!.stop(), 60_000);

    it(`an action answers 503 TEMPORAL_UNAVAILABLE with Retry-After within the call deadline (${TEMPORAL_CALL_TIMEOUT_MS} ms)`, async () => {
      const { res, ms } = await timed(() => as(r.officer).post(`/registrations/${caseNo}/claim`, `claim-${caseNo}`));
      expectRetryable(res, 'TEMPORAL_UNAVAILABLE');
      expect(res.body.details).toMatchObject({ dependency: 'temporal', reason: expect.any(String) });
      expect(ms).toBeLessThan(TEMPORAL_CALL_TIMEOUT_MS + 1000);
      measured.temporalDownActionMs = ms;
    }, 30_000);

    it('reads do not need Temporal: they still answer 200', async () => {
      expect((await as(r.developer).get(`/registrations/${caseNo}`).expect(200)).body.status).toBe('under_review');
    });

    it('/health/ready answers 503 NOT_READY within a second, naming Temporal as down and why; /health/live stays 200', async () => {
      measured.readinessTemporalDownMs = await expectNotReady('temporal');
    });

    let lateApi: INestApplication | undefined;
    let lateCaseNo: string;
    afterAll(() => lateApi?.close());

    it('an API started while Temporal is down starts, serves reads, and answers 503 at once for a submission', async () => {
      const started = performance.now();
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
      lateApi = await configureApp(moduleRef.createNestApplication({ bufferLogs: true })).init();
      measured.apiStartWithTemporalDownMs = Math.round(performance.now() - started);
      lateCaseNo = await makeReadyDraft(api.db, r);
      const late = request(lateApi.getHttpServer());
      await late.get(`/registrations/${lateCaseNo}`).set(api.bearer(r.developer)).expect(200);
      const { res, ms } = await timed(() => late.post(`/registrations/${lateCaseNo}/submit`).set(api.bearer(r.developer)).set('Idempotency-Key', `submit-${lateCaseNo}`));
      expectRetryable(res, 'TEMPORAL_UNAVAILABLE');
      expect(ms).toBeLessThan(1000);
    }, 30_000);

    it('once Temporal is back, readiness recovers within a few seconds and the action, repeated with its key, succeeds', async () => {
      await startTemporal();
      measured.temporalRecoveryReadyMs = await msUntil200(() => api.http().get('/health/ready'), 'readiness after Temporal restarted');
      expect(measured.temporalRecoveryReadyMs).toBeLessThan(5000);
      measured.temporalRecoveryActionMs = await msUntil200(() => as(r.officer).post(`/registrations/${caseNo}/claim`, `claim-${caseNo}`), 'the claim after Temporal restarted');
      // An action also needs the worker polling again: the SDK's task-poll backoff grows to 10 s (±20 %) during an
      // outage and is not configurable in 1.24, so the worker may take up to ~12 s to come back.
      expect(measured.temporalRecoveryActionMs).toBeLessThan(15_000);
      expect((await as(r.developer).get(`/registrations/${caseNo}`).expect(200)).body.assignedOfficerId).toBe(r.officer.userId);
      // The API that started without Temporal registered its search attributes meanwhile and now starts cases.
      const late = () => request(lateApi!.getHttpServer()).post(`/registrations/${lateCaseNo}/submit`).set(api.bearer(r.developer)).set('Idempotency-Key', `submit-${lateCaseNo}`);
      measured.lateApiRecoveryActionMs = await msUntil200(late, 'a submission through the API that started without Temporal');
    }, 60_000);
  });
});
