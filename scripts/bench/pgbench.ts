import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { findRepoRoot } from '../../libs/temporal/src/test-server-executable';
import { log as logTagged, TailBuffer } from '../stack/util';

/**
 * pgbench's built-in `simple-update` script against the same PostgreSQL cluster the bench uses: a figure for what
 * that server does with bare short write transactions, to set the registry's own figures against. It runs in a
 * database of its own so it never touches the registry's tables.
 */

const execFileAsync = promisify(execFile);

export const PGBENCH_DATABASE = 'pgbench_baseline';

export interface PgbenchResult {
  tps: number;
  transactions: number;
  clients: number;
  seconds: number;
  pgbenchVersion: string;
}

export async function pgbenchSimpleUpdate(opts: {
  databaseUrl: string;
  clients: number;
  seconds: number;
  scale?: number;
  log?: (m: string) => void;
}): Promise<PgbenchResult> {
  const log = opts.log ?? ((m: string) => logTagged('pgbench', m));
  const scale = opts.scale ?? 1;
  for (const [name, v] of [['clients', opts.clients], ['seconds', opts.seconds], ['scale', scale]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`pgbenchSimpleUpdate: ${name} must be a positive integer, got ${v}`);
  }
  const bin = await pgbenchBinary(log);
  const pgbenchVersion = await versionOf(bin);
  await createDatabaseIfMissing(opts.databaseUrl, PGBENCH_DATABASE);
  const env = connectionEnv(opts.databaseUrl);

  log(`${bin} (${pgbenchVersion}): initialising ${PGBENCH_DATABASE} at scale ${scale}`);
  // -i drops and recreates the pgbench_* tables, so every run starts from the same data.
  await run(bin, ['-i', '-s', String(scale), '-q', PGBENCH_DATABASE], env, 10 * 60_000);

  const threads = Math.min(opts.clients, 2);
  log(`simple-update, ${opts.clients} clients, ${threads} threads, ${opts.seconds} s`);
  // -n: -i has just vacuumed; vacuuming again would only add noise before the timed part.
  const out = await run(
    bin,
    ['-b', 'simple-update', '-c', String(opts.clients), '-j', String(threads), '-T', String(opts.seconds), '-n', PGBENCH_DATABASE],
    env,
    (opts.seconds + 120) * 1000,
  );
  const { tps, transactions } = parseReport(out);
  return { tps, transactions, clients: opts.clients, seconds: opts.seconds, pgbenchVersion };
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

async function createDatabaseIfMissing(databaseUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } catch (e) {
      if ((e as { code?: string }).code !== '42P04') throw e; // duplicate_database: a concurrent run made it
    }
  } finally {
    await client.end().catch(() => undefined);
  }
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
