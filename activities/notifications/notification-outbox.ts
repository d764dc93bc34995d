import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationOutboxRepository, OutboxWriter, RecordedStep } from '../../libs/persistence/src';
import { DeliveryQueue } from './delivery-queue';
import { NOTIFICATION_CHANNELS, NotificationChannel } from './notification-channel';

/**
 * The outbox (issue 10): inside a case step's transaction each channel plans its deliveries and they are written
 * with the step; once the step has committed, the case's delivery workflow is woken to make them.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
    private readonly repo: NotificationOutboxRepository,
    private readonly queue: DeliveryQueue,
  ) {}

  /** For the projection's writes (CaseProjectionRepository): runs in the step's transaction. */
  readonly writer: OutboxWriter = async (m: EntityManager, step: RecordedStep) => {
    let written = 0;
    for (const channel of this.channels) written += await this.repo.insert(m, step.stream, await channel.plan(m, step));
    return written;
  };

  /** After the step committed: wake the stream's delivery workflow when it queued something. */
  async committed(told: { queued: number }, stream: string): Promise<void> {
    if (told.queued > 0) await this.queue.nudge(stream);
  }
}
