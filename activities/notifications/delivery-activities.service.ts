import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { NotificationOutboxRepository } from '../../libs/persistence/src';
import type { DeliveryActivities } from '../../libs/temporal/src';
import { DeliveryQueue } from './delivery-queue';
import { NotificationOutbox } from './notification-outbox';
import { DeliverySkipped, NOTIFICATION_CHANNELS, NotificationChannel, PermanentDeliveryFailure } from './notification-channel';

/**
 * The activities of the delivery workflow: one attempt at the head of a lane, recorded whatever happens (operators
 * and subscribers see every attempt). A delivery is settled `sent` by a conditional update, once; if the process dies
 * between the receiving server's answer and that update, the retry sends it again with the same identity (Message-ID,
 * webhook-id), by which a receiver recognises the repeat.
 */
@Injectable()
export class DeliveryActivitiesService implements DeliveryActivities {
  private readonly log = new Logger('Deliveries');
  private readonly byName: ReadonlyMap<string, NotificationChannel>;

  constructor(
    @Inject(NOTIFICATION_CHANNELS) channels: NotificationChannel[],
    private readonly outbox: NotificationOutboxRepository,
    private readonly queue: DeliveryQueue,
    private readonly notices: NotificationOutbox,
  ) {
    this.byName = new Map(channels.map((c) => [c.name, c]));
  }

  pendingDeliveryLanes(req: { stream: string }) {
    return this.outbox.pendingLanes(req.stream);
  }

  async deliverNext(req: { stream: string; lane: string }) {
    const d = await this.outbox.head(req.stream, req.lane);
    if (!d) return null;
    const channel = this.byName.get(d.channel);
    const startedAt = new Date();
    const t0 = performance.now();
    const attempt = { startedAt, durationMs: 0, ok: false };
    try {
      if (!channel) throw new PermanentDeliveryFailure(`No ${d.channel} channel is configured on this worker.`);
      const response = await channel.deliver(d);
      await this.outbox.recordAttempt(d.id, { ...attempt, durationMs: performance.now() - t0, ok: true, response }, { status: 'sent', outcome: response });
      return { deliveryId: d.id, status: 'sent' as const, pending: await this.outbox.pendingCount(req.stream) };
    } catch (e) {
      const error = (e as Error).message ?? String(e);
      if (e instanceof DeliverySkipped) {
        await this.outbox.settle(d.id, 'skipped', error);
        return { deliveryId: d.id, status: 'skipped' as const, pending: await this.outbox.pendingCount(req.stream) };
      }
      if (e instanceof PermanentDeliveryFailure) {
        await this.outbox.recordAttempt(d.id, { ...attempt, durationMs: performance.now() - t0, error }, { status: 'failed', outcome: error });
        this.log.warn(`delivery ${d.id} (${d.lane} of ${d.stream}) failed for good: ${error}`);
        return { deliveryId: d.id, status: 'failed' as const, pending: await this.outbox.pendingCount(req.stream) };
      }
      await this.outbox.recordAttempt(d.id, { ...attempt, durationMs: performance.now() - t0, error });
      throw e;
    }
  }

  async abandonDelivery(req: { stream: string; lane: string; error: string }) {
    const d = await this.outbox.head(req.stream, req.lane);
    if (!d) return null;
    await this.outbox.settle(d.id, 'failed', `Given up after retrying for a day: ${req.error}`);
    this.log.warn(`delivery ${d.id} (${d.lane} of ${d.stream}) given up after a day: ${req.error}`);
    await this.byName.get(d.channel)?.givenUp?.(d, req.error, this.notices);
    return { deliveryId: d.id };
  }

  async nudgeStalledDeliveries(req: { olderThanSeconds: number }) {
    const nudged: string[] = [];
    for (const stream of await this.outbox.stalledStreams(req.olderThanSeconds)) {
      if (await this.queue.nudge(stream)) nudged.push(stream);
    }
    return { nudged };
  }
}
