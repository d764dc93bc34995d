import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { findRepoRoot } from '../../libs/temporal/src/test-server-executable';
import { assertPortFree, describeExit, exitOf, log, TailBuffer } from './util';

/**
 * The production engine: Temporal server (v1.29.1, built by scripts/toolchain/temporal-server.sh) on PostgreSQL,
 * its schema tool and the standalone Web UI, as `npm run up -- --topology production`, its test and the bench run
 * them. Configuration is the files in docker/temporal/, which docker/compose.yml uses too; this module only sets
 * hosts, ports and passwords.
 */

const TAG = 'temporal';
const CONFIG_DIR = path.join(findRepoRoot(__dirname), 'docker', 'temporal');
/** docker/temporal/production.yaml: the server loads `<env>.yaml` from its config folder. */
export const TEMPORAL_CONFIG_ENV = 'production';
/** Temporal's own login in the shared cluster; it owns the `temporal` and `temporal_visibility` databases. */
export const TEMPORAL_DB_ROLE = 'temporal';

/**
 * Every port of one server instance: Temporal's own defaults (frontend 7233, history 7234, matching 7235, worker 7239,
 * HTTP 7243, membership 6933–6939, metrics 8000) shifted by `frontend − 7233`, so two instances never share one.
 */
export interface TemporalServerPorts {
  frontend: number;
  history: number;
  matching: number;
  worker: number;
  frontendHttp: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
  metrics: number;
}

export function temporalServerPorts(frontend: number): TemporalServerPorts {
  const d = frontend - 7233;
  const ports = {
    frontend,
    history: 7234 + d,
    matching: 7235 + d,
    worker: 7239 + d,
    frontendHttp: 7243 + d,
    frontendMembership: 6933 + d,
    historyMembership: 6934 + d,
    matchingMembership: 6935 + d,
    workerMembership: 6939 + d,
    metrics: 8000 + d,
  };
  // Temporal's SQL schema keeps each member's membership port in a smallint (cluster_membership.rpc_port): above
  // 32767 the server fails at start with "out of range for type smallint".
  const tooHigh = Object.entries(ports).filter(([what, p]) => what.endsWith('Membership') && p > MAX_MEMBERSHIP_PORT);
  if (tooHigh.length || ports.frontendMembership < 1024) {
    throw new Error(`TEMPORAL_PORT ${frontend} puts Temporal's membership ports at ${ports.frontendMembership}…${ports.workerMembership}; they must lie within 1024…${MAX_MEMBERSHIP_PORT} (Temporal's PostgreSQL schema stores them as smallint)`);
  }
  return ports;
}
const MAX_MEMBERSHIP_PORT = 32_767;

/** A free set of server ports (tests, bench): a random TEMPORAL_PORT whose shifted ports all stay storable and free. */
export async function freeTemporalServerPorts(): Promise<TemporalServerPorts> {
  for (;;) {
    const ports = temporalServerPorts(10_000 + Math.floor(Math.random() * 22_000));
    if (await portsFree(Object.values(ports))) return ports;
  }
}

/**
 * `n` consecutive free ports below Linux's ephemeral range (32768–60999): an OS-picked port may meanwhile be the local
 * end of some outgoing connection, which cannot be listened on, and a busy test process makes many.
 */
export async function freePortRun(n: number): Promise<number> {
  for (;;) {
    const first = 10_000 + Math.floor(Math.random() * 22_000);
    const run = Array.from({ length: n }, (_, i) => first + i);
    if (await portsFree(run)) return first;
  }
}

async function portsFree(ports: number[]): Promise<boolean> {
  // Bound on every address, as the API replicas bind; a port in use anywhere fails.
  const free = await Promise.all(ports.map((p) => assertPortFree(p, '', '', '0.0.0.0').then(() => true, () => false)));
  return free.every(Boolean);
}

export interface PostgresLogin {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The `temporal` login (LOGIN CREATEDB), created by the cluster's superuser if missing; docker/postgres does the same in compose. */
export async function ensureTemporalRole(superuser: PostgresLogin, password: string): Promise<PostgresLogin> {
  const client = new Client({ ...superuser, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEMPORAL_DB_ROLE]);
    if (!rowCount) await client.query(`CREATE ROLE ${client.escapeIdentifier(TEMPORAL_DB_ROLE)} LOGIN CREATEDB PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return { host: superuser.host, port: superuser.port, user: TEMPORAL_DB_ROLE, password };
}

/** docker/temporal/setup-schema.sh with our schema tool: creates and migrates `temporal` and `temporal_visibility`. */
export async function setupTemporalSchema(sqlTool: string, db: PostgresLogin, logFile?: string): Promise<void> {
  const started = Date.now();
  const tail = new TailBuffer(40);
  const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
  const child = spawn('sh', [path.join(CONFIG_DIR, 'setup-schema.sh')], {
    env: { ...process.env, TEMPORAL_SQL_TOOL: sqlTool, SQL_HOST: db.host, SQL_PORT: String(db.port), SQL_USER: db.user, SQL_PASSWORD: db.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [child.stdout!, child.stderr!]) s.on('data', (d: Buffer) => (tail.push(d), out?.write(d)));
  const exit = await exitOf(child);
  out?.end();
  if (exit.code !== 0) throw new Error(`Temporal's schema setup failed (${describeExit(exit)}):\n${tail.text()}`);
  log(TAG, `schemas of temporal and temporal_visibility up to date (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

export interface TemporalServerOptions {
  binary: string;
  db: PostgresLogin;
  ports: TemporalServerPorts;
  logFile: string;
  /** Own process group, so a terminal Ctrl-C reaches only our Node process, which stops the server in order. */
  detached?: boolean;
}

/** Spawns the server on docker/temporal/production.yaml (it renders the template itself); does not wait for it. */
export function spawnTemporalServer(o: TemporalServerOptions): ChildProcess {
  const p = o.ports;
  const env = {
    ...process.env,
    BIND_ON_IP: '127.0.0.1',
    POSTGRES_SEEDS: o.db.host,
    DB_PORT: String(o.db.port),
    POSTGRES_USER: o.db.user,
    POSTGRES_PWD: o.db.password,
    DYNAMIC_CONFIG_FILE_PATH: path.join(CONFIG_DIR, 'dynamicconfig.yaml'),
    FRONTEND_GRPC_PORT: String(p.frontend),
    FRONTEND_HTTP_PORT: String(p.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(p.frontendMembership),
    HISTORY_GRPC_PORT: String(p.history),
    HISTORY_MEMBERSHIP_PORT: String(p.historyMembership),
    MATCHING_GRPC_PORT: String(p.matching),
    MATCHING_MEMBERSHIP_PORT: String(p.matchingMembership),
    WORKER_GRPC_PORT: String(p.worker),
    WORKER_MEMBERSHIP_PORT: String(p.workerMembership),
    METRICS_PORT: String(p.metrics),
  };
  return spawnLogged(o.binary, ['--root', CONFIG_DIR, '--config', '.', '--env', TEMPORAL_CONFIG_ENV, 'start'], env, o.logFile, o.detached);
}

export interface TemporalUiOptions {
  binary: string;
  temporalAddress: string;
  port: number;
  namespace: string;
  logFile: string;
  detached?: boolean;
}

/** The standalone Web UI on docker/temporal/ui/production.yaml, with the variables temporalio/ui reads in compose. */
export function spawnTemporalUi(o: TemporalUiOptions): ChildProcess {
  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_UI_PORT: String(o.port),
    TEMPORAL_DEFAULT_NAMESPACE: o.namespace,
    TEMPORAL_CORS_ORIGINS: `http://localhost:${o.port},http://127.0.0.1:${o.port}`,
  };
  return spawnLogged(o.binary, ['--root', path.join(CONFIG_DIR, 'ui'), '--config', '.', '--env', TEMPORAL_CONFIG_ENV, 'start'], env, o.logFile, o.detached);
}

function spawnLogged(binary: string, args: string[], env: NodeJS.ProcessEnv, logFile: string, detached = false): ChildProcess {
  const out = fs.createWriteStream(logFile, { flags: 'a' });
  out.write(`\n--- ${new Date().toISOString()} ${binary} ${args.join(' ')}\n`);
  const child = spawn(binary, args, { env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  child.once('error', (e) => out.write(`could not start: ${e.message}\n`));
  void exitOf(child).then(() => out.end());
  return child;
}

