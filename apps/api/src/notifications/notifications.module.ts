import { Module } from '@nestjs/common';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesRepository } from './deliveries.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { PreferencesController, SharedMailboxController } from './preferences.controller';
import { PreferencesRepository } from './preferences.repository';

@Module({
  controllers: [NotificationsController, PreferencesController, DeliveriesController, SharedMailboxController],
  providers: [NotificationsRepository, DeliveriesRepository, PreferencesRepository],
})
export class NotificationsModule {}
