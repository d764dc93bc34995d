import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { JURISDICTIONS, ORGANISATION_KINDS, ROLES } from '../../../../libs/domain/src';
import type { OrganisationKind, Role } from '../../../../libs/domain/src';

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction!: (typeof JURISDICTIONS)[number];
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) organisationKind!: OrganisationKind;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when the user was deleted (kept for the record, BJ-31)' }) deletedAt!: Date | null;
  @ApiProperty({ description: 'Whether the person has set a password (through their invitation)' }) passwordSet!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class InvitationView {
  @ApiProperty({ description: 'One-time code for POST /auth/invitations/accept; shown only now, stored only as a digest' }) code!: string;
  @ApiProperty({ type: String, format: 'date-time', description: '72 hours after it was made' }) expiresAt!: Date;
}

export class CreatedUserView {
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty({ type: InvitationView }) invitation!: InvitationView;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organisationId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'false ends the user’s access at once; true lets them log in again' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: ROLES, description: 'Must suit the organisation kind; ends the user’s current tokens' }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid', description: 'Moves the user; ends the user’s current tokens' }) @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional({ description: 'Display name (a rename does not end access)' }) @IsOptional() @IsString() @Length(1, 100) name?: string;
}
