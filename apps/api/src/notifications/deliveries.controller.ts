import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../../../libs/domain/src';
import { CASES_TASK_QUEUE } from '../../../../libs/temporal/src';
import { queueDeliveries } from '../../../../libs/temporal/src/server/delivery-queue';
import { Roles } from '../auth/actor.decorators';
import { ErrorResponse } from '../common/error-response';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryDetailView, DeliveryListQuery, DeliverySummaryView, DeliveryView } from './deliveries.views';

/**
 * For operators (issue 10): the notification outbox — the backlog, failed deliveries with every attempt — and a
 * failed delivery sent again. The same in the Temporal UI: `WorkflowType = "notificationDeliveryWorkflow" AND
 * DeliveryState = "retrying"` (or "failed"; `DeliveryBacklog > 0`).
 */
@ApiTags('admin')
@ApiBearerAuth()
@ApiResponse({ status: 403, type: ErrorResponse, description: 'FORBIDDEN: admin role only' })
@Roles('admin')
@Controller('admin/notification-deliveries')
export class DeliveriesController {
  constructor(
    private readonly repo: DeliveriesRepository,
    private readonly temporal: TemporalClientService,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: 'The delivery backlog and failures at a glance: pending (and the oldest), retrying, failed, counts per channel' })
  @ApiOkResponse({ type: DeliverySummaryView })
  summary() {
    return this.repo.summary();
  }

  @Get()
  @ApiOperation({ summary: 'Deliveries, newest first (pending: oldest first, in the order they will go out), optionally by state or case' })
  @ApiOkResponse({ type: DeliveryView, isArray: true })
  list(@Query() q: DeliveryListQuery) {
    return this.repo.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery with every attempt' })
  @ApiOkResponse({ type: DeliveryDetailView })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such delivery' })
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const d = await this.repo.get(id);
    if (!d) throw new DomainError('NOT_FOUND', 'No such delivery.');
    return d;
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed delivery again: it goes back into its case\'s queue (its attempts stay on record)' })
  @ApiOkResponse({ type: DeliveryDetailView })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such delivery' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'WRONG_STATE: only a failed delivery can be retried' })
  async retry(@Param('id', ParseUUIDPipe) id: string) {
    const requeued = await this.repo.requeue(id);
    if (!requeued) {
      if (!(await this.repo.get(id))) throw new DomainError('NOT_FOUND', 'No such delivery.');
      throw new DomainError('WRONG_STATE', 'Only a failed delivery can be retried; this one is not failed.');
    }
    const searchAttributesEnabled = this.temporal.searchAttributesEnabled;
    await this.temporal.call((client) => queueDeliveries(client, { stream: requeued.stream, taskQueue: CASES_TASK_QUEUE, searchAttributesEnabled }));
    return (await this.repo.get(id))!;
  }
}
