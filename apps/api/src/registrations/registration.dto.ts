import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { CASE_DOCUMENT_KINDS, REGISTRATION_STATUSES } from '../../../../libs/domain/src';

export class ProjectDto {
  @ApiProperty({ example: '朝阳区屋顶分布式光伏项目' }) @IsString() @Length(2, 200) name!: string;
  @ApiProperty({ example: '北京市朝阳区' }) @IsString() @Length(2, 200) location!: string;
  @ApiProperty({ description: 'Published tier-1 methodology version (BJ-13)' }) @IsUUID() methodologyVersionId!: string;
  @ApiProperty({ example: ['BJ-PV-CY-0042'], description: 'Site/asset identifiers; one live registration each (BJ-14)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(2, 100, { each: true })
  siteIdentifiers!: string[];
  @ApiProperty({ example: '2024-03-01', description: 'Must be after 2020-09-22 (BJ-13)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'implementationStartDate must be YYYY-MM-DD' }) @IsISO8601({ strict: true })
  implementationStartDate!: string;
  @ApiPropertyOptional({ example: '2034-02-28', description: 'Last day of the crediting period (BJ-22); default: 10 years from implementation start' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'creditingPeriodEnd must be YYYY-MM-DD' }) @IsISO8601({ strict: true })
  creditingPeriodEnd?: string;
}

export class AttestationsDto {
  @ApiProperty({ description: 'BJ-14: not under national or local ETS allowance management' }) @IsBoolean() notUnderEtsAllowanceManagement!: boolean;
  @ApiProperty({ description: 'BJ-14: not applied for in any other voluntary or carbon-inclusion mechanism' }) @IsBoolean() notInOtherMechanism!: boolean;
}

export class CreateRegistrationDto {
  @ApiProperty({ type: ProjectDto }) @ValidateNested() @Type(() => ProjectDto) project!: ProjectDto;
  @ApiProperty({ type: AttestationsDto }) @ValidateNested() @Type(() => AttestationsDto) attestations!: AttestationsDto;
}

export class UploadDocumentDto {
  @ApiProperty({ enum: CASE_DOCUMENT_KINDS }) @IsIn(CASE_DOCUMENT_KINDS) kind!: (typeof CASE_DOCUMENT_KINDS)[number];
}

export class ReviewDto {
  @ApiProperty({ enum: ['pass', 'request_supplement', 'reject'] }) @IsIn(['pass', 'request_supplement', 'reject']) outcome!: 'pass' | 'request_supplement' | 'reject';
  @ApiPropertyOptional({ type: String, description: 'Required for request_supplement and reject' }) @IsOptional() @IsString() @MaxLength(5000) reasons: string = '';
}

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES }) @IsOptional() @IsIn(REGISTRATION_STATUSES) status?: (typeof REGISTRATION_STATUSES)[number];
}
