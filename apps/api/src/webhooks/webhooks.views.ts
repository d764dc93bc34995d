import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { WEBHOOK_EVENTS } from '../../../../libs/domain/src';
import { ApiDateTime, ApiUuid } from '../common/api-properties';
import { DeliveryAttemptView, DELIVERY_STATUSES } from '../notifications/deliveries.views';

export class WebhookEventTypeView {
  @ApiProperty({ enum: WEBHOOK_EVENTS, example: 'case.registered' }) type!: string;
  @ApiProperty({ description: 'Public: sent about every case to any subscriber (what the public site shows, BJ-30)' }) public!: boolean;
  @ApiProperty({ description: 'Whether your organisation may subscribe to it (ROLE-1: exchanges and emitters see the public events only)' }) allowed!: boolean;
}

export class WebhookSubscriptionView {
  @ApiUuid() id!: string;
  @ApiUuid() organisationId!: string;
  @ApiProperty({ example: 'https://platform.example/registry-webhooks' }) url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) eventTypes!: string[];
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: ['active', 'disabled'], description: 'Disabled after a day of failed deliveries (its owner is told), or by its owner' }) status!: string;
  @ApiDateTime({ nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) disabledReason!: string | null;
  @ApiDateTime() createdAt!: string;
}

export class CreatedWebhookSubscriptionView {
  @ApiProperty({ type: WebhookSubscriptionView }) subscription!: WebhookSubscriptionView;
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret (Standard Webhooks); shown only now. Verify every delivery with it.' })
  secret!: string;
}

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ example: 'https://platform.example/registry-webhooks', description: 'An outside http(s) URL; private, loopback and link-local targets are refused' })
  @IsString() @MaxLength(2000) url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, minItems: 1 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(WEBHOOK_EVENTS.length) @ArrayUnique() @IsIn(WEBHOOK_EVENTS, { each: true }) eventTypes!: string[];

  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class UpdateWebhookSubscriptionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true, minItems: 1 })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(WEBHOOK_EVENTS.length) @ArrayUnique() @IsIn(WEBHOOK_EVENTS, { each: true }) eventTypes?: string[];
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional({ description: 'true enables a disabled subscription again (its failed deliveries can then be replayed); false disables it' })
  @IsOptional() @IsBoolean() active?: boolean;
}

/** One delivery to a subscriber: a case event, with its attempts (issue 10). */
export class WebhookDeliveryView {
  @ApiUuid({ description: 'The webhook-id header is msg_<this id>, the same on every attempt and replay' }) id!: string;
  @ApiProperty({ example: 'BJ-REG-2026-000001' }) caseNo!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) eventType!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiDateTime({ nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true }) finishedAt!: string | null;
}

export class WebhookDeliveryDetailView extends WebhookDeliveryView {
  @ApiProperty({ description: 'The exact body sent (and signed)' }) payload!: string;
  @ApiProperty({ type: [DeliveryAttemptView] }) attemptLog!: DeliveryAttemptView[];
}

export class WebhookDeliveriesQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
