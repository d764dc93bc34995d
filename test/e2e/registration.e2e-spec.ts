import { randomUUID } from 'node:crypto';
import { Connection, Client } from '@temporalio/client';
import { Actor } from '../../libs/domain/src';
import { REGISTRATION_MATERIALS } from '../../libs/domain/src';
import { makeRegistry, Registry } from '../support/fixtures';
import { sha256, startApi } from '../support/api-harness';

/** The whole stack over HTTP: real Temporal dev server, real PostgreSQL, real worker. */
describe('Class I registration over HTTP (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
  }, 60_000);
  afterAll(() => api?.stop());

  const as = (a: Actor) => ({
    get: (url: string) => api.http().get(url).set(api.bearer(a)),
    post: (url: string, body?: object) => api.http().post(url).set(api.bearer(a)).send(body ?? {}),
  });
  const application = (siteIdentifiers = [`SITE-${randomUUID().slice(0, 8)}`], over: Record<string, unknown> = {}) => ({
    project: { name: '朝阳区屋顶光伏', location: '北京市朝阳区', methodologyVersionId: r.tier1, siteIdentifiers, implementationStartDate: '2024-03-01', ...over },
    attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
  });
  const upload = (a: Actor, caseNo: string, kind: string, content = Buffer.from(`${kind} ${randomUUID()}`)) =>
    api.http().post(`/registrations/${caseNo}/documents`).set(api.bearer(a)).field('kind', kind).attach('file', content, `${kind}.pdf`);
  async function readyDraft(): Promise<string> {
    const created = await as(r.developer).post('/registrations', application()).expect(201);
    for (const kind of REGISTRATION_MATERIALS) {
      const up = await upload(r.developer, created.body.caseNo, kind);
      expect([up.status, up.body.message]).toEqual([201, undefined]);
    }
    return created.body.caseNo;
  }

  describe('ROLE-1: authentication, role and ownership', () => {
    it('ROLE-1: no token → 401 in the one error shape', async () => {
      const res = await api.http().get('/registrations').expect(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
    });
    it('ROLE-1: a forged token → 401', async () => {
      await api.http().get('/registrations').set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x').expect(401);
    });
    it("ROLE-1: a developer cannot read or act on another organisation's case, documents or timeline", async () => {
      const caseNo = await readyDraft();
      const [doc] = (await as(r.developer).get(`/registrations/${caseNo}`).expect(200)).body.documents;
      const other = as(r.otherDeveloper);
      await other.get(`/registrations/${caseNo}`).expect(404);
      await other.get(`/registrations/${caseNo}/timeline`).expect(404);
      await other.get(`/registrations/${caseNo}/documents/${doc.id}`).expect(404);
      await upload(r.otherDeveloper, caseNo, 'other').expect(404);
      await other.post(`/registrations/${caseNo}/submit`).expect(404);
      expect((await other.get('/registrations').expect(200)).body.map((c: { caseNo: string }) => c.caseNo)).not.toContain(caseNo);
      await as(r.officer).get(`/registrations/${caseNo}`).expect(200);
    });
    it('ROLE-1: a developer cannot review; an officer cannot create applications', async () => {
      const caseNo = await readyDraft();
      await as(r.developer).post(`/registrations/${caseNo}/submit`).expect(200);
      const res = await as(r.developer).post(`/registrations/${caseNo}/review`, { outcome: 'pass' }).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await as(r.officer).post('/registrations', application()).expect(403);
    });
  });

  describe('BJ-13 / BJ-14: what an application must be', () => {
    it('BJ-13: a project started on or before 2020-09-22 is refused with the reason', async () => {
      const res = await as(r.developer).post('/registrations', application(undefined, { implementationStartDate: '2020-09-22' })).expect(422);
      expect(res.body).toMatchObject({ code: 'INELIGIBLE', message: expect.stringContaining('after 2020-09-22') });
    });
    it('BJ-13: a tier-2 methodology version is refused', async () => {
      const res = await as(r.developer).post('/registrations', application(undefined, { methodologyVersionId: r.tier2 })).expect(422);
      expect(res.body.message).toMatch(/tier-1/);
    });
    it('BJ-14: both attestations are required', async () => {
      const body = { ...application(), attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: false } };
      const res = await as(r.developer).post('/registrations', body).expect(422);
      expect(res.body.details.reasons).toEqual([expect.stringContaining('other voluntary')]);
    });
    it('BJ-14: the same site identifier cannot have two live registrations (compared normalised), and nothing half-written remains', async () => {
      const id = `BJ-PV-${randomUUID().slice(0, 6)}`.toUpperCase();
      await as(r.developer).post('/registrations', application([id])).expect(201);
      const before = await api.db.query(`SELECT count(*)::int AS n FROM projects`);
      const res = await as(r.otherDeveloper).post('/registrations', application([` ${id.toLowerCase().replace(/-/g, ' ')} `])).expect(409);
      expect(res.body).toMatchObject({ code: 'DUPLICATE', message: expect.stringContaining('live registration') });
      expect(await api.db.query(`SELECT count(*)::int AS n FROM projects`)).toEqual(before);
    });
    it('BJ-13: submitting with materials missing is refused, listing them, and the case stays a draft', async () => {
      const created = await as(r.developer).post('/registrations', application()).expect(201);
      await upload(r.developer, created.body.caseNo, 'application_letter').expect(201);
      const res = await as(r.developer).post(`/registrations/${created.body.caseNo}/submit`).expect(422);
      expect(res.body).toMatchObject({ code: 'MATERIALS_INCOMPLETE', details: { missing: ['project_design_document', 'implementation_plan', 'authenticity_commitment'] } });
      expect((await as(r.developer).get(`/registrations/${created.body.caseNo}`)).body.status).toBe('draft');
    });
    it('bad input is a 400 in the one error shape, never a 500', async () => {
      const res = await as(r.developer).post('/registrations', { project: { name: 1 }, attestations: 'yes', extra: true }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
      const bad = await api.http().post('/registrations').set(api.bearer(r.developer)).set('Content-Type', 'application/json').send('{"project":').expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      await as(r.developer).get('/registrations/not-a-case').expect(404);
      await api.http().get('/calendar/deadline?from=yesterday&workingDays=ten').expect(400);
    });
  });

  it('BJ-15: the developer and officer walk a case to publicity; the public reads and comments; the officer dismisses with a reason', async () => {
    const created = await as(r.developer).post('/registrations', application()).expect(201);
    const caseNo: string = created.body.caseNo;
    expect(caseNo).toMatch(/^BJ-REG-\d{4}-\d{6}$/);
    const pdd = Buffer.from('项目设计文件 PDD v1');
    for (const kind of REGISTRATION_MATERIALS) {
      const up = await upload(r.developer, caseNo, kind, kind === 'project_design_document' ? pdd : undefined).expect(201);
      if (kind === 'project_design_document') {
        expect(up.body.sha256).toBe(sha256(pdd));
        const dl = await as(r.officer).get(`/registrations/${caseNo}/documents/${up.body.id}`).expect(200);
        expect(dl.headers['x-content-sha256']).toBe(sha256(pdd));
      }
    }
    const submitted = await as(r.developer).post(`/registrations/${caseNo}/submit`).set('Idempotency-Key', `submit-${caseNo}`).expect(200);
    expect(submitted.body).toMatchObject({ caseNo, status: 'under_review', round: 1 });
    // A retried submit with the same key acts once.
    await as(r.developer).post(`/registrations/${caseNo}/submit`).set('Idempotency-Key', `submit-${caseNo}`).expect(200);

    const worklist = (await as(r.officer).get('/worklist').expect(200)).body.map((c: { caseNo: string }) => c.caseNo);
    expect(worklist).toContain(caseNo);
    await as(r.officer).post(`/registrations/${caseNo}/claim`).expect(200);
    const reassigned = await as(r.officer).post(`/registrations/${caseNo}/assign`, { officerId: r.officer2.userId }).expect(200);
    expect(reassigned.body.assignedOfficerId).toBe(r.officer2.userId);
    expect((await as(r.officer).get('/worklist')).body.map((c: { caseNo: string }) => c.caseNo)).not.toContain(caseNo);

    const supplement = await as(r.officer2).post(`/registrations/${caseNo}/review`, { outcome: 'request_supplement', reasons: '请补充并网证明' }).expect(200);
    expect(supplement.body).toMatchObject({ status: 'awaiting_supplement', deadline: { kind: 'supplement_due', bindsOn: 'developer', closesAtLocal: expect.stringMatching(/T00:00:00\+08:00$/) } });
    const inbox = (await as(r.developer).get('/me/notifications').expect(200)).body;
    expect(inbox).toEqual(expect.arrayContaining([expect.objectContaining({ caseNo, kind: 'review_request_supplement', message: expect.stringContaining('请补充并网证明') })]));
    const extra = await upload(r.developer, caseNo, 'supplement').expect(201);
    await as(r.developer).post(`/registrations/${caseNo}/supplement`, { note: '已补充', documentIds: [extra.body.id] }).expect(200);
    await as(r.officer2).post(`/registrations/${caseNo}/review`, { outcome: 'pass' }).expect(200);
    const opened = await as(r.officer2).post(`/registrations/${caseNo}/publicity`).expect(200);
    expect(opened.body).toMatchObject({ status: 'in_publicity', deadline: { kind: 'publicity_close' } });

    // The public: no login.
    const notices = (await api.http().get('/public/publicity').expect(200)).body;
    const notice = notices.find((n: { caseNo: string }) => n.caseNo === caseNo);
    expect(notice).toMatchObject({ status: 'open', closesAt: opened.body.deadline.closesAt, closesAtLocal: opened.body.deadline.closesAtLocal });
    const spam = await api.http().post(`/public/publicity/${notice.id}/comments`).send({ authorName: '匿名', body: 'buy followers', contact: 'x@y.z' }).expect(201);
    const real = await api.http().post(`/public/publicity/${notice.id}/comments`).send({ authorName: '李四', body: '屋顶产权归属是否清楚？' }).expect(201);
    const read = (await api.http().get(`/public/publicity/${notice.id}`).expect(200)).body;
    expect(read.comments).toHaveLength(2);
    expect(JSON.stringify(read)).not.toContain('x@y.z'); // BJ-31: personal data is never disclosed
    await api.http().post(`/public/publicity/${notice.id}/comments`).send({ body: '' }).expect(400);

    const dismissed = await as(r.officer2).post(`/registrations/${caseNo}/comments/${spam.body.id}/dismiss`, { reason: 'spam', note: 'advertising' }).expect(200);
    expect(dismissed.body.status).toBe('in_publicity');
    await as(r.officer2).post(`/registrations/${caseNo}/comments/${randomUUID()}/dismiss`, { reason: 'spam' }).expect(404);

    // Wrong-state actions are 409 with the state and what is allowed.
    const wrong = await as(r.officer2).post(`/registrations/${caseNo}/review`, { outcome: 'pass' }).expect(409);
    expect(wrong.body).toMatchObject({ code: 'WRONG_STATE', message: expect.stringContaining('in_publicity') });
    expect(wrong.body.message).toMatch(/Allowed now: .*dismissComment/);
    await as(r.officer2).post(`/registrations/${caseNo}/complete`).expect(409);

    const full = (await as(r.developer).get(`/registrations/${caseNo}`).expect(200)).body;
    expect(full.timeline.map((e: { type: string }) => e.type)).toEqual([
      'created', 'submitted', 'claimed', 'reassigned', 'review_request_supplement', 'supplement_submitted', 'review_pass', 'publicity_opened', 'comment_dismissed',
    ]);
    expect(full.publicity[0].comments.map((c: { id: string; dismissedReason: string | null }) => [c.id, c.dismissedReason])).toEqual([
      [spam.body.id, 'spam'],
      [real.body.id, null],
    ]);
    expect(full).toMatchObject({ calendarVersion: expect.stringMatching(/^chinese-days@/), deadlineKind: 'publicity_close' });
  });

  it('operators find a case in Temporal by case number and filter by custom search attributes', async () => {
    const caseNo = await readyDraft();
    await as(r.developer).post(`/registrations/${caseNo}/submit`).expect(200);
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const client = new Client({ connection });
    try {
      const byNumber = async () => {
        const found: string[] = [];
        for await (const wf of client.workflow.list({ query: `CaseNumber = "${caseNo}" AND CaseStatus = "under_review" AND CaseType = "project-registration"` })) found.push(wf.workflowId);
        return found;
      };
      let found: string[] = [];
      for (let i = 0; i < 50 && !found.length; i++) {
        found = await byNumber();
        if (!found.length) await new Promise((res) => setTimeout(res, 200)); // visibility is eventually consistent
      }
      expect(found).toEqual([`project-registration/${caseNo}`]);
    } finally {
      await connection.close();
    }
  });

  it('the inbox tells officers of a new submission; only a recipient can mark it read', async () => {
    const caseNo = await readyDraft();
    await as(r.developer).post(`/registrations/${caseNo}/submit`).expect(200);
    const inbox = (await as(r.officer).get('/me/notifications').expect(200)).body;
    const note = inbox.find((n: { caseNo: string; kind: string }) => n.caseNo === caseNo && n.kind === 'case_submitted');
    expect(note).toMatchObject({ readAt: null, message: expect.stringContaining('technical review') });
    await as(r.developer).post(`/me/notifications/${note.id}/read`).expect(404);
    await as(r.officer).post(`/me/notifications/${note.id}/read`).expect(204);
    const after = (await as(r.officer).get('/me/notifications')).body.find((n: { id: string }) => n.id === note.id);
    expect(after.readAt).not.toBeNull();
  });

  it('CAL-2: the deadline endpoint answers the 2026 National Day example', async () => {
    const res = await api.http().get('/calendar/deadline').query({ from: '2026-09-28T10:00:00+08:00', workingDays: 10 }).expect(200);
    expect(res.body).toMatchObject({ closesAt: '2026-10-16T16:00:00.000Z', closesAtLocal: '2026-10-17T00:00:00+08:00', lastWorkingDay: '2026-10-16' });
  });

  it('BJ-7/BJ-9: the bureau records a published methodology version; a developer may not', async () => {
    const body = { code: `BJ-M-${r.tag.toUpperCase()}`, title: '充电桩', version: '1.0', tier: 1, applicabilityConditions: 'a', projectBoundary: 'b', accountingMethod: 'c', monitoringMethod: 'd', creditingPeriodRules: 'e' };
    await as(r.developer).post('/methodologies', body).expect(403);
    const res = await as(r.bureau).post('/methodologies', body).expect(201);
    expect(res.body).toMatchObject({ tier: 1, status: 'published' });
    await as(r.bureau).post('/methodologies', body).expect(409);
    expect((await api.http().get('/methodologies').expect(200)).body.map((m: { id: string }) => m.id)).toContain(res.body.id);
  });
});
