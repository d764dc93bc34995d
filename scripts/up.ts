import { ChildProcess, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { runMigrations } from '../libs/persistence/src/data-source';
import { prepareNamespace } from '../libs/temporal/src/server/namespace';
import { findRepoRoot } from '../libs/temporal/src/test-server-executable';
import { dataDir, saveDevEnv } from './stack/dev-env';
import { startEmbeddedPostgres } from './stack/embedded-postgres';
import { PRODUCTION_API_REPLICAS, PRODUCTION_WORKERS } from './stack/production-topology';
import { supervise } from './stack/supervisor';
import { startTemporalDevServer, waitForTemporalFrontend } from './stack/temporal-dev-server';
import { ensureTemporalRole, setupTemporalSchema, spawnTemporalServer, spawnTemporalUi, temporalServerPorts } from './stack/temporal-server';
import {
  AbortedError,
  assertPortFree,
  describeExit,
  ExitInfo,
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
 * `--topology production` instead: PostgreSQL, Temporal server on it and its UI, two workers, two API replicas
 * (startProductionEngine).
 *
 * Ctrl-C / SIGTERM stops APIs, workers, Temporal, PostgreSQL in that order and exits 0; a worker or API (and the
 * production Temporal server or UI) that exits on its own is started again with backoff (startApp,
 * scripts/stack/supervisor.ts); if PostgreSQL or the dev server dies, everything is stopped and we exit 1. All
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

/** Records (or, after a restart, replaces) the pid of the child with this name. */
function recordChild(c: ChildRecord): void {
  const i = state.children.findIndex((x) => x.name === c.name);
  if (i >= 0) state.children[i] = c; // keeps the start order, which the reaping walks backwards
  else state.children.push(c);
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

type Topology = 'dev' | 'production';

/** `--topology dev` (the default: Temporal dev server) or `--topology production` (Temporal server on PostgreSQL). */
function topologyFrom(args: string[]): Topology {
  const i = args.findIndex((a) => a === '--topology' || a.startsWith('--topology='));
  if (i < 0) return 'dev';
  const value = args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  if (value === 'dev' || value === 'production') return value;
  throw new Error(`unknown topology '${value ?? ''}': use --topology dev (the default) or --topology production`);
}

/** Where the system's parts are, as the apps and the printed summary need them. */
interface Engine {
  databaseUrl: string;
  temporalAddress: string;
  /** The Web UI's URL, or '' for an external Temporal. */
  temporalUi: string;
  /** API replicas and workers to run. */
  apiPorts: number[];
  workers: number;
  extraLines: string[];
}

async function main(): Promise<void> {
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => onSignal(s));
  process.on('uncaughtException', (e) => void shutdown(1, `internal error: ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => void shutdown(1, `internal error: ${(e as Error)?.stack ?? e}`));

  const t0 = Date.now();
  const topology = topologyFrom(process.argv.slice(2));
  fs.mkdirSync(DATA, { recursive: true });
  const port = Number(process.env.PORT ?? 3000);
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  await reapPreviousRun();
  const workerMain = entryPoint('worker');
  const apiMain = entryPoint('api');

  // 1–2. PostgreSQL and Temporal
  const engine = topology === 'production' ? await startProductionEngine(port, namespace) : await startDevEngine(port, namespace);
  checkAborted();

  // 3. Secret + schema
  const jwtSecret = process.env.JWT_SECRET || jwtSecretFromFile(path.join(DATA, 'jwt-secret'));
  const tm = Date.now();
  const ran = await runMigrations(engine.databaseUrl);
  log(TAG, ran.length ? `migrations applied (${seconds(tm)}): ${ran.join(', ')}` : 'database schema up to date (no pending migrations)');
  checkAborted();

  // E-mail: SMTP_URL names a real server; else the development mail server (maildev) with its web inbox.
  const mail = process.env.SMTP_URL ? undefined : await startDevMailServer();
  checkAborted();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(mail ? { SMTP_URL: mail.smtpUrl } : {}),
    CONSOLE_URL: process.env.CONSOLE_URL || `http://localhost:${engine.apiPorts[0]}/console`,
    DATABASE_URL: engine.databaseUrl,
    TEMPORAL_ADDRESS: engine.temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    JWT_SECRET: jwtSecret,
    // The case page links registry staff to the case's workflow in the Temporal UI (apps/api/src/temporal/temporal-ui.ts).
    ...(engine.temporalUi && !process.env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: engine.temporalUi } : {}),
  };
  // For `npm run seed` / `npm run demo` in another terminal (scripts/stack/dev-env.ts reads it).
  saveDevEnv({ PORT: String(port), DATABASE_URL: engine.databaseUrl, TEMPORAL_ADDRESS: engine.temporalAddress, TEMPORAL_NAMESPACE: namespace, JWT_SECRET: jwtSecret });

  // 4. Workers, then API replicas (one of each: named worker / api as always; more: worker-1, worker-2, …)
  const named = (what: string, i: number, n: number) => (n === 1 ? what : `${what}-${i + 1}`);
  for (let i = 0; i < engine.workers; i++) startApp(named('worker', i, engine.workers), workerMain, env);
  engine.apiPorts.forEach((p, i) => startApp(named('api', i, engine.apiPorts.length), apiMain, { ...env, PORT: String(p) }));

  // 5. Wait for the API replicas
  const apiUrls = engine.apiPorts.map((p) => `http://localhost:${p}`);
  await Promise.all(apiUrls.map((u) => waitForHealth(`${u}/health`, 120_000)));
  checkAborted();

  const apiUrl = apiUrls[0]!;
  printBox([
    `Carbon inclusion registry is up (${seconds(t0)}, topology ${topology})`,
    '',
    `Console       ${apiUrl}/console  (public portal: ${apiUrl}/console/public)`,
    ...(apiUrls.length === 1 ? [`API           ${apiUrl}`] : apiUrls.map((u, i) => `API replica ${i + 1} ${u}`)),
    `OpenAPI docs  ${apiUrl}/docs`,
    engine.temporalUi ? `Temporal UI   ${engine.temporalUi}` : `Temporal      ${engine.temporalAddress} (external, namespace ${namespace})`,
    `Database      ${maskUrl(engine.databaseUrl)}`,
    mail
      ? `Mail (dev)    ${mail.webUrl}  development mail server: every e-mail the system sends lands here (SMTP ${mail.smtpUrl}; set SMTP_URL for real mail)`
      : `Mail          ${maskUrl(process.env.SMTP_URL!)} (SMTP_URL)`,
    ...engine.extraLines,
    '',
    'Seed demo users: npm run seed',
    'Stop: Ctrl-C',
  ]);
}

/** The embedded default: PostgreSQL (or $DATABASE_URL) and a Temporal dev server (or $TEMPORAL_ADDRESS); one worker, one API. */
async function startDevEngine(port: number, namespace: string): Promise<Engine> {
  const signal = startup.signal;
  const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
  const temporalUiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
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
    const pg = await startPostgres(path.join(DATA, 'postgres'), path.join(DATA, 'postgres.log'));
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
  return { databaseUrl, temporalAddress, temporalUi, apiPorts: [port], workers: 1, extraLines: [] };
}

/** Embedded PostgreSQL on $PGPORT (5433), persistent; its death stops everything (nothing works without it). */
async function startPostgres(dataDir: string, logFile: string) {
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: Number(process.env.PGPORT ?? 5433),
    database: 'registry',
    persistent: true,
    detached: true,
    logFile,
    signal: startup.signal,
  });
  stack.push({ name: 'PostgreSQL', stop: pg.stop });
  recordChild({ name: 'PostgreSQL', pid: pg.pid, match: dataDir, signal: 'SIGINT' });
  watch('PostgreSQL', pg.exited, (e) => `${describeExit(e)}; see ${shown(logFile)}`);
  return pg;
}

/**
 * `--topology production`: one embedded PostgreSQL cluster (.data/production/postgres) holding the registry's
 * database and Temporal's two; Temporal's schemas set up with its schema tool; Temporal server v1.29.1 on it
 * (docker/temporal/production.yaml), the `default` namespace with the case search attributes, the standalone UI;
 * then two workers and two API replicas (PORT and PORT+1). The Temporal server and UI are supervised like the apps:
 * their state is in PostgreSQL, so a restart loses nothing.
 */
async function startProductionEngine(port: number, namespace: string): Promise<Engine> {
  if (process.env.DATABASE_URL || process.env.TEMPORAL_ADDRESS) {
    throw new Error('--topology production starts its own PostgreSQL and Temporal server: unset DATABASE_URL and TEMPORAL_ADDRESS (or run the default topology against them).');
  }
  const dir = path.join(DATA, 'production');
  fs.mkdirSync(dir, { recursive: true });
  const apiPorts = Array.from({ length: PRODUCTION_API_REPLICAS }, (_, i) => port + i);
  const ports = temporalServerPorts(Number(process.env.TEMPORAL_PORT ?? 7233));
  const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
  for (const p of apiPorts) await assertPortFree(p, 'API', 'Stop whatever uses it, or set PORT=… (the replicas use PORT and PORT+1)', '0.0.0.0');
  const hint = 'A Temporal server from an earlier run may still be running; stop it, or set TEMPORAL_PORT=… (its other ports follow it).';
  for (const [what, p] of Object.entries(ports)) await assertPortFree(p, `Temporal server (${what})`, hint);
  await assertPortFree(uiPort, 'Temporal Web UI', 'Stop whatever uses it, or set TEMPORAL_UI_PORT=…');
  const binaries = { server: requiredEnv('TEMPORAL_SERVER'), sqlTool: requiredEnv('TEMPORAL_SQL_TOOL'), ui: requiredEnv('TEMPORAL_UI_SERVER') };

  // 1. PostgreSQL: the registry's database, and a login for Temporal that owns its own two.
  const pg = await startPostgres(path.join(dir, 'postgres'), path.join(dir, 'postgres.log'));
  checkAborted();
  const u = new URL(pg.url);
  const superuser = { host: '127.0.0.1', port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  const temporalDb = await ensureTemporalRole(superuser, process.env.TEMPORAL_DB_PASSWORD || 'temporal');
  await setupTemporalSchema(binaries.sqlTool, temporalDb, path.join(dir, 'temporal-schema.log'));
  checkAborted();

  // 2. Temporal server, namespace and search attributes, UI.
  const serverLog = path.join(dir, 'temporal.log');
  stack.push(
    supervise('Temporal server', {
      launch: () => spawnTemporalServer({ binary: binaries.server, db: temporalDb, ports, logFile: serverLog, detached: true }),
      stopSignals: [
        ['SIGTERM', 20_000],
        ['SIGKILL', 5_000],
      ],
      onStart: (c) => c.pid !== undefined && recordChild({ name: 'Temporal server', pid: c.pid, match: binaries.server, signal: 'SIGTERM' }),
    }),
  );
  const temporalAddress = `127.0.0.1:${ports.frontend}`;
  const t = Date.now();
  try {
    await prepareNamespace(temporalAddress, namespace, { timeoutMs: 90_000, log: (m) => log(TAG, m) });
  } catch (e) {
    throw new Error(`${(e as Error).message}\nSee ${shown(serverLog)}.`);
  }
  log(TAG, `Temporal server ready on ${temporalAddress}, namespace ${namespace} with the case search attributes (${seconds(t)})`);
  const uiLog = path.join(dir, 'temporal-ui.log');
  stack.push(
    supervise('Temporal UI', {
      launch: () => spawnTemporalUi({ binary: binaries.ui, temporalAddress, port: uiPort, namespace, logFile: uiLog, detached: true }),
      stopSignals: [
        ['SIGTERM', 5_000],
        ['SIGKILL', 5_000],
      ],
      onStart: (c) => c.pid !== undefined && recordChild({ name: 'Temporal UI', pid: c.pid, match: binaries.ui, signal: 'SIGTERM' }),
    }),
  );
  return {
    databaseUrl: pg.url,
    temporalAddress,
    temporalUi: `http://localhost:${uiPort}`,
    apiPorts,
    workers: PRODUCTION_WORKERS,
    extraLines: [
      `Temporal      ${temporalAddress} (server v1.29.1 on PostgreSQL: databases temporal, temporal_visibility)`,
      `Logs          ${shown(dir)}/ (postgres.log, temporal.log, temporal-ui.log)`,
      'Two API replicas share the database and Temporal: any one serves any request (put a load balancer in front).',
    ],
  };
}

/**
 * The development mail server (issue 10): maildev, a real SMTP server that keeps every message and shows them in a web
 * inbox — the default only while SMTP_URL is unset, and labelled as such. Ports MAILDEV_SMTP_PORT (1025) and
 * MAILDEV_WEB_PORT (1080), on 127.0.0.1, its messages kept in .data/maildev. Supervised like the apps; mail sent while
 * it restarts is retried.
 */
async function startDevMailServer(): Promise<{ smtpUrl: string; webUrl: string }> {
  const smtpPort = Number(process.env.MAILDEV_SMTP_PORT ?? 1025);
  const webPort = Number(process.env.MAILDEV_WEB_PORT ?? 1080);
  const hint = 'A development mail server from an earlier run may still be running; stop it, or set MAILDEV_SMTP_PORT / MAILDEV_WEB_PORT (or SMTP_URL).';
  await assertPortFree(smtpPort, 'development mail server (SMTP)', hint);
  await assertPortFree(webPort, 'development mail server (web inbox)', hint);
  const bin = path.join(ROOT, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js'); // its package exports no CommonJS entry
  const args = ['--ip', '127.0.0.1', '--smtp', String(smtpPort), '--web-ip', '127.0.0.1', '--web', String(webPort), '--mail-directory', path.join(DATA, 'maildev')];
  stack.push(
    supervise('mail (dev)', {
      launch: () => spawnNode('mail', bin, args, { ...process.env }),
      stopSignals: [
        ['SIGTERM', 5_000],
        ['SIGKILL', 5_000],
      ],
      onStart: (c) => c.pid !== undefined && recordChild({ name: 'mail (dev)', pid: c.pid, match: bin, signal: 'SIGTERM' }),
    }),
  );
  return { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, webUrl: `http://localhost:${webPort}` };
}

/** A path as the user should read it: relative inside the repository (.data/…), else absolute ($REGISTRY_DATA_DIR). */
function shown(p: string): string {
  const r = path.relative(ROOT, p);
  return r.startsWith('..') ? p : r;
}

function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run through \`npm run up -- --topology production\` (scripts/up.sh builds and sets it).`);
  return v;
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
 * Runs `node <script>` with output prefixed by [name], supervised: a child that exits on its own (a worker whose
 * `run()` failed exits non-zero on purpose, fault 9; an API that crashed) is started again with backoff, logged
 * (scripts/stack/supervisor.ts), and the rest of the system keeps running. Registered for ordered shutdown.
 */
function startApp(name: string, script: string, env: NodeJS.ProcessEnv): void {
  const file = path.join(ROOT, script);
  stack.push(
    supervise(name, {
      launch: () => spawnApp(name, file, env),
      // The apps drain on SIGTERM (Nest shutdown hooks; the worker lets running activities finish).
      stopSignals: [
        ['SIGTERM', 20_000],
        ['SIGKILL', 5_000],
      ],
      onStart: (child) => child.pid !== undefined && recordChild({ name, pid: child.pid, match: file, signal: 'SIGTERM' }),
    }),
  );
}

/** Spawns `node <file>` in its own process group, output prefixed by [name]. */
function spawnApp(name: string, file: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawnNode(name, file, [], env);
}

function spawnNode(name: string, file: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [file, ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const color = process.stdout.isTTY ? (name.startsWith('api') ? '\x1b[36m' : '\x1b[35m') : '';
  const prefix = color ? `${color}[${name}]\x1b[0m ` : `[${name}] `;
  readline.createInterface({ input: child.stdout! }).on('line', (l) => process.stdout.write(prefix + l + '\n'));
  readline.createInterface({ input: child.stderr! }).on('line', (l) => process.stderr.write(prefix + l + '\n'));
  child.once('error', (e) => log(TAG, `${name} could not be started: ${e.message}`));
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
