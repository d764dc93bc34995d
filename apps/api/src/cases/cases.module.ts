import { Module } from '@nestjs/common';
import { CaseRecordsRepository } from './case-records.repository';

/** The records every case type shares (timeline, publicity rounds, documents). */
@Module({ providers: [CaseRecordsRepository], exports: [CaseRecordsRepository] })
export class CasesModule {}
