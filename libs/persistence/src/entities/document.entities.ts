import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Content-addressed storage: the same bytes are stored once, under their SHA-256 (BJ-31), in chunks. */
@Entity('document_blobs')
export class DocumentBlobEntity {
  @PrimaryColumn('char', { length: 64 }) sha256!: string;
  @Column('int', { name: 'size_bytes' }) sizeBytes!: number;
}

/** A blob's bytes, at most 256 KiB a row, in order from seq 0 (read and written one at a time: issue 9). */
@Entity('document_blob_chunks')
export class DocumentBlobChunkEntity {
  @PrimaryColumn('char', { length: 64 }) sha256!: string;
  @PrimaryColumn('int') seq!: number;
  @Column('bytea') bytes!: Buffer;
}

/** A document on a case references its blob by digest. Nothing is hard-deleted (BJ-31). */
@Entity('case_documents')
export class CaseDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { name: 'case_no' }) caseNo!: string;
  @Column('text') kind!: string;
  @Column('text') filename!: string;
  @Column('text', { name: 'content_type' }) contentType!: string;
  @Column('char', { length: 64 }) sha256!: string;
  @Column('int', { name: 'size_bytes' }) sizeBytes!: number;
  @Column('int') round!: number;
  @Column('uuid', { name: 'uploaded_by' }) uploadedBy!: string;
  @Column('timestamptz', { name: 'uploaded_at' }) uploadedAt!: Date;
}
