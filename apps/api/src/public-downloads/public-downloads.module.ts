import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { ProjectsModule } from '../projects/projects.module';
import { PublicityModule } from '../publicity/publicity.module';
import { PublicDownloadsController } from './public-downloads.controller';

/** The public lists as CSV (BJ-30). */
@Module({ imports: [LedgerModule, PublicityModule, ProjectsModule], controllers: [PublicDownloadsController] })
export class PublicDownloadsModule {}
