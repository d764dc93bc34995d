import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { Actor, ORGANISATION_KINDS, ROLES, Role } from '../../../../libs/domain/src';
import type { OrganisationKind } from '../../../../libs/persistence/src';
import { CurrentActor, Roles } from '../auth/actor.decorators';
import { ErrorResponse } from '../common/error-response';
import { OrganisationsService } from './organisations.service';
import { CreatedUserView, OrganisationView } from './users.dto';

export class CreateOrganisationDto {
  @ApiProperty() @IsString() @Length(2, 200) name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS) kind!: OrganisationKind;
}
export class CreateUserDto {
  @ApiProperty({ enum: ROLES, description: 'Must suit the organisation kind (a registry has officers, a bureau bureau users, …)' }) @IsIn(ROLES) role!: Role;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty() @IsEmail() @MaxLength(320) email!: string;
}

/** Platform administration (admin role): organisations and their users. Users set their own passwords (invitations). */
@ApiTags('admin')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse, description: 'FORBIDDEN: admin role only' })
@Roles('admin')
@Controller('admin/organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'Every organisation, by kind and name' })
  @ApiOkResponse({ type: OrganisationView, isArray: true })
  list() {
    return this.service.listOrganisations();
  }

  @Post()
  @ApiOperation({ summary: 'Create an organisation (the same name and kind again answers the one that exists)' })
  @ApiCreatedResponse({ type: OrganisationView })
  @ApiResponse({ status: 400, type: ErrorResponse })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'DUPLICATE: the name exists with another kind' })
  create(@Body() dto: CreateOrganisationDto) {
    return this.service.createOrganisation(dto.name, dto.kind);
  }

  @Post(':id/users')
  @ApiOperation({
    summary: 'Create a user in an organisation (ROLE-1)',
    description: 'Answers the user and a one-time invitation code (72 h) to hand to the person, who sets their own password at POST /auth/invitations/accept. Never a token.',
  })
  @ApiCreatedResponse({ type: CreatedUserView })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'VALIDATION_FAILED: a field is malformed, or the role does not suit the organisation kind' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: no such organisation' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'DUPLICATE: a user with this e-mail address exists; nothing changed' })
  createUser(@CurrentActor() admin: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateUserDto) {
    return this.service.createUser(id, dto.role, dto.name, dto.email, admin);
  }
}
