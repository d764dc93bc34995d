import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Locates the Temporal binaries used by tests via the project scripts in `scripts/toolchain/`,
 * which build and cache them under the git-ignored `.tools/` folder.
 *
 * The scripts may do real work on a cold cache (Maven resolution + an AppCDS training run for the
 * test server: a few seconds; `go install` of the CLI: ~3 minutes), so call these from `beforeAll`
 * / global setup with a generous timeout. On a warm cache they return in a few milliseconds.
 */

/** Same shape as `EphemeralServerExecutable` from `@temporalio/testing` (kept local: no test deps at runtime). */
export type TestServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

/** test-server.sh exit code meaning "java/mvn not installed: let the SDK download the server". */
const EXIT_USE_SDK_DOWNLOAD = 3;
/** Upper bound for a cold-cache run (the CLI build is the slow one). */
const SCRIPT_TIMEOUT_MS = 15 * 60_000;

let repoRootCache: string | undefined;

/**
 * Repo root = first ancestor of this file holding both `package.json` and the toolchain scripts.
 * Walking up (instead of a fixed `../../..`) keeps this working both from `libs/temporal/src/` (ts
 * via swc/jest) and from `dist/libs/temporal/src/` (compiled by tsc).
 */
export function findRepoRoot(start: string = __dirname): string {
  if (repoRootCache && start === __dirname) return repoRootCache;
  let dir = path.resolve(start);
  for (;;) {
    if (
      fs.existsSync(path.join(dir, 'package.json')) &&
      fs.existsSync(path.join(dir, 'scripts', 'toolchain', 'test-server.sh'))
    ) {
      if (start === __dirname) repoRootCache = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Could not find the repository root (a directory with package.json and scripts/toolchain/) above ${start}`,
      );
    }
    dir = parent;
  }
}

interface ScriptResult {
  status: number;
  stdout: string;
  stderr: string;
}

function runToolchainScript(name: string, args: string[] = [], timeoutMs = SCRIPT_TIMEOUT_MS): ScriptResult {
  const script = path.join(findRepoRoot(), 'scripts', 'toolchain', name);
  // spawnSync rather than execFileSync: we need stdout, stderr and the exit code in every case
  // (exit 3 is an answer, not an error). Run through bash so a lost executable bit does not matter.
  const res = spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (res.error || res.status === null) {
    // bash missing, timeout, killed by a signal, ...
    const why = res.error
      ? `could not run: ${res.error.message}`
      : `was killed by ${res.signal ?? 'a signal'} (timeout is ${timeoutMs / 1000}s)`;
    throw new Error(`${script} ${why}\n${res.stderr ?? ''}`.trimEnd());
  }
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** The scripts print the result on the last stdout line; anything before it is noise. */
function lastLine(stdout: string): string {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return lines[lines.length - 1] ?? '';
}

/**
 * Executable for `TestWorkflowEnvironment.createTimeSkipping({ server: { executable } })`.
 *
 * - `$TEMPORAL_TEST_SERVER` set → that path.
 * - java + mvn available → wrapper around the Java test server cached in `.tools/temporal-test-server/`.
 * - java or mvn missing → `{ type: 'cached-download' }` (the SDK downloads the server; needs internet), with a warning.
 * - anything else → throws with the script's stderr.
 */
export function testServerExecutable(): TestServerExecutable {
  const res = runToolchainScript('test-server.sh');
  if (res.status === EXIT_USE_SDK_DOWNLOAD) {
    process.stderr.write(
      `[temporal-testing] warning: local test server unavailable, falling back to the SDK download.\n${res.stderr}`,
    );
    return { type: 'cached-download' };
  }
  const p = lastLine(res.stdout);
  if (res.status !== 0 || !p) {
    throw new Error(
      `scripts/toolchain/test-server.sh failed (exit ${res.status}); cannot start the Temporal time-skipping test server.\n` +
        (res.stderr.trim() || '(no stderr output)'),
    );
  }
  if (res.stderr) process.stderr.write(res.stderr); // first-run progress messages
  return { type: 'existing-path', path: p };
}

/**
 * Absolute path of a Temporal CLI binary (for `temporal server start-dev`, `temporal operator ...`).
 * Honors `$TEMPORAL_CLI`; may build the CLI with Go on first use (~3 min).
 */
export function temporalCliPath(): string {
  const res = runToolchainScript('temporal-cli.sh');
  const p = lastLine(res.stdout);
  if (res.status !== 0 || !p) {
    throw new Error(
      `scripts/toolchain/temporal-cli.sh failed (exit ${res.status}): could not provide a Temporal CLI. ` +
        'Install Go (the CLI is then built once into .tools/bin/) or set TEMPORAL_CLI=/path/to/temporal.\n' +
        (res.stderr.trim() || '(no stderr output)'),
    );
  }
  if (res.stderr) process.stderr.write(res.stderr); // e.g. "building Temporal CLI ... (~3 min)"
  return p;
}

/**
 * Absolute path of a binary of the production engine (scripts/toolchain/temporal-server.sh): the Temporal server, its
 * SQL schema tool or the standalone Web UI. Honors $TEMPORAL_SERVER / $TEMPORAL_SQL_TOOL / $TEMPORAL_UI_SERVER; on a
 * fresh machine builds it with Go first (the server: many minutes on 2 busy cores, hence the long timeout).
 */
export function temporalServerBinary(component: 'server' | 'sql-tool' | 'ui'): string {
  const res = runToolchainScript('temporal-server.sh', [component], 45 * 60_000);
  const p = lastLine(res.stdout);
  if (res.status !== 0 || !p) {
    throw new Error(`scripts/toolchain/temporal-server.sh ${component} failed (exit ${res.status}).\n${res.stderr.trim() || '(no stderr output)'}`);
  }
  if (res.stderr) process.stderr.write(res.stderr);
  return p;
}
