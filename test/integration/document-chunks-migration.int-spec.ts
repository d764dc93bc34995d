import { createHash, randomBytes } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { DOCUMENT_CHUNK_BYTES, DocumentChunks1764100000300 } from '../../libs/persistence/src/migrations/1764100000300-document-chunks';

/**
 * Issue 9.6: documents stored before chunking (one bytea value per blob) survive the migration both ways byte for
 * byte, and the schema refuses a blob whose chunks do not add up. Run as the owner in one transaction that is rolled
 * back, so the shared test database is left as it was.
 */
describe('document chunks migration (PostgreSQL)', () => {
  let db: DataSource;
  let q: QueryRunner;
  const migration = new DocumentChunks1764100000300();
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(undefined, 'owner')).initialize();
    q = db.createQueryRunner();
    await q.connect();
    await q.startTransaction();
  });
  afterAll(async () => {
    await q?.rollbackTransaction();
    await q?.release();
    await db?.destroy();
  });

  it('issue 9.6: a document stored whole is split into 256 KiB chunks by up and put back whole by down', async () => {
    await migration.down(q);
    const content = randomBytes(2 * DOCUMENT_CHUNK_BYTES + 1000);
    await q.query(`INSERT INTO document_blobs (sha256, content, size_bytes) VALUES ($1, $2, $3)`, [sha256(content), content, content.length]);

    await migration.up(q);
    const chunks: { seq: number; bytes: Buffer }[] = await q.query(`SELECT seq, bytes FROM document_blob_chunks WHERE sha256 = $1 ORDER BY seq`, [sha256(content)]);
    expect(chunks.map((c) => [c.seq, c.bytes.length])).toEqual([[0, DOCUMENT_CHUNK_BYTES], [1, DOCUMENT_CHUNK_BYTES], [2, 1000]]);
    expect(sha256(Buffer.concat(chunks.map((c) => c.bytes)))).toBe(sha256(content));

    await migration.down(q);
    const [{ content: whole }] = await q.query(`SELECT content FROM document_blobs WHERE sha256 = $1`, [sha256(content)]);
    expect(sha256(whole)).toBe(sha256(content));
    await migration.up(q);
  });

  it.each([
    ['a chunk missing', [Buffer.from('hello')], 10],
    ['a gap in the sequence', [Buffer.from('hello'), null, Buffer.from('world')], 10],
    ['no chunks at all', [], 3],
  ])('issue 9.6: a blob with %s is refused when the transaction commits', async (_, parts, sizeBytes) => {
    const sha = sha256(randomBytes(8));
    await q.query('SAVEPOINT incomplete');
    try {
      await q.query(`INSERT INTO document_blobs (sha256, size_bytes) VALUES ($1, $2)`, [sha, sizeBytes]);
      for (const [seq, bytes] of parts.entries()) {
        if (bytes) await q.query(`INSERT INTO document_blob_chunks (sha256, seq, bytes) VALUES ($1, $2, $3)`, [sha, seq, bytes]);
      }
      await expect(q.query('SET CONSTRAINTS ALL IMMEDIATE')).rejects.toThrow(/is incomplete/);
    } finally {
      await q.query('ROLLBACK TO SAVEPOINT incomplete');
    }
  });
});
