import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from '../../libs/temporal/src/test-server-executable';
import { log as logTagged, TailBuffer } from '../stack/util';

/**
 * pgbench running a custom script (a file of plain SQL with pgbench's meta-commands) against the bench's own
 * database on the same PostgreSQL cluster the service uses, so the service's figures stand against what that server
 * does with the same work sent by a lean C client. The ledger's script: scripts/bench/ledger-transfer.pgbench.sql.
 */

const execFileAsync = promisify(execFile);

export interface PgbenchResult {
  tps: number;
  transactions: number;
  clients: number;
  pgbenchVersion: string;
}

export async function pgbenchScript(opts: {
  databaseUrl: string;
  /** Absolute path of the script. */
  script: string;
  clients: number;
  /** Every client runs this many transactions (pgbench -t), so a run does a known amount of work. */
  transactionsPerClient: number;
  /** pgbench -D name=value; text (a SQL literal such as '{a,b}') or numbers. */
  variables: Record<string, string | number>;
  /** The options a session starts with (PGOPTIONS), e.g. the application's role. */
  sessionOptions?: string;
  log?: (m: string) => void;
}): Promise<PgbenchResult> {
  const log = opts.log ?? ((m: string) => logTagged('pgbench', m));
  for (const [name, v] of [['clients', opts.clients], ['transactionsPerClient', opts.transactionsPerClient]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`pgbenchScript: ${name} must be a positive integer, got ${v}`);
  }
  const bin = await pgbenchBinary(log);
  const pgbenchVersion = await versionOf(bin);
  const env = connectionEnv(opts.databaseUrl);
  if (opts.sessionOptions) env.PGOPTIONS = opts.sessionOptions;
  const database = decodeURIComponent(new URL(opts.databaseUrl).pathname.slice(1));
  const threads = Math.min(opts.clients, 2);
  log(`${path.basename(opts.script)}: ${opts.clients} clients × ${opts.transactionsPerClient} transactions, ${threads} threads, prepared statements`);
  // -n: no vacuum of pgbench's own tables (there are none); -r: latency per statement; -M prepared: each statement parsed and planned once per client.
  const out = await run(
    bin,
    [
      '-n', '-r', '-M', 'prepared', '-f', opts.script, '-c', String(opts.clients), '-j', String(threads), '-t', String(opts.transactionsPerClient),
      ...Object.entries(opts.variables).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      database,
    ],
    env,
    30 * 60_000,
  );
  const { tps, transactions } = parseReport(out);
  // -r: where a transaction's time goes, statement by statement (the average latency as pgbench's client sees it).
  const latencies = out.slice(out.indexOf('statement latencies')).split('\n').filter((l) => /^\s+[\d.]+\s+\d+\s+\S/.test(l));
  for (const l of latencies) log(`  ${l.trim().replace(/\s+/g, ' ').slice(0, 140)}`);
  return { tps, transactions, clients: opts.clients, pgbenchVersion };
}

/** From pgbench's run summary on stdout. Exported for tests. */
export function parseReport(stdout: string): { tps: number; transactions: number } {
  const tpsLines = [...stdout.matchAll(/^tps = ([\d.]+)(.*)$/gm)];
  // pgbench ≥ 14 prints one line "(without initial connection time)"; ≤ 13 printed "including …" and
  // "excluding connections establishing". Both exclude-forms measure the transactions alone.
  const best = tpsLines.find((m) => /without initial connection time|excluding connections/.test(m[2]!)) ?? tpsLines[0];
  const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
  if (!best || !processed) throw new Error(`could not find tps / transactions in pgbench's output:\n${stdout}`);
  return { tps: Number(best[1]), transactions: Number(processed[1]) };
}

async function pgbenchBinary(log: (m: string) => void): Promise<string> {
  const script = path.join(findRepoRoot(), 'scripts', 'toolchain', 'pgbench.sh');
  // Through bash so a lost executable bit does not matter; stderr streamed because an apt-get install is slow.
  const p = execFileAsync('bash', [script], { encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 });
  const lines = new TailBuffer();
  p.child.stderr?.on('data', (d: Buffer | string) => lines.push(d).forEach((l) => log(l)));
  try {
    const bin = (await p).stdout.trim();
    if (!path.isAbsolute(bin)) throw new Error(`${script} printed '${bin}', not an absolute path`);
    return bin;
  } catch (e) {
    throw new Error(`${script} failed: ${(e as Error).message.trim()}`);
  }
}

async function versionOf(bin: string): Promise<string> {
  const { stdout } = await execFileAsync(bin, ['--version'], { encoding: 'utf8' });
  // "pgbench (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → "15.18"
  return /\(PostgreSQL\)\s+(\S+)/.exec(stdout)?.[1] ?? stdout.trim();
}

/**
 * libpq settings from the URL. Credentials go through the environment, not argv (visible in `ps`). Inherited PG*
 * variables are dropped so the URL is the only source: a stray PGPASSWORD or PGDATABASE must not change the target.
 */
function connectionEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  env.PGHOST = url.searchParams.get('host') ?? url.hostname.replace(/^\[(.*)\]$/, '$1');
  env.PGPORT = url.port || '5432';
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

async function run(bin: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  try {
    return (await execFileAsync(bin, args, { env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (e) {
    const err = e as Error & { code?: number | string; signal?: string; stderr?: string };
    const why = err.signal ? `killed by ${err.signal}` : `exit code ${err.code}`;
    throw new Error(`pgbench ${args.join(' ')} failed (${why}):\n${err.stderr?.trim() || err.message}`);
  }
}
