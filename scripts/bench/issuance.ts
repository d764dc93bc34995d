import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { CaseRecordsRepository } from '../../apps/api/src/cases/case-records.repository';
import { Clock } from '../../apps/api/src/common/clock';
import { IssuancesRepository } from '../../apps/api/src/issuances/issuances.repository';
import { IssuancesService } from '../../apps/api/src/issuances/issuances.service';
import { TemporalClientService } from '../../apps/api/src/temporal/temporal-client.service';
import { Actor, ISSUANCE_MATERIALS } from '../../libs/domain/src';
import { CaseProjectionRepository, LedgerRepository } from '../../libs/persistence/src';
import { IssuanceCaseView, issuanceWorkflowId } from '../../libs/temporal/src';
import { unkeyed } from '../../apps/api/src/idempotency/idempotency.interceptor';
import { ensureSearchAttributes } from '../../libs/temporal/src/server/search-attribute-registration';
import { testServerExecutable } from '../../libs/temporal/src/test-server-executable';
import { log, sleep } from '../stack/util';
import { emptyWorkflowRate, withBaselineWorker } from './empty-workflows';
import { startCaseWorker } from './issuance-worker';
import { assertLedgerAudit } from './ledger-audit';
import { intFromEnv, pool, timed } from './measure';
import { benchTag, insertMethodologyVersion, insertOrganisation, insertRegisteredProject, insertUser } from './registry-rows';
import { Figure, printFigure, printHeading, printLine } from './report';

/**
 * Issuance cases completed per second on the Temporal time-skipping test server, with the real workflow, the real
 * activities and PostgreSQL: submit → technical review (audited quantity) → publicity opened, for every case; one
 * skip of the server's clock past the 10 working days of publicity; then submit to the bureau → bureau sign-off →
 * credits issued → workflow closed. Baseline: empty workflows started and completed per second on the same server.
 * The use cases are called as the API's controllers call them (IssuancesService), without HTTP.
 */
const CASES = intFromEnv('BENCH_ISSUANCES', 30);
const CONCURRENCY = intFromEnv('BENCH_ISSUANCE_CONCURRENCY', 8);
const EMPTY_WORKFLOWS = intFromEnv('BENCH_ISSUANCE_BASELINE', 200);
const WARM_UP = 4;
const CLAIMED = '100';
const AUDITED = '100';
const ISSUED = '100'; // BJ-23: audited = claimed, nothing deducted

export interface Parties {
  developer: Actor;
  verifier: Actor;
  officer: Actor;
  bureau: Actor;
  methodologyVersionId: string;
}

export async function issuanceSection(): Promise<Figure[]> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  try {
    const searchAttributesEnabled = await ensureSearchAttributes(env.connection, 'default', (m) => log('bench', m));
    const worker = await startCaseWorker(env.nativeConnection);
    try {
      return await measure(env, worker.db, searchAttributesEnabled);
    } finally {
      await worker.stop();
    }
  } finally {
    await env.teardown();
  }
}

async function measure(env: TestWorkflowEnvironment, db: DataSource, searchAttributesEnabled: boolean): Promise<Figure[]> {
  printHeading('issuance', `Temporal time-skipping test server ${env.connection.options.address}, real workflows and activities, embedded PostgreSQL; ${CASES} cases, concurrency ${CONCURRENCY}`);
  // A plain client for both figures: the environment's own client locks and unlocks time skipping around every
  // result(), two extra calls per workflow that the cases (Updates) do not pay.
  const client = new Client({ connection: env.connection });
  const service = issuancesService(db, TemporalClientService.over(client, searchAttributesEnabled));
  const parties = await insertParties(db);
  const applications: string[] = [];
  for (let i = 0; i < WARM_UP + CASES; i++) applications.push(await readyApplication(db, service, parties));

  /** Every case from submission to a closed workflow, in two waves around one skip of the server's clock. */
  const drive = async (caseNos: string[]) => {
    const closesAt: number[] = [];
    await pool(caseNos, CONCURRENCY, async (caseNo) => {
      const { developer, officer } = parties;
      const submitted = await service.act(developer, caseNo, 'submit', {}, unkeyed());
      if (submitted.status !== 'under_review') throw new Error(`${caseNo} is ${submitted.status} after submission`);
      await service.act(officer, caseNo, 'review', { outcome: 'pass', auditedTco2e: AUDITED }, unkeyed());
      const open = await service.act(officer, caseNo, 'openPublicity', {}, unkeyed());
      closesAt.push(Date.parse(open.deadline!.closesAt));
    });
    // Publicity closes at 00:00 of a working day: one skip past the last close fires every case's timer.
    const skip = Math.max(...closesAt) - (await env.currentTimeMs()) + 60_000;
    if (skip > 0) await env.sleep(skip);
    await pool(caseNos, CONCURRENCY, async (caseNo) => {
      const { officer, bureau } = parties;
      await statusBecomes(db, caseNo, 'awaiting_bureau_submission');
      await service.act(officer, caseNo, 'submitToBureau', {}, unkeyed());
      const done = await service.act<IssuanceCaseView>(bureau, caseNo, 'signOff', {}, unkeyed());
      if (done.status !== 'issued' || done.issuedTco2e !== ISSUED) throw new Error(`${caseNo} signed off as ${done.status} with ${done.issuedTco2e} t`);
      const closed: IssuanceCaseView = await client.workflow.getHandle(issuanceWorkflowId(caseNo)).result();
      if (closed.status !== 'issued') throw new Error(`${caseNo}'s workflow closed as ${closed.status}`);
    });
  };

  // Warm-up (JIT, pools, workflow cache, the activities' first queries), not counted.
  await drive(applications.splice(0, WARM_UP));
  const emptyRate = await withBaselineWorker(env.nativeConnection, () => emptyWorkflowRate(client, EMPTY_WORKFLOWS, CONCURRENCY));
  const seconds = await timed(() => drive(applications));

  const figure: Figure = {
    section: 'issuance',
    baseline: { label: 'empty workflows started+completed', value: emptyRate, unit: '/s', note: `n=${EMPTY_WORKFLOWS}` },
    measured: { label: 'issuance cases submitted → issued, time skipped', value: CASES / seconds, unit: '/s', note: `${CASES} cases in ${seconds.toFixed(1)} s` },
    ratioLabel: 'issuance cases/s ÷ empty workflows/s',
  };
  printFigure(figure);
  await checkIssued(db, applications);
  return [figure];
}

/** The issuance use cases as the API's controllers call them, on this database and Temporal client. */
export function issuancesService(db: DataSource, temporal: TemporalClientService): IssuancesService {
  return new IssuancesService(new IssuancesRepository(db), new CaseRecordsRepository(db), new CaseProjectionRepository(db), temporal, new Clock());
}

async function insertParties(db: DataSource): Promise<Parties> {
  const tag = benchTag();
  const org = (kind: 'developer' | 'verifier' | 'registry' | 'bureau') => insertOrganisation(db, `Bench ${kind} ${tag}`, kind);
  const developer = await insertUser(db, await org('developer'), 'developer', 'Bench Developer');
  const verifier = await insertUser(db, await org('verifier'), 'verifier', 'Bench Verifier');
  const officer = await insertUser(db, await org('registry'), 'officer', 'Bench Officer');
  const bureau = await insertUser(db, await org('bureau'), 'bureau', 'Bench Bureau');
  return { developer, verifier, officer, bureau, methodologyVersionId: await insertMethodologyVersion(db, bureau.userId) };
}

/** A draft application for 2025 of a freshly registered project, its materials uploaded (setup, not measured). */
export async function readyApplication(db: DataSource, service: IssuancesService, p: Parties): Promise<string> {
  const { projectId } = await insertRegisteredProject(db, p.developer.organisationId, p.methodologyVersionId);
  const draft = await service.create(p.developer, {
    projectId,
    monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' },
    claimedTco2e: CLAIMED,
    verifierOrganisationId: p.verifier.organisationId,
  });
  for (const kind of ISSUANCE_MATERIALS) {
    // BJ-21: the named verifier uploads the verification report, the developer everything else.
    const by = kind === 'verification_report' ? p.verifier : p.developer;
    await service.uploadDocument(by, draft.caseNo, { kind, filename: `${kind}.pdf`, contentType: 'application/pdf', content: Buffer.from(`${kind} of ${draft.caseNo}`) });
  }
  return draft.caseNo;
}

/** The projection is written by activities just after the timer fires; poll it briefly. */
async function statusBecomes(db: DataSource, caseNo: string, status: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.query(`SELECT status FROM issuance_cases WHERE case_no = $1`, [caseNo]);
    if (row?.status === status) return;
    if (Date.now() > until) throw new Error(`${caseNo} is still ${row?.status}, not ${status}, after ${timeoutMs / 1000} s`);
    await sleep(20);
  }
}

/** Every measured case issued once, none flagged overdue on the way, and the ledger's self-audit clean. */
async function checkIssued(db: DataSource, caseNos: string[]): Promise<void> {
  const [row] = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'issued')::int AS issued, count(*) FILTER (WHERE overdue OR escalated)::int AS late,
            COALESCE(sum(issued_tco2e), 0)::text AS tonnes, count(block_id)::int AS blocks
     FROM issuance_cases WHERE case_no = ANY($1)`,
    [caseNos],
  );
  const expected = new Decimal(ISSUED).times(caseNos.length);
  printLine('check', 'cases issued, blocks, tonnes, overdue', `${row.issued}/${caseNos.length}, ${row.blocks} blocks, ${row.tonnes} t (expected ${expected.toFixed()} t), ${row.late} overdue`);
  if (row.issued !== caseNos.length || row.blocks !== caseNos.length || !expected.equals(row.tonnes) || row.late !== 0) {
    throw new Error('the issuance cases did not all end issued, once, on time');
  }
  await assertLedgerAudit(new LedgerRepository(db));
}
