import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { OrganisationsService } from '../../apps/api/src/organisations/organisations.service';
import { seedUser } from '../../apps/api/src/seed/demo-seed';
import type { Actor } from '../../libs/domain/src';
import { LedgerRepository } from '../../libs/persistence/src';
import { assertLedgerAudit } from './ledger-audit';
import { intFromEnv, percentile, pool, seededRandom, timed } from './measure';
import { pgbenchSimpleUpdate } from './pgbench';
import { countingRoundTrips } from './round-trips';
import { benchTag, insertRegisteredProject, insertSignOffReadyCase } from './registry-rows';
import { Figure, printFigure, printHeading, printLine } from './report';
import { ServiceStack } from './service-stack';

/**
 * Ledger transfers per second through the service (real HTTP: POST /accounts/:no/transfers, JWT, validation, the
 * ledger's locking transaction) versus pgbench's simple-update TPS on the same PostgreSQL cluster, with the same
 * number of clients. Then LED-3's self-audit must find no violation, and holdings must add up to what was issued.
 */
const TRANSFERS = intFromEnv('BENCH_TRANSFERS', 2000);
const CLIENTS = intFromEnv('BENCH_TRANSFER_CLIENTS', 16);
const ACCOUNTS = intFromEnv('BENCH_ACCOUNTS', 8);
const PGBENCH_SECONDS = intFromEnv('BENCH_PGBENCH_SECONDS', 10);
const WARM_UP = 100;
/**
 * Every account starts with 10 000 t and each transfer moves 1–50 t between two random accounts: after 2 000 of
 * them an account is some hundreds of tonnes from where it started, so a refusal (422) is rare, not the norm.
 */
const START_HOLDING = new Decimal(10_000);
const MAX_QUANTITY = 50;

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
type Outcome = 'moved' | 'refused';

export async function ledgerSection(stack: ServiceStack, databaseUrl: string): Promise<Figure[]> {
  if (ACCOUNTS < 2) throw new Error('BENCH_ACCOUNTS must be at least 2');
  const apiPool = process.env.DB_POOL_SIZE ?? '10';
  printHeading('ledger', `real HTTP API (DB pool ${apiPool}) and pgbench on one embedded PostgreSQL (fsync off for both); ${TRANSFERS} transfers among ${ACCOUNTS} accounts, ${CLIENTS} clients`);
  const ledger = stack.api.get(LedgerRepository);
  const { holders, issued } = await fundedHolders(stack, ledger);
  const plan = transferPlan(holders, WARM_UP + TRANSFERS);

  const warmUp = await transfers(stack.baseUrl, plan.slice(0, WARM_UP));
  const measured: Outcome[] = [];
  const latencies: number[] = [];
  const { result: seconds, roundTrips } = await countingRoundTrips(() => timed(async () => {
    const r = await transfers(stack.baseUrl, plan.slice(WARM_UP));
    measured.push(...r.outcomes);
    latencies.push(...r.latencies);
  }));
  printLine('context', 'database round trips per transfer request', (roundTrips / measured.length).toFixed(2));
  const moved = measured.filter((o) => o === 'moved').length;
  const refused = measured.length - moved;

  // pgbench last: its updates leave dead rows for autovacuum, which would otherwise land in the measured transfers.
  const pg = await pgbenchSimpleUpdate({ databaseUrl, clients: CLIENTS, seconds: PGBENCH_SECONDS });
  const figure: Figure = {
    section: 'ledger',
    baseline: { label: `pgbench simple-update, ${CLIENTS} clients`, value: pg.tps, unit: 'tps', note: `${pg.transactions} transactions in ${pg.seconds} s, pgbench ${pg.pgbenchVersion}` },
    measured: {
      label: `transfers via HTTP, ${CLIENTS} clients (successful only)`,
      value: moved / seconds,
      unit: '/s',
      note: `${moved} moved, ${refused} refused 422 INSUFFICIENT_HOLDINGS; p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    },
    ratioLabel: 'transfers/s ÷ pgbench tps',
  };
  printFigure(figure);

  await checkLedger(stack, ledger, holders, issued, Math.floor(holders.length / 2) + warmUp.outcomes.filter((o) => o === 'moved').length + moved);
  return [figure];
}

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

async function transfers(baseUrl: string, plan: PlannedTransfer[]): Promise<{ outcomes: Outcome[]; latencies: number[] }> {
  const outcomes: Outcome[] = [];
  const latencies: number[] = [];
  await pool(plan, CLIENTS, async (t) => {
    const t0 = performance.now();
    outcomes.push(await transfer(baseUrl, t));
    latencies.push(performance.now() - t0);
  });
  return { outcomes, latencies };
}

/** One transfer as a holder's client sends it; a refusal for lack of credits is an answer, anything else fails the bench. */
async function transfer(baseUrl: string, t: PlannedTransfer): Promise<Outcome> {
  const path = `/accounts/${t.from.accountNo}/transfers`;
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t.from.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ toAccountNo: t.to.accountNo, quantity: t.quantity }),
  });
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; quantity?: string };
  if (res.status === 201 && body.quantity === t.quantity) return 'moved';
  if (res.status === 422 && body.code === 'INSUFFICIENT_HOLDINGS') return 'refused';
  throw new Error(`POST ${path} (${t.quantity} t to ${t.to.accountNo}) → ${res.status}: ${body.code ?? ''} ${body.message ?? JSON.stringify(body)}`);
}

/** LED-3 audit with no violation; the bench's accounts hold exactly what was issued; one journal entry per transfer. */
async function checkLedger(stack: ServiceStack, ledger: LedgerRepository, holders: Holder[], issued: Decimal, expectedEntries: number): Promise<void> {
  await assertLedgerAudit(ledger);
  const accountNos = holders.map((h) => h.accountNo);
  const held = (await ledger.accountsOf(null)).filter((a) => accountNos.includes(a.accountNo)).reduce((sum, a) => sum.plus(a.balance), new Decimal(0));
  const [{ n: entries }] = await stack.db.query(
    `SELECT count(DISTINCT e.id)::int AS n FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id JOIN ledger_accounts a ON a.id = l.account_id
     WHERE e.kind = 'transfer' AND a.account_no = ANY($1)`,
    [accountNos],
  );
  printLine('check', 'held = issued; journal entries = transfers', `${held.toFixed()} t = ${issued.toFixed()} t; ${entries} = ${expectedEntries}`);
  if (!held.equals(issued)) throw new Error(`the bench's accounts hold ${held.toFixed()} t but ${issued.toFixed()} t were issued to them`);
  if (entries !== expectedEntries) throw new Error(`${entries} transfer journal entries, but ${expectedEntries} transfers were answered 201`);
}
