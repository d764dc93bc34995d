import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src';
import { CurrentActor, Roles } from '../auth/actor.decorators';
import { ErrorResponse } from '../common/error-response';
import { UserAdministrationService } from './user-administration.service';
import { InvitationView, ListUsersQuery, UpdateUserDto, UserView } from './users.dto';

/** Platform administration of users (admin role, ROLE-1). No endpoint here answers with a token or a password. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiResponse({ status: 400, type: ErrorResponse })
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'FORBIDDEN: admin role only; an administrator cannot close or re-role their own account' })
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly service: UserAdministrationService) {}

  @Get()
  @ApiOperation({ summary: 'Users (deleted ones included, marked), optionally of one organisation' })
  @ApiOkResponse({ type: UserView, isArray: true })
  list(@Query() q: ListUsersQuery) {
    return this.service.list(q.organisationId);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Deactivate / reactivate, change role or organisation, rename. Deactivation and role or organisation changes end the user's tokens at once" })
  @ApiOkResponse({ type: UserView })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such user or organisation' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'WRONG_STATE: the user has been deleted' })
  update(@CurrentActor() admin: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.service.update(admin, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: "Delete a user (soft: the record stays, BJ-31); ends the user's tokens at once" })
  @ApiOkResponse({ type: UserView })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such user' })
  delete(@CurrentActor() admin: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.service.delete(admin, id);
  }

  @Post(':id/invitation')
  @ApiOperation({ summary: 'A new one-time invitation code for a user who has not set a password yet (the earlier code stops working)' })
  @ApiCreatedResponse({ type: InvitationView })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such user' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'WRONG_STATE: the user has a password, or is deactivated or deleted' })
  reinvite(@CurrentActor() admin: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.service.reinvite(admin, id);
  }
}
