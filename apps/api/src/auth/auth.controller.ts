import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/domain/src';
import { ErrorResponse } from '../common/error-response';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { AnyRole, CurrentActor, Public } from './actor.decorators';
import { AcceptedInvitationView, AcceptInvitationDto, ActorView, ChangePasswordDto, LoginDto, RefreshTokenDto, SessionTokensView } from './auth.dto';
import { AuthService } from './auth.service';

/** What the audit log (recorded by middleware) reads from a request: who acted and on what. */
interface AuditedRequest {
  actor?: Actor;
  auditTarget?: string;
}

/** ROLE-1: logins, short-lived access tokens, refresh-token rotation, logout, passwords and invitations. */
@ApiTags('auth')
@ApiResponse({ status: 400, type: ErrorResponse, description: 'VALIDATION_FAILED: a field is missing or malformed; the message names it' })
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @RateLimit('login')
  @ApiOperation({ summary: 'Log in with e-mail and password: a short-lived access token and a one-use refresh token' })
  @ApiOkResponse({ type: SessionTokensView })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'UNAUTHENTICATED: wrong e-mail or password (one answer for both), or the account is closed' })
  async login(@Req() req: AuditedRequest, @Body() dto: LoginDto) {
    req.auditTarget = dto.email;
    const session = await this.auth.login(dto.email, dto.password);
    req.actor = session.user;
    return session;
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @RateLimit('refresh')
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; a token used twice ends its session (theft detection)' })
  @ApiOkResponse({ type: SessionTokensView })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'UNAUTHENTICATED: unknown, expired, already used (the session is ended) or revoked' })
  async refresh(@Req() req: AuditedRequest, @Body() dto: RefreshTokenDto) {
    const session = await this.auth.refresh(dto.refreshToken);
    req.actor = session.user;
    return session;
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @RateLimit('refresh')
  @ApiOperation({ summary: "End the refresh token's session: the refresh token and the session's access tokens stop working" })
  @ApiResponse({ status: 204, description: 'Logged out (also when the session had already ended)' })
  async logout(@Body() dto: RefreshTokenDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Post('logout-everywhere')
  @HttpCode(204)
  @ApiBearerAuth()
  @AnyRole('acts on the caller only')
  @ApiOperation({ summary: 'End every session and token of the calling user' })
  @ApiResponse({ status: 204, description: 'Every earlier token of this user is refused from now on' })
  @ApiResponse({ status: 401, type: ErrorResponse })
  async logoutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logoutEverywhere(actor);
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @RateLimit('login')
  @AnyRole('acts on the caller only')
  @ApiOperation({ summary: "Change the caller's password: every earlier token and session ends; answers a fresh session" })
  @ApiOkResponse({ type: SessionTokensView })
  @ApiResponse({ status: 401, type: ErrorResponse })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'FORBIDDEN: the current password is wrong' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @Public()
  @RateLimit('login')
  @ApiOperation({ summary: 'A new user sets their own password with the one-time invitation code, and is logged in' })
  @ApiOkResponse({ type: AcceptedInvitationView })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'UNAUTHENTICATED: the code is unknown, used, replaced or expired (72 h)' })
  async acceptInvitation(@Req() req: AuditedRequest, @Body() dto: AcceptInvitationDto) {
    const session = await this.auth.acceptInvitation(dto.code, dto.password);
    req.auditTarget = session.email;
    req.actor = session.user;
    return session;
  }

  @Get('me')
  @ApiBearerAuth()
  @AnyRole('answers the caller only')
  @ApiOperation({ summary: 'Who the bearer token acts as, as the registry knows the user now' })
  @ApiOkResponse({ type: ActorView })
  @ApiResponse({ status: 401, type: ErrorResponse })
  me(@CurrentActor() actor: Actor): ActorView {
    return actor;
  }
}
