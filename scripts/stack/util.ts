import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

/** Small process / port helpers shared by the dev stack (`scripts/up.ts`) and the test stack (`test/setup/stack.js`). */

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function log(tag: string, msg: string): void {
  process.stderr.write(`[${tag}] ${msg}\n`);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)}s`;
}

/** A free TCP port picked by the OS (tiny race until the caller binds it; fine for local tools). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Rejects with a readable message if something already listens on host:port. */
export function assertPortFree(port: number, what: string, hint: string, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new Error(`${what}: port ${port} on ${host} is already in use. ${hint}`));
      else reject(e);
    });
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

/** True once something accepts TCP connections on host:port. */
export function portAccepts(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/** Is a process with this pid alive? (EPERM = alive but owned by someone else.) */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Command line of a pid on Linux; undefined where /proc is not available. */
export function pidCommand(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** Keeps the last `max` lines of a child's output for error messages. */
export class TailBuffer {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly max = 40) {}

  push(chunk: string | Buffer): string[] {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const l of parts) {
      this.lines.push(l);
      if (this.lines.length > this.max) this.lines.shift();
    }
    return parts;
  }

  text(indent = '  '): string {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.length ? all.map((l) => indent + l).join('\n') : `${indent}(no output)`;
  }
}

/** Resolves when the child exits (immediately if it already has). */
export function exitOf(child: ChildProcess): Promise<ExitInfo> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export function describeExit(e: ExitInfo): string {
  return e.signal ? `killed by ${e.signal}` : `exit code ${e.code}`;
}

/**
 * Stops a child by escalating signals, e.g. [['SIGTERM', 10_000], ['SIGKILL', 5_000]]: send each signal and wait
 * up to its time for the exit before the next one. Never throws; resolves with the exit (or undefined if it
 * would not die at all).
 */
export async function killEscalating(
  child: ChildProcess,
  steps: Array<[NodeJS.Signals, number]>,
): Promise<ExitInfo | undefined> {
  const exited = exitOf(child);
  for (const [signal, waitMs] of steps) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
    let timer: NodeJS.Timeout | undefined;
    const r = await Promise.race([
      exited,
      new Promise<undefined>((resolve) => (timer = setTimeout(resolve, waitMs, undefined))),
    ]);
    clearTimeout(timer);
    if (r) return r;
  }
  return child.exitCode !== null || child.signalCode !== null ? exited : undefined;
}

/**
 * Safety net: if this Node process exits without having stopped `child` (crash, process.exit elsewhere), send it
 * `signal` synchronously so it does not linger. Returns the function that removes the hook (call it from stop()).
 */
export function killOnExit(child: ChildProcess, signal: NodeJS.Signals): () => void {
  const hook = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        /* ignore */
      }
    }
  };
  process.once('exit', hook);
  return () => process.removeListener('exit', hook);
}

export class AbortedError extends Error {
  constructor(what: string) {
    super(`${what}: start-up aborted`);
    this.name = 'AbortedError';
  }
}
