import { Module } from '@nestjs/common';
import { CaseActivitiesService } from '../../../activities/cases/case-activities.service';
import { DeliveryActivitiesService } from '../../../activities/notifications/delivery-activities.service';
import { DigestActivitiesService } from '../../../activities/notifications/email/digest-activities.service';
import { NOTIFICATION_PROVIDERS } from '../../../activities/notifications/notification-providers';
import { WorkerTemporal } from '../../../activities/temporal/worker-temporal';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [PersistenceModule],
  providers: [
    { provide: WorkerTemporal, useFactory: () => WorkerTemporal.connect() },
    CaseActivitiesService,
    ...NOTIFICATION_PROVIDERS,
    TemporalWorkerService,
  ],
  exports: [CaseActivitiesService, DeliveryActivitiesService, DigestActivitiesService],
})
export class WorkerModule {}
