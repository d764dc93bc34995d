import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';

/** Bodies of the steps registration and issuance cases share. */

export class SupplementDto {
  @ApiProperty() @IsString() @Length(1, 5000) note!: string;
  @ApiProperty({ type: [String] }) @IsArray() @IsUUID('all', { each: true }) documentIds!: string[];
}

export class CommentResponseDto {
  @ApiProperty() @IsUUID() commentId!: string;
  @ApiProperty() @IsString() @Length(1, 5000) response!: string;
}

export class RevisionDto {
  @ApiProperty({ type: [String] }) @IsArray() @IsUUID('all', { each: true }) documentIds!: string[];
  @ApiProperty({ type: [CommentResponseDto], description: 'A response to each standing comment (BJ-15)' })
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => CommentResponseDto) responses!: CommentResponseDto[];
}

export class AssignDto {
  @ApiProperty() @IsUUID() officerId!: string;
}

export class DismissCommentDto {
  @ApiProperty({ enum: ['spam', 'off_topic', 'duplicate'] }) @IsIn(['spam', 'off_topic', 'duplicate']) reason!: 'spam' | 'off_topic' | 'duplicate';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
