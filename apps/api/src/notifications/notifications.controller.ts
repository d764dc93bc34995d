import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DomainError } from '../../../../libs/domain/src';
import { AnyRole, CurrentActor } from '../auth/actor.decorators';
import { NotificationView } from './notification.views';
import { NotificationsRepository } from './notifications.repository';

/** The in-app inbox: every step that needs someone's action leaves a notification here. */
@ApiTags('notifications')
@ApiBearerAuth()
@AnyRole('ROLE-1: only notifications addressed to the caller, their organisation in their role, or everyone in their role')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly repo: NotificationsRepository) {}

  @Get()
  @ApiOkResponse({ type: NotificationView, isArray: true, description: 'Newest first, at most 200' })
  @ApiOperation({ summary: 'My inbox, newest first' })
  list(@CurrentActor() a: Actor) {
    return this.repo.inbox(a);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications read (marking it again changes nothing)' })
  @ApiNoContentResponse({ description: 'Marked read' })
  async read(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string) {
    if (!(await this.repo.markRead(a, id))) throw new DomainError('NOT_FOUND', 'No such notification.');
  }
}
