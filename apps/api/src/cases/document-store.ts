import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DataSource, EntityManager } from 'typeorm';
import { DOCUMENT_CHUNK_BYTES } from '../../../../libs/persistence/src/migrations/1764100000300-document-chunks';

/** A document's bytes received whole into a file, with their SHA-256 and size taken on the way in. */
export interface StagedContent {
  path: string;
  sha256: string;
  sizeBytes: number;
}

/** What can be stored: a staged upload, or (scripts, tests, the seed) a small document already in memory. */
export type DocumentContent = StagedContent | Buffer;

/**
 * Where documents' bytes live, and the one module that knows: content-addressed (BJ-31: the same bytes once, under
 * their SHA-256) in PostgreSQL, in rows of at most 256 KiB (`document_blob_chunks`), so that neither the database
 * nor this process holds a document whole to store or send it (issue 9). Why chunk rows rather than a large
 * object or files on disk: docs/architecture.md ("Documents").
 */
@Injectable()
export class DocumentStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Stores the staged bytes under their digest in the caller's transaction, unless they are stored already. A blob
   * and its chunks commit together (a deferred check refuses a blob whose chunks do not add up to its size); two
   * uploads of the same bytes at once serialise on the blob's key, and the second finds them stored.
   */
  async put(m: EntityManager, content: DocumentContent): Promise<{ sha256: string; sizeBytes: number }> {
    const { sha256, sizeBytes } = Buffer.isBuffer(content) ? { sha256: createHash('sha256').update(content).digest('hex'), sizeBytes: content.length } : content;
    const created = await m.query(`INSERT INTO document_blobs (sha256, size_bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING sha256`, [sha256, sizeBytes]);
    if (created.length) {
      let seq = 0;
      for await (const chunk of Buffer.isBuffer(content) ? chunksOf(content) : createReadStream(content.path, { highWaterMark: DOCUMENT_CHUNK_BYTES })) {
        await m.query(`INSERT INTO document_blob_chunks (sha256, seq, bytes) VALUES ($1, $2, $3)`, [sha256, seq++, chunk]);
      }
    }
    return { sha256, sizeBytes };
  }

  /**
   * The stored bytes, one chunk (one query) at a time, as the reader asks for them. The SHA-256 is checked on the
   * way out: the last chunk is not handed over unless everything read adds up to the digest and size the document
   * was stored with, so a receiver never gets a complete-looking copy of altered bytes (it gets an error instead).
   */
  async *content(sha256: string, sizeBytes: number): AsyncGenerator<Buffer> {
    const hash = createHash('sha256');
    let read = 0;
    let last: Buffer | undefined;
    for (let seq = 0; read < sizeBytes; seq++) {
      const [row] = await this.db.query(`SELECT bytes FROM document_blob_chunks WHERE sha256 = $1 AND seq = $2`, [sha256, seq]);
      if (!row) break;
      const bytes: Buffer = row.bytes;
      hash.update(bytes);
      read += bytes.length;
      if (read >= sizeBytes) {
        last = bytes;
        break;
      }
      yield bytes;
    }
    if (read !== sizeBytes || hash.digest('hex') !== sha256) {
      throw new Error(`document content ${sha256} is not what was stored: ${read} bytes read of ${sizeBytes}, or another digest`);
    }
    if (last) yield last;
  }
}

function* chunksOf(b: Buffer): Generator<Buffer> {
  for (let at = 0; at < b.length; at += DOCUMENT_CHUNK_BYTES) yield b.subarray(at, at + DOCUMENT_CHUNK_BYTES);
}
