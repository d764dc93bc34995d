import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Actor, ISSUANCE_MATERIALS, REGISTRATION_MATERIALS, TEXT_LIMITS } from '../../libs/domain/src';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import { startApi } from '../support/api-harness';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase, Registry } from '../support/fixtures';

/**
 * Issue 7, faults 1 and 2 as tests: hostile text in every free-text field of every action endpoint, and the
 * other inputs that used to answer 500. Every answer must be a 4xx in the one error shape that names the
 * field; no case may be left wedged (each still answers its next action, no step failed, none needs
 * attention) and nothing half-written may remain.
 */
describe('hostile input over HTTP (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let admin: Actor;
  const seen: { what: string; status: number }[] = [];

  beforeAll(async () => {
    // Hundreds of requests from one address: the per-client limits (their own test in identity.e2e-spec) are off here.
    api = await startApi({ env: { RATE_LIMIT_COMMENTS: 'off', RATE_LIMIT_PUBLIC: 'off' } });
    r = await makeRegistry(api.db);
    admin = await r.user(await r.org('Platform Ops', 'platform'), 'admin', 'Admin Ops');
  }, 60_000);
  afterAll(() => api?.stop());

  /** Every response of this file passes through here: none may be a server error, and errors have the one shape. */
  const check = (what: string) => (res: request.Response) => {
    seen.push({ what, status: res.status });
    if (res.status >= 400) expect(res.body).toEqual(expect.objectContaining({ statusCode: res.status, code: expect.any(String), message: expect.any(String) }));
    return res;
  };
  const as = (a: Actor | null) => ({
    get: (url: string) => (a ? api.http().get(url).set(api.bearer(a)) : api.http().get(url)).then(check(`GET ${url}`)),
    post: (url: string, body?: unknown) => (a ? api.http().post(url).set(api.bearer(a)) : api.http().post(url)).send(body as object ?? {}).then(check(`POST ${url}`)),
    put: (url: string, body?: unknown) => api.http().put(url).set(api.bearer(a!)).send(body as object ?? {}).then(check(`PUT ${url}`)),
  });
  const upload = (a: Actor, path: string, kind: string) =>
    api.http().post(`${path}/documents`).set(api.bearer(a)).field('kind', kind).attach('file', Buffer.from(`${kind} ${randomUUID()}`), `${kind}.pdf`).then(check('upload'));

  const application = (over: Record<string, unknown> = {}) => ({
    project: { name: '朝阳区屋顶光伏', location: '北京市朝阳区', methodologyVersionId: r.tier1, siteIdentifiers: [`SITE-${randomUUID().slice(0, 8)}`], implementationStartDate: '2024-03-01', ...over },
    attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
  });
  async function registration(to: 'draft' | 'under_review' | 'awaiting_supplement' | 'review_passed' | 'in_publicity') {
    const caseNo: string = (await as(r.developer).post('/registrations', application())).body.caseNo;
    for (const kind of REGISTRATION_MATERIALS) expect((await upload(r.developer, `/registrations/${caseNo}`, kind)).status).toBe(201);
    if (to === 'draft') return { caseNo };
    await as(r.developer).post(`/registrations/${caseNo}/submit`);
    if (to === 'awaiting_supplement') await as(r.officer).post(`/registrations/${caseNo}/review`, { outcome: 'request_supplement', reasons: '请补充' });
    if (to === 'review_passed' || to === 'in_publicity') await as(r.officer).post(`/registrations/${caseNo}/review`, { outcome: 'pass' });
    if (to === 'in_publicity') await as(r.officer).post(`/registrations/${caseNo}/publicity`);
    expect((await as(r.officer).get(`/registrations/${caseNo}`)).body.status).toBe(to);
    return { caseNo };
  }
  async function issuanceInPublicity() {
    const { projectId } = await makeRegisteredProject(api.db, r);
    const caseNo: string = (await as(r.developer).post('/issuances', { projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '100' })).body.caseNo;
    for (const kind of ISSUANCE_MATERIALS) expect((await upload(r.developer, `/issuances/${caseNo}`, kind)).status).toBe(201);
    await as(r.developer).post(`/issuances/${caseNo}/submit`);
    await as(r.officer).post(`/issuances/${caseNo}/review`, { outcome: 'pass', auditedTco2e: '100' });
    expect((await as(r.officer).post(`/issuances/${caseNo}/publicity`)).status).toBe(200);
    return { caseNo };
  }
  const noticeOf = async (caseNo: string) => (await api.db.query(`SELECT id FROM publicity_notices WHERE case_no = $1 AND status = 'open'`, [caseNo]))[0].id as string;

  /** The poisons: each makes a field unstorable or unreadable. `long` is built per field from its limit. */
  const POISONS: [string, (limit: number) => string][] = [
    ['NUL', () => 'before\u0000after'],
    ['BEL control character', () => 'ring\u0007'],
    ['ESC control character', () => '\u001b[31mred'],
    ['C1 control (NEL)', () => 'next\u0085line'],
    ['unpaired high surrogate', () => 'half \ud83d pair'],
    ['unpaired low surrogate', () => '\ude00 alone'],
    ['over-long text', (limit) => '长'.repeat(limit + 1)],
  ];

  /** Writes `value` at a dotted path of a copy of `body` (arrays by index). */
  function withField(body: unknown, path: string, value: string): unknown {
    const copy = JSON.parse(JSON.stringify(body));
    const keys = path.split('.');
    let at = copy;
    for (const k of keys.slice(0, -1)) at = at[k];
    at[keys[keys.length - 1]] = value;
    return copy;
  }

  it('issue 7 fault 1: hostile text in every free-text field of every action endpoint is a 400 naming the field, and no case is wedged', async () => {
    const reg = { draft: await registration('draft'), review: await registration('under_review'), supplement: await registration('awaiting_supplement'), publicity: await registration('in_publicity') };
    const iss = await issuanceInPublicity();
    const regNotice = await noticeOf(reg.publicity.caseNo);
    const comment = (await as(null).post(`/public/publicity/${regNotice}/comments`, { authorName: '李四', body: '产权清楚吗？' })).body.id as string;
    const seller = await r.user(await r.org('Seller', 'developer'), 'developer', 'Dev Seller');
    const buyer = await r.user(await r.org('Buyer', 'emitter'), 'emitter', 'Emitter Buyer');
    const { projectId } = await makeRegisteredProject(api.db, r, seller);
    const block = await new LedgerRepository(api.db).issue({ caseNo: await makeSignOffReadyCase(api.db, r, projectId, seller), quantity: '10', signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() });
    const buyerAccount = (await as(buyer).post('/accounts')).body.accountNo as string;
    const methodology = { code: `BJ-M-${randomUUID().slice(0, 6).toUpperCase()}`, title: '充电桩', version: '1.0', tier: 1, applicabilityConditions: 'a', projectBoundary: 'b', accountingMethod: 'c', monitoringMethod: 'd', creditingPeriodRules: 'e' };

    type Target = { who: Actor | null; method: 'post' | 'put'; url: string; body: unknown; fields: [string, number][] };
    const targets: Target[] = [
      { who: r.developer, method: 'post', url: '/registrations', body: application(), fields: [['project.name', TEXT_LIMITS.name], ['project.location', TEXT_LIMITS.name], ['project.siteIdentifiers.0', TEXT_LIMITS.identifier]] },
      { who: r.officer, method: 'post', url: `/registrations/${reg.review.caseNo}/review`, body: { outcome: 'reject', reasons: 'x' }, fields: [['reasons', TEXT_LIMITS.reasons]] },
      { who: r.developer, method: 'post', url: `/registrations/${reg.supplement.caseNo}/supplement`, body: { note: 'ok', documentIds: [] }, fields: [['note', TEXT_LIMITS.reasons]] },
      { who: r.developer, method: 'post', url: `/registrations/${reg.review.caseNo}/revision`, body: { documentIds: [], responses: [{ commentId: comment, response: 'ok' }] }, fields: [['responses.0.response', TEXT_LIMITS.reasons]] },
      { who: r.officer, method: 'post', url: `/registrations/${reg.publicity.caseNo}/comments/${comment}/dismiss`, body: { reason: 'spam', note: 'x' }, fields: [['note', TEXT_LIMITS.note]] },
      { who: r.officer, method: 'post', url: `/issuances/${iss.caseNo}/review`, body: { outcome: 'reject', reasons: 'x' }, fields: [['reasons', TEXT_LIMITS.reasons]] },
      { who: r.officer, method: 'post', url: `/issuances/${iss.caseNo}/submit-to-bureau`, body: { note: 'x' }, fields: [['note', TEXT_LIMITS.note]] },
      { who: r.bureau, method: 'post', url: `/issuances/${iss.caseNo}/refuse`, body: { reasons: 'x' }, fields: [['reasons', TEXT_LIMITS.reasons]] },
      { who: r.developer, method: 'post', url: `/issuances/${iss.caseNo}/supplement`, body: { note: 'ok', documentIds: [] }, fields: [['note', TEXT_LIMITS.reasons]] },
      { who: null, method: 'post', url: `/public/publicity/${regNotice}/comments`, body: { authorName: '王五', contact: 'w@example.com', body: 'ok' }, fields: [['authorName', TEXT_LIMITS.name], ['contact', TEXT_LIMITS.contact], ['body', TEXT_LIMITS.comment]] },
      { who: seller, method: 'post', url: `/accounts/${block!.accountNo}/transfers`, body: { toAccountNo: buyerAccount, quantity: '1', reason: 'x' }, fields: [['reason', TEXT_LIMITS.ledgerReason]] },
      { who: admin, method: 'put', url: '/calendar/overrides/2030-10-08', body: { kind: 'holiday', note: 'x' }, fields: [['note', 500]] },
      { who: r.bureau, method: 'post', url: '/methodologies', body: methodology, fields: [['title', TEXT_LIMITS.name], ['applicabilityConditions', TEXT_LIMITS.methodologyText]] },
    ];
    let requests = 0;
    for (const t of targets) {
      for (const [field, limit] of t.fields) {
        for (const [poison, make] of POISONS) {
          const res = await as(t.who)[t.method](t.url, withField(t.body, field, make(limit)));
          requests++;
          expect([t.url, field, poison, res.status, res.body.code]).toEqual([t.url, field, poison, 400, 'VALIDATION_FAILED']);
          expect(res.body.message).toContain(field.replace(/\.(\d+)/g, '[$1]').split('.').pop()!.replace(/\[\d+\]$/, ''));
        }
      }
    }
    expect(requests).toBe(targets.reduce((n, t) => n + t.fields.length, 0) * POISONS.length);

    // No case is wedged: each answers its next action, none failed a step or needs attention.
    expect((await as(r.officer).post(`/registrations/${reg.review.caseNo}/review`, { outcome: 'pass' })).body.status).toBe('review_passed');
    expect((await as(r.developer).post(`/registrations/${reg.supplement.caseNo}/supplement`, { note: '已补充', documentIds: [] })).body.status).toBe('under_review');
    expect((await as(r.officer).post(`/registrations/${reg.publicity.caseNo}/comments/${comment}/dismiss`, { reason: 'spam', note: '广告' })).status).toBe(200);
    expect((await as(r.officer).post(`/issuances/${iss.caseNo}/claim`)).body.status).toBe('in_publicity');
    expect((await as(r.developer).post(`/registrations/${reg.draft.caseNo}/submit`)).body.status).toBe('under_review');
    const cases = [reg.draft, reg.review, reg.supplement, reg.publicity, iss].map((c) => c.caseNo);
    expect(await api.db.query(`SELECT case_no FROM case_overview WHERE case_no = ANY($1) AND needs_attention`, [cases])).toEqual([]);
    expect(await api.db.query(`SELECT case_no FROM case_events WHERE case_no = ANY($1) AND type = 'step_failed'`, [cases])).toEqual([]);
    // The publicity deadline of the case in publicity is still the one it opened with.
    const [p] = await api.db.query(`SELECT c.deadline_at, n.closes_at FROM registration_cases c JOIN publicity_notices n ON n.case_no = c.case_no WHERE c.case_no = $1`, [reg.publicity.caseNo]);
    expect(p.deadline_at).toEqual(p.closes_at);
  }, 180_000);

  it('issue 7 fault 2: inputs that used to answer 500 answer 4xx in the one shape, and write nothing', async () => {
    const { projectId } = await makeRegisteredProject(api.db, r);
    const draft = await registration('draft');
    const projectsBefore = (await api.db.query(`SELECT count(*)::int AS n FROM projects`))[0].n;
    const dev = as(r.developer);
    const expectations: [string, () => Promise<request.Response>, number, string?][] = [
      ['empty body on create', () => dev.post('/registrations', {}), 400, 'project'],
      ['null project', () => dev.post('/registrations', { project: null, attestations: null }), 400, 'project'],
      ['a JSON array as the body', () => dev.post('/registrations', []), 400],
      ['a number where text belongs', () => dev.post('/registrations', application({ name: 1 })), 400, 'name'],
      ['an unknown field', () => dev.post('/registrations', { ...application(), admin: true }), 400, 'admin'],
      ['malformed JSON', () => api.http().post('/registrations').set(api.bearer(r.developer)).set('Content-Type', 'application/json').send('{"project":').then(check('malformed')), 400],
      ['a 1 MB body', () => dev.post('/registrations', { ...application(), padding: 'x'.repeat(1024 * 1024) }), 413],
      ['a far-future implementation start', () => dev.post('/registrations', application({ implementationStartDate: '9999-12-31' })), 400, 'implementationStartDate'],
      ['an implementation start after today (BJ-13)', () => dev.post('/registrations', application({ implementationStartDate: '2099-01-01' })), 422, 'after today'],
      ['a far-future crediting period end', () => dev.post('/registrations', application({ creditingPeriodEnd: '9999-12-31' })), 400, 'creditingPeriodEnd'],
      ['a date that does not exist', () => dev.post('/registrations', application({ implementationStartDate: '2025-02-30' })), 400],
      ['a methodology id that is not a UUID', () => dev.post('/registrations', application({ methodologyVersionId: 'abc' })), 400, 'methodologyVersionId'],
      ['a methodology id that does not exist', () => dev.post('/registrations', application({ methodologyVersionId: randomUUID() })), 422],
      ['a site identifier in a script that looks like nothing Latin', () => dev.post('/registrations', application({ siteIdentifiers: ['BJ-Ж-01'] })), 400, 'siteIdentifiers[0]'],
      ['a zero claimed quantity', () => dev.post('/issuances', { projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '0' }), 400, 'claimedTco2e'],
      ['a far-future monitoring period', () => dev.post('/issuances', { projectId, monitoringPeriod: { start: '9998-01-01', end: '9999-12-31' }, claimedTco2e: '1' }), 400],
      ['a project id that is not a UUID', () => dev.post('/issuances', { projectId: 'x', monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '1' }), 400, 'projectId'],
      ['no monitoring period', () => dev.post('/issuances', { projectId, claimedTco2e: '1' }), 400, 'monitoringPeriod'],
      ['a verifier that is not an organisation', () => dev.post('/issuances', { projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '1', verifierOrganisationId: randomUUID() }), 400, 'verifier'],
      ['a document id that is not a UUID', () => dev.get(`/registrations/${draft.caseNo}/documents/not-a-uuid`), 400],
      ['a comment id that is not a UUID', () => as(r.officer).post(`/registrations/${draft.caseNo}/comments/x/dismiss`, { reason: 'spam' }), 400],
      ['a notice id that is not a UUID', () => as(null).post('/public/publicity/123/comments', { authorName: 'a', body: 'b' }), 400],
      ['a case number with a NUL', () => dev.get('/registrations/BJ-REG-2026-000001%00'), 400],
      ['a case number of the other type', () => dev.get(`/issuances/${draft.caseNo}`), 404],
      ['a very long Idempotency-Key', () => api.http().post(`/registrations/${draft.caseNo}/submit`).set(api.bearer(r.developer)).set('Idempotency-Key', 'k'.repeat(300)).then(check('long key')), 400, 'Idempotency-Key'],
      ['an Idempotency-Key with spaces', () => api.http().post(`/registrations/${draft.caseNo}/submit`).set(api.bearer(r.developer)).set('Idempotency-Key', 'a key').then(check('spaced key')), 400, 'Idempotency-Key'],
      ['headers over the server limit', () => api.http().get('/methodologies').set('X-Padding', 'x'.repeat(20_000)).then(check('huge header')), 431],
      ['an unknown review outcome', () => as(r.officer).post(`/registrations/${draft.caseNo}/review`, { outcome: 'maybe' }), 400, 'outcome'],
      ['a deadline question far in the future', () => as(null).get('/calendar/deadline?from=9999-12-30T00:00:00%2B08:00&workingDays=3650'), 400],
      ['a year that is not a number', () => as(admin).post('/calendar/years/abc'), 400],
      ['a transfer of 0 tonnes', () => dev.post('/accounts/BJ-ACC-000001/transfers', { toAccountNo: 'BJ-ACC-000002', quantity: '0' }), 400, 'quantity'],
      ['a movements page of 0', () => dev.get('/accounts/BJ-ACC-000001/movements?limit=0'), 400],
      ['a serial that is not one', () => as(r.officer).get('/ledger/serials/not-a-serial'), 400],
      ['an unknown status filter', () => dev.get('/registrations?status=everything'), 400],
      ['an upload without a file', () => api.http().post(`/registrations/${draft.caseNo}/documents`).set(api.bearer(r.developer)).field('kind', 'other').then(check('no file')), 400, 'file'],
      ['an upload of a kind the case type does not take', () => upload(r.developer, `/registrations/${draft.caseNo}`, 'accounting_report'), 400, 'kind'],
      ['an unknown route', () => dev.post('/nowhere'), 404],
      ['a body in latin1', () => api.http().post('/registrations').set(api.bearer(r.developer)).set('Content-Type', 'application/json; charset=latin1').send('{}').then(check('latin1')), 415],
    ];
    for (const [what, send, status, mentions] of expectations) {
      const res = await send();
      expect([what, res.status]).toEqual([what, status]);
      expect(res.body).toEqual(expect.objectContaining({ statusCode: status, code: expect.any(String), message: expect.any(String) }));
      if (mentions) expect([what, res.body.message]).toEqual([what, expect.stringContaining(mentions)]);
    }
    expect((await api.db.query(`SELECT count(*)::int AS n FROM projects`))[0].n).toBe(projectsBefore);
  }, 120_000);

  afterAll(() => {
    // The whole file, every request: no server error.
    expect(seen.filter((s) => s.status >= 500)).toEqual([]);
  });
});
