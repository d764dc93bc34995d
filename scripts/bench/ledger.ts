import Decimal from 'decimal.js';
import * as path from 'node:path';
import { OrganisationsService } from '../../apps/api/src/organisations/organisations.service';
import { seedUser } from '../../apps/api/src/seed/demo-seed';
import type { Actor } from '../../libs/domain/src';
import { LedgerRepository } from '../../libs/persistence/src';
import { applicationRole } from '../../libs/persistence/src/database-role';
import { findRepoRoot } from '../../libs/temporal/src/test-server-executable';
import { ApiProcess, startApiProcess } from './api-process';
import { cpuMeter } from './cpu';
import { assertLedgerAudit } from './ledger-audit';
import { intFromEnv, percentile, seededRandom } from './measure';
import { pgbenchScript } from './pgbench';
import { countingRoundTrips } from './round-trips';
import { Outcome, transfersFromClients } from './transfer-clients';
import { benchTag, insertRegisteredProject, insertSignOffReadyCase } from './registry-rows';
import { Figure, printFigure, printHeading, printLine } from './report';
import { ServiceStack } from './service-stack';

/**
 * Ledger transfers per second through the service (real HTTP: POST /accounts/:no/transfers, JWT, validation, the
 * Idempotency-Key, ROLE-1/ROLE-2, the movement's transaction, the audit log's row) versus the same double-entry
 * transfer written in plain SQL and run by pgbench (scripts/bench/ledger-transfer.pgbench.sql) on the same
 * PostgreSQL, in the same database and tables, with the same number of clients, accounts, holdings and transfers.
 * Then LED-3's self-audit must find no violation (it covers pgbench's transfers too: a baseline that broke the
 * ledger would be no baseline), and each set of accounts must hold what was issued to it.
 */
const TRANSFERS = intFromEnv('BENCH_TRANSFERS', 2000);
const CLIENTS = intFromEnv('BENCH_TRANSFER_CLIENTS', 16);
const ACCOUNTS = intFromEnv('BENCH_ACCOUNTS', 8);
const ROUNDS = intFromEnv('BENCH_LEDGER_ROUNDS', 4);
/** The API in its own process(es), as `npm start` runs it (the production topology runs 2 replicas; on 2 cores 1 serves more). */
const API_PROCESSES = intFromEnv('BENCH_LEDGER_API_PROCESSES', 1);
const WARM_UP = 100;
/**
 * Every account starts with 10 000 t and each transfer moves 1–50 t between two random accounts: after 2 000 of
 * them an account is some hundreds of tonnes from where it started, so a refusal (422) is rare, not the norm.
 */
const START_HOLDING = new Decimal(10_000);
const MAX_QUANTITY = 50;
/** The same counter (scripts/bench/round-trips.ts) on the code before `ledger_move` (commit 84b9213), for comparison. */
const ROUND_TRIPS_BEFORE = { perTransfer: 15.6, commit: '84b9213' };
const PGBENCH_SCRIPT = path.join(findRepoRoot(), 'scripts', 'bench', 'ledger-transfer.pgbench.sql');
const PGBENCH_KEYS = `pgbench/%`;

interface Holder {
  actor: Actor;
  token: string;
  accountNo: string;
}
interface PlannedTransfer {
  from: Holder;
  to: Holder;
  quantity: string;
}

export async function ledgerSection(stack: ServiceStack, databaseUrl: string): Promise<Figure[]> {
  if (ACCOUNTS < 2) throw new Error('BENCH_ACCOUNTS must be at least 2');
  const apiPool = process.env.DB_POOL_SIZE ?? '10';
  const perClient = Math.max(1, Math.round(TRANSFERS / CLIENTS / ROUNDS));
  const transfersPerRound = perClient * CLIENTS;
  printHeading('ledger', `real HTTP API as ${API_PROCESSES} replica process(es) (DB pool ${apiPool} each; its clients in a worker thread of the bench) and pgbench on one embedded PostgreSQL (fsync off for both); ${ACCOUNTS} accounts each, ${CLIENTS} clients, ` +
    `${ROUNDS} rounds of ${transfersPerRound} transfers each side, alternating which goes first`);
  const ledger = stack.api.get(LedgerRepository);
  // Two sets of accounts funded alike: one for pgbench, one for the service, so neither starts from the other's fragments.
  const baselineSet = await fundedHolders(stack, ledger);
  const serviceSet = await fundedHolders(stack, ledger);
  const pgbench = (transactionsPerClient: number) =>
    pgbenchScript({
      databaseUrl, script: PGBENCH_SCRIPT, clients: CLIENTS, transactionsPerClient,
      variables: { accounts: `{${baselineSet.holders.map((h) => h.accountNo).join(',')}}`, n: ACCOUNTS },
      sessionOptions: sessionRole(),
    });
  const plan = transferPlan(serviceSet.holders, WARM_UP + ROUNDS * transfersPerRound);
  await pgbench(Math.ceil(WARM_UP / CLIENTS));
  // The warm-up goes through this process's API, where its database round trips can be counted (a property of the code).
  const { result: warmUp, roundTrips } = await countingRoundTrips(() => transfers([stack.baseUrl], plan.slice(0, WARM_UP)));
  await vacuumLedger(stack);

  const base = { moved: 0, transactions: 0, seconds: 0, version: '', postgresCpu: 0 };
  const service = { outcomes: [] as Outcome[], latencies: [] as number[], seconds: 0, postgresCpu: 0, apiCpu: 0, clientCpu: 0 };
  const ratios: number[] = [];
  const apis: ApiProcess[] = [];
  try {
    for (let i = 0; i < API_PROCESSES; i++) apis.push(await startApiProcess(stack));
    const cpu = await cpuMeter(stack.db, apis.map((a) => a.pid));
    // Rounds in turn, so that a burst of load from elsewhere on the machine lands on both sides alike.
    for (let round = 0; round < ROUNDS; round++) {
      const runBaseline = async () => {
        const before = await pgbenchMoved(stack);
        cpu.read();
        const pg = await pgbench(perClient);
        base.postgresCpu += cpu.read().postgres;
        const moved = (await pgbenchMoved(stack)) - before;
        base.moved += moved;
        base.transactions += pg.transactions;
        base.seconds += pg.transactions / pg.tps;
        base.version = pg.pgbenchVersion;
        return moved / (pg.transactions / pg.tps);
      };
      const runService = async () => {
        const slice = plan.slice(WARM_UP + round * transfersPerRound, WARM_UP + (round + 1) * transfersPerRound);
        cpu.read();
        const t0 = performance.now();
        const r = await transfers(apis.map((a) => a.baseUrl), slice);
        const seconds = (performance.now() - t0) / 1000;
        const used = cpu.read();
        service.postgresCpu += used.postgres;
        service.apiCpu += used.processes;
        service.clientCpu += used.node;
        service.outcomes.push(...r.outcomes);
        service.latencies.push(...r.latencies);
        service.seconds += seconds;
        return r.outcomes.filter((o) => o === 'moved').length / seconds;
      };
      const [first, second] = round % 2 === 0 ? [runBaseline, runService] : [runService, runBaseline];
      const x = await first();
      const y = await second();
      ratios.push(round % 2 === 0 ? y / x : x / y);
    }
  } finally {
    for (const api of apis) await api.stop();
  }
  const moved = service.outcomes.filter((o) => o === 'moved').length;
  const refused = service.outcomes.length - moved;

  const figure: Figure = {
    section: 'ledger',
    baseline: {
      label: `the same transfer in SQL by pgbench, ${CLIENTS} clients`,
      value: base.moved / base.seconds,
      unit: 'tps',
      note: `${base.moved} moved of ${base.transactions}, ${path.basename(PGBENCH_SCRIPT)}, 6 round trips each, pgbench ${base.version}`,
    },
    measured: {
      label: `transfers via HTTP, ${CLIENTS} clients (successful only)`,
      value: moved / service.seconds,
      unit: '/s',
      note: `${moved} moved, ${refused} refused 422 INSUFFICIENT_HOLDINGS; p50 ${percentile(service.latencies, 50).toFixed(1)} ms, p99 ${percentile(service.latencies, 99).toFixed(1)} ms`,
    },
    ratioLabel: 'transfers/s ÷ pgbench transfers/s',
  };
  printFigure(figure);
  printLine('context', 'ratio per round (load elsewhere shows here)', ratios.map((r) => r.toFixed(2)).join('  '));
  const perTransfer = (seconds: number, n: number) => `${((seconds * 1000) / n).toFixed(2)} ms`;
  printLine(
    'context', 'CPU per transfer (user + system)',
    `service: PostgreSQL ${perTransfer(service.postgresCpu, service.outcomes.length)} + the API ${perTransfer(service.apiCpu, service.outcomes.length)} ` +
      `(+ its HTTP clients ${perTransfer(service.clientCpu, service.outcomes.length)}); pgbench: PostgreSQL ${perTransfer(base.postgresCpu, base.transactions)} (pgbench's own process not counted)`,
  );
  printLine(
    'context', 'database round trips per transfer request',
    `${(roundTrips / warmUp.outcomes.length).toFixed(2)} (was ${ROUND_TRIPS_BEFORE.perTransfer} at ${ROUND_TRIPS_BEFORE.commit}; counted on the warm-up through this process's API: the movement, the audit row)`,
  );

  await assertLedgerAudit(ledger);
  await checkHoldings(stack, ledger, 'service', serviceSet, fundingTransfers(serviceSet) + warmUp.outcomes.filter((o) => o === 'moved').length + moved);
  await checkHoldings(stack, ledger, 'pgbench', baselineSet, fundingTransfers(baselineSet) + (await pgbenchMoved(stack)));
  return [figure];
}

/** pgbench's sessions act as the service's do (DATABASE_APP_ROLE), with the same privileges. */
function sessionRole(): string | undefined {
  const role = applicationRole();
  return role ? `-c role=${role}` : undefined;
}

async function vacuumLedger(stack: ServiceStack): Promise<void> {
  await stack.db.query(`VACUUM (ANALYZE) ledger_accounts, credit_blocks, holdings, journal_entries, journal_lines, idempotency_keys`);
}

async function pgbenchMoved(stack: ServiceStack): Promise<number> {
  const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE idempotency_key LIKE $1`, [PGBENCH_KEYS]);
  return n;
}

const fundingTransfers = (set: { holders: Holder[] }) => Math.floor(set.holders.length / 2);

/**
 * Developer and emitter organisations, each with a holding account opened through the API and START_HOLDING in it:
 * developers get theirs issued from a project of their own (LedgerRepository.issue on a case awaiting sign-off),
 * emitters buy theirs from a developer. Setup, not measured.
 */
async function fundedHolders(stack: ServiceStack, ledger: LedgerRepository): Promise<{ holders: Holder[]; issued: Decimal }> {
  const orgs = stack.api.get(OrganisationsService);
  const officer = stack.seed.users.find((u) => u.role === 'officer')!;
  const bureau = stack.seed.users.find((u) => u.role === 'bureau')!;
  const tag = benchTag();
  const holders: Holder[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const kind = i % 2 === 0 ? 'developer' : 'emitter';
    const org = await orgs.createOrganisation(`Bench ${kind} ${i + 1} ${tag}`, kind);
    const { actor, token } = await seedUser(stack.api, org.id, kind, `Bench ${kind} ${i + 1}`, `bench.${kind}.${i + 1}.${tag}@bench.example`);
    const account = await stack.http.post('/accounts', token);
    holders.push({ actor, token, accountNo: account.accountNo });
  }
  let issued = new Decimal(0);
  for (let i = 0; i < holders.length; i += 2) {
    const developer = holders[i]!;
    const emitter = holders[i + 1];
    const quantity = emitter ? START_HOLDING.times(2) : START_HOLDING;
    const { projectId } = await insertRegisteredProject(stack.db, developer.actor.organisationId, stack.seed.methodologyVersions.tier1);
    const caseNo = await insertSignOffReadyCase(stack.db, { projectId, owner: developer.actor, reviewer: officer, tco2e: quantity.toFixed() });
    const block = await ledger.issue({ caseNo, quantity: quantity.toFixed(), signedOffBy: { userId: bureau.userId, name: bureau.name }, at: new Date().toISOString() });
    if (block?.accountNo !== developer.accountNo) throw new Error(`${caseNo} was issued into ${block?.accountNo}, not ${developer.accountNo}`);
    issued = issued.plus(quantity);
    if (emitter) {
      await ledger.transfer({
        idempotencyKey: `bench/funding/${emitter.accountNo}`,
        fromAccountNo: developer.accountNo,
        toAccountNo: emitter.accountNo,
        quantity: START_HOLDING.toFixed(),
        reason: 'Bench: emitter buys its starting holding',
        actor: { userId: developer.actor.userId, name: developer.actor.name },
        at: new Date(),
      });
    }
  }
  return { holders, issued };
}

/** Random but repeatable: two different accounts and 1–MAX_QUANTITY whole tonnes per transfer. */
function transferPlan(holders: Holder[], n: number): PlannedTransfer[] {
  const random = seededRandom(20_26);
  const pick = (k: number) => Math.floor(random() * k);
  return Array.from({ length: n }, () => {
    const from = pick(holders.length);
    const to = (from + 1 + pick(holders.length - 1)) % holders.length;
    return { from: holders[from]!, to: holders[to]!, quantity: String(1 + pick(MAX_QUANTITY)) };
  });
}

const transfers = (baseUrls: string[], plan: PlannedTransfer[]) =>
  transfersFromClients({
    baseUrls, clients: CLIENTS,
    plan: plan.map((t) => ({ fromAccountNo: t.from.accountNo, token: t.from.token, toAccountNo: t.to.accountNo, quantity: t.quantity })),
  });

/** A set of the bench's accounts holds exactly what was issued to it, with one journal entry per transfer answered. */
async function checkHoldings(stack: ServiceStack, ledger: LedgerRepository, who: string, set: { holders: Holder[]; issued: Decimal }, expectedEntries: number): Promise<void> {
  const accountNos = set.holders.map((h) => h.accountNo);
  const held = (await ledger.accountsOf(null)).filter((a) => accountNos.includes(a.accountNo)).reduce((sum, a) => sum.plus(a.balance), new Decimal(0));
  const [{ n: entries }] = await stack.db.query(
    `SELECT count(DISTINCT e.id)::int AS n FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id JOIN ledger_accounts a ON a.id = l.account_id
     WHERE e.kind = 'transfer' AND a.account_no = ANY($1)`,
    [accountNos],
  );
  printLine('check', `${who}: held = issued; journal entries = transfers`, `${held.toFixed()} t = ${set.issued.toFixed()} t; ${entries} = ${expectedEntries}`);
  if (!held.equals(set.issued)) throw new Error(`${who}'s accounts hold ${held.toFixed()} t but ${set.issued.toFixed()} t were issued to them`);
  if (entries !== expectedEntries) throw new Error(`${who}: ${entries} transfer journal entries, but ${expectedEntries} transfers moved credits`);
}
