import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { seedDemo } from '../../apps/api/src/seed/demo-seed';
import { SeedModule } from '../../apps/api/src/seed/seed.module';
import { httpClient } from '../demo/http-client';
import { OtlpReceiver, ReceivedSpan, startOtlpReceiver } from '../stack/otlp-receiver';
import { startTemporalDevServer } from '../stack/temporal-dev-server';
import { freePort, killEscalating } from '../stack/util';
import { intFromEnv, percentile, until } from './measure';
import { readyDrafts } from './registration';
import { printHeading, printLine } from './report';
import { ActionAnatomy, actionAnatomy } from './trace-anatomy';

/**
 * `npm run bench -- trace`: where an officer action's time goes. The API and the worker run as `npm start` runs them
 * (dist mains, each in its own process, on a Temporal dev server and the bench's PostgreSQL) with tracing on — only the
 * standard OTEL_* variables, pointed at an OTLP/HTTP receiver in this process — and BENCH_TRACE_ACTIONS claims (each
 * followed by the GET that shows it, as the registration section measures them) are read back from their traces:
 * median and p90 per part of the request. Indicative: tracing itself adds a little to every span.
 */
const ACTIONS = intFromEnv('BENCH_TRACE_ACTIONS', 50);
const WARM_UP = 10;
const DIST = join(__dirname, '..', '..');

export async function traceSection(databaseUrl: string): Promise<void> {
  const receiver = await startOtlpReceiver();
  const temporal = await startTemporalDevServer({ port: await freePort(), uiPort: 0, headless: true });
  const children: ChildProcess[] = [];
  try {
    printHeading('trace', `officer action (claim) traced over OTLP; API and worker in their own processes (dist mains), dev server ${temporal.address}; ${ACTIONS} actions after ${WARM_UP} warm-up`);
    const seedContext = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
    const seed = await seedDemo(seedContext);
    const drafts = await readyDrafts({ db: seedContext.get(DataSource), seed }, ACTIONS + WARM_UP);
    await seedContext.close();

    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    for (const app of ['worker', 'api']) children.push(spawn(process.execPath, [join(DIST, 'apps', app, 'src', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    const baseUrl = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${baseUrl}/health/ready`).catch(() => undefined))?.ok === true, 'the API and Temporal to be ready', 60_000);
    const http = httpClient(baseUrl);
    const dev = seed.users.find((u) => u.role === 'developer')!;
    const officers = seed.users.filter((u) => u.role === 'officer');
    for (const c of drafts) await http.post(`/registrations/${c}/submit`, dev.token);

    const claims: string[] = [];
    const reads: string[] = [];
    for (const [i, caseNo] of drafts.entries()) {
      const officer = officers[i % officers.length]!;
      const id = `bench-trace-${i}`;
      await http.post(`/registrations/${caseNo}/claim`, officer.token, {}, { 'X-Request-Id': `${id}-claim` });
      const seen = await fetch(`${baseUrl}/registrations/${caseNo}`, { headers: { Authorization: `Bearer ${officer.token}`, 'X-Request-Id': `${id}-get` } });
      if (!seen.ok || ((await seen.json()) as { assignedOfficerId?: string }).assignedOfficerId !== officer.userId) throw new Error(`claim of ${caseNo} not visible`);
      if (i >= WARM_UP) {
        claims.push(`${id}-claim`);
        reads.push(`${id}-get`);
      }
    }
    const claimTraces = await tracesOf(receiver, claims, (spans) => spans.some((s) => s.name.startsWith('RunActivity:')) && activitiesHaveSql(spans));
    const readTraces = await tracesOf(receiver, reads, () => true);
    printAnatomy(claimTraces.map((t) => actionAnatomy(t, 'claim')), readTraces);
  } finally {
    for (const child of children.reverse()) await killEscalating(child, [['SIGTERM', 10_000], ['SIGKILL', 5_000]]);
    await temporal.stop();
    await receiver.stop();
  }
}

/** The trace of each request id (its HTTP span carries registry.request_id), once `complete`; waits for late exports. */
async function tracesOf(receiver: OtlpReceiver, requestIds: string[], complete: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[][]> {
  let traces: ReceivedSpan[][] = [];
  await until(
    async () => {
      const root = new Map(receiver.spans.filter((s) => typeof s.attributes['registry.request_id'] === 'string').map((s) => [s.attributes['registry.request_id'] as string, s.traceId]));
      traces = requestIds.map((id) => receiver.spans.filter((s) => s.traceId === root.get(id)));
      return traces.every((t) => t.length > 0 && complete(t));
    },
    `the traces of ${requestIds.length} requests (${receiver.spans.length} spans in ${receiver.requests} exports so far)`,
    30_000,
  );
  return traces;
}

/** Every RunActivity span has its statements' spans (the worker exports them in the same or a later batch). */
function activitiesHaveSql(spans: ReceivedSpan[]): boolean {
  const runs = spans.filter((s) => s.name.startsWith('RunActivity:'));
  return runs.every((r) => spans.some((s) => s.parentSpanId === r.spanId && s.scope.includes('instrumentation-pg')));
}

function printAnatomy(actions: ActionAnatomy[], reads: ReceivedSpan[][]): void {
  const stat = (pick: (a: ActionAnatomy) => number, unit = 'ms', digits = 1) => {
    const xs = actions.map(pick);
    return `${percentile(xs, 50).toFixed(digits).padStart(8)} ${unit.padEnd(3)} ${`p90 ${percentile(xs, 90).toFixed(digits)}`.padStart(11)}`;
  };
  const count = (pick: (a: ActionAnatomy) => number) => stat(pick, '', 0);
  const rows: [string, string][] = [
    ['POST …/claim: the whole request (HTTP span)', stat((a) => a.httpMs)],
    ['  auth.check (JWT verify + the user row)', stat((a) => a.authMs)],
    ['  API SQL while answering: statements', count((a) => a.apiSqlCount)],
    ['  API SQL while answering: time (Σ)', stat((a) => a.apiSqlMs)],
    ['  API pool checkouts (Σ; new connections inside)', stat((a) => a.apiPoolMs)],
    ['  API own time (Nest pipeline, validation, JSON)', stat((a) => a.apiOtherMs)],
    ['  Update round trip (client span)', stat((a) => a.updateMs)],
    ['    sent → first workflow task starts', stat((a) => a.toWorkflowMs)],
    ['    workflow-side instants (tasks or activations)', count((a) => a.workflowInstants)],
    ['    activities the action took', count((a) => a.activities)],
    ['    workflow task start → activity starts (Σ)', stat((a) => a.activityQueueMs)],
    ['    activity running (Σ RunActivity)', stat((a) => a.activityRunMs)],
    ['      activity SQL: statements', count((a) => a.workerSqlCount)],
    ['      activity SQL: time (Σ)', stat((a) => a.workerSqlMs)],
    ['    activity done → workflow resumes (Σ; ≤ 0: local)', stat((a) => a.activityResultMs)],
    ['    handler done → client has the answer', stat((a) => a.answerMs)],
    ['  SQL after the answer (audit row): statements', count((a) => a.afterAnswerSqlCount)],
  ];
  const readMs = reads.map((t) => t.find((s) => !s.parentSpanId)!).map((s) => Number(s.endNs - s.startNs) / 1e6);
  const readSql = reads.map((t) => t.filter((s) => s.scope.includes('instrumentation-pg') && s.name.startsWith('pg.query')).length);
  rows.push(['GET the case (its own trace): the whole request', `${percentile(readMs, 50).toFixed(1).padStart(8)} ms  ${`p90 ${percentile(readMs, 90).toFixed(1)}`.padStart(11)}`]);
  rows.push(['  its SQL statements', `${String(percentile(readSql, 50)).padStart(8)}      ${`p90 ${percentile(readSql, 90)}`.padStart(11)}`]);
  printLine('', `median of ${actions.length} actions`, '  median          p90');
  for (const [label, text] of rows) printLine('span', label, text);
  printLine('note', 'workflow-side instants', "a workflow task's start (Temporal event time, ms): gaps, not code time");
  printLine('note', 'task start → activity starts', 'the worker runs and completes the task, the server dispatches the activity');
  printLine('note', 'handler done → answer', 'the worker runs and completes the last task, the server answers the Update');
}
