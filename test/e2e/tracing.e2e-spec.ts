import { JwtService } from '@nestjs/jwt';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../../apps/api/src/auth/auth-config';
import { TokenService } from '../../apps/api/src/auth/token.service';
import type { Actor } from '../../libs/domain/src';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { OtlpReceiver, ReceivedSpan, startOtlpReceiver } from '../../scripts/stack/otlp-receiver';
import { actionAnatomy } from '../../scripts/bench/trace-anatomy';
import { exitOf, freePort } from '../../scripts/stack/util';
import { eventually, makeReadyDraft, makeRegistry, Registry } from '../support/fixtures';

const SUPPORT = path.join(__dirname, '..', 'support');

/**
 * Issue 9 #1, where the time goes: the real API and worker mains, each in its own process as in production, with
 * nothing but the standard OTEL_* variables set, export to an OTLP/HTTP endpoint in this test process. One officer
 * action must come back as ONE trace: the HTTP request → the bearer-token check and the API's SQL → the Temporal
 * client's Update → the workflow's Update handler (in the worker's sandbox) → each activity it scheduled → the SQL
 * each activity ran, every span linked to its parent.
 */
describe('issue 9 #1: one trace per officer action across API → Update → workflow → activities → SQL', () => {
  let receiver: OtlpReceiver;
  let db: DataSource;
  let r: Registry;
  let baseUrl: string;
  const children: { name: string; child: ChildProcess; output: string[] }[] = [];

  function start(name: string, script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: string[] } {
    const child = spawn(process.execPath, [path.join(SUPPORT, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (l) => output.push(l));
    children.push({ name, child, output });
    return { child, output };
  }
  const lastOutput = () => children.map((c) => `--- ${c.name}\n${c.output.slice(-20).join('\n')}`).join('\n');

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    db = await new DataSource(dataSourceOptions()).initialize();
    r = await makeRegistry(db);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      // Export within 100 ms instead of 5 s, so the test need not wait.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    const api = start('api', 'api-main-process.js', { ...env, PORT: String(port) });
    const worker = start('worker', 'worker-main-process.js', env);
    await eventually(async () => (await fetch(`${baseUrl}/health/live`).catch(() => undefined))?.ok, `the API to answer (${lastOutput()})`, 90_000);
    await eventually(async () => worker.output.some((l) => l.includes('polling')) || worker.child.exitCode !== null, 'the worker to poll', 120_000);
    expect([api.child.exitCode, worker.child.exitCode]).toEqual([null, null]);
  }, 180_000);

  afterAll(async () => {
    for (const { child } of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exitOf(child), new Promise((res) => setTimeout(res, 10_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
    await db?.destroy();
    await receiver?.stop();
  }, 30_000);

  const tokens = () => new TokenService(new JwtService({ secret: process.env.JWT_SECRET }), { accessTokenTtlSeconds: 900 } as AuthConfig);
  async function post(actor: Actor, url: string): Promise<{ status: number; requestId: string; body: Record<string, unknown> }> {
    const res = await fetch(`${baseUrl}${url}`, { method: 'POST', headers: { Authorization: `Bearer ${tokens().issue(actor)}`, 'Content-Type': 'application/json' }, body: '{}' });
    return { status: res.status, requestId: res.headers.get('x-request-id') ?? '', body: (await res.json()) as Record<string, unknown> };
  }

  /** The spans of the trace whose HTTP server span answered `requestId`, once its activities' SQL has arrived too. */
  async function traceOf(requestId: string, complete: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]> {
    return eventually(async () => {
      const http = receiver.spans.find((s) => s.attributes['registry.request_id'] === requestId);
      if (!http) return undefined;
      const spans = receiver.spans.filter((s) => s.traceId === http.traceId);
      return complete(spans) && spans;
    }, `the trace of request ${requestId} (${receiver.requests} exports, ${receiver.spans.length} spans)`, 30_000);
  }

  it('issue 9 #1: an officer claim is one trace: HTTP → auth → Update → workflow → activities → SQL, parent-linked', async () => {
    const caseNo = await makeReadyDraft(db, r);
    const submitted = await post(r.developer, `/registrations/${caseNo}/submit`);
    expect([submitted.status, submitted.body.status]).toEqual([200, 'under_review']);

    const claim = await post(r.officer, `/registrations/${caseNo}/claim`);
    expect([claim.status, claim.body.assignedOfficerId]).toEqual([200, r.officer.userId]);
    const hasWorkerSql = (spans: ReceivedSpan[]) => spans.some((s) => s.service === 'registry-worker' && s.scope.includes('instrumentation-pg') && s.name.startsWith('pg.query'));
    const spans = await traceOf(claim.requestId, (s) => hasWorkerSql(s) && s.some((x) => x.name === 'HandleUpdate:claim'));
    process.stderr.write(`[tracing] ${spans.length} spans:\n${render(spans)}\n`);

    // One trace for the request, its root the API's HTTP server span named by the route.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => [s.name, s.service, s.kind])).toEqual([['POST /registrations/:caseNo/claim', 'registry-api', 2]]);
    const [http] = roots;
    // Every other span hangs off a span of the same trace: nothing orphaned between the processes.
    expect(spans.filter((s) => s.parentSpanId && !byId.has(s.parentSpanId)).map((s) => s.name)).toEqual([]);
    const ancestors = (s: ReceivedSpan): ReceivedSpan[] => (s.parentSpanId && byId.has(s.parentSpanId) ? [byId.get(s.parentSpanId)!, ...ancestors(byId.get(s.parentSpanId)!)] : []);
    const under = (s: ReceivedSpan, a: ReceivedSpan) => ancestors(s).includes(a);
    const one = (name: string) => {
      const found = spans.filter((s) => s.name === name);
      expect([name, found.length]).toEqual([name, 1]);
      return found[0]!;
    };

    const auth = one('auth.check');
    expect([auth.service, auth.parentSpanId && under(auth, http)]).toEqual(['registry-api', true]);
    const update = one('StartWorkflowUpdate:claim');
    expect([update.service, under(update, http), update.attributes.temporalWorkflowId]).toEqual(['registry-api', true, `project-registration/${caseNo}`]);
    // The workflow's side, in the worker's sandbox, parented by the client's Update span (context in the headers).
    const validate = one('ValidateUpdate:claim');
    const handle = one('HandleUpdate:claim');
    for (const s of [validate, handle]) expect([s.service, s.parentSpanId]).toEqual(['registry-worker', update.spanId]);
    const scheduled = spans.filter((s) => s.name.startsWith('StartActivity:'));
    const ran = spans.filter((s) => s.name.startsWith('RunActivity:'));
    expect(scheduled.length).toBeGreaterThan(0);
    expect(ran.map((s) => s.name.slice('RunActivity:'.length)).sort()).toEqual(scheduled.map((s) => s.name.slice('StartActivity:'.length)).sort());
    for (const s of scheduled) expect(under(s, handle)).toBe(true);
    for (const s of ran) expect([s.service, byId.get(s.parentSpanId)?.name]).toEqual(['registry-worker', s.name.replace('RunActivity:', 'StartActivity:')]);
    // SQL on both sides: the API's (the token's user, the case read) under the request, the activities' under them.
    const sql = spans.filter((s) => s.scope.includes('instrumentation-pg') && s.name.startsWith('pg.query'));
    const apiSql = sql.filter((s) => s.service === 'registry-api');
    const workerSql = sql.filter((s) => s.service === 'registry-worker');
    expect([apiSql.length > 0, workerSql.length > 0]).toEqual([true, true]);
    for (const s of workerSql) expect(ran.some((a) => under(s, a))).toBe(true);
    // Statements are recorded without their parameter values (personal data stays out of the collector).
    expect(sql.filter((s) => 'db.postgresql.values' in s.attributes)).toEqual([]);
    expect(receiver.rejected).toBe(0);

    // The bench's reading of the same trace (npm run bench -- trace) counts what is there and adds up.
    const a = actionAnatomy(spans, 'claim');
    expect([a.activities, a.workerSqlCount, a.apiSqlCount + a.afterAnswerSqlCount]).toEqual([ran.length, workerSql.length, apiSql.length]);
    expect(a.workflowInstants).toBeGreaterThanOrEqual(2); // the Update's task, and the activation that takes the (local) activity's result
    expect(a.httpMs).toBeGreaterThan(a.updateMs);
    expect(a.updateMs).toBeGreaterThan(a.activityRunMs);
    expect(a.apiOtherMs).toBeGreaterThanOrEqual(0);
  }, 120_000);
});

/** The trace as an indented tree with durations, for the log (what a collector's UI would show). */
function render(spans: ReceivedSpan[]): string {
  const children = (id: string) => spans.filter((s) => s.parentSpanId === id).sort((a, b) => Number(a.startNs - b.startNs));
  const t0 = spans.reduce((m, s) => (s.startNs < m ? s.startNs : m), spans[0]!.startNs);
  const line = (s: ReceivedSpan, depth: number): string[] => [
    `${'  '.repeat(depth)}${s.name} [${s.service}] +${(Number(s.startNs - t0) / 1e6).toFixed(1)} ms, ${(Number(s.endNs - s.startNs) / 1e6).toFixed(2)} ms`,
    ...children(s.spanId).flatMap((c) => line(c, depth + 1)),
  ];
  return spans.filter((s) => !s.parentSpanId || !spans.some((p) => p.spanId === s.parentSpanId)).flatMap((s) => line(s, 0)).join('\n');
}
