import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ISSUANCE_STATUSES, QUANTITY_PATTERN, REVIEW_OUTCOMES, TEXT_LIMITS } from '../../../../libs/domain/src';
import { IsCalendarDay, IsNested } from '../common/validators';

const QUANTITY_MESSAGE = 'must be a decimal string of tCO2e with at most 6 decimal places, e.g. "1234.5"';

export class MonitoringPeriodDto {
  @ApiProperty({ example: '2025-02-01', description: 'First day; on or after the registration date (BJ-21)' }) @IsCalendarDay() start!: string;
  @ApiProperty({ example: '2025-12-31', description: 'Last day; within the crediting period (BJ-22), before the filing day; its year is the vintage' })
  @IsCalendarDay() end!: string;
}

export class CreateIssuanceDto {
  @ApiProperty({ description: 'A registered Class I project of your organisation' }) @IsUUID() projectId!: string;
  @ApiProperty({ type: MonitoringPeriodDto }) @IsNested(() => MonitoringPeriodDto) monitoringPeriod!: MonitoringPeriodDto;
  @ApiProperty({ example: '1234.5', description: 'Claimed reductions, tCO2e, more than 0, as a decimal string (BJ-20)' })
  @IsString() @Matches(QUANTITY_PATTERN, { message: `claimedTco2e ${QUANTITY_MESSAGE}` }) claimedTco2e!: string;
  @ApiPropertyOptional({ description: 'Third-party verifier organisation; omit when the developer verifies itself (BJ-21)' })
  @IsOptional() @IsUUID() verifierOrganisationId?: string;
}

export class IssuanceReviewDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES }) @IsIn(REVIEW_OUTCOMES) outcome!: (typeof REVIEW_OUTCOMES)[number];
  @ApiPropertyOptional({ type: String, maxLength: TEXT_LIMITS.reasons, description: 'Required for request_supplement and reject' })
  @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.reasons) reasons?: string;
  @ApiPropertyOptional({ example: '1180.25', description: 'Required to pass: the audited quantity, tCO2e (BJ-23)' })
  @IsOptional() @IsString() @Matches(QUANTITY_PATTERN, { message: `auditedTco2e ${QUANTITY_MESSAGE}` }) auditedTco2e?: string;
}

export class SubmitToBureauDto {
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.note }) @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.note) note?: string;
}

export class RefuseIssuanceDto {
  @ApiProperty({ maxLength: TEXT_LIMITS.reasons }) @IsString() @MaxLength(TEXT_LIMITS.reasons) @Matches(/\S/, { message: 'reasons must not be empty' }) reasons!: string;
}

export class ListIssuancesQuery {
  @ApiPropertyOptional({ enum: ISSUANCE_STATUSES }) @IsOptional() @IsIn(ISSUANCE_STATUSES) status?: (typeof ISSUANCE_STATUSES)[number];
}
