import { randomUUID } from 'node:crypto';
import { CaseRecordsRepository } from '../../apps/api/src/cases/case-records.repository';
import { RegistrationsRepository } from '../../apps/api/src/registrations/registrations.repository';
import type { SeededUser } from '../../apps/api/src/seed/demo-seed';
import { caseTypeOfNumber, REGISTRATION_MATERIALS } from '../../libs/domain/src';
import { identifierSkeleton } from '../../libs/domain/src/registration/identifier-skeleton';
import type { HttpClient } from '../demo/http-client';
import { emptyWorkflowRate, updateRoundTrips, withBaselineWorker } from './empty-workflows';
import { intFromEnv, percentile, pool, range, timed } from './measure';
import { Figure, printFigure, printHeading, printLine } from './report';
import { ServiceStack } from './service-stack';

/**
 * Registration cases through the real API on the Temporal dev server:
 *   1. cases started and persisted per second (HTTP submit → update-with-start → projection written) versus empty
 *      workflows started and completed per second;
 *   2. the round trip of an officer action (HTTP → Update → projection visible on a GET) versus a bare Update.
 */
const N = intFromEnv('BENCH_CASES', 200);
const CONCURRENCY = intFromEnv('BENCH_CONCURRENCY', 8);
const ACTIONS = intFromEnv('BENCH_ACTIONS', 200);
const WARM_UP = 20;

export async function registrationSection(stack: ServiceStack): Promise<Figure[]> {
  printHeading('registration', `${stack.temporalLabel}, embedded PostgreSQL; ${N} cases, concurrency ${CONCURRENCY}`);
  const { db, http, seed } = stack;
  const dev = seed.users.find((u) => u.role === 'developer')!;
  const [officerA, officerB] = seed.users.filter((u) => u.role === 'officer');
  const drafts = await readyDrafts(stack, N + WARM_UP);

  // Warm-up (JIT, connection pools, workflow cache), not counted; the baselines warm up on their own.
  await pool(drafts.splice(0, WARM_UP), CONCURRENCY, (c) => http.post(`/registrations/${c}/submit`, dev.token));
  const { emptyRate, updateMs } = await withBaselineWorker(stack.nativeConnection, async () => ({
    emptyRate: await emptyWorkflowRate(stack.client, N, CONCURRENCY),
    updateMs: await updateRoundTrips(stack.client, ACTIONS),
  }));

  const seconds = await timed(() =>
    pool(drafts, CONCURRENCY, async (c) => {
      const v = await http.post(`/registrations/${c}/submit`, dev.token);
      if (v.status !== 'under_review') throw new Error(`${c} is ${v.status}`);
    }),
  );
  const [{ n: persisted }] = await db.query(`SELECT count(*)::int AS n FROM registration_cases WHERE status = 'under_review'`);
  const submitted: Figure = {
    section: 'registration',
    baseline: { label: 'empty workflows started+completed', value: emptyRate, unit: '/s' },
    measured: { label: 'registrations submitted+persisted', value: N / seconds, unit: '/s', note: `${persisted} rows under_review` },
    ratioLabel: 'registrations/s ÷ empty workflows/s',
  };
  printFigure(submitted);

  // Officer actions: alternate claims between two officers; each round trip ends when a GET shows it.
  const { roundTrips: latencies, posts } = await claimRoundTrips(http, drafts, [officerA!, officerB!], ACTIONS);
  const ms = (s: number[], p: number) => `${percentile(s, p).toFixed(1)} ms`;
  const action: Figure = {
    section: 'registration',
    baseline: { label: 'bare Update round trip, p99', value: percentile(updateMs, 99), p99: percentile(updateMs, 99), unit: 'ms', note: `p50 ${ms(updateMs, 50)}, n=${ACTIONS} sequential` },
    measured: { label: 'officer action HTTP → Update → GET shows it, p99', value: percentile(latencies, 99), p99: percentile(latencies, 99), unit: 'ms', note: `p50 ${ms(latencies, 50)}, max ${ms(latencies, 100)}, n=${ACTIONS}` },
    ratioLabel: 'officer action p99 ÷ bare Update p99 (goal ≤ 2)',
  };
  printFigure(action);
  printLine('of which', 'the action (POST answered)', `p50 ${ms(posts, 50)}, p99 ${ms(posts, 99)}; the GET that shows it: p50 ${ms(latencies.map((l, i) => l - posts[i]!), 50)}`);
  printLine('check', 'registration cases under_review', `${persisted} (${N} measured + ${WARM_UP} warm-up)`);
  if (persisted !== N + WARM_UP) throw new Error(`expected ${N + WARM_UP} registration cases under_review, found ${persisted}`);
  return [submitted, action];
}

/**
 * Officer actions as the console sends them (every one with an Idempotency-Key: two more rows each), timed from the
 * POST until a GET of the case shows it: the i-th claims caseNos[i % length] as officers[i % length]. Registration
 * and issuance cases alike. Throws when a GET does not show the claim.
 */
export async function claimRoundTrips(
  http: HttpClient,
  caseNos: readonly string[],
  officers: readonly Pick<SeededUser, 'token' | 'userId'>[],
  n: number,
): Promise<{ roundTrips: number[]; posts: number[] }> {
  const roundTrips: number[] = [];
  const posts: number[] = [];
  for (let i = 0; i < n; i++) {
    const caseNo = caseNos[i % caseNos.length]!;
    const officer = officers[i % officers.length]!;
    const path = `/${caseTypeOfNumber(caseNo) === 'issuance' ? 'issuances' : 'registrations'}/${caseNo}`;
    const t0 = performance.now();
    await http.post(`${path}/claim`, officer.token, {}, { 'Idempotency-Key': `bench-claim-${i}-${randomUUID()}` });
    posts.push(performance.now() - t0);
    const seen = await http.get(path, officer.token);
    roundTrips.push(performance.now() - t0);
    if (seen.assignedOfficerId !== officer.userId) throw new Error(`claim of ${caseNo} not visible`);
  }
  return { roundTrips, posts };
}

/** Drafts with all four BJ-13 materials, written through the repositories, `concurrency` at a time (setup, not measured). */
export async function readyDrafts(stack: Pick<ServiceStack, 'db' | 'seed'>, n: number, concurrency = 1): Promise<string[]> {
  const dev = stack.seed.users.find((u) => u.role === 'developer')!;
  const repo = new RegistrationsRepository(stack.db);
  const records = new CaseRecordsRepository(stack.db);
  const year = new Date().getUTCFullYear();
  const drafts: string[] = [];
  await pool(range(n), concurrency, async (i) => {
    const siteId = `BENCH-${randomUUID()}`;
    const caseNo = await repo.createDraft({
      organisationId: dev.organisationId,
      jurisdiction: 'BJ',
      userId: dev.userId,
      year,
      project: { name: `Bench PV ${i}`, location: '北京', methodologyVersionId: stack.seed.methodologyVersions.tier1, siteIdentifiers: [siteId], implementationStartDate: '2024-01-01' },
      attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
      identifierClaims: [identifierSkeleton(siteId)],
    });
    for (const kind of REGISTRATION_MATERIALS) {
      await records.addDocument({ caseNo, kind, filename: `${kind}.pdf`, contentType: 'application/pdf', content: Buffer.from(`${kind} ${caseNo}`), round: 0, userId: dev.userId });
    }
    drafts[i] = caseNo;
  });
  return drafts;
}
