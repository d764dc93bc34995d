import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { REGISTRATION_STATUSES, TEXT_LIMITS } from '../../../../libs/domain/src';
import { IsCalendarDay, IsNested } from '../common/validators';

export class ProjectDto {
  @ApiProperty({ example: '朝阳区屋顶分布式光伏项目', maxLength: TEXT_LIMITS.name }) @IsString() @Length(2, TEXT_LIMITS.name) name!: string;
  @ApiProperty({ example: '北京市朝阳区', maxLength: TEXT_LIMITS.name }) @IsString() @Length(2, TEXT_LIMITS.name) location!: string;
  @ApiProperty({ description: 'Published tier-1 methodology version (BJ-13)' }) @IsUUID() methodologyVersionId!: string;
  @ApiProperty({
    example: ['BJ-PV-CY-0042'], maxItems: 50,
    description: 'Site/asset identifiers; one live registration each (BJ-14), compared by skeleton: case, width, dashes, spaces, invisible characters and look-alike letters of other scripts do not make a new site',
  })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(2, TEXT_LIMITS.identifier, { each: true })
  siteIdentifiers!: string[];
  @ApiProperty({ example: '2024-03-01', description: 'After 2020-09-22 and not after today (BJ-13)' }) @IsCalendarDay() implementationStartDate!: string;
  @ApiPropertyOptional({ example: '2034-02-28', description: 'Last day of the crediting period (BJ-22); default: 10 years from implementation start' })
  @IsOptional() @IsCalendarDay() creditingPeriodEnd?: string;
}

export class AttestationsDto {
  @ApiProperty({ description: 'BJ-14: not under national or local ETS allowance management' }) @IsBoolean() notUnderEtsAllowanceManagement!: boolean;
  @ApiProperty({ description: 'BJ-14: not applied for in any other voluntary or carbon-inclusion mechanism' }) @IsBoolean() notInOtherMechanism!: boolean;
}

export class CreateRegistrationDto {
  @ApiProperty({ type: ProjectDto }) @IsNested(() => ProjectDto) project!: ProjectDto;
  @ApiProperty({ type: AttestationsDto }) @IsNested(() => AttestationsDto) attestations!: AttestationsDto;
}

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES }) @IsOptional() @IsIn(REGISTRATION_STATUSES) status?: (typeof REGISTRATION_STATUSES)[number];
}
