import { ChildProcess, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { runMigrations } from '../libs/persistence/src/data-source';
import { findRepoRoot } from '../libs/temporal/src/test-server-executable';
import { dataDir, saveDevEnv } from './stack/dev-env';
import { startEmbeddedPostgres } from './stack/embedded-postgres';
import { startTemporalDevServer, waitForTemporalFrontend } from './stack/temporal-dev-server';
import {
  AbortedError,
  assertPortFree,
  describeExit,
  exitOf,
  ExitInfo,
  killEscalating,
  killOnExit,
  log,
  pidAlive,
  pidCommand,
  seconds,
  sleep,
} from './stack/util';

/**
 * `npm run up` (via scripts/up.sh): the whole system on one machine with embedded defaults.
 *
 *   PostgreSQL  $DATABASE_URL, else embedded at .data/postgres on $PGPORT (5433), persistent
 *   Temporal    $TEMPORAL_ADDRESS, else `temporal server start-dev` with .data/temporal.sqlite on $TEMPORAL_PORT (7233),
 *               its UI on $TEMPORAL_UI_PORT (8233);
 *               the SQLite file persists, so a restart resumes every open case with its timers
 *   JWT secret  $JWT_SECRET, else generated once into .data/jwt-secret (mode 600)
 *   then migrations, the worker and the API (child processes, output prefixed [worker] / [api]).
 *
 * Ctrl-C / SIGTERM stops API, worker, Temporal, PostgreSQL in that order and exits 0; a worker that exits on its
 * own is started again (see startApp); if anything else dies on its own, everything is stopped and we exit 1. All
 * children run in their own process groups, so a terminal Ctrl-C reaches only this process and the order holds.
 */

const TAG = 'up';
const ROOT = findRepoRoot(__dirname);
const DATA = dataDir();

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/**
 * Our children run in their own process groups, so they survive if this process is SIGKILLed. Their pids are kept
 * in .data/up.state.json; the next run stops such leftovers before starting (see reapPreviousRun).
 */
const STATE_FILE = path.join(DATA, 'up.state.json');
interface ChildRecord {
  name: string;
  pid: number;
  /** Must occur in /proc/<pid>/cmdline, so a recycled pid is never signalled. */
  match: string;
  /** The signal that makes it shut down cleanly. */
  signal: NodeJS.Signals;
}
const state: { pid: number; children: ChildRecord[] } = { pid: process.pid, children: [] };

function recordChild(c: ChildRecord): void {
  state.children.push(c);
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

async function reapPreviousRun(): Promise<void> {
  let prev: typeof state;
  try {
    prev = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return;
  }
  if (prev.pid !== process.pid && pidAlive(prev.pid) && (pidCommand(prev.pid) ?? 'up.js').includes('up.js')) {
    throw new Error(`\`npm run up\` is already running (pid ${prev.pid}). Stop it first (Ctrl-C in its terminal, or kill ${prev.pid}).`);
  }
  const leftovers = (prev.children ?? [])
    .filter((c) => pidAlive(c.pid) && (pidCommand(c.pid) ?? '').includes(c.match))
    .reverse(); // API, worker, Temporal, PostgreSQL
  if (leftovers.length) {
    log(TAG, `a previous run was killed and left ${leftovers.map((c) => `${c.name} (pid ${c.pid})`).join(', ')} running: stopping them first`);
  }
  for (const c of leftovers) {
    try {
      process.kill(c.pid, c.signal);
    } catch {
      continue;
    }
    const until = Date.now() + 20_000;
    while (pidAlive(c.pid) && Date.now() < until) await sleep(100);
    if (pidAlive(c.pid)) {
      log(TAG, `${c.name} (pid ${c.pid}) ignored ${c.signal}: killing it`);
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await sleep(500);
    }
  }
  fs.rmSync(STATE_FILE, { force: true });
}

/** Started components, in start order; shutdown walks it backwards. */
const stack: Stoppable[] = [];
const startup = new AbortController();
let shuttingDown: Promise<void> | undefined;
/** Settles when the start-up sequence has finished or given up (after an abort it stops what it was starting). */
let startupSettled: Promise<unknown> = Promise.resolve();

function shutdown(code: number, reason: string): Promise<void> {
  shuttingDown ??= (async () => {
    log(TAG, reason);
    // Let an in-flight start (PostgreSQL, Temporal, migrations, health wait) notice the abort and clean up first,
    // so nothing is left half-started behind the stack we are about to walk.
    startup.abort();
    await startupSettled;
    for (const s of [...stack].reverse()) {
      log(TAG, `stopping ${s.name}…`);
      try {
        await s.stop();
      } catch (e) {
        log(TAG, `stopping ${s.name} failed: ${(e as Error).message}`);
      }
    }
    if (state.children.length) fs.rmSync(STATE_FILE, { force: true });
    log(TAG, code === 0 ? 'all stopped' : 'all stopped (after a failure)');
    process.exit(code);
  })();
  return shuttingDown;
}

function onSignal(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    log(TAG, `${signal}: already stopping, please wait…`);
    return;
  }
  void shutdown(0, `${signal} received: shutting down`);
}

/** A component that dies while we are not stopping takes the whole system down with exit code 1. */
function watch(name: string, exited: Promise<ExitInfo>, describe: (e: ExitInfo) => string): void {
  void exited.then((e) => {
    if (!shuttingDown) {
      void shutdown(1, `${name} exited unexpectedly (${describe(e)}): shutting everything down`);
    }
  });
}

async function main(): Promise<void> {
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => onSignal(s));
  process.on('uncaughtException', (e) => void shutdown(1, `internal error: ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => void shutdown(1, `internal error: ${(e as Error)?.stack ?? e}`));

  const t0 = Date.now();
  const signal = startup.signal;
  fs.mkdirSync(DATA, { recursive: true });
  const port = Number(process.env.PORT ?? 3000);
  const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
  const temporalUiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  await reapPreviousRun();
  const workerMain = entryPoint('worker');
  const apiMain = entryPoint('api');
  // Fail before starting anything if a port we need is taken (the API would only die after everything else is up).
  await assertPortFree(port, 'API', 'Stop whatever uses it, or set PORT=…', '0.0.0.0');
  if (!process.env.TEMPORAL_ADDRESS) {
    const hint = 'A Temporal dev server from an earlier run may still be running; stop it, or set TEMPORAL_ADDRESS.';
    await assertPortFree(temporalPort, 'Temporal frontend (gRPC)', hint);
    await assertPortFree(temporalUiPort, 'Temporal Web UI', hint);
  }

  // 1. PostgreSQL
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    log(TAG, `using DATABASE_URL ${maskUrl(databaseUrl)}`);
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(DATA, 'postgres'),
      port: Number(process.env.PGPORT ?? 5433),
      database: 'registry',
      persistent: true,
      detached: true,
      logFile: path.join(DATA, 'postgres.log'),
      signal,
    });
    stack.push({ name: 'PostgreSQL', stop: pg.stop });
    recordChild({ name: 'PostgreSQL', pid: pg.pid, match: path.join(DATA, 'postgres'), signal: 'SIGINT' });
    watch('PostgreSQL', pg.exited, (e) => `${describeExit(e)}; see .data/postgres.log`);
    databaseUrl = pg.url;
  }
  checkAborted();

  // 2. Temporal
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = '';
  if (temporalAddress) {
    log(TAG, `using TEMPORAL_ADDRESS ${temporalAddress} (namespace ${namespace})`);
    await waitForTemporalFrontend(temporalAddress, namespace, { timeoutMs: 30_000, signal });
  } else {
    const t = await startTemporalDevServer({
      dbFile: path.join(DATA, 'temporal.sqlite'),
      port: temporalPort,
      uiPort: temporalUiPort,
      namespace,
      log: path.join(DATA, 'temporal.log'),
      detached: true,
      signal,
    });
    stack.push({ name: 'Temporal dev server', stop: t.stop });
    recordChild({ name: 'Temporal dev server', pid: t.pid, match: 'start-dev', signal: 'SIGTERM' });
    watch('Temporal dev server', t.exited, (e) => `${describeExit(e)}; see .data/temporal.log`);
    temporalAddress = t.address;
    temporalUi = t.uiUrl;
  }
  checkAborted();

  // 3. Secret + schema
  const jwtSecret = process.env.JWT_SECRET || jwtSecretFromFile(path.join(DATA, 'jwt-secret'));
  const tm = Date.now();
  const ran = await runMigrations(databaseUrl);
  log(TAG, ran.length ? `migrations applied (${seconds(tm)}): ${ran.join(', ')}` : 'database schema up to date (no pending migrations)');
  checkAborted();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    JWT_SECRET: jwtSecret,
    // The case page links registry staff to the case's workflow in the Temporal UI (apps/api/src/temporal/temporal-ui.ts).
    ...(temporalUi && !process.env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: temporalUi } : {}),
  };
  // For `npm run seed` / `npm run demo` in another terminal (scripts/stack/dev-env.ts reads it).
  saveDevEnv({ PORT: String(port), DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_NAMESPACE: namespace, JWT_SECRET: jwtSecret });

  // 4. Worker, then API
  startApp('worker', workerMain, env, true);
  startApp('api', apiMain, env);

  // 5. Wait for the API
  const apiUrl = `http://localhost:${port}`;
  await waitForHealth(`${apiUrl}/health`, 120_000);
  checkAborted();

  printBox([
    `Carbon inclusion registry is up (${seconds(t0)})`,
    '',
    `Console       ${apiUrl}/console  (public portal: ${apiUrl}/console/public)`,
    `API           ${apiUrl}`,
    `OpenAPI docs  ${apiUrl}/docs`,
    temporalUi ? `Temporal UI   ${temporalUi}` : `Temporal      ${temporalAddress} (external, namespace ${namespace})`,
    `Database      ${maskUrl(databaseUrl)}`,
    '',
    'Seed demo users: npm run seed',
    'Stop: Ctrl-C',
  ]);
}

function checkAborted(): void {
  if (startup.signal.aborted) throw new AbortedError('up');
}

/** Compiled entry point of apps/<app>: dist/apps/<app>/main.js, or dist/apps/<app>/src/main.js (apps/<app>/src/main.ts). */
function entryPoint(app: string): string {
  const candidates = [`dist/apps/${app}/main.js`, `dist/apps/${app}/src/main.js`];
  const found = candidates.find((c) => fs.existsSync(path.join(ROOT, c)));
  if (!found) throw new Error(`none of ${candidates.join(', ')} exists: run \`npm run build\` first (scripts/up.sh does).`);
  return found;
}

/**
 * A worker whose `run()` fails exits non-zero so that a supervisor starts a fresh one (fault 9); here we are that
 * supervisor. A worker that keeps failing (more than this many times a minute) takes the system down instead, so
 * the failure is seen rather than looped.
 */
const WORKER_RESTARTS_PER_MINUTE = 5;

/**
 * Runs `node <script>` with output prefixed by [name]; registers it for ordered shutdown. With `restart`, a child
 * that exits on its own is started again after a second (within WORKER_RESTARTS_PER_MINUTE); otherwise, or past
 * that, its exit stops the whole system.
 */
function startApp(name: string, script: string, env: NodeJS.ProcessEnv, restart = false): void {
  const file = path.join(ROOT, script);
  const exits: number[] = [];
  let child: ChildProcess;
  let removeExitHook = () => {};
  let stopping: Promise<void> | undefined;
  const launch = () => {
    child = spawnApp(name, file, env);
    removeExitHook = killOnExit(child, 'SIGTERM');
    void exitOf(child).then((e) => {
      removeExitHook();
      if (shuttingDown || stopping) return;
      const now = Date.now();
      exits.push(now);
      const recent = exits.filter((t) => now - t < 60_000).length;
      if (restart && recent <= WORKER_RESTARTS_PER_MINUTE) {
        log(TAG, `${name} exited (${describeExit(e)}): starting it again in 1s (${recent} in the last minute)`);
        setTimeout(() => {
          if (!shuttingDown && !stopping) launch();
        }, 1000);
        return;
      }
      const why = restart ? `${name} exited ${recent} times within a minute (last: ${describeExit(e)})` : `${name} exited unexpectedly (${describeExit(e)})`;
      void shutdown(1, `${why}: shutting everything down`);
    });
  };
  stack.push({
    name,
    stop: () =>
      (stopping ??= (async () => {
        removeExitHook();
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
        // The apps drain on SIGTERM (Nest shutdown hooks; the worker lets running activities finish).
        const r = await killEscalating(child, [
          ['SIGTERM', 20_000],
          ['SIGKILL', 5_000],
        ]);
        if (r?.signal === 'SIGKILL') log(TAG, `${name} did not stop within 20s of SIGTERM and was killed`);
      })()),
  });
  launch();
}

/** Spawns `node <file>` in its own process group, output prefixed by [name], and records its pid for reapPreviousRun. */
function spawnApp(name: string, file: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [file], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const color = process.stdout.isTTY ? (name === 'api' ? '\x1b[36m' : '\x1b[35m') : '';
  const prefix = color ? `${color}[${name}]\x1b[0m ` : `[${name}] `;
  readline.createInterface({ input: child.stdout! }).on('line', (l) => process.stdout.write(prefix + l + '\n'));
  readline.createInterface({ input: child.stderr! }).on('line', (l) => process.stderr.write(prefix + l + '\n'));
  child.once('error', (e) => log(TAG, `${name} could not be started: ${e.message}`));
  if (child.pid !== undefined) recordChild({ name, pid: child.pid, match: file, signal: 'SIGTERM' });
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    checkAborted();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      await res.body?.cancel();
      if (res.status === 200) {
        log(TAG, `API healthy after ${seconds(started)}`);
        return;
      }
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(500);
  }
  throw new Error(`the API did not answer 200 on ${url} within ${timeoutMs / 1000}s (last: ${last})`);
}

/** JWT secret generated once and kept in .data (mode 600), so tokens survive restarts. */
function jwtSecretFromFile(file: string): string {
  try {
    const s = fs.readFileSync(file, 'utf8').trim();
    if (s) {
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
      return s;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const secret = crypto.randomBytes(36).toString('base64url'); // 48 chars
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // in case it existed empty with another mode
  log(TAG, `generated a JWT secret in ${path.relative(ROOT, file)}`);
  return secret;
}

function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:/@]+):[^@]*@/, '://$1:****@');
  }
}

function printBox(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length));
  const out = [
    `┌${'─'.repeat(width + 2)}┐`,
    ...lines.map((l) => `│ ${l.padEnd(width)} │`),
    `└${'─'.repeat(width + 2)}┘`,
  ];
  process.stdout.write(`\n${out.join('\n')}\n\n`);
}

const started = main();
startupSettled = started.catch(() => undefined);
started.catch((e: Error) => {
  // Aborted: whoever aborted (signal, a component dying) is already shutting down with the right exit code.
  if (!(e instanceof AbortedError) || !shuttingDown) void shutdown(1, `start-up failed: ${e.message}`);
});
