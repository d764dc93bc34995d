import { Injectable } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import type { EntityManager } from 'typeorm';
import { mayReceiveCaseEvent, webhookEventOf, webhookPayload } from '../../../libs/domain/src';
import { OutboxDelivery, PlannedDelivery, RecordedStep, WebhookSubscriptionsRepository } from '../../../libs/persistence/src';
import { DeliverySkipped, NotificationChannel, PermanentDeliveryFailure } from '../notification-channel';
import { deliveryAgent } from './webhook-targets';

/** A receiver answers within this, or the attempt fails (and is retried). */
const TIMEOUT_MS = 10_000;

/**
 * Webhooks (issue 10, Standard Webhooks via the `standardwebhooks` package): each case event a subscription may see
 * (ROLE-1: the domain's rule) is one delivery on the subscription's own lane of the case, so a subscriber gets the
 * case's events in order and one that is down holds up only itself. Signed per attempt (`webhook-timestamp` is the
 * attempt's), with a `webhook-id` that stays the same across retries and replays. Redirects are not followed.
 */
@Injectable()
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';

  constructor(private readonly subscriptions: WebhookSubscriptionsRepository) {}

  async plan(tx: EntityManager, step: RecordedStep): Promise<PlannedDelivery[]> {
    const event = step.event && webhookEventOf(step.event.type);
    if (!step.event || !event) return [];
    const subscribers = await this.subscriptions.candidates(tx, event);
    if (!subscribers.length) return [];
    const parties = await this.subscriptions.caseParties(tx, step.event.caseNo);
    if (!parties) return [];
    const payload = webhookPayload(event, step.event);
    return subscribers
      .filter((s) => mayReceiveCaseEvent(s, event, parties))
      .map((s) => ({
        channel: this.name, lane: `webhook:${s.id}`, notificationId: null, recipients: [s.url],
        webhook: { subscriptionId: s.id, caseEventId: step.event!.id, eventType: event, payload },
      }));
  }

  async deliver(d: OutboxDelivery): Promise<string> {
    if (!d.webhook) throw new PermanentDeliveryFailure(`Delivery ${d.id} is not a webhook.`);
    const sub = await this.subscriptions.signing(d.webhook.subscriptionId);
    if (!sub || sub.deleted) throw new DeliverySkipped('The subscription was deleted.');
    if (sub.status !== 'active') throw new DeliverySkipped('The subscription is disabled; enable it and replay the delivery.');
    const id = `msg_${d.id}`;
    const at = new Date();
    const signature = new Webhook(sub.secret).sign(id, at, d.webhook.payload);
    const { status, body } = await post(new URL(sub.url), d.webhook.payload, {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    });
    if (status < 200 || status > 299) throw new Error(`HTTP ${status} from ${sub.url}${body ? `: ${body}` : ''}`);
    return `HTTP ${status}${body ? `: ${body}` : ''}`;
  }

  /** A subscriber whose delivery failed for a day is disabled, and its owner told. */
  async givenUp(d: OutboxDelivery, error: string, outbox: Parameters<NonNullable<NotificationChannel['givenUp']>>[2]): Promise<void> {
    if (!d.webhook) return;
    const told = await this.subscriptions.disable(d.webhook.subscriptionId, `deliveries failed for a day (last: ${error})`, outbox.writer);
    if (told) await outbox.committed(told, told.stream);
  }
}

/** POSTs the exact bytes that were signed; reads at most 500 characters of the answer. Never follows a redirect. */
function post(url: URL, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        agent: deliveryAgent(url),
        timeout: TIMEOUT_MS,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'carbon-inclusion-registry-webhooks/1' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 500) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, 500).trim() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}
