import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES } from '../../../../libs/domain/src';
import type { Role } from '../../../../libs/domain/src';

/** Longer than any acceptable password, so hashing a posted one stays cheap; the policy itself is libs/domain password-policy. */
const PASSWORD_FIELD_MAX = 1024;

export class LoginDto {
  @ApiProperty({ example: 'chen@greenpv.example' }) @IsString() @Length(3, 320) email!: string;
  @ApiProperty({ example: 'a long passphrase' }) @IsString() @Length(1, PASSWORD_FIELD_MAX) password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from the login or the last refresh (one use)' }) @IsString() @Length(1, 200) refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, PASSWORD_FIELD_MAX) currentPassword!: string;
  @ApiProperty({ description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` }) @IsString() @MaxLength(PASSWORD_FIELD_MAX) newPassword!: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The one-time code the administrator handed over (valid 72 hours)' }) @IsString() @Length(1, 200) code!: string;
  @ApiProperty({ description: `The password the person chooses: ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` })
  @IsString()
  @MaxLength(PASSWORD_FIELD_MAX)
  password!: string;
}

export class ActorView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() name!: string;
}

export class SessionTokensView {
  @ApiProperty({ description: 'JWT (HS256) for Authorization: Bearer; carries sub and token_version (tv)' }) accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ example: 900, description: 'Seconds the access token is valid (ACCESS_TOKEN_TTL)' }) expiresIn!: number;
  @ApiProperty({ description: 'Opaque, one use: POST /auth/refresh exchanges it for a new pair' }) refreshToken!: string;
  @ApiProperty({ example: 604800, description: 'Seconds the refresh token is valid (REFRESH_TOKEN_TTL)' }) refreshExpiresIn!: number;
  @ApiProperty({ type: ActorView }) user!: ActorView;
}

export class AcceptedInvitationView extends SessionTokensView {
  @ApiProperty({ description: 'The e-mail address to log in with from now on' }) email!: string;
}
