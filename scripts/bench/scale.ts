import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporal as proto } from '@temporalio/proto';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { worklistStatement } from '../../apps/api/src/case-overview/case-overview.repository';
import { worklistFilter } from '../../apps/api/src/case-overview/worklist-filter';
import type { WorklistQuery } from '../../apps/api/src/case-overview/worklist.dto';
import { DemoSeed, SeededUser, seedDemo } from '../../apps/api/src/seed/demo-seed';
import { SeedModule } from '../../apps/api/src/seed/seed.module';
import { TemporalClientService } from '../../apps/api/src/temporal/temporal-client.service';
import { CaseType, caseTypeOfNumber, openStatuses, procedureOf } from '../../libs/domain/src';
import { caseViewQuery, caseWorkflowId, CASES_TASK_QUEUE } from '../../libs/temporal/src';
import { HttpClient, httpClient } from '../demo/http-client';
import { startTemporalDevServer, TemporalDevServer } from '../stack/temporal-dev-server';
import { freePort, killEscalating, log, sleep } from '../stack/util';
import { processCpuSeconds } from './cpu';
import { rssMb } from './documents';
import { updateRoundTrips, withBaselineWorker } from './empty-workflows';
import { issuancesService, readyApplication } from './issuance';
import { intFromEnv, percentile, pool, timed, until } from './measure';
import { claimRoundTrips, readyDrafts } from './registration';
import { insertRegisteredProject, insertSignOffReadyCase } from './registry-rows';
import { Figure, printFigure, printHeading, printLine } from './report';
import { freshDatabase } from './topology';

/**
 * `npm run bench -- scale` (issue 9, item 4): the system with BENCH_SCALE_CASES (10 000) open cases, against itself
 * with about none, in one run. The worker and the API run as `npm start` runs them (dist mains, each its own
 * process) on a Temporal dev server persisting to a SQLite file (so that it can be restarted) and on a database of
 * their own in the bench's PostgreSQL. Figures, each at scale ÷ at the start:
 *   - an officer action (claim) from HTTP through the Update until a GET shows it, p99 (as the registration section);
 *   - GET /cases/worklist as the console calls it (an officer's default page, `overdue`, `assigned=me`; the bureau's
 *     sign-off queue), p99; then EXPLAIN (ANALYZE, BUFFERS) of each one's SQL at scale;
 *   - starting the stack (the dev server on its file, the worker polling, the API ready), median of restarts;
 *   - after the worker is SIGKILLed and a fresh one started: the first action on a case (its workflow replayed)
 *     vs the same action again (cached), p99;
 *   - that worker's RSS (VmRSS) with an empty cache vs with every open case's workflow in it (brought in by a query
 *     each; WORKER_MAX_CACHED_WORKFLOWS above the cases; the count is the SDK's `temporal_sticky_cache_size`).
 * The open cases are made through the API (submission, review, publicity) from drafts written by the repositories,
 * BENCH_SCALE_CONCURRENCY at a time: setup, timed and printed, not measured.
 */
const CASES = intFromEnv('BENCH_SCALE_CASES', 10_000);
const ACTIONS = intFromEnv('BENCH_SCALE_ACTIONS', 100);
const QUERIES = intFromEnv('BENCH_SCALE_QUERIES', 100);
const STARTS = intFromEnv('BENCH_SCALE_STARTS', 3);
const CONCURRENCY = intFromEnv('BENCH_SCALE_CONCURRENCY', 16);
const WARM_UP = 10;
const DIST = join(__dirname, '..', '..');
/** Temporal matching's `stickyPollerUnavailableWindow`: until it has passed, a dead worker's sticky queue still gets its cases' tasks. */
const STICKY_WINDOW_MS = 10_000;

/**
 * The open cases, by share: what an officer's desk holds (in review, in publicity), some waiting for developers
 * (a supplement), and issuances with the bureau. Those cannot be made on a dev server in a bench run — a case
 * reaches sign-off only after its 10 working days of publicity have passed in real time — so they are projection
 * rows without a workflow (registry-rows.ts), there for the bureau's worklist only.
 */
const MIX: { type: CaseType; status: 'under_review' | 'in_publicity' | 'awaiting_supplement' | 'awaiting_signoff'; share: number }[] = [
  { type: 'registration', status: 'under_review', share: 0.25 },
  { type: 'registration', status: 'in_publicity', share: 0.25 },
  { type: 'registration', status: 'awaiting_supplement', share: 0.1 },
  { type: 'issuance', status: 'under_review', share: 0.15 },
  { type: 'issuance', status: 'in_publicity', share: 0.2 },
  { type: 'issuance', status: 'awaiting_signoff', share: 0.05 },
];
type Kind = (typeof MIX)[number];
const kindKey = (k: Pick<Kind, 'type' | 'status'>) => `${k.type} ${k.status}`;

/** The worklists measured: who asks, and the query the console sends. */
const WORKLISTS: { name: string; as: 'officer' | 'bureau'; query: WorklistQuery }[] = [
  { name: 'officer, default page', as: 'officer', query: {} },
  { name: 'officer, overdue', as: 'officer', query: { overdue: true } },
  { name: 'officer, mine', as: 'officer', query: { assigned: 'me' } },
  { name: 'bureau, sign-off queue', as: 'bureau', query: {} },
];

export async function scaleSection(benchDatabaseUrl: string): Promise<Figure[]> {
  const databaseUrl = await freshDatabase(benchDatabaseUrl, 'bench_scale');
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl; // for the seed context
  const dataDir = join(DIST, '..', '.data', `bench-scale-${process.pid}`);
  mkdirSync(dataDir, { recursive: true });
  let seedContext: INestApplicationContext | undefined;
  let scale: Scale | undefined;
  let keep = true; // the logs, when the section fails
  try {
    seedContext = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
    const seed = await seedDemo(seedContext);
    const ports = { temporal: await freePort(), api: await freePort(), metrics: await freePort() };
    const temporalAddress = `127.0.0.1:${ports.temporal}`;
    const cacheSize = CASES + 2 * (ACTIONS + WARM_UP) + 100; // every open workflow fits (the default, 500, would evict)
    scale = new Scale(
      {
        logDir: dataDir,
        sqlite: join(dataDir, 'temporal.sqlite'),
        temporalPort: ports.temporal,
        temporalAddress,
        baseUrl: `http://127.0.0.1:${ports.api}`,
        metricsUrl: `http://127.0.0.1:${ports.metrics}/metrics`,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          TEMPORAL_ADDRESS: temporalAddress,
          PORT: String(ports.api),
          LOG_LEVEL: 'warn',
          WORKER_MAX_CACHED_WORKFLOWS: String(cacheSize),
          WORKER_METRICS_ADDRESS: `127.0.0.1:${ports.metrics}`,
        },
      },
      seedContext.get(DataSource),
      seed,
    );
    printHeading('scale', `${CASES} open cases vs ~none; API and worker in their own processes (dist mains, worker cache ${cacheSize}), Temporal dev server on SQLite ${temporalAddress}`);
    const figures = await measure(scale);
    keep = false;
    return figures;
  } finally {
    await scale?.stop();
    await seedContext?.close();
    if (keep) log('bench', `scale: the worker's, the API's and the dev server's files are kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
    process.env.DATABASE_URL = previousUrl;
  }
}

async function measure(scale: Scale): Promise<Figure[]> {
  await scale.start(); // creates the SQLite file: not counted
  const emptyStarts = await scale.restarts(STARTS);

  // At the start: ~no open cases.
  const atStart = await scale.submittedRegistrations(WARM_UP + ACTIONS);
  const startActions = await scale.claims(atStart, WARM_UP);
  const startUpdates = await scale.bareUpdates();
  const startWorklists = await scale.worklistTimes();
  const openAtStart = await scale.openCaseCount();

  const opened = await scale.openCases(CASES); // setup: timed, not measured
  const setupWorker = await scale.cacheState();
  printLine('', 'the worker that opened them', `RSS ${setupWorker.rss.toFixed(0)} MB, ${setupWorker.cached} workflows cached`);

  // At scale.
  const scaleActions = await scale.claims(opened.of(['registration', 'under_review']), WARM_UP);
  const scaleUpdates = await scale.bareUpdates();
  const scaleWorklists = await scale.worklistTimes();
  const openAtScale = await scale.openCaseCount();
  const scaleStarts = await scale.restarts(STARTS);

  const figures: Figure[] = [];
  const add = (f: Figure) => {
    printFigure(f);
    figures.push(f);
  };
  add({
    section: 'scale',
    baseline: latency('officer action HTTP → Update → GET, p99, at start', startActions.ms, `${openAtStart} open cases`),
    measured: latency('officer action HTTP → Update → GET, p99, at scale', scaleActions.ms, `${openAtScale} open cases`),
    ratioLabel: 'officer action p99: at scale ÷ at the start',
  });
  const p50p99 = (xs: number[]) => `p50 ${ms(xs, 50)}, p99 ${ms(xs, 99)}`;
  printLine('of which', 'the POST (answered when the Update is)', `at start ${p50p99(startActions.posts)}; at scale ${p50p99(scaleActions.posts)}`);
  printLine('context', 'a bare Update (no-op workflow, same server)', `at start ${p50p99(startUpdates)}; at scale ${p50p99(scaleUpdates)}`);
  for (const [i, w] of WORKLISTS.entries()) {
    add({
      section: 'scale',
      baseline: latency(`worklist (${w.name}) p99, at start`, startWorklists[i]!.ms, `${startWorklists[i]!.rows} rows`),
      measured: latency(`worklist (${w.name}) p99, at scale`, scaleWorklists[i]!.ms, `${scaleWorklists[i]!.rows} rows`),
      ratioLabel: `worklist (${w.name}) p99: at scale ÷ at the start`,
    });
  }
  add({
    section: 'scale',
    baseline: { label: 'stack start (dev server, worker, API), no cases', value: median(emptyStarts.map((x) => x.total)), unit: 'ms', note: startNote(emptyStarts) },
    measured: { label: `stack start, ${openAtScale} open cases`, value: median(scaleStarts.map((x) => x.total)), unit: 'ms', note: startNote(scaleStarts) },
    ratioLabel: 'stack start: at scale ÷ no cases',
  });
  await scale.explainWorklists();

  // A worker restart: replaying cases, and what caching them all costs.
  const fresh = await scale.killAndRestartWorker();
  const replayCases = opened.of(['registration', 'in_publicity'], ['issuance', 'in_publicity']);
  const history = await scale.historyLengths(replayCases.slice(0, ACTIONS));
  await scale.actInsideStickyWindow(replayCases.at(-1)!, fresh.killedAt);
  const replay = await scale.claims(replayCases, 0, { notBefore: fresh.killedAt + STICKY_WINDOW_MS });
  const afterReplay = await scale.cacheState();
  const cached = await scale.claims(replay.cases, 0, { again: true });
  const all = await scale.cacheEveryWorkflow([...atStart, ...opened.withWorkflows()]);
  add({
    section: 'scale',
    baseline: latency('officer action on a cached case, p99', cached.ms, 'the same cases again, same worker'),
    measured: latency('first officer action after a worker restart, p99', replay.ms, `replayed first: histories of ${history} events; from ${STICKY_WINDOW_MS / 1000} s after the kill`),
    ratioLabel: 'first action after restart ÷ cached, p99',
  });
  printLine('of which', 'p50: first action after restart ÷ cached', (percentile(replay.ms, 50) / percentile(cached.ms, 50)).toFixed(2));
  add({
    section: 'scale',
    baseline: { label: 'worker RSS, empty cache (fresh process)', value: fresh.rss, unit: 'MB', note: `${fresh.cached} cached` },
    measured: { label: `worker RSS, ${all.cached} workflows cached`, value: all.rss, unit: 'MB', note: `brought in by queries in ${all.seconds.toFixed(0)} s` },
    ratioLabel: 'worker RSS: all cached ÷ empty cache',
  });
  printLine('memory', 'per cached workflow: RSS growth ÷ cached', `${kb((all.rss - fresh.rss) / (all.cached - fresh.cached))} KB`);
  printLine('memory', `  marginal, from ${afterReplay.cached} to ${all.cached} cached`, `${kb((all.rss - afterReplay.rss) / (all.cached - afterReplay.cached))} KB`);
  return figures;
}

const ms = (xs: number[], p: number) => `${percentile(xs, p).toFixed(1)} ms`;
const median = (xs: number[]) => percentile(xs, 50);
const kb = (mb: number) => (mb * 1024).toFixed(0);
const latency = (label: string, xs: number[], note: string) =>
  ({ label, value: percentile(xs, 99), p99: percentile(xs, 99), unit: 'ms', note: `p50 ${ms(xs, 50)}, n=${xs.length}; ${note}` }) as const;
const startNote = (xs: Started[]) => {
  const m = (pick: (x: Started) => number, digits = 0) => median(xs.map(pick)).toFixed(digits);
  return `median of ${xs.length}; dev server up ${m((x) => x.temporal)} ms, worker polling ${m((x) => x.worker)} ms, API ready ${m((x) => x.api)} ms; ` +
    `CPU by then: dev server ${m((x) => x.cpu.temporal, 1)} s, worker ${m((x) => x.cpu.worker, 1)} s, API ${m((x) => x.cpu.api, 1)} s`;
};

interface Setting {
  /** The dev server's SQLite file, the worker's and the API's logs. */
  logDir: string;
  sqlite: string;
  temporalPort: number;
  temporalAddress: string;
  baseUrl: string;
  metricsUrl: string;
  env: NodeJS.ProcessEnv;
}

/** What `npm start` runs but PostgreSQL (the bench keeps that up): the dev server, the worker, the API. */
interface System {
  temporal: TemporalDevServer;
  worker: ChildProcess;
  api: ChildProcess;
}

/** Milliseconds from launching the dev server until each part was ready; `total`: all of them. */
interface Started {
  temporal: number;
  worker: number;
  api: number;
  total: number;
  /** CPU seconds each process had used by then (two cores: what they competed for). */
  cpu: { temporal: number; worker: number; api: number };
}

/** The cases opened for the scale, by type and status. */
class OpenCases {
  constructor(private readonly byKind: Map<string, string[]>) {}

  /** The cases of these kinds, interleaved. */
  of(...kinds: [CaseType, Kind['status']][]): string[] {
    return roundRobin(kinds.map(([type, status]) => this.byKind.get(kindKey({ type, status })) ?? []));
  }

  /** Every case that has a workflow (all but the sign-off rows). */
  withWorkflows(): string[] {
    return MIX.filter((k) => k.status !== 'awaiting_signoff').flatMap((k) => this.byKind.get(kindKey(k)) ?? []);
  }
}

class Scale {
  private readonly http: HttpClient;
  private readonly developer: SeededUser;
  private readonly officers: SeededUser[];
  private readonly bureau: SeededUser;
  private system?: System;
  /** Cases a measurement has acted on: each case is measured once (but for `again`). */
  private readonly used = new Set<string>();
  /** Setup requests that answered 503 (Temporal busy past the API's deadline) and were sent again with their Idempotency-Key. */
  private retries = 0;

  constructor(
    private readonly s: Setting,
    private readonly db: DataSource,
    private readonly seed: DemoSeed,
  ) {
    this.http = httpClient(s.baseUrl);
    const one = (role: string) => seed.users.find((u) => u.role === role)!;
    this.developer = one('developer');
    this.bureau = one('bureau');
    this.officers = seed.users.filter((u) => u.role === 'officer');
  }

  /** Launches the dev server on its file, then the worker and the API (as `npm start` does); resolves once all are ready. */
  async start(): Promise<Started> {
    const t0 = performance.now();
    const temporal = await startTemporalDevServer({ dbFile: this.s.sqlite, port: this.s.temporalPort, uiPort: 0, headless: true, log: join(this.s.logDir, 'temporal.log') });
    const temporalMs = performance.now() - t0;
    this.system = { temporal, worker: launch('worker', this.s.env, this.s.logDir), api: launch('api', this.s.env, this.s.logDir) };
    const { worker, api } = this.system;
    const [workerMs, apiMs] = await Promise.all([
      this.workerPolling(worker).then(() => performance.now() - t0),
      until(
        async () => {
          if (exited(api)) throw new Error(`the API exited (code ${api.exitCode}) before it was ready`);
          return (await fetch(`${this.s.baseUrl}/health/ready`).catch(() => undefined))?.ok === true;
        },
        'the API to be ready',
        120_000,
        20,
      ).then(() => performance.now() - t0),
    ]);
    const cpu = [temporal.pid, worker.pid!, api.pid!].map(processCpuSeconds);
    return { temporal: temporalMs, worker: workerMs, api: apiMs, total: Math.max(workerMs, apiMs), cpu: { temporal: cpu[0]!, worker: cpu[1]!, api: cpu[2]! } };
  }

  /** Stops the API, the worker (SIGTERM: they drain) and the dev server. */
  async stop(): Promise<void> {
    const s = this.system;
    this.system = undefined;
    if (!s) return;
    await killEscalating(s.api, [['SIGTERM', 10_000], ['SIGKILL', 5_000]]);
    await killEscalating(s.worker, [['SIGTERM', 20_000], ['SIGKILL', 5_000]]);
    await s.temporal.stop();
  }

  /** Stops and starts the whole system `n` times. */
  async restarts(n: number): Promise<Started[]> {
    const times: Started[] = [];
    for (let i = 0; i < n; i++) {
      await this.stop();
      times.push(await this.start());
    }
    return times;
  }

  /** SIGKILLs the worker (a crash) and starts a fresh one: its RSS and cache once it polls and has settled. */
  async killAndRestartWorker(): Promise<{ killedAt: number; rss: number; cached: number }> {
    const s = this.system!;
    const killedAt = Date.now();
    await killEscalating(s.worker, [['SIGKILL', 5_000]]);
    s.worker = launch('worker', this.s.env, this.s.logDir);
    const seconds = await timed(() => this.workerPolling(s.worker));
    await sleep(2_000); // past start-up's own allocations
    const state = await this.cacheState();
    printLine('restart', 'worker SIGKILLed; a fresh one polls after', `${(seconds * 1000).toFixed(0)} ms (RSS ${state.rss.toFixed(1)} MB, ${state.cached} cached)`);
    return { killedAt, ...state };
  }

  /**
   * One claim on a case the killed worker had cached, while the server may still send its tasks to that worker's
   * sticky queue (STICKY_WINDOW_MS): what a person acting right after a crash waits. Printed, not a figure.
   */
  async actInsideStickyWindow(caseNo: string, killedAt: number): Promise<void> {
    this.used.add(caseNo);
    const after = ((Date.now() - killedAt) / 1000).toFixed(1);
    const t0 = performance.now();
    const outcome = await claimRoundTrips(this.http, [caseNo], [this.officers[0]!], 1).then(
      () => 'shown',
      (e: Error) => e.message,
    );
    printLine('restart', `an action ${after} s after the kill (sticky window)`, `${(performance.now() - t0).toFixed(0)} ms (${outcome})`);
  }

  /** Until the server lists a poller of this worker process on the case task queue (the SDK's identity: pid@host). */
  private async workerPolling(worker: ChildProcess): Promise<void> {
    const identity = `${worker.pid}@${hostname()}`;
    const connection = await Connection.connect({ address: this.s.temporalAddress });
    try {
      await until(
        async () => {
          if (exited(worker)) throw new Error(`the worker exited (code ${worker.exitCode}) before it polled`);
          const { pollers } = await connection.workflowService.describeTaskQueue({
            namespace: 'default',
            taskQueue: { name: CASES_TASK_QUEUE },
            taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          });
          return (pollers ?? []).some((p) => p.identity === identity);
        },
        `worker ${identity} to poll ${CASES_TASK_QUEUE}`,
        120_000,
        20,
      );
    } finally {
      await connection.close();
    }
  }

  /** The worker's resident set (MB) and the workflows in its cache (the SDK's own gauge, from WORKER_METRICS_ADDRESS). */
  async cacheState(): Promise<{ rss: number; cached: number }> {
    const text = await (await fetch(this.s.metricsUrl)).text();
    const gauge = /^temporal_sticky_cache_size(?:\{[^}]*\})? (\d+)/m.exec(text);
    return { rss: rssMb(this.system!.worker.pid!, 'VmRSS'), cached: gauge ? Number(gauge[1]) : 0 };
  }

  /** Registration cases submitted through the API, for the figures at the start. */
  async submittedRegistrations(n: number): Promise<string[]> {
    const drafts = await readyDrafts({ db: this.db, seed: this.seed }, n, 4);
    await pool(drafts, 8, (c) => this.http.post(`/registrations/${c}/submit`, this.developer.token));
    return drafts;
  }

  /**
   * Claims as registration.ts times them, alternately by the two officers, on the first cases of `from` not used
   * yet: `warmUp` not counted, then ACTIONS measured. `again`: the same cases once more, by the other officer each.
   * `notBefore`: the measured claims start no earlier (epoch ms).
   */
  async claims(from: string[], warmUp: number, o: { again?: boolean; notBefore?: number } = {}): Promise<{ ms: number[]; posts: number[]; cases: string[] }> {
    const cases = o.again ? from : from.filter((c) => !this.used.has(c)).slice(0, warmUp + ACTIONS);
    if (cases.length < warmUp + ACTIONS) throw new Error(`only ${cases.length} cases to act on; ${warmUp + ACTIONS} needed`);
    cases.forEach((c) => this.used.add(c));
    const officers = o.again ? [...this.officers].reverse() : this.officers;
    if (warmUp) await claimRoundTrips(this.http, cases.slice(0, warmUp), officers, warmUp);
    if (o.notBefore) await sleep(o.notBefore - Date.now());
    const measured = cases.slice(warmUp);
    const { roundTrips, posts } = await claimRoundTrips(this.http, measured, officers, measured.length);
    return { ms: roundTrips, posts, cases: measured };
  }

  /** Round trips of Updates that do nothing (empty-workflows.ts), on the same dev server: Temporal's own part of an action. */
  async bareUpdates(): Promise<number[]> {
    const client = await this.client();
    const native = await NativeConnection.connect({ address: this.s.temporalAddress });
    try {
      return await withBaselineWorker(native, () => updateRoundTrips(client, ACTIONS));
    } finally {
      await native.close();
      await client.connection.close();
    }
  }

  /** Each worklist of WORKLISTS asked for as the console does, WARM_UP times unmeasured, then QUERIES times. */
  async worklistTimes(): Promise<{ ms: number[]; rows: number }[]> {
    const out: { ms: number[]; rows: number }[] = [];
    for (const w of WORKLISTS) {
      const token = (w.as === 'bureau' ? this.bureau : this.officers[0]!).token;
      const path = `/cases/worklist${Object.keys(w.query).length ? `?${new URLSearchParams(Object.entries(w.query).map(([k, v]): [string, string] => [k, String(v)]))}` : ''}`;
      let rows = 0;
      for (let i = 0; i < WARM_UP; i++) await this.http.get(path, token);
      const times: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        const t0 = performance.now();
        rows = ((await this.http.get(path, token)) as unknown[]).length;
        times.push(performance.now() - t0);
      }
      out.push({ ms: times, rows });
    }
    return out;
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of the very statement each worklist runs (the API's filter and SQL, with its parameters). */
  async explainWorklists(): Promise<void> {
    for (const w of WORKLISTS) {
      const actor = w.as === 'bureau' ? this.bureau : this.officers[0]!;
      const { sql, params } = worklistStatement(worklistFilter(actor, w.query));
      const plan: { 'QUERY PLAN': string }[] = await this.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.log(`\n  EXPLAIN (ANALYZE, BUFFERS) worklist (${w.name}), at scale:`);
      for (const line of plan) console.log(`    ${line['QUERY PLAN']}`);
    }
    console.log();
  }

  /** Cases of either type in a status with a running workflow (neither draft nor closed), as the projection has them. */
  async openCaseCount(): Promise<number> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM case_overview WHERE (case_type = 'registration' AND status = ANY($1)) OR (case_type = 'issuance' AND status = ANY($2))`,
      [openStatuses(procedureOf('BJ', 'registration')), openStatuses(procedureOf('BJ', 'issuance'))],
    );
    return n;
  }

  /** The median history length (events) of these cases' workflows. */
  async historyLengths(caseNos: string[]): Promise<number> {
    const client = await this.client();
    try {
      const lengths = await Promise.all(caseNos.map(async (c) => Number((await client.workflow.getHandle(workflowIdOf(c)).describe()).historyLength)));
      return median(lengths);
    } finally {
      await client.connection.close();
    }
  }

  /** Queries every case's workflow (a worker replays one it has not cached, and keeps it); its RSS and cache after. */
  async cacheEveryWorkflow(caseNos: string[]): Promise<{ rss: number; cached: number; seconds: number }> {
    const client = await this.client();
    try {
      const seconds = await timed(() => pool(caseNos, 8, (c) => client.workflow.getHandle(workflowIdOf(c)).query(caseViewQuery)));
      await sleep(2_000);
      const state = await this.cacheState();
      printLine('check', 'workflows in the worker cache after the queries', `${state.cached} (${caseNos.length} open case workflows queried)`);
      if (state.cached < caseNos.length) throw new Error(`only ${state.cached} of ${caseNos.length} workflows are cached`);
      return { ...state, seconds };
    } finally {
      await client.connection.close();
    }
  }

  /**
   * `n` open cases in MIX's shares, made as people make them: drafts by the repositories (registration.ts,
   * issuance.ts), then submission, review and publicity through the API; CONCURRENCY cases at a time.
   */
  async openCases(n: number): Promise<OpenCases> {
    const counts = MIX.map((k) => Math.round(k.share * n));
    counts[0]! += n - counts.reduce((a, b) => a + b, 0);
    const order = roundRobin(MIX.map((k, i) => Array.from({ length: counts[i]! }, () => k))); // every kind made all through the setup
    const byKind = new Map<string, string[]>(MIX.map((k) => [kindKey(k), []]));
    const client = await this.client();
    const service = issuancesService(this.db, TemporalClientService.over(client, true));
    const parties = { developer: this.developer, verifier: this.seed.users.find((u) => u.role === 'verifier')!, officer: this.officers[0]!, bureau: this.bureau, methodologyVersionId: this.seed.methodologyVersions.tier1 };
    let done = 0;
    const t0 = performance.now();
    try {
      await pool(order, CONCURRENCY, async (k, i) => {
        const officer = this.officers[i % this.officers.length]!;
        let caseNo: string;
        if (k.status === 'awaiting_signoff') {
          const { projectId } = await insertRegisteredProject(this.db, this.developer.organisationId, this.seed.methodologyVersions.tier1);
          caseNo = await insertSignOffReadyCase(this.db, { projectId, owner: this.developer, reviewer: officer, tco2e: '100' });
        } else {
          caseNo = k.type === 'registration' ? (await readyDrafts({ db: this.db, seed: this.seed }, 1))[0]! : await readyApplication(this.db, service, parties);
          const path = `/${k.type === 'registration' ? 'registrations' : 'issuances'}/${caseNo}`;
          await this.post(`${path}/submit`, this.developer.token);
          if (k.status === 'in_publicity') {
            await this.post(`${path}/review`, officer.token, k.type === 'issuance' ? { outcome: 'pass', auditedTco2e: '100' } : { outcome: 'pass' });
            await this.post(`${path}/publicity`, officer.token);
          } else if (k.status === 'awaiting_supplement') {
            await this.post(`${path}/review`, officer.token, { outcome: 'request_supplement', reasons: 'Bench: the monitoring plan lacks the meters’ serial numbers.' });
          }
        }
        byKind.get(kindKey(k))!.push(caseNo);
        if (++done % Math.max(1, Math.round(n / 10)) === 0) log('bench', `scale setup: ${done}/${n} cases open (${(done / ((performance.now() - t0) / 1000)).toFixed(1)}/s)`);
      });
    } finally {
      await client.connection.close();
    }
    const seconds = (performance.now() - t0) / 1000;
    await this.checkOpened(byKind);
    printLine('setup', `${n} open cases (not measured), ${CONCURRENCY} at a time`, `${seconds.toFixed(0)} s, ${(n / seconds).toFixed(1)} cases/s; ${this.retries} requests retried after a 503`);
    printLine('', '', MIX.map((k) => `${byKind.get(kindKey(k))!.length} ${kindKey(k)}`).join(', '));
    return new OpenCases(byKind);
  }

  /** Every opened case is in the projection in the status it was made for. */
  private async checkOpened(byKind: Map<string, string[]>): Promise<void> {
    for (const k of MIX) {
      const caseNos = byKind.get(kindKey(k))!;
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM case_overview WHERE case_no = ANY($1) AND case_type = $2 AND status = $3`, [caseNos, k.type, k.status]);
      if (n !== caseNos.length) throw new Error(`${caseNos.length - n} of ${caseNos.length} cases meant to be ${kindKey(k)} are not`);
    }
  }

  /** POST with an Idempotency-Key; sent again with the same key (at most 5 times) when the API answers 503. */
  private async post(path: string, token: string, body?: unknown): Promise<unknown> {
    const headers = { 'Idempotency-Key': `bench-scale-${randomUUID()}` };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.http.post(path, token, body, headers);
      } catch (e) {
        if (attempt === 5 || !(e as Error).message.includes('→ 503')) throw e;
        this.retries++;
        await sleep(1_000 * attempt);
      }
    }
  }

  private async client(): Promise<Client> {
    return new Client({ connection: await Connection.connect({ address: this.s.temporalAddress }) });
  }
}

/** The built entry point of the API or the worker in its own process, its output appended to `<logDir>/<app>.log`. */
function launch(app: 'api' | 'worker', env: NodeJS.ProcessEnv, logDir: string): ChildProcess {
  const out = openSync(join(logDir, `${app}.log`), 'a');
  try {
    return spawn(process.execPath, [join(DIST, 'apps', app, 'src', 'main.js')], { env, stdio: ['ignore', out, out] });
  } finally {
    closeSync(out); // the child has its own copy
  }
}

const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

const workflowIdOf = (caseNo: string) => caseWorkflowId(caseTypeOfNumber(caseNo)!, caseNo);

/** The lists' items taken in turn ([a a a] [b b] [c] → a b c a b a). */
function roundRobin<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(0, ...lists.map((l) => l.length)); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}
