import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

/** The benchmark's baseline: a workflow that does nothing, so its start rate is the server's own ceiling. */
export async function benchNoopWorkflow(): Promise<void> {}

export const benchEchoUpdate = defineUpdate<number, [number]>('benchEcho');
export const benchDoneSignal = defineSignal('benchDone');

/** Baseline for an officer action: an Update that does nothing, so its round trip is the server's own floor. */
export async function benchEchoWorkflow(): Promise<void> {
  let done = false;
  setHandler(benchEchoUpdate, (n) => n);
  setHandler(benchDoneSignal, () => void (done = true));
  await condition(() => done);
}
