import contentDisposition from 'content-disposition';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../libs/domain/src';
import { startApi } from '../support/api-harness';
import { makeRegisteredProject, makeRegistry, Registry } from '../support/fixtures';

/**
 * Issue 7, fault 8: Chinese upload file names were stored garbled (multer read them as latin1). Both upload
 * endpoints store UTF-8 names as sent (NFC), refuse names that cannot be stored, and send them back per RFC 6266 /
 * RFC 5987 — read back here with the `content-disposition` package, as a client library would.
 */
describe('UTF-8 document file names over HTTP (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let registration: string;
  let issuance: string;

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
    const site = `SITE-${randomUUID().slice(0, 8)}`;
    registration = (
      await api.http().post('/registrations').set(api.bearer(r.developer)).send({
        project: { name: '朝阳区屋顶光伏', location: '北京市朝阳区', methodologyVersionId: r.tier1, siteIdentifiers: [site], implementationStartDate: '2024-03-01' },
        attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
      }).expect(201)
    ).body.caseNo;
    const { projectId } = await makeRegisteredProject(api.db, r);
    issuance = (
      await api.http().post('/issuances').set(api.bearer(r.developer)).send({
        projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '100',
      }).expect(201)
    ).body.caseNo;
  }, 60_000);
  afterAll(() => api?.stop());

  const base = (caseNo: string) => (caseNo.includes('-ISS-') ? `/issuances/${caseNo}` : `/registrations/${caseNo}`);

  /**
   * A multipart body whose file part's Content-Disposition carries `filenameParam` byte for byte (as a browser
   * writes it: UTF-8, with `"` CR LF escaped as %22 %0D %0A per the WHATWG form encoding).
   */
  function rawUpload(a: Actor, caseNo: string, filenameParam: Buffer) {
    const boundary = `----audit${randomUUID()}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; `),
      filenameParam,
      Buffer.from(`\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 ${randomUUID()}\r\n--${boundary}--\r\n`),
    ]);
    return api.http().post(`${base(caseNo)}/documents`).set(api.bearer(a)).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
  }
  const quoted = (name: string) => Buffer.from(`filename="${name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`, 'utf8');

  async function roundTrip(caseNo: string, upload: () => Promise<{ status: number; body: { id: string; filename: string; message?: string } }>) {
    const up = await upload();
    expect([up.status, up.body.message]).toEqual([201, undefined]);
    const down = await api.http().get(`${base(caseNo)}/documents/${up.body.id}`).set(api.bearer(r.developer)).expect(200);
    const header = down.headers['content-disposition'];
    const listed = (await api.http().get(base(caseNo)).set(api.bearer(r.developer)).expect(200)).body.documents.find((d: { id: string }) => d.id === up.body.id);
    return { stored: up.body.filename, listed: listed.filename, header, parsed: contentDisposition.parse(header) };
  }

  const chinese = '朝阳区屋顶光伏 项目设计文件 (v2).pdf';

  it.each([
    ['registration', () => registration],
    ['issuance', () => issuance],
  ])('issue 7: a Chinese file name uploaded to a %s case comes back the same (stored, listed, RFC 6266/5987 download)', async (_, caseNo) => {
    const rt = await roundTrip(caseNo(), () =>
      api.http().post(`${base(caseNo())}/documents`).set(api.bearer(r.developer)).field('kind', caseNo().includes('-ISS-') ? 'application_letter' : 'other')
        .attach('file', Buffer.from(`%PDF ${randomUUID()}`), { filename: chinese, contentType: 'application/pdf' }),
    );
    expect([rt.stored, rt.listed]).toEqual([chinese, chinese]);
    expect(rt.parsed).toEqual({ type: 'attachment', parameters: { filename: chinese } });
    // Both parameters: an ASCII stand-in for old clients, the exact name in UTF-8 for everyone else.
    expect(rt.header).toBe(`attachment; filename="_______ ______ (v2).pdf"; filename*=UTF-8''${encodeURIComponent(chinese).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    expect(rt.header).toMatch(/^[\x20-\x7e]+$/);
  });

  it('issue 7: a name with a double quote and a semicolon, sent as a browser encodes it, comes back the same', async () => {
    const name = '设计 "终稿"; 第2版.pdf';
    const rt = await roundTrip(registration, () => rawUpload(r.developer, registration, quoted(name)));
    expect([rt.stored, rt.listed, rt.parsed.parameters.filename]).toEqual([name, name, name]);
  });

  it('issue 7: a name sent decomposed (NFD, as macOS writes it) is stored composed (NFC)', async () => {
    const rt = await roundTrip(registration, () => rawUpload(r.developer, registration, quoted('Re\u0301sume\u0301.pdf')));
    expect([rt.stored, rt.parsed.parameters.filename]).toEqual(['Résumé.pdf', 'Résumé.pdf']);
  });

  it.each([
    ['a NUL (RFC 5987 percent-encoded)', Buffer.from(`filename*=UTF-8''a%00b.pdf`), /control character U\+0000/],
    ['a newline (%0A)', quoted('a\nb.pdf'), /tab or a line break/],
    ['a lone surrogate (its WTF-8 bytes)', Buffer.concat([Buffer.from('filename="a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('b.pdf"')]), /not valid UTF-8/],
    ['a lone surrogate (RFC 5987 percent-encoded)', Buffer.from(`filename*=UTF-8''a%ED%A0%80b.pdf`), /not valid UTF-8/],
    ['a right-to-left override', quoted('invoice\u202Efdp.exe'), /bidirectional/],
    ['256 characters', quoted(`${'文'.repeat(252)}.pdf`), /256 characters long; at most 255/],
  ])('issue 7: a file name with %s is refused with 400 naming the field, and nothing is stored', async (_, param, why) => {
    const before = (await api.http().get(base(registration)).set(api.bearer(r.developer)).expect(200)).body.documents.length;
    const res = await rawUpload(r.developer, registration, param);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(/^file /), details: expect.objectContaining({ field: 'file' }) });
    expect(res.body.message).toMatch(why);
    expect((await api.http().get(base(registration)).set(api.bearer(r.developer)).expect(200)).body.documents).toHaveLength(before);
  });

  it('issue 7: a raw NUL byte in the part header is refused with 400 (the multipart parser rejects the part)', async () => {
    const res = await rawUpload(r.developer, registration, Buffer.concat([Buffer.from('filename="a'), Buffer.from([0]), Buffer.from('b.pdf"')]));
    expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Multipart: Malformed part header' });
  });

  it('issue 7: 255 characters are accepted', async () => {
    const name = `${'文'.repeat(251)}.pdf`;
    const rt = await roundTrip(registration, () => rawUpload(r.developer, registration, quoted(name)));
    expect(rt.parsed.parameters.filename).toBe(name);
  });
});
