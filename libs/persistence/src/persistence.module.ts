import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source';
import { CalendarRepository, CaseProjectionRepository, EmailAudienceRepository, LedgerRepository, NotificationDigestRepository, NotificationOutboxRepository, WebhookSubscriptionsRepository } from './repositories';

/** The database for any Nest app (API or worker): one config, repositories as providers. */
@Global()
@Module({
  imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions() })],
  providers: [CalendarRepository, CaseProjectionRepository, LedgerRepository, NotificationOutboxRepository, EmailAudienceRepository, NotificationDigestRepository, WebhookSubscriptionsRepository],
  exports: [CalendarRepository, CaseProjectionRepository, LedgerRepository, NotificationOutboxRepository, EmailAudienceRepository, NotificationDigestRepository, WebhookSubscriptionsRepository],
})
export class PersistenceModule {}
