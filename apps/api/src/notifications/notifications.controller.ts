import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor, DomainError } from '../../../../libs/domain/src';
import { CurrentActor } from '../auth/actor.decorators';

/** Addressed to me, to my organisation in my role, or to everyone in my role (e.g. all officers). */
const MINE = `(recipient_user_id = $1 OR (recipient_organisation_id = $2 AND (recipient_role IS NULL OR recipient_role = $3))
  OR (recipient_organisation_id IS NULL AND recipient_user_id IS NULL AND recipient_role = $3))`;

/** The in-app inbox: every step that needs someone's action leaves a notification here. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'My inbox, newest first' })
  list(@CurrentActor() a: Actor) {
    return this.db.query(
      `SELECT id, case_no AS "caseNo", kind, message, created_at AS "createdAt", read_at AS "readAt" FROM notifications
       WHERE ${MINE} ORDER BY created_at DESC, id LIMIT 200`,
      [a.userId, a.organisationId, a.role],
    );
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string) {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [rows] = await this.db.query(`UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $4 AND ${MINE} RETURNING id`, [a.userId, a.organisationId, a.role, id]);
    if (!rows.length) throw new DomainError('NOT_FOUND', 'No such notification.');
  }
}
