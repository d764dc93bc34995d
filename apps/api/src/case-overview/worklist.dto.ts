import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { IsQueryBoolean } from '../common/validators';
import { ISSUANCE_STATUSES, REGISTRATION_STATUSES } from '../../../../libs/domain/src';

const STATUSES = [...new Set([...REGISTRATION_STATUSES, ...ISSUANCE_STATUSES])];

/** The worklist's quick filters (the console keeps them in its URL, so a view can be bookmarked). */
export class WorklistQuery {
  @ApiPropertyOptional({ enum: ['me', 'none', 'me-or-none', 'any'], description: 'Whose cases: mine, unclaimed, both (default for officers), or everyone’s' })
  @IsOptional() @IsIn(['me', 'none', 'me-or-none', 'any']) assigned?: 'me' | 'none' | 'me-or-none' | 'any';
  @ApiPropertyOptional({ description: 'Only cases whose registry deadline has passed' }) @IsOptional() @IsQueryBoolean() overdue?: boolean;
  @ApiPropertyOptional({ description: 'Only cases that need attention (a step failed)' }) @IsOptional() @IsQueryBoolean() needsAttention?: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'Only cases whose running deadline closes before this instant (e.g. the end of this week)' })
  @IsOptional() @IsISO8601({ strict: true }) dueBefore?: string;
  @ApiPropertyOptional({ enum: ['registration', 'issuance'] }) @IsOptional() @IsIn(['registration', 'issuance']) caseType?: 'registration' | 'issuance';
  @ApiPropertyOptional({ enum: STATUSES, description: 'One status instead of the statuses that wait for your move' }) @IsOptional() @IsIn(STATUSES) status?: string;
}
