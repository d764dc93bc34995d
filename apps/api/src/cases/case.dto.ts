import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { DISMISSAL_REASONS, REVIEW_OUTCOMES, TEXT_LIMITS } from '../../../../libs/domain/src';

/**
 * Bodies of the steps registration and issuance cases share. They document the API and catch shape errors
 * first; each action's argument rule in the procedure table (libs/domain cases/action-args) is the authority.
 */

export class SupplementDto {
  @ApiProperty({ maxLength: TEXT_LIMITS.reasons }) @IsString() @Length(1, TEXT_LIMITS.reasons) note!: string;
  @ApiProperty({ type: [String], maxItems: 50 }) @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) documentIds!: string[];
}

export class CommentResponseDto {
  @ApiProperty() @IsUUID() commentId!: string;
  @ApiProperty({ maxLength: TEXT_LIMITS.reasons }) @IsString() @Length(1, TEXT_LIMITS.reasons) response!: string;
}

export class RevisionDto {
  @ApiProperty({ type: [String], maxItems: 50 }) @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) documentIds!: string[];
  @ApiProperty({ type: [CommentResponseDto], description: 'A response to each standing comment (BJ-15)', minItems: 1, maxItems: 500 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => CommentResponseDto) responses!: CommentResponseDto[];
}

export class AssignDto {
  @ApiProperty() @IsUUID() officerId!: string;
}

export class DismissCommentDto {
  @ApiProperty({ enum: DISMISSAL_REASONS }) @IsIn(DISMISSAL_REASONS) reason!: (typeof DISMISSAL_REASONS)[number];
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.note }) @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.note) note?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES }) @IsIn(REVIEW_OUTCOMES) outcome!: (typeof REVIEW_OUTCOMES)[number];
  @ApiPropertyOptional({ type: String, maxLength: TEXT_LIMITS.reasons, description: 'Required for request_supplement and reject' })
  @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.reasons) reasons?: string;
}
