import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES, CLI_SEARCH_ATTRIBUTE_FLAGS } from '../../libs/temporal/src/search-attributes';
import { temporalCliPath } from '../../libs/temporal/src/test-server-executable';
import {
  AbortedError,
  assertPortFree,
  describeExit,
  exitOf,
  ExitInfo,
  killEscalating,
  killOnExit,
  log,
  portAccepts,
  seconds,
  sleep,
  TailBuffer,
} from './util';

/** `temporal server start-dev` (Temporal CLI, SQLite-backed, built by scripts/toolchain/temporal-cli.sh). */

export interface TemporalDevServerOptions {
  /** SQLite file for persistent state; omit for in-memory (state lost on exit). */
  dbFile?: string;
  /** Frontend gRPC port. */
  port: number;
  /** Web UI port (ignored when headless). */
  uiPort: number;
  /** Namespace the apps use; created at launch ("default" always exists). */
  namespace?: string;
  /** Append the server's output to this file (it is always kept in memory for error messages). */
  log?: string;
  /** No Web UI (tests). */
  headless?: boolean;
  /** Own process group, so a terminal Ctrl-C reaches only our Node process, which stops the server in order. */
  detached?: boolean;
  /** Default 60 s. */
  startTimeoutMs?: number;
  /** Aborting kills the server and rejects the start. */
  signal?: AbortSignal;
  /** Temporal CLI binary; default: scripts/toolchain/temporal-cli.sh (TEMPORAL_CLI overrides). */
  cliPath?: string;
  /** Dynamic config values (`--dynamic-config-value key=<JSON>`), e.g. a short long-poll interval for a test. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface TemporalDevServer {
  /** host:port for TEMPORAL_ADDRESS */
  address: string;
  /** Web UI URL ('' when headless). */
  uiUrl: string;
  pid: number;
  /** Resolves when the server process exits, for whatever reason. */
  exited: Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL after 10 s; idempotent; never throws. */
  stop(): Promise<void>;
}

const TAG = 'temporal';
const HOST = '127.0.0.1';

export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const started = Date.now();
  const namespace = opts.namespace ?? 'default';
  checkAbort(opts.signal);
  const cli = opts.cliPath ?? temporalCliPath();

  const hint = 'A Temporal dev server from an earlier run may still be running; stop it or choose other ports.';
  await assertPortFree(opts.port, 'Temporal frontend (gRPC)', hint, HOST);
  if (!opts.headless) await assertPortFree(opts.uiPort, 'Temporal Web UI', hint, HOST);

  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(opts.port)];
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  args.push('--namespace', namespace, ...CLI_SEARCH_ATTRIBUTE_FLAGS, '--log-level', 'warn', '--color', 'never');
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);

  const tail = new TailBuffer(40);
  const logStream = opts.log ? fs.createWriteStream(opts.log, { flags: 'a' }) : undefined;
  logStream?.write(`\n--- ${new Date().toISOString()} ${cli} ${args.join(' ')}\n`);
  const child = spawn(cli, args, { detached: opts.detached ?? false, stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (d: Buffer) => {
    tail.push(d);
    logStream?.write(d);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let gone: string | undefined;
  child.once('error', (e) => (gone = `could not be started: ${e.message}`));
  const exited = exitOf(child).then((e) => {
    gone ??= describeExit(e);
    logStream?.end();
    return e;
  });
  // SIGTERM: it shuts down on its own even after we are gone (SQLite stays consistent either way).
  const removeExitHook = killOnExit(child, 'SIGTERM');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      removeExitHook();
      if (child.pid !== undefined) {
        const r = await killEscalating(child, [
          ['SIGTERM', 10_000],
          ['SIGKILL', 5_000],
        ]);
        if (!r) log(TAG, `WARNING: pid ${child.pid} did not exit`);
      }
      log(TAG, 'stopped');
    })());

  const address = `${HOST}:${opts.port}`;
  try {
    await waitForTemporalFrontend(address, namespace, {
      timeoutMs: opts.startTimeoutMs ?? 60_000,
      signal: opts.signal,
      requireSearchAttributes: true,
      failIf: () =>
        gone && `The Temporal dev server exited during start-up (${gone}). Its last output:\n${tail.text()}`,
      describeTimeout: () => `Its last output:\n${tail.text()}`,
    });
  } catch (e) {
    await stop();
    throw e;
  }
  const uiUrl = opts.headless ? '' : `http://localhost:${opts.uiPort}`;
  if (uiUrl && !(await uiAnswers(opts.uiPort))) log(TAG, `WARNING: the Web UI at ${uiUrl} does not answer yet`);
  log(TAG, `dev server ready on ${address}${uiUrl ? `, UI ${uiUrl}` : ''} (pid ${child.pid}) in ${seconds(started)}`);
  return { address, uiUrl, pid: child.pid!, exited, stop };
}

export interface WaitForTemporalOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Also wait until the case search attributes are registered on the namespace. */
  requireSearchAttributes?: boolean;
  /** Return an error message to stop waiting (e.g. the server process died). */
  failIf?: () => string | undefined | false;
  describeTimeout?: () => string;
}

/**
 * Waits until a Temporal frontend at `address` accepts TCP, answers GetSystemInfo and knows `namespace` (and,
 * optionally, the case search attributes). Works for the dev server and for an external cluster.
 */
export async function waitForTemporalFrontend(address: string, namespace: string, o: WaitForTemporalOptions = {}): Promise<void> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const [host, portText] = splitAddress(address);
  const port = Number(portText);
  let lastErr = 'port not open yet';
  let connection: Connection | undefined;
  try {
    for (;;) {
      checkAbort(o.signal);
      const failure = o.failIf?.();
      if (failure) throw new Error(failure);
      if (Date.now() > deadline) {
        throw new Error(
          `Temporal at ${address} was not ready within ${timeoutMs / 1000}s (last problem: ${lastErr}).` +
            (o.describeTimeout ? `\n${o.describeTimeout()}` : ''),
        );
      }
      try {
        if (!(await portAccepts(port, host))) throw new Error('port not open yet');
        connection ??= await Connection.connect({ address, connectTimeout: '3s' });
        await connection.workflowService.getSystemInfo({});
        await connection.workflowService.describeNamespace({ namespace });
        if (o.requireSearchAttributes) {
          const res = await connection.operatorService.listSearchAttributes({ namespace });
          const missing = SEARCH_ATTRIBUTES.map((k) => k.name).filter((n) => !(n in (res.customAttributes ?? {})));
          if (missing.length) throw new Error(`search attributes not registered yet: ${missing.join(', ')}`);
        }
        return;
      } catch (e) {
        lastErr = (e as Error).message.split('\n')[0] ?? String(e);
        if (connection && /UNAVAILABLE|14 /.test(lastErr)) {
          await connection.close().catch(() => undefined);
          connection = undefined;
        }
      }
      await sleep(200);
    }
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

function splitAddress(address: string): [string, string] {
  const i = address.lastIndexOf(':');
  if (i < 0) return [address, '7233'];
  const host = address.slice(0, i).replace(/^\[|\]$/g, '');
  return [host === 'localhost' ? HOST : host, address.slice(i + 1)];
}

async function uiAnswers(port: number): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://${HOST}:${port}/`, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.status < 500) return true;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  return false;
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortedError('Temporal dev server');
}
