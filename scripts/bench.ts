import 'reflect-metadata';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runMigrations } from '../libs/persistence/src/data-source';
import { consoleSection } from './bench/console';
import { documentsSection } from './bench/documents';
import { issuanceSection } from './bench/issuance';
import { ledgerSection } from './bench/ledger';
import { notificationsSection } from './bench/notifications';
import { registrationSection } from './bench/registration';
import { Figure, printSummary } from './bench/report';
import { scaleSection } from './bench/scale';
import { traceSection } from './bench/trace';
import { ServiceStack, startServiceStack } from './bench/service-stack';
import { topologySection } from './bench/topology';
import { EmbeddedPostgres, startEmbeddedPostgres } from './stack/embedded-postgres';
import { freePort } from './stack/util';

/**
 * `npm run bench [-- section…]`: figures are ratios against a baseline measured in the same run on the same servers,
 * never absolute claims from a test. Sections (all by default):
 *   registration  registration cases submitted+persisted/s vs empty workflows/s (Temporal dev server), and an officer
 *                 action's round trip (HTTP → Update → projection visible) vs a bare Update's;
 *   ledger        ledger transfers/s through the HTTP API vs the same transfer in plain SQL run by pgbench
 *                 (scripts/bench/ledger-transfer.pgbench.sql) on the same PostgreSQL and tables; database round
 *                 trips per transfer; then the LED-3 self-audit must find no violation;
 *   issuance      issuance cases submitted → issued/s with time skipping vs empty workflows/s (time-skipping server);
 *   console       `npm start` (cold and warm) to the console's first render in Chromium vs to the API answering ready,
 *                 and the sign-in page's render vs Swagger UI's on the same server; bundle sizes (gzip) as context;
 *   trace         where an officer action's time goes, from its OpenTelemetry trace (API and worker processes with
 *                 tracing on, exporting to a receiver in the bench): median and p90 per part of the request;
 *   topology      the registration figures on the dev server vs Temporal server on PostgreSQL with 1 and 2 worker processes;
 *   documents     the API process's peak RSS under 10 concurrent 20 MB uploads, then downloads, vs its RSS at rest;
 *   notifications e-mail latency from a case step (submit over HTTP) to the SMTP server having the mail, p50/p99, vs
 *                 nodemailer sending straight to the same server (its own dev server, API and worker);
 *   scale         with BENCH_SCALE_CASES (10 000) open cases vs ~none: officer action and worklist p99s (and the worklist
 *                 SQL's EXPLAIN), stack start time, a case's first action after a worker restart vs cached, the worker's
 *                 RSS per cached workflow (its setup, opening the cases, takes most of its time).
 * Every section shares one embedded PostgreSQL; registration, ledger and documents share the real API and worker on a dev server.
 * Knobs (environment): BENCH_CASES, BENCH_CONCURRENCY, BENCH_ACTIONS, BENCH_TRANSFERS, BENCH_TRANSFER_CLIENTS,
 * BENCH_ACCOUNTS, BENCH_LEDGER_ROUNDS, BENCH_LEDGER_API_PROCESSES, BENCH_ISSUANCES, BENCH_ISSUANCE_CONCURRENCY, BENCH_ISSUANCE_BASELINE, BENCH_CONSOLE_RENDERS, BENCH_TRACE_ACTIONS,
 * BENCH_DOCUMENT_CLIENTS, BENCH_DOCUMENT_MB, BENCH_NOTIFICATIONS, BENCH_SCALE_CASES, BENCH_SCALE_ACTIONS, BENCH_SCALE_QUERIES, BENCH_SCALE_STARTS,
 * BENCH_SCALE_CONCURRENCY.
 */
const SECTIONS = ['registration', 'ledger', 'issuance', 'console', 'trace', 'topology', 'documents', 'notifications', 'scale'] as const;
type Section = (typeof SECTIONS)[number];

function sectionsFrom(args: string[]): Section[] {
  if (!args.length || args.includes('all')) return [...SECTIONS];
  const unknown = args.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length) throw new UsageError(`unknown section ${unknown.map((a) => `'${a}'`).join(', ')}; usage: npm run bench [-- ${SECTIONS.join('|')}|all …]`);
  return SECTIONS.filter((s) => args.includes(s)); // always in the same order, whatever order they were named in
}

async function main() {
  const sections = sectionsFrom(process.argv.slice(2));
  Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
  process.env.LOG_LEVEL = 'warn';
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  // One embedded PostgreSQL for every section that needs one, started when the first does (the console section starts its own stack).
  let pg: EmbeddedPostgres | undefined;
  const database = async () => {
    if (!pg) {
      pg = await startEmbeddedPostgres({ dataDir: join(__dirname, '..', '..', '.data', `bench-pg-${process.pid}`), port: await freePort(), database: 'bench', persistent: false });
      process.env.DATABASE_URL = pg.url;
      await runMigrations(pg.url);
    }
    return pg.url;
  };
  let stack: ServiceStack | undefined;
  const services = async () => (stack ??= await startServiceStack(await database()));
  const figures: Figure[] = [];
  try {
    for (const section of sections) {
      if (section === 'registration') figures.push(...(await registrationSection(await services())));
      if (section === 'ledger') figures.push(...(await ledgerSection(await services(), await database())));
      if (section === 'issuance') {
        await database();
        figures.push(...(await issuanceSection()));
      }
      if (section === 'console') figures.push(...(await consoleSection()));
      if (section === 'trace') await traceSection(await database());
      if (section === 'topology') figures.push(...(await topologySection(await database())));
      if (section === 'documents') figures.push(...(await documentsSection(await services())));
      if (section === 'notifications') figures.push(...(await notificationsSection(await database())));
      if (section === 'scale') figures.push(...(await scaleSection(await database())));
    }
    printSummary(figures);
  } finally {
    await stack?.stop();
    await pg?.stop();
  }
}

class UsageError extends Error {}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof UsageError ? e.message : e);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
