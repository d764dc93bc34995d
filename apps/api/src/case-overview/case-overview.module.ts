import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { IssuancesModule } from '../issuances/issuances.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { CaseDeadlines } from './case-deadlines';
import { CaseOverviewController } from './case-overview.controller';
import { CaseOverviewRepository } from './case-overview.repository';

/** Cases of every type at once (the console's worklist) and deadlines explained (CAL-2). */
@Module({
  imports: [RegistrationsModule, IssuancesModule],
  controllers: [CaseOverviewController],
  providers: [CaseOverviewRepository, CaseDeadlines, Clock],
})
export class CaseOverviewModule {}
