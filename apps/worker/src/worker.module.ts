import { Module } from '@nestjs/common';
import { CaseActivitiesService } from '../../../activities/cases/case-activities.service';
import { NOTIFICATION_CHANNELS } from '../../../activities/notifications/notification-channel';
import { WorkerTemporal } from '../../../activities/temporal/worker-temporal';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [PersistenceModule],
  providers: [
    { provide: WorkerTemporal, useFactory: () => WorkerTemporal.connect() },
    CaseActivitiesService,
    // The inbox is written with each case step; no external channels are configured yet.
    { provide: NOTIFICATION_CHANNELS, useValue: [] },
    TemporalWorkerService,
  ],
  exports: [CaseActivitiesService],
})
export class WorkerModule {}
