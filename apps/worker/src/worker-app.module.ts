import { Module } from '@nestjs/common';
import { LoggingModule } from '../../../libs/persistence/src/logging.module';
import { WorkerModule } from './worker.module';

@Module({ imports: [LoggingModule, WorkerModule] })
export class WorkerAppModule {}
