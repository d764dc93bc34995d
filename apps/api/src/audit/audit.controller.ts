import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../../../libs/domain/src';
import { Roles } from '../auth/actor.decorators';
import { ErrorResponse } from '../common/error-response';
import { AuditCursor, AuditLogRepository, AuditRow } from './audit-log.repository';
import { AuditPage, AuditQuery, AuditRecord } from './audit.dto';

/** Issue 7 "Audit": the bureau and the platform admin read the trail of mutating requests. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly repo: AuditLogRepository) {}

  @Get()
  @Roles('bureau', 'admin')
  @ApiOperation({ summary: 'The audit trail: one row per mutating request, accepted or refused, newest first; filters and keyset pages' })
  @ApiOkResponse({ type: AuditPage })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'A filter or the cursor is malformed' })
  @ApiResponse({ status: 401, type: ErrorResponse })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'Only bureau and admin users read the audit trail' })
  async list(@Query() q: AuditQuery): Promise<AuditPage> {
    const from = q.from ? instant('from', q.from) : undefined;
    const to = q.to ? instant('to', q.to) : undefined;
    const { items, next } = await this.repo.page(
      { actorUserId: q.actorUserId, organisationId: q.organisationId, action: q.action, target: q.target, outcome: q.outcome, requestId: q.requestId, from, to },
      q.limit ?? 50,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    return { items: items.map(record), nextCursor: next ? encodeCursor(next) : null };
  }
}

function record(r: AuditRow): AuditRecord {
  const { actorUserId, actorRole, actorOrganisationId, actorName, ...rest } = r;
  const anyone = actorUserId ?? actorRole ?? actorOrganisationId ?? actorName;
  return { ...rest, actor: anyone === null ? null : { userId: actorUserId, role: actorRole, organisationId: actorOrganisationId, name: actorName } };
}

/** Instants PostgreSQL can compare: a real date-time between 1970 and 9999. */
function instant(field: string, value: string): Date {
  const d = new Date(value);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 1970 || year > 9999) {
    throw new DomainError('VALIDATION_FAILED', `${field} is not a date-time between 1970 and 9999.`, { field });
  }
  return d;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,19})$/;

export function encodeCursor(c: AuditCursor): string {
  return Buffer.from(`${c.occurredAt}|${c.id}`).toString('base64url');
}

export function decodeCursor(s: string): AuditCursor {
  const m = CURSOR.exec(Buffer.from(s, 'base64url').toString('latin1'));
  const at = m ? new Date(m[1]) : undefined;
  const real = at && !Number.isNaN(at.getTime()) && at.getUTCFullYear() >= 1970 && at.toISOString().slice(0, 19) === m![1].slice(0, 19);
  if (!m || !real || BigInt(m[2]) > 9223372036854775807n) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API gave.', { field: 'cursor' });
  return { occurredAt: m[1], id: m[2] };
}
