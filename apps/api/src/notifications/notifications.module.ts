import { Module } from '@nestjs/common';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesRepository } from './deliveries.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';

@Module({ controllers: [NotificationsController, DeliveriesController], providers: [NotificationsRepository, DeliveriesRepository] })
export class NotificationsModule {}
