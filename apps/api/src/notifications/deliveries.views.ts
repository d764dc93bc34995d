import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ApiDateTime, ApiUuid } from '../common/api-properties';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;

/** One attempt at a delivery: when, how long, and what the receiving server answered (or what went wrong). */
export class DeliveryAttemptView {
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiDateTime() startedAt!: string;
  @ApiProperty({ example: 42, description: 'milliseconds' }) durationMs!: number;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '250 Message queued', description: "The receiving server's answer" }) response!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'connect ECONNREFUSED 127.0.0.1:1025' }) error!: string | null;
}

/** A notification delivery on one channel (issue 10): one per notification and channel, made in order per case. */
export class DeliveryView {
  @ApiUuid() id!: string;
  @ApiProperty({ example: 'BJ-REG-2026-000001', description: 'Its stream: the case whose deliveries go out in order' }) stream!: string;
  @ApiProperty({ example: 'email' }) channel!: string;
  @ApiProperty({ example: 'email', description: 'Deliveries of one lane of a stream go out one after another (email; webhook:<subscription>)' }) lane!: string;
  @ApiProperty({ type: String, nullable: true, example: 'review_request_supplement', description: 'The notification kind, for notification deliveries' }) kind!: string | null;
  @ApiProperty({ type: [String], example: ['chen@greenpv.example'] }) recipients!: string[];
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty({ example: 3 }) attempts!: number;
  @ApiDateTime({ nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'How it ended: the server\'s answer, why it was skipped, or why it was given up' }) outcome!: string | null;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true }) finishedAt!: string | null;
}

export class DeliveryDetailView extends DeliveryView {
  @ApiProperty({ type: [DeliveryAttemptView] }) attemptLog!: DeliveryAttemptView[];
}

export class DeliveryCountView {
  @ApiProperty({ example: 'email' }) channel!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty({ example: 12 }) count!: number;
}

/** What operators watch: the backlog (pending, and how old the oldest is) and the failures. */
export class DeliverySummaryView {
  @ApiProperty({ example: 4, description: 'Deliveries not yet made (the backlog)' }) pending!: number;
  @ApiDateTime({ nullable: true, description: 'When the oldest pending delivery was written' }) oldestPendingAt!: string | null;
  @ApiProperty({ example: 2, description: 'Pending deliveries that have failed at least once (being retried)' }) retrying!: number;
  @ApiProperty({ example: 1, description: 'Deliveries given up (after a day of failures, or refused for good)' }) failed!: number;
  @ApiProperty({ type: [DeliveryCountView] }) byChannel!: DeliveryCountView[];
}

export class DeliveryListQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'Only deliveries in this state' })
  @IsOptional() @IsIn(DELIVERY_STATUSES) status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ example: 'BJ-REG-2026-000001', description: "Only this stream's (case's) deliveries" })
  @IsOptional() @IsString() @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'stream must be 1 to 200 printable ASCII characters' }) stream?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
