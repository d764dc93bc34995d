import { ChildProcess } from 'node:child_process';
import { describeExit, exitOf, ExitInfo, killEscalating, killOnExit, log } from './util';

/**
 * Keeps one child process running, as a process supervisor would (systemd `Restart=always`, compose
 * `restart: unless-stopped`): a child that exits on its own is started again after a delay that doubles with each
 * quick failure (1 s, 2 s, 4 s … capped at 30 s) and resets once a child has stayed up for a minute; every exit and
 * every restart is logged. Used by `npm run up` (both topologies) for the workers, the API replicas and the
 * production topology's Temporal server and UI, which are stateless (their state is in PostgreSQL).
 *
 * Written here rather than taken from a library: the candidates (pm2, forever-monitor) run their own daemon, which
 * outlives Ctrl-C and breaks the ordered shutdown `npm run up` owes its user (APIs, workers, Temporal, PostgreSQL),
 * and bring log handling we do not want; what is left is ~60 lines.
 */
export interface SupervisedOptions {
  /** How the child is started (again); it must be in its own process group if the terminal's Ctrl-C must not reach it. */
  launch: () => ChildProcess;
  /** How it is stopped on shutdown, e.g. [['SIGTERM', 20_000], ['SIGKILL', 5_000]]. */
  stopSignals: Array<[NodeJS.Signals, number]>;
  /** Called after every (re)start with the new child, e.g. to record its pid. */
  onStart?: (child: ChildProcess) => void;
  tag?: string;
}

export interface Supervised {
  name: string;
  /** The running child (the latest one started). */
  child(): ChildProcess;
  /** Stops the child and every further restart; idempotent. */
  stop(): Promise<void>;
}

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A child that ran this long counts as healthy: the next failure starts the backoff from the beginning again. */
const STABLE_AFTER_MS = 60_000;

/** Delay before the n-th restart in a row of quick failures (n ≥ 1): 1 s, 2 s, 4 s, 8 s, 16 s, 30 s, 30 s … */
export function restartDelayMs(n: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, n - 1));
}

export function supervise(name: string, o: SupervisedOptions): Supervised {
  const tag = o.tag ?? 'up';
  let current: ChildProcess;
  let quickFailures = 0;
  let stopping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let removeExitHook = () => {};

  const start = () => {
    const startedAt = Date.now();
    current = o.launch();
    removeExitHook = killOnExit(current, o.stopSignals[0]?.[0] ?? 'SIGTERM');
    o.onStart?.(current);
    void exitOf(current).then((e: ExitInfo) => {
      removeExitHook();
      if (stopping) return;
      const ranMs = Date.now() - startedAt;
      quickFailures = ranMs >= STABLE_AFTER_MS ? 1 : quickFailures + 1;
      const delay = restartDelayMs(quickFailures);
      log(tag, `${name} exited (${describeExit(e)}) after ${(ranMs / 1000).toFixed(1)}s: starting it again in ${delay / 1000}s (restart ${quickFailures} in a row)`);
      timer = setTimeout(() => {
        if (!stopping) start();
      }, delay);
    });
  };
  start();

  return {
    name,
    child: () => current,
    stop: () =>
      (stopping ??= (async () => {
        clearTimeout(timer);
        removeExitHook();
        if (current.pid === undefined || current.exitCode !== null || current.signalCode !== null) return;
        const r = await killEscalating(current, o.stopSignals);
        const last = o.stopSignals[o.stopSignals.length - 1];
        if (r?.signal === last?.[0] && o.stopSignals.length > 1) log(tag, `${name} did not stop in time and was killed (${last[0]})`);
      })()),
  };
}
