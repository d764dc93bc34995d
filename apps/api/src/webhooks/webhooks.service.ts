import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertWebhookTarget } from '../../../../activities/notifications/webhooks/webhook-targets';
import { Actor, DomainError, isPublicWebhookEvent, OrganisationKind, WEBHOOK_EVENTS, webhookEventsFor } from '../../../../libs/domain/src';
import { WebhookSubscriptionsRepository } from '../../../../libs/persistence/src';
import { CASES_TASK_QUEUE } from '../../../../libs/temporal/src';
import { queueDeliveries } from '../../../../libs/temporal/src/server/delivery-queue';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { CreateWebhookSubscriptionDto, UpdateWebhookSubscriptionDto } from './webhooks.views';

/** Integrators' webhook subscriptions (issue 10): an organisation manages its own; ROLE-1 decides which events it may ask for. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: WebhookSubscriptionsRepository,
    private readonly temporal: TemporalClientService,
  ) {}

  async eventTypes(a: Actor) {
    const allowed = webhookEventsFor(await this.kindOf(a)) as string[];
    return WEBHOOK_EVENTS.map((type) => ({ type, public: isPublicWebhookEvent(type), allowed: allowed.includes(type) }));
  }

  list(a: Actor) {
    return this.repo.list(a.organisationId);
  }

  async create(a: Actor, dto: CreateWebhookSubscriptionDto) {
    await this.assertMaySee(a, dto.eventTypes);
    const url = await assertWebhookTarget(dto.url);
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const subscription = await this.repo.create({ organisationId: a.organisationId, url, eventTypes: dto.eventTypes, description: dto.description ?? null, secret, createdBy: a.userId });
    return { subscription, secret };
  }

  async get(a: Actor, id: string) {
    const s = await this.repo.one(a.organisationId, id);
    if (!s) throw new DomainError('NOT_FOUND', 'No such webhook subscription.');
    return s;
  }

  async update(a: Actor, id: string, dto: UpdateWebhookSubscriptionDto) {
    await this.get(a, id);
    if (dto.eventTypes) await this.assertMaySee(a, dto.eventTypes);
    const url = dto.url === undefined ? undefined : await assertWebhookTarget(dto.url);
    return (await this.repo.update(a.organisationId, id, { url, eventTypes: dto.eventTypes, description: dto.description, active: dto.active }))!;
  }

  async remove(a: Actor, id: string) {
    if (!(await this.repo.remove(a.organisationId, id))) throw new DomainError('NOT_FOUND', 'No such webhook subscription.');
  }

  async deliveries(a: Actor, id: string, limit = 50) {
    await this.get(a, id);
    return this.repo.deliveries(id, limit);
  }

  async delivery(a: Actor, id: string, deliveryId: string) {
    await this.get(a, id);
    const d = await this.repo.delivery(id, deliveryId);
    if (!d) throw new DomainError('NOT_FOUND', 'No such delivery of this subscription.');
    return d;
  }

  /** The subscriber asks for a delivery again, with the same webhook-id; it goes back into its case's queue. */
  async replay(a: Actor, id: string, deliveryId: string) {
    const s = await this.get(a, id);
    if (s.status !== 'active') throw new DomainError('WRONG_STATE', 'The subscription is disabled: enable it first, then replay.');
    const done = await this.repo.replay(id, deliveryId);
    if (!done) {
      await this.delivery(a, id, deliveryId); // 404 when it is not one of this subscription's
      throw new DomainError('WRONG_STATE', 'The delivery is already waiting to be sent.');
    }
    const searchAttributesEnabled = this.temporal.searchAttributesEnabled;
    await this.temporal.call((client) => queueDeliveries(client, { stream: done.stream, taskQueue: CASES_TASK_QUEUE, searchAttributesEnabled }));
    return this.delivery(a, id, deliveryId);
  }

  private async kindOf(a: Actor): Promise<OrganisationKind> {
    const [org] = await this.db.query(`SELECT kind FROM organisations WHERE id = $1`, [a.organisationId]);
    return org.kind;
  }

  /** ROLE-1: an organisation subscribes only to events it may see. */
  private async assertMaySee(a: Actor, eventTypes: string[]) {
    const kind = await this.kindOf(a);
    const allowed = webhookEventsFor(kind) as string[];
    const refused = eventTypes.filter((e) => !allowed.includes(e));
    if (refused.length) {
      throw new DomainError('FORBIDDEN', `A ${kind} organisation may subscribe to the public events only; not to ${refused.join(', ')} (ROLE-1).`, { field: 'eventTypes', refused });
    }
  }
}
