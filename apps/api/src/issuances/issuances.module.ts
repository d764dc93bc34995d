import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { Clock } from '../common/clock';
import { IssuancesController } from './issuances.controller';
import { IssuancesRepository } from './issuances.repository';
import { IssuancesService } from './issuances.service';

@Module({
  imports: [CasesModule],
  controllers: [IssuancesController],
  providers: [IssuancesService, IssuancesRepository, Clock],
  exports: [IssuancesService],
})
export class IssuancesModule {}
