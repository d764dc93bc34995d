import { Client } from '@temporalio/client';
import { CaseNumber, DeliveryBacklog, DeliveryState } from '../search-attributes';
import { DELIVERY_WORKFLOW_TYPE, deliveriesQueuedSignal, deliveryWorkflowId, DeliveryWorkflowInput } from '../notification-messages';

/**
 * Tells the stream's delivery workflow that the outbox has new rows: signal-with-start, so it is started if it is
 * not running (it completes whenever its stream is drained) and woken if it is. Safe to repeat.
 */
export async function queueDeliveries(client: Client, o: { stream: string; taskQueue: string; searchAttributesEnabled: boolean }): Promise<void> {
  const args: [DeliveryWorkflowInput] = [{ stream: o.stream, searchAttributesEnabled: o.searchAttributesEnabled }];
  await client.workflow.signalWithStart(DELIVERY_WORKFLOW_TYPE, {
    workflowId: deliveryWorkflowId(o.stream),
    taskQueue: o.taskQueue,
    args,
    signal: deliveriesQueuedSignal,
    signalArgs: [],
    staticSummary: `Notification deliveries of ${o.stream} (e-mail, webhooks), in order`,
    ...(o.searchAttributesEnabled
      ? { typedSearchAttributes: [{ key: CaseNumber, value: o.stream }, { key: DeliveryState, value: 'delivering' }, { key: DeliveryBacklog, value: 0 }] }
      : {}),
  });
}
