import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { UserAdministrationService } from './user-administration.service';
import { UsersController } from './users.controller';

@Module({
  controllers: [OrganisationsController, UsersController],
  providers: [OrganisationsService, UserAdministrationService],
  exports: [OrganisationsService, UserAdministrationService],
})
export class OrganisationsModule {}
