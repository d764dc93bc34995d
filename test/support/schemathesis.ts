import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Drives Schemathesis (the property-based OpenAPI fuzzer, a Python CLI installed by
 * scripts/toolchain/schemathesis.sh) against a running API and reads back what it found.
 *
 * Schemathesis does the generating, sending and checking; this module only writes its config, runs it with a
 * bounded budget, and condenses its machine-readable reports (NDJSON: every request and check; JUnit: the
 * deduplicated failures with schemathesis' reproducing curl; JSON: the run's verdict) into figures and a list.
 */

const ROOT = resolve(__dirname, '..', '..');

/**
 * Server errors, and responses that break the document: an undocumented status code, a Content-Type the
 * operation does not declare, a body that does not match the declared schema; and (ROLE-1) an operation that
 * declares bearer auth but answers 2xx without it or with an invalid token (schemathesis probes each operation
 * once without and once with broken credentials after a success).
 */
export const CONTRACT_CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'ignored_auth'] as const;

/** The installed executable (the toolchain script is instant once its venv is cached). */
export function schemathesisExecutable(): string {
  const out = execFileSync('bash', [join(ROOT, 'scripts/toolchain/schemathesis.sh')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = out.trim().split('\n');
  return lines[lines.length - 1];
}

/** Known-good identifiers for the fuzzer to draw parameters from (schemathesis "dictionaries"). */
export interface FuzzData {
  dictionaries: Record<string, readonly string[]>;
  /** `path.caseNo`, `query.projectId`, `body.toAccountNo`, `body.documentIds[*]`… → dictionary name. */
  parameters: Record<string, string>;
  /** The same, for operations whose path matches a regular expression (e.g. which `{id}` an `id` is). */
  operations: { pathRegex: string; parameters: Record<string, string> }[];
  /** How often a bound parameter takes a known value rather than a generated one. */
  probability: number;
}

const tomlString = (s: string) => JSON.stringify(s); // a JSON string literal is a valid TOML basic string

/** schemathesis.toml for the run: the dictionaries and their bindings, and no example database between runs. */
function writeConfig(file: string, data: FuzzData): void {
  const bind = (params: Record<string, string>) =>
    Object.entries(params).map(([key, dict]) => `${tomlString(key)} = { dictionary = ${tomlString(dict)}, probability = ${data.probability} }`);
  const lines = [
    '# Written by test/support/schemathesis.ts for one contract run; not hand-edited.',
    '[generation]',
    '# No example database: every run starts from the seed alone, so two runs of one commit send the same inputs.',
    'database = "none"',
    '',
  ];
  for (const [name, values] of Object.entries(data.dictionaries)) {
    if (values.length) lines.push(`[dictionaries.${name}]`, `values = [${values.map(tomlString).join(', ')}]`, '');
  }
  lines.push('[parameters]', ...bind(data.parameters), '');
  for (const op of data.operations) {
    lines.push('[[operations]]', `include-path-regex = ${tomlString(op.pathRegex)}`, '[operations.parameters]', ...bind(op.parameters), '');
  }
  writeFileSync(file, lines.join('\n'));
}

/** The operations an OpenAPI 3 document lets anyone call: no security requirement of their own or global. */
export function publicOperations(doc: { security?: unknown[]; paths: Record<string, Record<string, { security?: unknown[] }>> }): string[] {
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method, op]) => methods.includes(method) && !(op.security ?? doc.security)?.length)
      .map(([method]) => `${method.toUpperCase()} ${path}`));
}

export interface RunOptions {
  executable: string;
  /** Identifiers for the fuzzer, written to `<outDir>/schemathesis.toml`. */
  fuzz: FuzzData;
  schemaUrl: string;
  /** A directory of its own; emptied first. */
  outDir: string;
  /** Sent with every request, e.g. `Bearer eyJ…`; none for the unauthenticated run. */
  authorization?: string;
  /** Only these operations (`GET /health`…); all when absent. */
  operations?: readonly string[];
  /** Not these operations (same form). */
  excludeOperations?: readonly string[];
  /** Test cases per operation and phase (schemathesis --max-examples). */
  maxExamples: number;
  seed: number;
  requestTimeoutS: number;
  /** Hard bound: the run is interrupted (SIGINT, so it still writes its reports) and marked incomplete. */
  wallClockS: number;
}

export interface RunOutcome {
  exitCode: number | null;
  timedOut: boolean;
  seconds: number;
}

const running = new Set<ChildProcess>();
/** Ends every run still going (a test that timed out, a failed beforeAll): nothing outlives the test process. */
export function stopRuns(): void {
  for (const child of running) child.kill('SIGKILL');
}
process.once('exit', stopRuns);

/** Runs schemathesis once; its config, terminal output (`output.txt`) and reports go to `outDir`. */
export async function runSchemathesis(o: RunOptions): Promise<RunOutcome> {
  rmSync(o.outDir, { recursive: true, force: true });
  mkdirSync(o.outDir, { recursive: true });
  const configFile = join(o.outDir, 'schemathesis.toml');
  writeConfig(configFile, o.fuzz);
  const args = [
    '--config-file', configFile, 'run', o.schemaUrl,
    '--checks', CONTRACT_CHECKS.join(','),
    '--max-examples', String(o.maxExamples),
    '--seed', String(o.seed),
    '--workers', '1',
    // Spend the whole budget on every operation even after a failure: the figures then measure the same work on a
    // failing API as on a passing one, and each operation reports every kind of fault it has, not only the first.
    '--continue-on-failure',
    '--request-timeout', String(o.requestTimeoutS),
    '--report', 'junit,ndjson,json',
    '--report-junit-path', join(o.outDir, 'junit.xml'),
    '--report-ndjson-path', join(o.outDir, 'events.ndjson'),
    '--report-json-path', join(o.outDir, 'report.json'),
    '--no-color',
    ...(o.authorization ? ['--header', `Authorization: ${o.authorization}`] : []),
    ...(o.operations ?? []).flatMap((label) => ['--include-name', label]),
    ...(o.excludeOperations ?? []).flatMap((label) => ['--exclude-name', label]),
  ];
  const started = Date.now();
  const log = createWriteStream(join(o.outDir, 'output.txt'));
  // cwd: hypothesis and schemathesis keep caches in the working directory; in outDir they go with it at the next run.
  const child = spawn(o.executable, args, { cwd: o.outDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  running.add(child);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let timedOut = false;
  let kill: NodeJS.Timeout | undefined;
  const interrupt = setTimeout(() => {
    timedOut = true;
    child.kill('SIGINT');
    kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
  }, o.wallClockS * 1000);
  const exitCode = await new Promise<number | null>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res(code));
  }).finally(() => {
    running.delete(child);
    clearTimeout(interrupt);
    clearTimeout(kill);
  });
  await new Promise((res) => log.end(res));
  return { exitCode, timedOut, seconds: (Date.now() - started) / 1000 };
}

/** One deduplicated finding, as schemathesis reports it (its smallest reproducing case). */
export interface Finding {
  operation: string;
  check: string;
  code: string;
  title: string;
  /** The response's status, or undefined when there was none (network error). */
  status?: number;
  /** Schemathesis' explanation, e.g. "Received: 400\nDocumented: 200, 401". */
  message: string;
  /** The start of the response body. */
  body: string;
  caseId: string;
  /** Schemathesis' reproducing command (the Authorization header shows as [Filtered]). */
  curl?: string;
}

export interface RunSummary {
  operationsTested: number;
  operationsSelected: number;
  /** Requests sent: every recorded interaction. */
  requests: number;
  /** Responses with a 5xx status, among all requests (not only the deduplicated findings). */
  serverErrors: number;
  statuses: Record<string, number>;
  findings: Finding[];
  /** What kept schemathesis from judging a request (network errors, timeouts, an unloadable document), with curl. */
  errors: string[];
  stopReason: string;
  complete: boolean;
}

interface Interaction {
  response?: { status_code: number; content?: { $base64?: string } } | null;
}
interface CheckRecord {
  name: string;
  status: string;
  failure_info?: { failure: { code: string; title: string; message: string; operation: string } };
}

/** Reads the three reports of one run (see runSchemathesis) into figures and findings. */
export function readRun(outDir: string): RunSummary {
  const reportFile = join(outDir, 'report.json');
  // Missing or empty when schemathesis died before its end (killed, crashed): its terminal output says why.
  const text = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '';
  if (!text.trim()) throw new Error(`schemathesis wrote no report in ${outDir}; see ${join(outDir, 'output.txt')}`);
  const report = JSON.parse(text);
  const junit = existsSync(join(outDir, 'junit.xml')) ? readFileSync(join(outDir, 'junit.xml'), 'utf8') : '';
  const reported = junitCases(junit);

  let requests = 0;
  let serverErrors = 0;
  const statuses: Record<string, number> = {};
  const findings: Finding[] = [];
  const events = existsSync(join(outDir, 'events.ndjson')) ? readFileSync(join(outDir, 'events.ndjson'), 'utf8').split('\n') : [];
  for (const line of events) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const recorder = JSON.parse(line).ScenarioFinished.recorder as {
      label: string;
      interactions?: Record<string, Interaction>;
      checks?: Record<string, CheckRecord[]>;
    };
    for (const [caseId, i] of Object.entries(recorder.interactions ?? {})) {
      requests += 1;
      const status = i.response?.status_code;
      statuses[status ?? 'none'] = (statuses[status ?? 'none'] ?? 0) + 1;
      if (status !== undefined && status >= 500) serverErrors += 1;
      const curl = reported.get(caseId);
      if (curl === undefined) continue; // not one of the cases schemathesis kept as a finding
      for (const c of recorder.checks?.[caseId] ?? []) {
        if (c.status !== 'failure' || !c.failure_info) continue;
        const f = c.failure_info.failure;
        findings.push({
          operation: recorder.label, check: c.name, code: f.code, title: f.title, status, message: f.message,
          body: Buffer.from(i.response?.content?.$base64 ?? '', 'base64').toString('utf8').slice(0, 300), caseId, curl: curl || undefined,
        });
      }
    }
  }
  return {
    operationsTested: report.operations?.tested ?? 0,
    operationsSelected: report.operations?.selected ?? 0,
    requests,
    serverErrors,
    statuses,
    findings,
    errors: errorsOf(junit, report.errors ?? []),
    stopReason: report.stop_reason,
    complete: report.complete,
  };
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e.toLowerCase()] ??
    String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));

/** Test Case ID → its "Reproduce with" curl line ('' when none) for every failure the JUnit report lists. */
function junitCases(xml: string): Map<string, string> {
  const cases = new Map<string, string>();
  for (const [, inner] of xml.matchAll(/<failure\b[^>]*>([\s\S]*?)<\/failure>/g)) {
    const text = unescapeXml(inner);
    const blocks = text.split(/(?=\d+\. Test Case ID: )/);
    for (const block of blocks) {
      const id = /Test Case ID: (\S+)/.exec(block)?.[1];
      if (!id) continue;
      cases.set(id, /Reproduce with:\s*\n\s*(curl [^\n]*)/.exec(block)?.[1]?.trim() ?? '');
    }
  }
  return cases;
}

/**
 * What kept schemathesis from judging a request — a network error, a request that timed out, a schema it could not
 * load — each with its operation and reproducing curl from the JUnit report. The JSON report only counts them by
 * title, so it is the fallback for errors outside any operation (e.g. the document failed to load).
 */
function errorsOf(xml: string, counted: { title: string; count: number }[]): string[] {
  const errors: string[] = [];
  // One chunk per <testcase> (many are self-closing, so a <testcase>…</testcase> pattern would run into the next).
  for (const chunk of xml.split('<testcase ').slice(1)) {
    const name = /^[^>]*\bname="([^"]*)"/.exec(chunk)?.[1] ?? '(no operation)';
    for (const [, inner] of chunk.matchAll(/<error\b[^>]*>([\s\S]*?)<\/error>/g)) {
      const text = unescapeXml(inner);
      const what = text.split('Reproduce with:')[0].trim().replace(/\s*\n\s*/g, ': ');
      const curl = /Reproduce with:\s*\n\s*(curl [^\n]*)/.exec(text)?.[1]?.trim();
      errors.push(`${unescapeXml(name)}: ${what}${curl ? `\n      ${curl}` : ''}`);
    }
  }
  return errors.length ? errors : counted.map((e) => `${e.title} (×${e.count})`);
}

const isServerError = (f: Finding) => f.status !== undefined && f.status >= 500;
const HEADINGS: Record<string, string> = {
  status_code_conformance: 'Undocumented status codes',
  content_type_conformance: 'Undocumented content types',
  response_schema_conformance: 'Responses that do not match their schema',
  ignored_auth: 'Authentication declared but not enforced',
};

/**
 * The findings by kind. A 5xx is one server error however many checks it failed (it is usually also an
 * undocumented status code); every other finding is listed under the check it failed.
 */
export function groupFindings(s: RunSummary): { heading: string; findings: Finding[] }[] {
  const serverErrors = new Map<string, Finding>();
  for (const f of s.findings.filter(isServerError)) {
    const seen = serverErrors.get(f.caseId);
    const message = [seen?.message, f.message].filter(Boolean).join('\n');
    serverErrors.set(f.caseId, seen ? { ...seen, code: `${seen.code}, ${f.code}`, check: `${seen.check}, ${f.check}`, message } : f);
  }
  const rest = s.findings.filter((f) => !isServerError(f));
  const byOperation = (a: Finding, b: Finding) => a.operation.localeCompare(b.operation) || (a.status ?? 0) - (b.status ?? 0);
  return [
    { heading: 'Server errors', findings: [...serverErrors.values()] },
    ...Object.entries(HEADINGS).map(([check, heading]) => ({ heading, findings: rest.filter((f) => f.check === check) })),
    { heading: 'Other', findings: rest.filter((f) => !(f.check in HEADINGS)) },
  ].map((g) => ({ ...g, findings: g.findings.sort(byOperation) })).filter((g) => g.findings.length);
}

/** One line of figures per run, e.g. `developer   56/56 operations  1683 requests  0 server errors  0 other failures …`. */
export function figuresLine(label: string, s: RunSummary, outcome: RunOutcome): string {
  const other = s.findings.filter((f) => !isServerError(f)).length;
  return [
    label.padEnd(16),
    `${s.operationsTested}/${s.operationsSelected} operations`.padEnd(18),
    `${s.requests} requests`.padEnd(14),
    `${s.serverErrors} server errors`.padEnd(18),
    `${other} other failures`.padEnd(18),
    `${s.errors.length} errors`.padEnd(10),
    `${outcome.seconds.toFixed(1)} s${outcome.timedOut ? ' (INTERRUPTED at the wall-clock limit)' : ''}`,
  ].join(' ');
}

/** The findings of one run grouped by kind, each with operation, status, check, message, body and curl. */
export function describeFindings(label: string, s: RunSummary, outcome: RunOutcome): string {
  const out: string[] = [];
  for (const { heading, findings } of groupFindings(s)) {
    out.push(`${heading} (${findings.length}):`);
    for (const f of findings) {
      out.push(`  ${f.operation} → ${f.status ?? 'no response'} [${f.code} ${f.check}] ${f.message.trim().replace(/\s*\n\s*/g, '; ')}`);
      if (f.body) out.push(`      body: ${f.body.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (f.curl) out.push(`      ${f.curl}`);
    }
  }
  for (const e of s.errors) out.push(`Error: ${e}`);
  if (outcome.timedOut) out.push(`The run was interrupted at its wall-clock limit (stop reason: ${s.stopReason}): coverage is incomplete.`);
  return out.length ? `${label}:\n${out.join('\n')}` : '';
}
