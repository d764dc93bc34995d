import { Injectable, Logger } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { CASES_TASK_QUEUE } from '../../libs/temporal/src';
import { queueDeliveries } from '../../libs/temporal/src/server/delivery-queue';
import { ensureSearchAttributes } from '../../libs/temporal/src/server/search-attribute-registration';
import { WorkerTemporal } from '../temporal/worker-temporal';

/**
 * Wakes a stream's delivery workflow after deliveries were committed to the outbox. Never fails the caller: the rows
 * are committed, and a stream whose nudge was lost (Temporal away at that moment) is found by the delivery sweep.
 */
@Injectable()
export class DeliveryQueue {
  private readonly log = new Logger('DeliveryQueue');
  private searchAttributes?: Promise<boolean>;

  constructor(private readonly temporal: WorkerTemporal) {}

  async nudge(stream: string): Promise<boolean> {
    try {
      this.searchAttributes ??= ensureSearchAttributes(this.temporal.connection, this.temporal.namespace, (m) => this.log.warn(m)).catch((e) => {
        this.searchAttributes = undefined;
        throw e;
      });
      // Deliveries are made by the workers that run the case (the same task queue).
      const taskQueue = activityTaskQueue() ?? CASES_TASK_QUEUE;
      await queueDeliveries(this.temporal.client, { stream, taskQueue, searchAttributesEnabled: await this.searchAttributes });
      return true;
    } catch (e) {
      this.log.warn(`could not wake the delivery workflow of ${stream} (the delivery sweep will): ${(e as Error).message}`);
      return false;
    }
  }
}

/** The task queue of the activity running now, if any. */
function activityTaskQueue(): string | undefined {
  try {
    return Context.current().info.taskQueue;
  } catch {
    return undefined; // not inside an activity
  }
}
