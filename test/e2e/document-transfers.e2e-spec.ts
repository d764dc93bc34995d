import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DocumentTransferSlots } from '../../apps/api/src/cases/document-transfers';
import { DocumentUploads, MAX_DOCUMENT_BYTES } from '../../apps/api/src/cases/document-uploads';
import { Actor } from '../../libs/domain/src';
import { startApi } from '../support/api-harness';
import { eventually, makeRegistry, Registry } from '../support/fixtures';

const MB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Issue 9, item 6: memory stays bounded under load. Uploads are refused before their body is read when they cannot
 * succeed, streamed to disk and into the chunked store when they can, cut off at the size limit with nothing kept;
 * downloads stream the stored bytes back with their digest; transfers beyond the limit are refused at once. Raw
 * HTTP where the test must control how much of a body is sent, and when.
 */
describe('Document uploads and downloads under load (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let caseNo: string;
  let origin: { host: string; port: number };

  beforeAll(async () => {
    // Two transfers at once, so the limit can be reached with two held uploads; no worker: drafts only.
    api = await startApi({ worker: false, env: { DOCUMENT_TRANSFERS_MAX: '2' } });
    await api.app.listen(0, '127.0.0.1');
    origin = { host: '127.0.0.1', port: (api.app.getHttpServer().address() as AddressInfo).port };
    r = await makeRegistry(api.db);
    caseNo = (
      await api.http().post('/registrations').set(api.bearer(r.developer)).send({
        project: { name: '屋顶光伏', location: '北京市', methodologyVersionId: r.tier1, siteIdentifiers: [`SITE-${randomUUID().slice(0, 8)}`], implementationStartDate: '2024-03-01' },
        attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
      }).expect(201)
    ).body.caseNo;
  }, 60_000);
  afterAll(() => api?.stop());

  /** What an upload may have left: this case's documents, blobs whose chunks do not add up (any case), staged files. */
  const stored = async () => {
    const [counts] = await api.db.query(
      `SELECT (SELECT count(*)::int FROM case_documents WHERE case_no = $1) AS documents,
              (SELECT count(*)::int FROM document_blobs b
                WHERE b.size_bytes <> (SELECT coalesce(sum(octet_length(c.bytes)), 0) FROM document_blob_chunks c WHERE c.sha256 = b.sha256)) AS "incompleteBlobs"`,
      [caseNo],
    );
    return { ...counts, staged: readdirSync(api.app.get(DocumentUploads).stagingDir) };
  };

  /**
   * A multipart upload written by hand on a TCP connection, so the test alone decides how much of the body is sent
   * and when (Node's HTTP client stops reporting the socket's progress once a response has arrived). The `kind`
   * field and the file part's header go at once; then the file's bytes as the test writes them. `fileBytes` sets
   * Content-Length; without it the body is sent chunked, with no declared size.
   */
  function rawUpload(a: Actor, to: string, fileBytes?: number) {
    const boundary = `----transfer${randomUUID()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="large.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunked = fileBytes === undefined;
    const socket = net.connect(origin);
    socket.on('error', () => undefined); // the server may close while we still send: that is the point
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `POST /registrations/${to}/documents HTTP/1.1\r\nHost: ${origin.host}\r\nAuthorization: ${api.bearer(a).Authorization}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
        (chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${head.length + fileBytes + tail.length}\r\n\r\n`),
    );
    const write = (b: Buffer) => socket.write(chunked ? Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]) : b);
    write(head);

    const response = new Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }>((resolve, reject) => {
      let received = Buffer.alloc(0);
      const onData = (c: Buffer) => {
        received = Buffer.concat([received, c]);
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
        const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        const body = received.subarray(end + 4);
        if (body.length < Number(headers['content-length'])) return;
        socket.off('data', onData);
        resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(body.toString('utf8')) });
      };
      socket.on('data', onData);
      void closed.then(() => reject(new Error('closed without an answer')));
    });
    response.catch(() => undefined);

    /** Writes `bytes` of file (with backpressure) unless the connection closes first; answers how much was written. */
    async function send(bytes: number): Promise<number> {
      const chunk = randomBytes(256 * 1024);
      let sent = 0;
      while (sent < bytes && !socket.destroyed) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        if (!write(part)) await Promise.race([once(socket, 'drain').catch(() => undefined), closed]);
      }
      return sent;
    }
    const end = () => {
      write(tail);
      if (chunked) socket.write('0\r\n\r\n');
    };
    return { socket, response, send, end };
  }

  it.each([
    ['a case that does not exist', () => r.developer, () => 'BJ-REG-2026-999999', 404, 'NOT_FOUND'],
    ["another organisation's case", () => r.otherDeveloper, () => caseNo, 404, 'NOT_FOUND'],
    ['a role that uploads nothing (officer)', () => r.officer, () => caseNo, 403, 'FORBIDDEN'],
  ])('issue 9.6: a 20 MB upload to %s is answered while the client is still sending, and the rest of its body is not read', async (_, who, to, status, code) => {
    const before = await stored();
    const upload = rawUpload(who(), to(), 20 * MB);
    await upload.send(64 * 1024); // 64 KiB of the 20 MB declared, then wait: an answer now was given without the body
    const res = await upload.response;
    expect(res).toMatchObject({ status, body: { statusCode: status, code, message: expect.any(String) } });
    // Keep sending: the server closes the connection after its answer; all that gets through is what the two
    // sockets' buffers hold (about 0.3 MB here), never the 20 MB.
    const sent = 64 * 1024 + (await upload.send(20 * MB - 64 * 1024));
    expect(sent).toBeLessThan(4 * MB);
    expect(await stored()).toEqual(before);
  }, 60_000);

  it('issue 9.6: a declared Content-Length over 25 MB is refused with 413 before the body is read', async () => {
    const upload = rawUpload(r.developer, caseNo, 30 * MB);
    await upload.send(64 * 1024);
    const res = await upload.response;
    expect(res).toMatchObject({ status: 413, body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', details: { field: 'file', limitBytes: MAX_DOCUMENT_BYTES } } });
    upload.socket.destroy();
  });

  it('issue 9.6: a file that passes 25 MB mid-stream (no declared size) is refused with 413 in the one error shape; nothing is kept, not even staged', async () => {
    const before = await stored();
    const upload = rawUpload(r.developer, caseNo);
    await upload.send(MAX_DOCUMENT_BYTES + 1);
    upload.end();
    const res = await upload.response;
    expect(res).toEqual(expect.objectContaining({ status: 413, body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/25 MB; nothing was stored/), details: { field: 'file', limitBytes: MAX_DOCUMENT_BYTES } } }));
    expect(await stored()).toEqual(before);
  }, 60_000);

  it('issue 9.6, BJ-31: a 20 MB document downloads byte for byte; its SHA-256 is the upload\'s, sent as X-Content-SHA256; the same bytes are stored once', async () => {
    const content = randomBytes(20 * MB);
    const up = await api.http().post(`/registrations/${caseNo}/documents`).set(api.bearer(r.developer)).field('kind', 'other').attach('file', content, '大文件.pdf');
    expect([up.status, up.body.message]).toEqual([201, undefined]);
    expect(up.body).toMatchObject({ sha256: sha256(content), sizeBytes: content.length });
    const down = await api.http().get(`/registrations/${caseNo}/documents/${up.body.id}`).set(api.bearer(r.developer))
      .buffer(true).parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(down.status).toBe(200);
    expect(down.headers).toMatchObject({ 'x-content-sha256': sha256(content), 'content-length': String(content.length) });
    expect(sha256(down.body)).toBe(sha256(content));
    expect(Buffer.compare(down.body, content)).toBe(0);
    // Uploaded again (a revision with the same file): a second document, the same 80 chunks.
    await api.http().post(`/registrations/${caseNo}/documents`).set(api.bearer(r.developer)).field('kind', 'revision').attach('file', content, 'again.pdf').expect(201);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM document_blob_chunks WHERE sha256 = $1`, [sha256(content)]);
    expect(n).toBe(Math.ceil(content.length / (256 * 1024)));
    expect((await stored()).staged).toEqual([]);
  }, 120_000);

  it('issue 9.6: beyond DOCUMENT_TRANSFERS_MAX (2 here), an upload and a download are refused at once with 503 DOCUMENT_TRANSFERS_BUSY and Retry-After; the slots free when the transfers end', async () => {
    const doc = (await api.http().post(`/registrations/${caseNo}/documents`).set(api.bearer(r.developer)).field('kind', 'other').attach('file', Buffer.from('%PDF small'), 'small.pdf').expect(201)).body;
    const slots = api.app.get(DocumentTransferSlots);
    const held = [rawUpload(r.developer, caseNo, 5 * MB), rawUpload(r.developer, caseNo, 5 * MB)];
    for (const h of held) await h.send(64 * 1024);
    await eventually(async () => slots.active === 2, 'two uploads holding both transfer slots');

    const refusedUpload = rawUpload(r.developer, caseNo, 5 * MB);
    const upload = await refusedUpload.response;
    const download = await api.http().get(`/registrations/${caseNo}/documents/${doc.id}`).set(api.bearer(r.developer));
    for (const res of [{ status: upload.status, headers: upload.headers, body: upload.body }, download]) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body).toEqual({ statusCode: 503, code: 'DOCUMENT_TRANSFERS_BUSY', message: expect.stringContaining('2 document uploads and downloads'), details: { limit: 2 } });
    }
    refusedUpload.socket.destroy();

    // One held upload finishes, the other's client hangs up: both slots come back, and nothing half-sent is kept.
    await held[0].send(5 * MB - 64 * 1024);
    held[0].end();
    expect((await held[0].response).status).toBe(201);
    held[1].socket.destroy();
    await eventually(async () => slots.active === 0, 'the transfer slots freed');
    await api.http().get(`/registrations/${caseNo}/documents/${doc.id}`).set(api.bearer(r.developer)).expect(200);
    await eventually(async () => (await stored()).staged.length === 0 || undefined, 'the abandoned upload\'s staged file removed');
  }, 60_000);
});
