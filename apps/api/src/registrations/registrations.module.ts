import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { Clock } from '../common/clock';
import { RegistrationsController, WorklistController } from './registrations.controller';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [CasesModule],
  controllers: [RegistrationsController, WorklistController],
  providers: [RegistrationsService, RegistrationsRepository, Clock],
  exports: [RegistrationsService],
})
export class RegistrationsModule {}
