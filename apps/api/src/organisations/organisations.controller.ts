import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length } from 'class-validator';
import { ROLES, Role } from '../../../../libs/domain/src';
import type { OrganisationKind } from '../../../../libs/persistence/src';
import { Roles } from '../auth/actor.decorators';
import { OrganisationsService } from './organisations.service';

const KINDS = ['developer', 'verifier', 'registry', 'bureau', 'exchange', 'emitter', 'platform'] as const;

export class CreateOrganisationDto {
  @ApiProperty() @IsString() @Length(2, 200) name!: string;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind!: OrganisationKind;
}
export class CreateUserDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty() @IsEmail() email!: string;
}

/** Platform administration (admin role): organisations and users, each user with a bearer token. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  @Get()
  list() {
    return this.service.listOrganisations();
  }

  @Post()
  @ApiOperation({ summary: 'Create an organisation' })
  create(@Body() dto: CreateOrganisationDto) {
    return this.service.createOrganisation(dto.name, dto.kind);
  }

  @Post(':id/users')
  @ApiOperation({ summary: 'Create a user in an organisation; returns its bearer token' })
  createUser(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateUserDto) {
    return this.service.createUser(id, dto.role, dto.name, dto.email);
  }
}
