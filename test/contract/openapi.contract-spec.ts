import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { ROLES, type Role } from '../../libs/domain/src';
import { startApi } from '../support/api-harness';
import { describeFindings, figuresLine, groupFindings, publicOperations, readRun, runSchemathesis, schemathesisExecutable, stopRuns, type RunOutcome, type RunSummary } from '../support/schemathesis';
import { seedContractData } from './contract-data';

/**
 * The OpenAPI document is a contract: Schemathesis generates requests from it (valid and invalid, guided by seeded
 * identifiers) and checks every response. Once per role with that role's bearer token over every operation, and
 * once without a token over the operations the document declares public. Fails on any server error, on any
 * response the document does not describe (status code, content type, body schema), and on an operation that
 * declares bearer auth but does not enforce it (ROLE-1), or leaves a request unanswered past the request timeout.
 * Figures per run are printed and, with the raw reports and the grouped findings, written to .data/contract/<run>/
 * (output.txt: schemathesis' own report; findings.json; junit.xml, events.ndjson, report.json).
 *
 * Each run gets data of its own (organisations, users, cases, accounts: see contract-data.ts), so runs cannot
 * disturb each other's cases and may overlap. Budget (environment, all optional):
 *   CONTRACT_MAX_EXAMPLES     test cases per operation in the fuzzing phase (default 10, ×5 for the public
 *                             operations; the coverage and examples phases enumerate the document, unbounded by it)
 *   CONTRACT_CONCURRENCY      runs at a time (default 2)
 *   CONTRACT_RUN_LIMIT_S      wall-clock limit of one run; a run that reaches it is interrupted and fails (default 180:
 *                             ~1.8 s per operation of the 96 the document has; it was 120 s for 70 before the
 *                             notification and webhook endpoints, and quiet runs of a role now take 64–122 s)
 *   CONTRACT_REQUEST_TIMEOUT_S  one request (default 10)
 *   CONTRACT_SEED             the same seed sends the same inputs (default 1)
 *   CONTRACT_RUNS             only these runs, e.g. `developer,unauthenticated` (default all)
 */
const OUT = resolve(__dirname, '..', '..', '.data', 'contract');
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const BUDGET = {
  maxExamples: env('CONTRACT_MAX_EXAMPLES', 10),
  wallClockS: env('CONTRACT_RUN_LIMIT_S', 180),
  requestTimeoutS: env('CONTRACT_REQUEST_TIMEOUT_S', 10),
  seed: env('CONTRACT_SEED', 1),
};
const CONCURRENCY = env('CONTRACT_CONCURRENCY', 2);
const ALL_RUNS: { label: string; role?: Role }[] = [{ label: 'unauthenticated' }, ...ROLES.map((role) => ({ label: role, role }))];
// The runs happen in beforeAll, so jest's -t cannot skip them; CONTRACT_RUNS=developer,officer can.
const RUNS = process.env.CONTRACT_RUNS ? ALL_RUNS.filter((r) => process.env.CONTRACT_RUNS!.split(',').includes(r.label)) : ALL_RUNS;
if (!RUNS.length) throw new Error(`CONTRACT_RUNS=${process.env.CONTRACT_RUNS} names none of ${ALL_RUNS.map((r) => r.label).join(', ')}`);
// Seeding one run's data takes a few seconds through the API; the limit bounds schemathesis itself.
const ALL_RUNS_S = Math.ceil(RUNS.length / CONCURRENCY) * (BUDGET.wallClockS + 20);

const say = (line: string) => process.stderr.write(`[contract] ${line}\n`);

/**
 * Not fuzzed in a role's run: it ends every session of the run's own user, so every later request of the run
 * would answer 401 and test nothing (it did: all but ~35 of 2 300 requests per role). identity.e2e-spec tests it.
 */
const ENDS_THE_RUNS_SESSION = ['POST /auth/logout-everywhere'];

interface Result {
  label: string;
  summary: RunSummary;
  outcome: RunOutcome;
}

describe('the OpenAPI document is a contract (schemathesis, one run per role)', () => {
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  const results = new Map<string, Promise<Result>>();

  // All runs happen here, CONCURRENCY at a time; each test below then judges one of them.
  beforeAll(async () => {
    const executable = schemathesisExecutable();
    const started = Date.now();
    // Every run comes from one address: the per-client rate limits (their own test: identity.e2e-spec) would
    // answer most requests with 429 and hide the operations behind them. 429 stays documented where it applies.
    const live = await startApi({ env: { RATE_LIMIT_PUBLIC: 'off', RATE_LIMIT_COMMENTS: 'off', RATE_LIMIT_LOGIN: 'off', RATE_LIMIT_REFRESH: 'off' } });
    api = live;
    // Schemathesis is another process: the API listens on a real (free, loopback) port.
    await live.app.listen(0, '127.0.0.1');
    const schemaUrl = `http://127.0.0.1:${(live.app.getHttpServer().address() as AddressInfo).port}/docs-json`;
    mkdirSync(OUT, { recursive: true });
    const document = (await live.http().get('/docs-json')).body;
    writeFileSync(join(OUT, 'openapi.json'), JSON.stringify(document, null, 2));
    // Without a token only the public surface is worth fuzzing; what a protected operation answers without one is
    // tested in every role's run (schemathesis drops the credentials in its coverage phase, and ignored_auth).
    const publicOps = publicOperations(document);
    say(`API at ${schemaUrl}; ${BUDGET.maxExamples} fuzzing examples per operation, seed ${BUDGET.seed}, ${CONCURRENCY} runs at a time, ≤ ${BUDGET.wallClockS} s per run; reports in ${OUT}`);

    const run = async ({ label, role }: (typeof RUNS)[number]): Promise<Result> => {
      const data = await seedContractData(live);
      const outDir = join(OUT, label);
      const outcome = await runSchemathesis({
        executable, fuzz: data.fuzz, schemaUrl, outDir,
        authorization: role ? live.bearer(data.users[role]).Authorization : undefined,
        ...BUDGET,
        operations: role ? undefined : publicOps,
        excludeOperations: role ? ENDS_THE_RUNS_SESSION : undefined,
        // Anyone can send anything to the public surface, and it is a handful of operations: five times the examples.
        maxExamples: role ? BUDGET.maxExamples : BUDGET.maxExamples * 5,
      });
      const summary = readRun(outDir);
      writeFileSync(join(outDir, 'findings.json'), JSON.stringify(groupFindings(summary), null, 2));
      say(figuresLine(label, summary, outcome));
      return { label, summary, outcome };
    };
    const queue = [...RUNS];
    const lanes = Array.from({ length: CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const p = run(next);
        results.set(next.label, p);
        await p.catch(() => undefined); // judged by its own test
      }
    });
    await Promise.all(lanes);
    writeSummary([...(await Promise.allSettled(results.values()))].flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    say(`all runs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }, (ALL_RUNS_S + 120) * 1000);

  afterAll(async () => {
    stopRuns();
    await api?.stop();
  }, 30_000);

  it.each(RUNS)('ROLE-1: $label — no request answers 5xx and every response is one the OpenAPI document describes', async ({ label }) => {
    const pending = results.get(label);
    if (!pending) throw new Error(`no contract run for ${label} (see beforeAll)`);
    const { summary, outcome } = await pending;
    // The harness itself worked: the document loaded and requests went out.
    expect(summary.operationsTested).toBeGreaterThan(0);
    expect(summary.requests).toBeGreaterThan(0);
    const findings = describeFindings(label, summary, outcome);
    if (findings || summary.serverErrors) {
      throw new Error(`${summary.serverErrors} responses were 5xx; schemathesis' findings (reproduce with the curl lines, a ${label} token in place of [Filtered]; full reports in ${join(OUT, label)}):\n${findings}`);
    }
  });

  /** One figures line per run, again together, and summary.json for whoever reads CI's artefacts. */
  function writeSummary(done: Result[]) {
    say(`figures (also in ${join(OUT, 'summary.json')}):`);
    for (const r of done) say(figuresLine(r.label, r.summary, r.outcome));
    writeFileSync(join(OUT, 'summary.json'), JSON.stringify({
      budget: { ...BUDGET, concurrency: CONCURRENCY },
      runs: done.map(({ label, summary, outcome }) => ({
        label, seconds: outcome.seconds, interrupted: outcome.timedOut,
        operationsTested: summary.operationsTested, operationsSelected: summary.operationsSelected, requests: summary.requests,
        serverErrors: summary.serverErrors, findings: summary.findings.length, errors: summary.errors, statuses: summary.statuses,
      })),
    }, null, 2));
  }
});
