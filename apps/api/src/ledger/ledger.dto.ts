import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { TEXT_LIMITS, WHOLE_TONNES_PATTERN } from '../../../../libs/domain/src';

export class TransferDto {
  @ApiProperty({ example: 'BJ-ACC-000002', description: "The receiving organisation's account" }) @IsString() @Length(3, 40) toAccountNo!: string;
  @ApiProperty({ example: '30', description: 'Whole tonnes, as a string' })
  @IsString() @Matches(WHOLE_TONNES_PATTERN, { message: 'quantity must be a positive whole number of tonnes, as a string, e.g. "30"' }) quantity!: string;
  @ApiPropertyOptional({ description: 'Only credits of this project' }) @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional({ example: 2025, description: 'Only credits of this vintage' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2020) @Max(2200) vintage?: number;
  @ApiPropertyOptional({ example: 'BJ-TPH-I-2026-0001-V2025-01', description: 'Only credits of this block' }) @IsOptional() @IsString() @Length(3, 80) blockPrefix?: string;
  @ApiPropertyOptional({ example: 'Sale under contract 2026-17', description: 'Why the credits move (kept in the journal)' }) @IsOptional() @IsString() @Length(1, TEXT_LIMITS.ledgerReason) reason?: string;
}

export class MovementsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional({ default: 200, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}
