import { Client, Connection } from '@temporalio/client';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { Client as PgClient } from 'pg';
import { REGISTRATION_MATERIALS } from '../../libs/domain/src';
import { temporalServerBinary } from '../../libs/temporal/src/test-server-executable';
import { freePortRun, freeTemporalServerPorts } from '../../scripts/stack/temporal-server';
import { exitOf, ExitInfo, pidAlive } from '../../scripts/stack/util';
import { eventually } from '../support/fixtures';

/**
 * Issue 9, items 5 and 7: the production topology as `npm run up -- --topology production` starts it (PostgreSQL,
 * Temporal server v1.29.1 on it, its UI, two workers, two API replicas; the built dist/, as users run it), seeded by
 * `npm run seed`. Cases are submitted while one worker and one API replica are SIGKILLed, then the Temporal server
 * is SIGKILLed too: the supervisor starts each again, no case is lost or duplicated, and timers survive — the
 * publicity deadline's timer is still armed for the same instant, and the reconciliation Schedule's timer fires after
 * the restart and closes a case whose workflow an operator terminated.
 */
const ROOT = path.join(__dirname, '..', '..');
const DATA = path.join(ROOT, '.data', `topology-test-${process.pid}`);
const N = 6;
const T0 = Date.now();
const phase = (what: string) => process.stderr.write(`[topology] ${what} at ${((Date.now() - T0) / 1000).toFixed(1)}s\n`);

interface SeedUser {
  role: string;
  token: string;
  organisationId: string;
}
let up: ChildProcess;
let upExit: Promise<ExitInfo>;
const output: string[] = [];
let apiUrls: string[] = [];
let databaseUrl = '';
let temporalAddress = '';
let users: SeedUser[] = [];
let tier1 = '';

/** Without the shared e2e stack's settings (jest exports them into this process): the topology brings its own. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'JWT_SECRET', 'PORT', 'TEMPORAL_UI_URL', 'SMTP_URL', 'CONSOLE_URL']) delete env[k];
  return { ...env, ...extra };
}

const children = (): Array<{ name: string; pid: number }> => JSON.parse(fs.readFileSync(path.join(DATA, 'up.state.json'), 'utf8')).children;
const pidOf = (name: string) => children().find((c) => c.name === name)!.pid;
const said = (re: RegExp) => output.some((l) => re.test(l));

/**
 * A client as a load balancer in front of the replicas behaves: a request that finds its replica gone (connection
 * refused or reset) or answering 503 is sent to the other one, with the same Idempotency-Key, until it is answered.
 */
async function call(method: string, url: string, token: string | undefined, body?: unknown, key: string = randomUUID(), first = 0): Promise<{ status: number; json: any }> {
  const until = Date.now() + 90_000;
  for (let attempt = 0; ; attempt++) {
    const base = apiUrls[(first + attempt) % apiUrls.length]!;
    const form = body instanceof FormData;
    try {
      const res = await fetch(base + url, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(method === 'POST' ? { 'Idempotency-Key': key } : {}), ...(body && !form ? { 'Content-Type': 'application/json' } : {}) },
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      const json = text ? JSON.parse(text) : undefined;
      // 503: that replica cannot reach a dependency now; 409 BUSY: the same key is still held (by a replica that died).
      const later = res.status === 503 || (res.status === 409 && json?.code === 'BUSY');
      if (!later || Date.now() > until) return { status: res.status, json };
    } catch (e) {
      if (Date.now() > until) throw e;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
async function ok(method: string, url: string, token: string | undefined, body?: unknown, first = 0) {
  const r = await call(method, url, token, body, randomUUID(), first);
  if (r.status >= 300) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}
const user = (role: string) => users.find((u) => u.role === role)!;

async function draft(i: number): Promise<string> {
  const dev = user('developer').token;
  const body = {
    project: { name: `拓扑测试光伏 ${i}`, location: '北京市朝阳区', methodologyVersionId: tier1, siteIdentifiers: [`TOPO-${randomUUID().slice(0, 8)}`], implementationStartDate: '2024-03-01' },
    attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
  };
  const { caseNo } = await ok('POST', '/registrations', dev, body, i);
  for (const kind of REGISTRATION_MATERIALS) {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([`${kind} ${caseNo}`], { type: 'application/pdf' }), `${kind}.pdf`);
    await ok('POST', `/registrations/${caseNo}/documents`, dev, form, i);
  }
  return caseNo as string;
}

async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const pg = new PgClient({ connectionString: databaseUrl });
  await pg.connect();
  try {
    return (await pg.query(sql, params)).rows as T[];
  } finally {
    await pg.end();
  }
}

beforeAll(async () => {
  // Built once into .tools/ (a fresh machine: the server takes many minutes; README has the figures).
  const binaries = { TEMPORAL_SERVER: temporalServerBinary('server'), TEMPORAL_SQL_TOOL: temporalServerBinary('sql-tool'), TEMPORAL_UI_SERVER: temporalServerBinary('ui') };
  if (!fs.existsSync(path.join(ROOT, 'dist', 'scripts', 'up.js'))) throw new Error('dist/ is missing: run `npm test` (it builds) or `npm run build`.');
  // Below the ephemeral range, bound-checked: six ports in a row for the two replicas, PostgreSQL, the UI and the
  // development mail server (SMTP, web inbox).
  const temporalPorts = await freeTemporalServerPorts();
  let apiPort = await freePortRun(6);
  while (Object.values(temporalPorts).some((p) => p >= apiPort && p < apiPort + 6)) apiPort = await freePortRun(6);
  const [pgPort, uiPort, mailSmtpPort, mailWebPort] = [apiPort + 2, apiPort + 3, apiPort + 4, apiPort + 5];
  apiUrls = [`http://127.0.0.1:${apiPort}`, `http://127.0.0.1:${apiPort + 1}`];
  temporalAddress = `127.0.0.1:${temporalPorts.frontend}`;
  fs.mkdirSync(DATA, { recursive: true });
  up = spawn(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'up.js'), '--topology', 'production'], {
    cwd: ROOT,
    env: cleanEnv({
      ...binaries,
      REGISTRY_DATA_DIR: DATA,
      PORT: String(apiPort),
      PGPORT: String(pgPort),
      TEMPORAL_PORT: String(temporalPorts.frontend),
      TEMPORAL_UI_PORT: String(uiPort),
      MAILDEV_SMTP_PORT: String(mailSmtpPort),
      MAILDEV_WEB_PORT: String(mailWebPort),
      JWT_SECRET: randomBytes(36).toString('base64url'),
      LOG_LEVEL: 'warn',
      // The reconciliation Schedule fires often, so a timer of the server firing after its restart is seen in seconds.
      RECONCILE_EVERY: '3 seconds',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  upExit = exitOf(up);
  for (const s of [up.stdout!, up.stderr!]) readline.createInterface({ input: s }).on('line', (l) => output.push(l));
  await eventually(async () => said(/Carbon inclusion registry is up/) || (up.exitCode !== null && 'exited'), 'npm run up -- --topology production to be up', 300_000).then((r) => {
    if (r === 'exited') throw new Error(`up exited:\n${output.slice(-40).join('\n')}`);
  });
  phase('topology up');
  databaseUrl = fs.readFileSync(path.join(DATA, 'dev.env'), 'utf8').match(/^DATABASE_URL=(.*)$/m)![1]!;

  // `npm run seed` against the running topology (it reads the connection from the data directory's dev.env).
  const seed = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'seed.js')], { cwd: ROOT, env: cleanEnv({ REGISTRY_DATA_DIR: DATA, LOG_LEVEL: 'warn' }), encoding: 'utf8', timeout: 120_000 });
  if (seed.status !== 0) throw new Error(`npm run seed failed: ${seed.stderr}`);
  const tokens = JSON.parse(fs.readFileSync(path.join(DATA, 'tokens.json'), 'utf8'));
  users = tokens.users;
  tier1 = tokens.methodologyVersions.tier1;
  phase('seeded');
}, 45 * 60_000);

afterAll(async () => {
  if (up && up.exitCode === null && up.signalCode === null) {
    up.kill('SIGINT');
    await Promise.race([upExit, new Promise((r) => setTimeout(r, 150_000).unref())]);
  }
  // Whatever a failed run left behind (children run in their own process groups).
  try {
    for (const c of children()) if (pidAlive(c.pid)) process.kill(c.pid, 'SIGKILL');
  } catch {
    /* no state file */
  }
  // The logs of a failed run stay for reading (.data/topology-test-<pid>/production/*.log).
  const failed = (expect.getState() as { numFailingTests?: number }).numFailingTests;
  if (!failed) fs.rmSync(DATA, { recursive: true, force: true });
}, 200_000);

describe('production topology: Temporal server on PostgreSQL, 2 workers, 2 API replicas (issue 9, items 5 and 7)', () => {
  const cases: string[] = [];
  let inPublicity = '';
  let deadlineBefore = '';

  it('cases submitted while a worker and an API replica are killed are each accepted once; the supervisor restarts both', async () => {
    for (let i = 0; i < N; i++) cases.push(await draft(i));
    phase('drafts ready');
    const dev = user('developer').token;
    const submits = cases.map((c, i) => call('POST', `/registrations/${c}/submit`, dev, {}, `submit-${c}`, i));
    await new Promise((r) => setTimeout(r, 150));
    const killed = { worker: pidOf('worker-1'), api: pidOf('api-1') };
    process.kill(killed.worker, 'SIGKILL');
    process.kill(killed.api, 'SIGKILL');
    const answers = await Promise.all(submits);
    phase('submitted through the kills');
    // Every submission took effect once. A request cut off by its replica's death and retried with the same key on the
    // other replica may answer 409 WRONG_STATE "already under_review" instead of replaying the first answer: the key
    // stays held (BUSY) for 60 s, then the retry is checked against the projection that the first attempt already
    // moved (issue 7's idempotency; see the report). Either answer says the case is submitted.
    for (const a of answers) {
      if (a.status === 200) expect(a.json.status).toBe('under_review');
      else expect([a.status, a.json.code, a.json.message]).toEqual([409, 'WRONG_STATE', expect.stringMatching(/under_review/)]);
    }
    // A retry that reached the other replica with the same key answers the first outcome; a second submit is refused.
    expect((await call('POST', `/registrations/${cases[0]}/submit`, dev, {}, `again-${cases[0]}`)).status).toBe(409);

    await eventually(async () => said(/\[up\] worker-1 exited \(killed by SIGKILL\).*starting it again in 1s/) && said(/\[up\] api-1 exited \(killed by SIGKILL\).*starting it again in 1s/), 'the supervisor to restart both');
    await eventually(async () => pidOf('worker-1') !== killed.worker && pidOf('api-1') !== killed.api && pidAlive(pidOf('worker-1')), 'new worker-1 and api-1 processes');
    await eventually(async () => (await fetch(`${apiUrls[0]}/health/ready`).catch(() => undefined))?.status === 200, 'api-1 ready again', 60_000);
    for (const c of cases) expect((await ok('GET', `/registrations/${c}`, dev)).status).toBe('under_review');
  }, 300_000);

  it('after the Temporal server is killed and restarted, no case is lost or duplicated and the timers still run', async () => {
    const officer = user('officer').token;
    const dev = user('developer').token;
    inPublicity = cases[1]!;
    await ok('POST', `/registrations/${inPublicity}/review`, officer, { outcome: 'pass' });
    await ok('POST', `/registrations/${inPublicity}/publicity`, officer);
    deadlineBefore = (await ok('GET', `/registrations/${inPublicity}`, officer)).deadlineAt;

    const server = pidOf('Temporal server');
    process.kill(server, 'SIGKILL');
    const killedAt = Date.now();
    await eventually(async () => said(/\[up\] Temporal server exited \(killed by SIGKILL\).*starting it again/), 'the supervisor to restart the Temporal server');
    await eventually(async () => pidOf('Temporal server') !== server, 'a new Temporal server process');
    phase('Temporal server killed and restarted');

    // The cases go on: an officer action through the restarted server, a public comment, a new case.
    await ok('POST', `/registrations/${cases[2]}/review`, officer, { outcome: 'pass' });
    phase(`first officer action after the restart answered ${((Date.now() - killedAt) / 1000).toFixed(1)}s after the kill`);
    const notices: { items?: Array<{ id: string; caseNo: string }> } | Array<{ id: string; caseNo: string }> = await ok('GET', '/public/publicity', undefined);
    const notice = (Array.isArray(notices) ? notices : notices.items ?? []).find((n) => n.caseNo === inPublicity)!;
    expect(notice).toBeDefined();
    await ok('POST', `/public/publicity/${notice.id}/comments`, undefined, { authorName: '王五', body: '拓扑测试：公示期间的意见。' });
    const late = await draft(N);
    await ok('POST', `/registrations/${late}/submit`, dev);
    cases.push(late);

    // A Schedule's timer fires after the restart: reconciliation closes a case whose workflow an operator terminated.
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const client = new Client({ connection });
      const terminated = cases[3]!;
      await client.workflow.getHandle(`project-registration/${terminated}`).terminate('topology test: an operator terminates a case');
      await eventually(async () => (await ok('GET', `/registrations/${terminated}`, officer)).status === 'terminated', 'reconciliation to close the terminated case', 60_000);
      phase('reconciliation closed the terminated case');

      // No case lost or duplicated: one row, one workflow, one submission each.
      const org = user('developer').organisationId;
      const rows = await query<{ case_no: string; workflow_id: string; status: string }>('SELECT case_no, workflow_id, status FROM registration_cases WHERE organisation_id = $1 ORDER BY case_no', [org]);
      expect(rows.map((r) => r.case_no)).toEqual([...cases].sort());
      expect(Object.fromEntries(rows.map((r) => [r.case_no, r.status]))).toEqual({
        ...Object.fromEntries(cases.map((c) => [c, 'under_review'])),
        [inPublicity]: 'in_publicity',
        [cases[2]!]: 'review_passed',
        [terminated]: 'terminated',
      });
      const submitted = await query<{ case_no: string; n: number }>(`SELECT case_no, count(*)::int AS n FROM case_events WHERE type = 'submitted' AND case_no = ANY($1) GROUP BY case_no`, [cases]);
      expect(submitted.map((s) => s.n)).toEqual(cases.map(() => 1));
      const workflows: string[] = [];
      for await (const w of client.workflow.list({ query: `CaseType = "project-registration"` })) workflows.push(w.workflowId);
      expect(workflows.sort()).toEqual(rows.map((r) => r.workflow_id).sort());

      // The publicity deadline's timer is still armed for the instant the case shows, and it did not move.
      const view = await ok('GET', `/registrations/${inPublicity}`, officer);
      expect(view.deadlineAt).toBe(deadlineBefore);
      expect(Date.parse(deadlineBefore)).toBeGreaterThan(Date.now() + 9 * 86_400_000); // ten working days ahead
      const history = await client.workflow.getHandle(`project-registration/${inPublicity}`).fetchHistory();
      const events = history.events ?? [];
      const started = events.filter((e) => e.timerStartedEventAttributes);
      const last = started[started.length - 1]!;
      const timerId = last.timerStartedEventAttributes!.timerId;
      expect(events.some((e) => e.timerFiredEventAttributes?.timerId === timerId || e.timerCanceledEventAttributes?.timerId === timerId)).toBe(false);
      const firesAt = Number(last.eventTime!.seconds) * 1000 + Number(last.timerStartedEventAttributes!.startToFireTimeout!.seconds) * 1000;
      expect(Math.abs(firesAt - Date.parse(deadlineBefore))).toBeLessThan(60_000);
    } finally {
      await connection.close();
    }
  }, 300_000);

  it('Ctrl-C stops everything, APIs first and PostgreSQL last', async () => {
    const running = children();
    up.kill('SIGINT');
    const exit = await Promise.race([upExit, new Promise<undefined>((r) => setTimeout(r, 150_000, undefined).unref())]);
    expect(exit).toEqual({ code: 0, signal: null });
    const stopping = output.map((l) => /^\[up\] stopping (.+)…$/.exec(l)?.[1]).filter(Boolean);
    expect(stopping).toEqual(['api-2', 'api-1', 'worker-2', 'worker-1', 'mail (dev)', 'Temporal UI', 'Temporal server', 'PostgreSQL']);
    expect(said(/\[up\] all stopped$/)).toBe(true);
    for (const c of running) expect(pidAlive(c.pid)).toBe(false);
  }, 200_000);
});
