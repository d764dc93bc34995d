import { Module } from '@nestjs/common';
import { LoggingModule } from '../../../libs/persistence/src/logging.module';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CaseOverviewModule } from './case-overview/case-overview.module';
import { ConsoleModule } from './console/console.module';
import { DirectoryModule } from './directory/directory.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { IssuancesModule } from './issuances/issuances.module';
import { LedgerModule } from './ledger/ledger.module';
import { MethodologiesModule } from './methodologies/methodologies.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ProjectsModule } from './projects/projects.module';
import { PublicDownloadsModule } from './public-downloads/public-downloads.module';
import { PublicityModule } from './publicity/publicity.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    LoggingModule,
    PersistenceModule,
    AuthModule,
    RateLimitsModule,
    TemporalClientModule,
    IdempotencyModule,
    HealthModule,
    OrganisationsModule,
    MethodologiesModule,
    RegistrationsModule,
    IssuancesModule,
    CaseOverviewModule,
    LedgerModule,
    PublicityModule,
    ProjectsModule,
    DirectoryModule,
    PublicDownloadsModule,
    CalendarModule,
    NotificationsModule,
    WebhooksModule,
    ConsoleModule,
    AuditModule,
  ],
})
export class AppModule {}
