import { ActivityFailure, ApplicationFailure, condition, isCancellation, proxyActivities, proxyLocalActivities, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { deliveriesQueuedSignal, DeliveryBacklog, DeliveryState } from '../libs/temporal/src';
import type { DeliveryActivities, DeliveryWorkflowInput } from '../libs/temporal/src';

/** Issue 10: a failing delivery is retried with backoff for up to a day, then given up (failed, with its attempts). */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** Between rounds of attempts once an activity's own retries are spent: 1 minute, doubling, at most an hour. */
const ROUND_BACKOFF_MS = { first: 60_000, max: 3_600_000 };

/** One attempt per activity try: quick retries for a blip (≈15 s), then the workflow's backoff takes over. */
const attempts = proxyActivities<Pick<DeliveryActivities, 'deliverNext'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 4 },
});
/**
 * Bookkeeping in the outbox, retried until the database answers: short reads and writes, so local activities (in the
 * workflow task, no round trip through the server: a tenth of the step-to-mail latency in the bench).
 */
const outbox = proxyLocalActivities<Pick<DeliveryActivities, 'pendingDeliveryLanes' | 'abandonDelivery'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The deliveries of one stream (a case), from the outbox, in the order the steps wrote them. Each lane — e-mail, or one
 * webhook subscriber — drains on its own, one delivery after the other, so a subscriber that is down holds up only its
 * own later deliveries of this case, never the e-mail. Started (or woken) by `deliveriesQueued` signal-with-start after a
 * step commits; completes when the stream is drained, so an idle case costs nothing. Operators find it by `CaseNumber`,
 * `DeliveryState` (delivering, retrying, failed, idle) and `DeliveryBacklog`.
 */
export async function notificationDeliveryWorkflow(input: DeliveryWorkflowInput): Promise<{ failed: number }> {
  const { stream } = input;
  let nudged = true;
  setHandler(deliveriesQueuedSignal, () => void (nudged = true));
  const running = new Set<string>();
  const retrying = new Set<string>();
  let failed = 0;
  let backlog = 0;
  let shown = '';

  const show = () => {
    if (!input.searchAttributesEnabled) return;
    const state = retrying.size ? 'retrying' : failed ? 'failed' : running.size ? 'delivering' : 'idle';
    if (`${state}/${backlog}` === shown) return;
    shown = `${state}/${backlog}`;
    upsertSearchAttributes([{ key: DeliveryState, value: state }, { key: DeliveryBacklog, value: backlog }]);
  };

  async function drain(lane: string) {
    let failingSince: number | null = null;
    let backoffMs = ROUND_BACKOFF_MS.first;
    for (;;) {
      const tried = Date.now();
      try {
        const r = await attempts.deliverNext({ stream, lane });
        failingSince = null;
        backoffMs = ROUND_BACKOFF_MS.first;
        retrying.delete(lane);
        if (!r) return;
        backlog = r.pending;
        if (r.status === 'failed') failed += 1;
        show();
      } catch (e) {
        if (isCancellation(e)) throw e;
        failingSince ??= tried;
        if (Date.now() - failingSince >= GIVE_UP_AFTER_MS) {
          if (await outbox.abandonDelivery({ stream, lane, error: reason(e) })) failed += 1;
          failingSince = null;
          backoffMs = ROUND_BACKOFF_MS.first;
          retrying.delete(lane);
          show();
          continue;
        }
        retrying.add(lane);
        show();
        await sleep(backoffMs, { summary: `${lane} of ${stream} failing since ${new Date(failingSince).toISOString()}: next round of attempts` });
        backoffMs = Math.min(backoffMs * 2, ROUND_BACKOFF_MS.max);
      }
    }
  }

  for (;;) {
    await condition(() => nudged);
    nudged = false;
    const { lanes, pending } = await outbox.pendingDeliveryLanes({ stream });
    backlog = pending;
    for (const lane of lanes.filter((l) => !running.has(l))) {
      running.add(lane);
      void drain(lane).finally(() => {
        running.delete(lane);
        nudged = true; // look again: the lane may have had rows written since it found it empty
      });
    }
    show();
    if (!running.size && !nudged) break;
  }
  show();
  return { failed };
}

function reason(e: unknown): string {
  const cause = e instanceof ActivityFailure ? e.cause : e;
  return cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : String(cause);
}
