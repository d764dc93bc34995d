import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../libs/persistence/src/data-source';
import { prepareNamespace } from '../../libs/temporal/src/server/namespace';
import { temporalServerBinary } from '../../libs/temporal/src/test-server-executable';
import { ensureTemporalRole, freeTemporalServerPorts, setupTemporalSchema, spawnTemporalServer } from '../stack/temporal-server';
import { killEscalating } from '../stack/util';
import { registrationSection } from './registration';
import { Figure, printHeading } from './report';
import { startServiceStack } from './service-stack';

/**
 * `npm run bench -- topology` (issue 9, item 8): the registration section's figures — registration cases
 * submitted+persisted per second against empty workflows per second, and an officer action's round trip against a
 * bare Update's — on the Temporal dev server, and on the production engine (Temporal server v1.29.1 on the bench's
 * PostgreSQL, set up as `npm run up -- --topology production` does) with 1 and with 2 worker processes. Every variant
 * has its own application database and measures its baselines on its own server in the same run; the worker runs as
 * separate processes in all three (as deployments run it), the API in this process. Then one table side by side.
 */
const VARIANTS = [
  { name: 'dev server, 1 worker', production: false, workers: 1 },
  { name: 'production, 1 worker', production: true, workers: 1 },
  { name: 'production, 2 workers', production: true, workers: 2 },
] as const;

export async function topologySection(benchDatabaseUrl: string): Promise<Figure[]> {
  const superuser = loginOf(benchDatabaseUrl);
  let production: { address: string; stop: () => Promise<unknown> } | undefined;
  const rows: Array<{ name: string; figures: Figure[] }> = [];
  try {
    for (const [i, v] of VARIANTS.entries()) {
      printHeading('topology', `${v.name}`);
      const url = await freshDatabase(benchDatabaseUrl, `bench_topology_${i}`);
      if (v.production) {
        production ??= await startProductionTemporal(superuser);
        // Each database numbers its cases from 1: a namespace of its own keeps their workflow IDs apart.
        process.env.TEMPORAL_NAMESPACE = `bench-topology-${i}`;
        await prepareNamespace(production.address, process.env.TEMPORAL_NAMESPACE);
      }
      const stack = await startServiceStack(url, {
        workerProcesses: v.workers,
        ...(production ? { temporal: { address: production.address, label: `Temporal server v1.29.1 on PostgreSQL ${production.address}` } } : {}),
      });
      try {
        rows.push({ name: v.name, figures: (await registrationSection(stack)).map((f) => ({ ...f, section: `topology: ${v.name}` })) });
      } finally {
        await stack.stop();
      }
    }
  } finally {
    delete process.env.TEMPORAL_NAMESPACE;
    await production?.stop();
  }
  printSideBySide(rows);
  return rows.flatMap((r) => r.figures);
}

/** Temporal's databases in the bench's cluster, schemas by its schema tool, the server, the namespace with the case search attributes. */
async function startProductionTemporal(superuser: ReturnType<typeof loginOf>) {
  const logDir = join(__dirname, '..', '..', '..', '.data');
  const db = await ensureTemporalRole(superuser, 'temporal');
  await setupTemporalSchema(temporalServerBinary('sql-tool'), db, join(logDir, `bench-temporal-schema-${process.pid}.log`));
  const ports = await freeTemporalServerPorts();
  const child: ChildProcess = spawnTemporalServer({ binary: temporalServerBinary('server'), db, ports, logFile: join(logDir, `bench-temporal-${process.pid}.log`) });
  const stop = () => killEscalating(child, [['SIGTERM', 20_000], ['SIGKILL', 5_000]]);
  const address = `127.0.0.1:${ports.frontend}`;
  try {
    await prepareNamespace(address, 'default', { timeoutMs: 90_000 }); // waits for the server to answer
  } catch (e) {
    await stop();
    throw e;
  }
  return { address, stop };
}

function loginOf(url: string) {
  const u = new URL(url);
  return { host: '127.0.0.1', port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/** A new, migrated database in the bench's cluster, so each variant counts only its own cases. */
export async function freshDatabase(benchDatabaseUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: benchDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const u = new URL(benchDatabaseUrl);
  u.pathname = `/${name}`;
  await runMigrations(u.toString());
  return u.toString();
}

function printSideBySide(rows: Array<{ name: string; figures: Figure[] }>): void {
  const head = ['topology', 'registrations/s', 'empty workflows/s', 'ratio', 'officer action p99', 'bare Update p99', 'ratio'];
  const body = rows.map(({ name, figures: [submitted, action] }) => {
    const p99 = (q: { p99?: number }) => q.p99 ?? NaN;
    return [
      name,
      submitted!.measured.value.toFixed(1),
      submitted!.baseline.value.toFixed(1),
      (submitted!.measured.value / submitted!.baseline.value).toFixed(2),
      `${p99(action!.measured).toFixed(1)} ms`,
      `${p99(action!.baseline).toFixed(1)} ms`,
      (p99(action!.measured) / p99(action!.baseline)).toFixed(2),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log('\ntopology side by side (each row: its own server, baselines measured on it in the same run)');
  console.log(line(head));
  for (const r of body) console.log(line(r));
}
