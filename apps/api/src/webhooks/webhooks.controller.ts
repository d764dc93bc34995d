import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src';
import { AnyRole, CurrentActor } from '../auth/actor.decorators';
import { ErrorResponse } from '../common/error-response';
import { WebhooksService } from './webhooks.service';
import {
  CreatedWebhookSubscriptionView, CreateWebhookSubscriptionDto, UpdateWebhookSubscriptionDto, WebhookDeliveriesQuery, WebhookDeliveryDetailView, WebhookDeliveryView,
  WebhookEventTypeView, WebhookSubscriptionView,
} from './webhooks.views';

const NOT_FOUND = { status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such subscription (or delivery) of your organisation' };

/**
 * Issue 10: integrators (the exchange, a city's data platform, a developer's own system) receive case events as
 * signed webhooks (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` over the exact body;
 * verify with the secret given at creation). Deliveries go out in order per case, are retried with backoff for up to a
 * day (then the subscription is disabled and its owner told), show every attempt, and can be replayed.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@AnyRole("ROLE-1: an organisation manages its own subscriptions; it receives events only of cases it may see, and the public events")
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly service: WebhooksService) {}

  @Get('event-types')
  @ApiOperation({ summary: 'The case events one can subscribe to, which are public, and which my organisation may have' })
  @ApiOkResponse({ type: WebhookEventTypeView, isArray: true })
  eventTypes(@CurrentActor() a: Actor) {
    return this.service.eventTypes(a);
  }

  @Get('subscriptions')
  @ApiOperation({ summary: "My organisation's webhook subscriptions" })
  @ApiOkResponse({ type: WebhookSubscriptionView, isArray: true })
  list(@CurrentActor() a: Actor) {
    return this.service.list(a);
  }

  @Post('subscriptions')
  @ApiOperation({ summary: 'Register an endpoint for some case events; answers its signing secret, once' })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionView })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'VALIDATION_FAILED: not an http(s) URL, or a private, loopback or link-local target (SSRF); an unknown event type' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'FORBIDDEN: an event type your organisation may not see (ROLE-1)' })
  create(@CurrentActor() a: Actor, @Body() dto: CreateWebhookSubscriptionDto) {
    return this.service.create(a, dto);
  }

  @Get('subscriptions/:id')
  @ApiOperation({ summary: 'One of my subscriptions' })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  @ApiResponse(NOT_FOUND)
  get(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.service.get(a, id);
  }

  @Patch('subscriptions/:id')
  @ApiOperation({ summary: 'Change its URL, events or description; enable it again after it was disabled (or disable it)' })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'VALIDATION_FAILED: a refused URL or unknown event type' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'FORBIDDEN: an event type your organisation may not see (ROLE-1)' })
  update(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateWebhookSubscriptionDto) {
    return this.service.update(a, id, dto);
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription: nothing more is sent to it (its deliveries stay on record)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse(NOT_FOUND)
  remove(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.service.remove(a, id);
  }

  @Get('subscriptions/:id/deliveries')
  @ApiOperation({ summary: 'Its deliveries, newest first, with their state and number of attempts' })
  @ApiOkResponse({ type: WebhookDeliveryView, isArray: true })
  @ApiResponse(NOT_FOUND)
  deliveries(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: WebhookDeliveriesQuery) {
    return this.service.deliveries(a, id, q.limit);
  }

  @Get('subscriptions/:id/deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery: the body sent and every attempt (when, how long, the answer)' })
  @ApiOkResponse({ type: WebhookDeliveryDetailView })
  @ApiResponse(NOT_FOUND)
  delivery(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('deliveryId', ParseUUIDPipe) deliveryId: string) {
    return this.service.delivery(a, id, deliveryId);
  }

  @Post('subscriptions/:id/deliveries/:deliveryId/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a delivery again, with the same webhook-id (a receiver that stored it already can tell)' })
  @ApiOkResponse({ type: WebhookDeliveryDetailView })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'WRONG_STATE: the subscription is disabled, or the delivery is still waiting to go' })
  replay(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('deliveryId', ParseUUIDPipe) deliveryId: string) {
    return this.service.replay(a, id, deliveryId);
  }
}
