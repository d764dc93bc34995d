import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_OUTCOMES, AuditOutcome } from './audit-entry';

const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class AuditQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Rows of this acting user' })
  @IsOptional() @IsUUID() actorUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Rows of users of this organisation (the actor's organisation)" })
  @IsOptional() @IsUUID() organisationId?: string;

  @ApiPropertyOptional({ example: 'POST /registrations/:caseNo/review', description: 'Method and route template, exactly' })
  @IsOptional() @IsString() @MaxLength(1100) @Matches(NO_CONTROL_CHARACTERS, { message: 'action must not contain control characters' })
  action?: string;

  @ApiPropertyOptional({ example: 'BJ-REG-2026-000001', description: "A value of the row's target: a route parameter (case number, id) or the subject (a login's e-mail)" })
  @IsOptional() @IsString() @MaxLength(512) @Matches(NO_CONTROL_CHARACTERS, { message: 'target must not contain control characters' })
  target?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: AuditOutcome;

  @ApiPropertyOptional({ description: 'The X-Request-Id of one request' })
  @IsOptional() @IsString() @Matches(/^[\x20-\x7e]{1,128}$/, { message: 'requestId must be 1 to 128 printable ASCII characters' })
  requestId?: string;

  @ApiPropertyOptional({ example: '2026-10-01T00:00:00+08:00', description: 'Rows of requests received at or after this instant (ISO 8601 with offset)' })
  @IsOptional() @Matches(DATE_TIME, { message: 'from must be an ISO 8601 date-time with offset' }) from?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'Rows of requests received before this instant (ISO 8601 with offset)' })
  @IsOptional() @Matches(DATE_TIME, { message: 'to must be an ISO 8601 date-time with offset' }) to?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor is not one this API gave' }) cursor?: string;
}

export class AuditActor {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'officer' }) role!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class AuditRecord {
  @ApiProperty({ example: '1042', description: 'Row id (a 64-bit integer as a string)' }) id!: string;
  @ApiProperty({ example: '2026-10-09T02:15:04.123000Z', description: 'When the request was received (UTC, microseconds)' }) occurredAt!: string;
  @ApiProperty({ example: 'c0a8…', description: 'X-Request-Id of the request; the same id is on its log lines' }) requestId!: string;
  @ApiProperty({ type: AuditActor, nullable: true, description: 'Who: null when the request carried no valid identity' }) actor!: AuditActor | null;
  @ApiProperty({ enum: ['POST', 'PUT', 'PATCH', 'DELETE'] }) method!: string;
  @ApiProperty({ nullable: true, type: String, example: '/registrations/:caseNo/review', description: 'Route template; null when refused before routing' })
  route!: string | null;
  @ApiProperty({ example: 'POST /registrations/:caseNo/review', description: 'Method and route template (the path when no route matched)' }) action!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { caseNo: 'BJ-REG-2026-000001' }, description: 'Route parameters, and "subject" when the handler named one (a login\'s e-mail). Never the body.' })
  target!: Record<string, unknown>;
  @ApiProperty({ enum: AUDIT_OUTCOMES, description: 'accepted (2xx/3xx), refused (4xx), failed (5xx)' }) outcome!: AuditOutcome;
  @ApiProperty({ example: 200, description: '499: the client hung up before the answer (the action may still have run; the case timeline tells)' }) statusCode!: number;
  @ApiProperty({ nullable: true, type: String, example: 'WRONG_STATE', description: 'The error code of a refused or failed request' }) errorCode!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' }) clientIp!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 37, description: 'Milliseconds from arrival to the answer' }) durationMs!: number | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditRecord], description: 'Newest first' }) items!: AuditRecord[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next (older) page; null on the last page' }) nextCursor!: string | null;
}
