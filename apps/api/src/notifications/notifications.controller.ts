import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DomainError } from '../../../../libs/domain/src';
import { CurrentActor } from '../auth/actor.decorators';
import { NotificationsRepository } from './notifications.repository';

/** The in-app inbox: every step that needs someone's action leaves a notification here. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly repo: NotificationsRepository) {}

  @Get()
  @ApiOperation({ summary: 'My inbox, newest first' })
  list(@CurrentActor() a: Actor) {
    return this.repo.inbox(a);
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@CurrentActor() a: Actor, @Param('id', ParseUUIDPipe) id: string) {
    if (!(await this.repo.markRead(a, id))) throw new DomainError('NOT_FOUND', 'No such notification.');
  }
}
