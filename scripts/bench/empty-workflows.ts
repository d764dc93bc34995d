import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { pool, range, timed } from './measure';
import { benchDoneSignal, benchEchoUpdate } from './noop.workflow';

/**
 * The Temporal baselines, on whichever server a section measures against: empty workflows started and completed
 * per second, and the round trip of an Update that does nothing. Both run on a worker of their own task queue in
 * this process, like the system's worker.
 */

const TASK_QUEUE = 'bench-noop';
const WARM_UP = 20;

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundled once per run (webpack takes seconds), then shared by every server's worker. */
const noopBundle = () =>
  (bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('./noop.workflow'), logger: new DefaultLogger('WARN') }));

/** Runs `fn` while a worker hosts the baseline workflows on `connection`. */
export async function withBaselineWorker<T>(connection: NativeConnection, fn: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({ connection, taskQueue: TASK_QUEUE, workflowBundle: await noopBundle() });
  const running = worker.run();
  running.catch(() => undefined); // awaited (and rethrown) below; this only keeps an early failure from being "unhandled"
  try {
    return await fn();
  } finally {
    worker.shutdown();
    await running;
  }
}

/** Empty workflows started and completed per second at `concurrency`, after a warm-up that is not counted. */
export async function emptyWorkflowRate(client: Client, n: number, concurrency: number): Promise<number> {
  const one = () => client.workflow.execute('benchNoopWorkflow', { taskQueue: TASK_QUEUE, workflowId: `bench-noop-${randomUUID()}` });
  await pool(range(WARM_UP), concurrency, one);
  return n / (await timed(() => pool(range(n), concurrency, one)));
}

/** Round trips (ms) of `n` sequential Updates on one empty workflow, after a warm-up that is not counted. */
export async function updateRoundTrips(client: Client, n: number): Promise<number[]> {
  const handle = await client.workflow.start('benchEchoWorkflow', { taskQueue: TASK_QUEUE, workflowId: `bench-echo-${randomUUID()}` });
  try {
    for (const i of range(WARM_UP)) await handle.executeUpdate(benchEchoUpdate, { args: [i] });
    const samples: number[] = [];
    for (const i of range(n)) {
      const t0 = performance.now();
      if ((await handle.executeUpdate(benchEchoUpdate, { args: [i] })) !== i) throw new Error('echo Update answered the wrong value');
      samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    await handle.signal(benchDoneSignal);
    await handle.result();
  }
}
