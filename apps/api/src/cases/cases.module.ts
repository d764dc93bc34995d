import { Module } from '@nestjs/common';
import { CaseRecordsRepository } from './case-records.repository';
import { DocumentStore } from './document-store';
import { DocumentTransferSlots } from './document-transfers';
import { DocumentUploads } from './document-uploads';

/** The records every case type shares (timeline, publicity rounds, documents), and how documents are moved and kept. */
const SHARED = [CaseRecordsRepository, DocumentStore, DocumentUploads, DocumentTransferSlots];

@Module({ providers: SHARED, exports: SHARED })
export class CasesModule {}
