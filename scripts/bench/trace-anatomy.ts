import { durationMs, ReceivedSpan } from '../stack/otlp-receiver';

/**
 * Where one officer action's time goes, read off its trace (the spans tracing.ts makes; see README "Tracing").
 * Real-clock spans: the HTTP request, auth.check, SQL, the client's Update, RunActivity. The workflow's spans
 * (ValidateUpdate, HandleUpdate, StartActivity) are made inside the sandbox, whose clock is the start time of the
 * workflow task that runs them (Temporal's event time, whole milliseconds): their start and end instants say when
 * each workflow task ran, not how long code ran, so they are read as instants. The distinct instants count the
 * workflow tasks and the activations inside one (a local activity's result resumes the workflow in the same task,
 * issue 9): the history, not the trace, says how many tasks (workflows/project-registration.workflow.spec.ts).
 */
export interface ActionAnatomy {
  httpMs: number;
  authMs: number;
  /** SQL statements the API ran while answering (the auth check's included), and their summed time. */
  apiSqlCount: number;
  apiSqlMs: number;
  /** Connection checkouts from the API's pool while answering (a new connection shows as pg.connect inside one). */
  apiPoolMs: number;
  updateMs: number;
  /** Update sent → the first workflow task with it started (gRPC, the server, the task queue). */
  toWorkflowMs: number;
  /** Distinct workflow-side instants: workflow tasks, or activations within one task (local activities). */
  workflowInstants: number;
  activities: number;
  /** Σ over the action's activities: scheduled (workflow task) → started on the worker. */
  activityQueueMs: number;
  activityRunMs: number;
  /** Σ: activity finished → the workflow resumed with its result (≤ 0 for a local activity: same task, whose instant is its start). */
  activityResultMs: number;
  workerSqlCount: number;
  workerSqlMs: number;
  /** The workflow task that finished the Update handler started → the client has the answer. */
  answerMs: number;
  /** The HTTP request outside the Update, auth and the API's SQL: Nest's pipeline, validation, serialisation. */
  apiOtherMs: number;
  /** Statements of this trace after the answer was sent (the audit row). */
  afterAnswerSqlCount: number;
}

const isSql = (s: ReceivedSpan) => s.scope.includes('instrumentation-pg') && s.name.startsWith('pg.query');
const isPoolCheckout = (s: ReceivedSpan) => s.scope.includes('instrumentation-pg') && s.name === 'pg-pool.connect';
const ms = (ns: bigint) => Number(ns) / 1e6;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The anatomy of one action's trace; `update` is the Update's name (e.g. 'claim'). Throws when a part is missing. */
export function actionAnatomy(spans: ReceivedSpan[], update: string): ActionAnatomy {
  const http = only(spans, (s) => s.kind === 2 && !s.parentSpanId, 'HTTP server span');
  const auth = only(spans, (s) => s.name === 'auth.check', 'auth.check');
  const client = only(spans, (s) => s.name === `StartWorkflowUpdate:${update}`, `StartWorkflowUpdate:${update}`);
  const handler = only(spans, (s) => s.name === `HandleUpdate:${update}`, `HandleUpdate:${update}`);
  const workflow = spans.filter((s) => s.scope === '@temporalio/interceptor-workflow');
  const scheduled = spans.filter((s) => s.name.startsWith('StartActivity:'));
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const runs = scheduled.map((s) => only(spans, (r) => r.parentSpanId === s.spanId && r.name.startsWith('RunActivity:'), `RunActivity under ${s.name}`));
  const answering = (s: ReceivedSpan) => s.startNs >= http.startNs && s.startNs < http.endNs;
  const api = spans.filter((s) => s.service === http.service);
  const apiSql = api.filter((s) => isSql(s) && answering(s));
  const underActivity = (s: ReceivedSpan): boolean => {
    for (let p = byId.get(s.parentSpanId); p; p = byId.get(p.parentSpanId)) if (runs.includes(p)) return true;
    return false;
  };
  const workerSql = spans.filter((s) => isSql(s) && underActivity(s));
  const apiSqlMs = sum(apiSql.map(durationMs));
  const apiPoolMs = sum(api.filter((s) => isPoolCheckout(s) && answering(s)).map(durationMs));
  // The API's own time: the request less the Update, the auth check (its SQL included) and the SQL outside it.
  const outsideAuth = api.filter((s) => (isSql(s) || isPoolCheckout(s)) && answering(s) && s.parentSpanId !== auth.spanId);
  const firstTask = workflow.reduce((m, s) => (s.startNs < m ? s.startNs : m), handler.startNs);
  return {
    httpMs: durationMs(http),
    authMs: durationMs(auth),
    apiSqlCount: apiSql.length,
    apiSqlMs,
    apiPoolMs,
    updateMs: durationMs(client),
    toWorkflowMs: ms(firstTask - client.startNs),
    workflowInstants: new Set(workflow.flatMap((s) => [s.startNs, s.endNs])).size,
    activities: runs.length,
    activityQueueMs: sum(runs.map((r, i) => ms(r.startNs - scheduled[i]!.startNs))),
    activityRunMs: sum(runs.map(durationMs)),
    activityResultMs: sum(runs.map((r, i) => ms(scheduled[i]!.endNs - r.endNs))),
    workerSqlCount: workerSql.length,
    workerSqlMs: sum(workerSql.map(durationMs)),
    answerMs: ms(client.endNs - handler.endNs),
    apiOtherMs: durationMs(http) - durationMs(client) - durationMs(auth) - sum(outsideAuth.map(durationMs)),
    afterAnswerSqlCount: api.filter((s) => isSql(s) && s.startNs >= http.endNs).length,
  };
}

function only(spans: ReceivedSpan[], match: (s: ReceivedSpan) => boolean, what: string): ReceivedSpan {
  const found = spans.filter(match);
  if (found.length !== 1) throw new Error(`expected one ${what} in the trace, found ${found.length}`);
  return found[0]!;
}
