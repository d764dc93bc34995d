import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bytes per stored chunk: one chunk is what a download holds in memory at a time (issue 9, item 6). */
export const DOCUMENT_CHUNK_BYTES = 256 * 1024;

/**
 * Issue 9 (memory stays bounded): a document's content moves from one `bytea` value per blob — which PostgreSQL
 * and the API each had to hold whole, hex-encoded on the wire (×2), to write or read it — to rows of at most
 * 256 KiB (`document_blob_chunks`), written and read one at a time. Why chunks rather than large objects or files
 * on disk: docs/architecture.md ("Documents").
 *
 * Content-addressed as before (BJ-31): `document_blobs` keeps one row per SHA-256 with its size; its chunks are
 * inserted in the same transaction, and a deferred check refuses at commit a blob whose chunks are not exactly
 * 0..n-1 adding up to its size. Chunks are append-only like the documents that reference them. Stored without
 * compression (STORAGE EXTERNAL): uploads are mostly PDFs and images, already compressed.
 */
export class DocumentChunks1764100000300 implements MigrationInterface {
  name = 'DocumentChunks1764100000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_blob_chunks (
        sha256 char(64) NOT NULL REFERENCES document_blobs(sha256),
        seq int NOT NULL CHECK (seq >= 0),
        bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND ${DOCUMENT_CHUNK_BYTES}),
        PRIMARY KEY (sha256, seq)
      );
      ALTER TABLE document_blob_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
      INSERT INTO document_blob_chunks (sha256, seq, bytes)
        SELECT b.sha256, s.seq, substring(b.content FROM s.seq * ${DOCUMENT_CHUNK_BYTES} + 1 FOR ${DOCUMENT_CHUNK_BYTES})
        FROM document_blobs b, generate_series(0, (b.size_bytes + ${DOCUMENT_CHUNK_BYTES} - 1) / ${DOCUMENT_CHUNK_BYTES} - 1) AS s(seq);
      ALTER TABLE document_blobs DROP COLUMN content; -- and with it the CHECK that size_bytes = octet_length(content)
      CREATE TRIGGER document_blob_chunks_append_only BEFORE UPDATE OR DELETE ON document_blob_chunks FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE FUNCTION document_blob_complete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        expected int;
        n int;
        last int;
        total bigint;
      BEGIN
        SELECT size_bytes INTO expected FROM document_blobs WHERE sha256 = NEW.sha256;
        SELECT count(*), max(seq), coalesce(sum(octet_length(bytes)), 0) INTO n, last, total FROM document_blob_chunks WHERE sha256 = NEW.sha256;
        IF total <> expected OR n <> coalesce(last + 1, 0) THEN
          RAISE EXCEPTION 'document blob % is incomplete: % bytes in % chunks, % expected', NEW.sha256, total, n, expected USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER document_blobs_complete AFTER INSERT ON document_blobs DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION document_blob_complete();
      CREATE CONSTRAINT TRIGGER document_blob_chunks_complete AFTER INSERT ON document_blob_chunks DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION document_blob_complete();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE document_blobs ADD COLUMN content bytea;
      UPDATE document_blobs b SET content = coalesce((SELECT string_agg(c.bytes, ''::bytea ORDER BY c.seq) FROM document_blob_chunks c WHERE c.sha256 = b.sha256), ''::bytea);
      ALTER TABLE document_blobs ALTER COLUMN content SET NOT NULL, ADD CONSTRAINT document_blobs_size_bytes_check CHECK (size_bytes = octet_length(content));
      DROP TRIGGER document_blobs_complete ON document_blobs;
      DROP TABLE document_blob_chunks;
      DROP FUNCTION document_blob_complete();
    `);
  }
}
