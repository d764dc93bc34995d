import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor, DomainError, notificationKind, notificationKindsFor } from '../../../../libs/domain/src';
import { AnyRole, CurrentActor, Roles } from '../auth/actor.decorators';
import { ErrorResponse } from '../common/error-response';
import { PreferencesRepository } from './preferences.repository';
import { NotificationPreferencesView, SetNotificationPreferenceDto, SharedMailboxDto, SharedMailboxView } from './preferences.views';

/** Issue 10: how each kind of notification reaches me — the inbox only, the inbox and an e-mail, or a daily digest. */
@ApiTags('notifications')
@ApiBearerAuth()
@AnyRole('each user reads and sets only their own choices')
@Controller('me/notification-preferences')
export class PreferencesController {
  constructor(private readonly repo: PreferencesRepository) {}

  @Get()
  @ApiOperation({ summary: 'My notification choices, for every kind I can receive (with its default), and where e-mail goes' })
  @ApiOkResponse({ type: NotificationPreferencesView })
  async get(@CurrentActor() a: Actor): Promise<NotificationPreferencesView> {
    const { email, sharedMailbox, chosen } = await this.repo.of(a.userId);
    return {
      email,
      sharedMailbox,
      kinds: notificationKindsFor(a.role).map((kind) => {
        const k = notificationKind(kind);
        const defaultDelivery = k.emailByDefault ? 'email' : 'inbox';
        const mine = chosen.get(kind) as NotificationPreferencesView['kinds'][number]['delivery'] | undefined;
        return { kind, titleZh: k.titleZh, titleEn: k.titleEn, delivery: mine ?? defaultDelivery, defaultDelivery, chosen: mine !== undefined };
      }),
    };
  }

  @Put(':kind')
  @ApiOperation({ summary: 'Choose how one kind of notification reaches me (from the next notification on)' })
  @ApiParam({ name: 'kind', example: 'review_request_supplement', description: 'A kind listed by GET /me/notification-preferences' })
  @ApiOkResponse({ type: NotificationPreferencesView, description: 'All my choices, as GET answers them' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: not a kind of notification this user can receive' })
  async choose(@CurrentActor() a: Actor, @Param('kind') kind: string, @Body() dto: SetNotificationPreferenceDto) {
    if (!notificationKindsFor(a.role).includes(kind)) throw new DomainError('NOT_FOUND', `No kind of notification "${kind}" for a ${a.role}.`, { field: 'kind' });
    await this.repo.choose(a.userId, kind, dto.delivery);
    return this.get(a);
  }
}

/** Issue 10: an organisation's shared mailbox, set by an administrator (there is no organisation-admin role yet). */
@ApiTags('admin')
@ApiBearerAuth()
@ApiResponse({ status: 403, type: ErrorResponse, description: 'FORBIDDEN: admin role only' })
@Roles('admin')
@Controller('admin/organisations')
export class SharedMailboxController {
  constructor(private readonly repo: PreferencesRepository) {}

  @Get(':id/shared-mailbox')
  @ApiOperation({ summary: "The organisation's shared mailbox" })
  @ApiOkResponse({ type: SharedMailboxView })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such organisation' })
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const found = await this.repo.sharedMailbox(id);
    if (!found) throw new DomainError('NOT_FOUND', 'No such organisation.');
    return found;
  }

  @Put(':id/shared-mailbox')
  @ApiOperation({ summary: "Set (or, with null, remove) the organisation's shared mailbox: it gets what the organisation's users are e-mailed by default" })
  @ApiOkResponse({ type: SharedMailboxView })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such organisation' })
  async set(@Param('id', ParseUUIDPipe) id: string, @Body() dto: SharedMailboxDto) {
    const done = await this.repo.setSharedMailbox(id, dto.address ?? null);
    if (!done) throw new DomainError('NOT_FOUND', 'No such organisation.');
    return done;
  }
}
