import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ISSUANCE_MATERIALS, ISSUANCE_STATUSES, QUANTITY_PATTERN } from '../../../../libs/domain/src';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const QUANTITY_MESSAGE = 'must be a decimal string of tCO2e with at most 6 decimal places, e.g. "1234.5"';

export class MonitoringPeriodDto {
  @ApiProperty({ example: '2025-02-01', description: 'First day; on or after the registration date (BJ-21)' })
  @Matches(DATE, { message: 'start must be YYYY-MM-DD' }) @IsISO8601({ strict: true }) start!: string;
  @ApiProperty({ example: '2025-12-31', description: 'Last day; within the crediting period (BJ-22); its year is the vintage' })
  @Matches(DATE, { message: 'end must be YYYY-MM-DD' }) @IsISO8601({ strict: true }) end!: string;
}

export class CreateIssuanceDto {
  @ApiProperty({ description: 'A registered Class I project of your organisation' }) @IsUUID() projectId!: string;
  @ApiProperty({ type: MonitoringPeriodDto }) @ValidateNested() @Type(() => MonitoringPeriodDto) monitoringPeriod!: MonitoringPeriodDto;
  @ApiProperty({ example: '1234.5', description: 'Claimed reductions, tCO2e, as a decimal string (BJ-20)' })
  @IsString() @Matches(QUANTITY_PATTERN, { message: `claimedTco2e ${QUANTITY_MESSAGE}` }) claimedTco2e!: string;
  @ApiPropertyOptional({ description: 'Third-party verifier organisation; omit when the developer verifies itself (BJ-21)' })
  @IsOptional() @IsUUID() verifierOrganisationId?: string;
}

export class UploadIssuanceDocumentDto {
  @ApiProperty({ enum: [...ISSUANCE_MATERIALS, 'supplement', 'revision', 'comment_response', 'other'] })
  @IsIn([...ISSUANCE_MATERIALS, 'supplement', 'revision', 'comment_response', 'other']) kind!: string;
}

export class IssuanceReviewDto {
  @ApiProperty({ enum: ['pass', 'request_supplement', 'reject'] }) @IsIn(['pass', 'request_supplement', 'reject']) outcome!: 'pass' | 'request_supplement' | 'reject';
  @ApiPropertyOptional({ type: String, description: 'Required for request_supplement and reject' }) @IsOptional() @IsString() @MaxLength(5000) reasons: string = '';
  @ApiPropertyOptional({ example: '1180.25', description: 'Required to pass: the audited quantity, tCO2e (BJ-23)' })
  @IsOptional() @IsString() @Matches(QUANTITY_PATTERN, { message: `auditedTco2e ${QUANTITY_MESSAGE}` }) auditedTco2e?: string;
}

export class SubmitToBureauDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RefuseIssuanceDto {
  @ApiProperty() @IsString() @MaxLength(5000) @Matches(/\S/, { message: 'reasons must not be empty' }) reasons!: string;
}

export class ListIssuancesQuery {
  @ApiPropertyOptional({ enum: ISSUANCE_STATUSES }) @IsOptional() @IsIn(ISSUANCE_STATUSES) status?: (typeof ISSUANCE_STATUSES)[number];
}
