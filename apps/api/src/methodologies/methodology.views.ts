import { ApiProperty } from '@nestjs/swagger';
import { METHODOLOGY_VERSION_STATUSES } from '../../../../libs/domain/src';
import { ApiDateTime, ApiUuid } from '../common/api-properties';

/** A methodology version as recorded when published (BJ-7, BJ-9). */
export class PublishedMethodologyVersionView {
  @ApiUuid({ description: 'The methodology version id a registration names (methodologyVersionId)' }) id!: string;
  @ApiProperty({ example: 'BJ-TPH-M-001' }) code!: string;
  @ApiProperty({ example: '分布式光伏发电碳普惠方法学' }) title!: string;
  @ApiProperty({ example: '1.0' }) version!: string;
  @ApiProperty({ enum: [1, 2], description: '1 = 一级 (issuable), 2 = 二级 (disclosure only) — BJ-9' }) tier!: 1 | 2;
  @ApiProperty({ enum: METHODOLOGY_VERSION_STATUSES }) status!: (typeof METHODOLOGY_VERSION_STATUSES)[number];
  @ApiDateTime() publishedAt!: string;
}

/** A methodology version with its BJ-7 fields (the public list). */
export class MethodologyVersionView extends PublishedMethodologyVersionView {
  @ApiProperty() applicabilityConditions!: string;
  @ApiProperty() projectBoundary!: string;
  @ApiProperty() accountingMethod!: string;
  @ApiProperty() monitoringMethod!: string;
  @ApiProperty() creditingPeriodRules!: string;
}
