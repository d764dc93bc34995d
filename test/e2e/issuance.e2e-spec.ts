import { randomUUID } from 'node:crypto';
import { Actor } from '../../libs/domain/src';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase, Registry } from '../support/fixtures';
import { startApi } from '../support/api-harness';

/**
 * Issuance applications and the ledger over HTTP: real API, real worker, real Temporal dev server, real
 * PostgreSQL. (Publicity and sign-off, which need ten working days to pass, run on the time-skipping
 * server in workflows/reduction-issuance.workflow.spec.ts.)
 */
describe('issuance applications and accounts over HTTP (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let verifier: Actor;
  let emitter: Actor;

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
    verifier = await r.user(await r.org('Verifier', 'verifier'), 'verifier', 'Verifier Sun');
    emitter = await r.user(await r.org('Steel Works', 'emitter'), 'emitter', 'Emitter Ma');
  }, 60_000);
  afterAll(() => api?.stop());

  const as = (a: Actor) => ({
    get: (url: string) => api.http().get(url).set(api.bearer(a)),
    post: (url: string, body?: object) => api.http().post(url).set(api.bearer(a)).send(body ?? {}),
  });
  const upload = (a: Actor, caseNo: string, kind: string) =>
    api.http().post(`/issuances/${caseNo}/documents`).set(api.bearer(a)).field('kind', kind).attach('file', Buffer.from(`${kind} ${randomUUID()}`), `${kind}.pdf`);
  const application = (projectId: string, over: Record<string, unknown> = {}) => ({
    projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '1050.5', verifierOrganisationId: verifier.organisationId, ...over,
  });

  describe('BJ-21 / BJ-22: who may apply, for which period', () => {
    it('BJ-21: a period starting before the registration date is refused with the reason, and nothing is written', async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      const res = await as(r.developer).post('/issuances', application(projectId, { monitoringPeriod: { start: '2025-01-01', end: '2025-06-30' } })).expect(422);
      expect(res.body).toEqual({
        statusCode: 422, code: 'INELIGIBLE',
        message: 'BJ-21: the monitoring period must start on or after the registration date 2025-01-15; it starts 2025-01-01.',
        details: { reasons: [expect.any(String)] },
      });
      expect((await as(r.developer).get('/issuances').expect(200)).body.filter((c: { projectId: string }) => c.projectId === projectId)).toEqual([]);
    });
    it('BJ-21: a project that is not registered (Class II) cannot apply', async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      await api.db.query(`UPDATE projects SET project_class = 'II', registration_no = NULL, registered_at = NULL WHERE id = $1`, [projectId]);
      const res = await as(r.developer).post('/issuances', application(projectId)).expect(422);
      expect(res.body.message).toMatch(/^BJ-21: only a registered Class I project/);
    });
    it('BJ-21/BJ-29: a suspended project cannot apply', async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      await api.db.query(`UPDATE projects SET supervision_status = 'suspended' WHERE id = $1`, [projectId]);
      expect((await as(r.developer).post('/issuances', application(projectId)).expect(422)).body.message).toMatch(/^BJ-29: the project is suspended/);
    });
    it('BJ-22: a period ending after the crediting period is refused', async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      await api.db.query(`UPDATE projects SET crediting_period_end = '2025-06-30' WHERE id = $1`, [projectId]);
      const res = await as(r.developer).post('/issuances', application(projectId)).expect(422);
      expect(res.body.details.reasons).toContain('BJ-22: the monitoring period ends 2025-12-31, after the crediting period ends (2025-06-30).');
    });
    it('BJ-22: an application filed more than one year after the crediting period ended is refused', async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      await api.db.query(`UPDATE projects SET crediting_period_end = '2025-06-30' WHERE id = $1`, [projectId]);
      const res = await as(r.developer).post('/issuances', application(projectId, { monitoringPeriod: { start: '2025-02-01', end: '2025-06-30' } })).expect(422);
      expect(res.body.message).toBe('BJ-22: applications must be filed within one year after the crediting period ended (2025-06-30); the last filing day was 2026-06-30.');
    });
    it('BJ-21: overlapping an application already filed is refused, naming it', async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      const first = await as(r.developer).post('/issuances', application(projectId)).expect(201);
      const res = await as(r.developer).post('/issuances', application(projectId, { monitoringPeriod: { start: '2025-12-31', end: '2026-01-31' } })).expect(422);
      expect(res.body.message).toBe(`BJ-21: the monitoring period overlaps ${first.body.caseNo} (2025-02-01 to 2025-12-31, draft).`);
    });
    it('BJ-21: two overlapping applications filed at the same moment: the database lets exactly one in', async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) =>
        as(r.developer).post('/issuances', application(projectId, { monitoringPeriod: { start: `2025-0${3 + i}-01`, end: '2025-11-30' } }))));
      expect(results.map((x) => x.status).sort()).toEqual([201, 422, 422, 422]);
    });
    it('BJ-20: quantities are decimal strings; numbers, exponents and 7 decimals are a 400 in the one error shape', async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      for (const claimedTco2e of [1050.5, '1e3', '1.1234567', '-5', '']) {
        const res = await as(r.developer).post('/issuances', application(projectId, { claimedTco2e })).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('claimedTco2e') });
      }
      await as(r.developer).post('/issuances', application(projectId, { monitoringPeriod: { start: '2025-02-30', end: '2025-12-31' } })).expect(400);
    });
    it("ROLE-1: another organisation's project is not found", async () => {
      const { projectId } = await makeRegisteredProject(api.db, r);
      await as(r.otherDeveloper).post('/issuances', application(projectId)).expect(404);
    });
  });

  it('BJ-21: the named verifier uploads the verification report; the developer the rest; the case is submitted and reviewed with the audited quantity', async () => {
    const { projectId } = await makeRegisteredProject(api.db, r);
    const caseNo: string = (await as(r.developer).post('/issuances', application(projectId)).expect(201)).body.caseNo;
    expect(caseNo).toMatch(/^BJ-ISS-\d{4}-\d{6}$/);
    for (const kind of ['application_letter', 'accounting_report', 'authenticity_commitment']) await upload(r.developer, caseNo, kind).expect(201);
    expect((await upload(r.developer, caseNo, 'verification_report').expect(403)).body.message).toMatch(/uploaded by that verifier/);
    const missing = await as(r.developer).post(`/issuances/${caseNo}/submit`).expect(422);
    expect(missing.body).toMatchObject({ code: 'MATERIALS_INCOMPLETE', details: { missing: ['verification_report'] } });
    const otherVerifier = await r.user(await r.org('Other Verifier', 'verifier'), 'verifier', 'Verifier Wu');
    await upload(otherVerifier, caseNo, 'verification_report').expect(404);
    await upload(verifier, caseNo, 'verification_report').expect(201);
    expect((await as(verifier).get(`/issuances/${caseNo}`).expect(200)).body.documents).toHaveLength(4);
    await as(otherVerifier).get(`/issuances/${caseNo}`).expect(404);

    expect((await as(r.developer).post(`/issuances/${caseNo}/submit`).expect(200)).body).toMatchObject({ status: 'under_review', claimedTco2e: '1050.5' });
    await as(r.officer).post(`/issuances/${caseNo}/review`, { outcome: 'pass' }).expect(400);
    const reviewed = await as(r.officer).post(`/issuances/${caseNo}/review`, { outcome: 'pass', auditedTco2e: '1000' }).expect(200);
    expect(reviewed.body).toMatchObject({ status: 'review_passed', auditedTco2e: '1000', issuable: { tco2e: '949', basis: 'audited_minus_excess' } });
    const opened = await as(r.officer).post(`/issuances/${caseNo}/publicity`).expect(200);
    expect(opened.body).toMatchObject({ status: 'in_publicity', deadline: { kind: 'publicity_close', bindsOn: 'registry' } });
    const notices = (await api.http().get('/public/publicity').expect(200)).body;
    expect(notices.find((n: { caseNo: string }) => n.caseNo === caseNo)).toMatchObject({ summary: expect.stringContaining('claimed 1050.5 tCO2e, audited 1000 tCO2e') });
    const early = await as(r.bureau).post(`/issuances/${caseNo}/sign-off`).expect(409);
    expect(early.body).toMatchObject({ code: 'WRONG_STATE', message: expect.stringMatching(/^Cannot signOff a case that is in_publicity/) });
    expect((await as(r.officer).get('/issuances/worklist').expect(200)).body.map((c: { caseNo: string }) => c.caseNo)).toContain(caseNo);
  });

  describe('the ledger: holdings, transfers, movements (LED-1…LED-4, ROLE-2, BJ-30)', () => {
    let seller: Actor;
    let prefix: string;
    let sellerAccount: string;

    beforeAll(async () => {
      seller = await r.user(await r.org('PV Developer', 'developer'), 'developer', 'Dev Gao');
      const { projectId } = await makeRegisteredProject(api.db, r, seller);
      const caseNo = await makeSignOffReadyCase(api.db, r, projectId, seller);
      const block = await new LedgerRepository(api.db).issue({ caseNo, quantity: '949', signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() });
      prefix = block!.prefix;
      sellerAccount = block!.accountNo;
    });

    it('LED-2/LED-4: the developer sees its holdings by project, vintage and serial range', async () => {
      const res = await as(seller).get(`/accounts/${sellerAccount}/holdings`).expect(200);
      expect(res.body.holdings).toEqual([expect.objectContaining({ blockPrefix: prefix, vintage: 2025, quantity: '949', ranges: [{ serialFrom: '1', serialTo: '949', quantity: '949' }] })]);
      expect((await as(seller).get('/accounts').expect(200)).body).toEqual([expect.objectContaining({ accountNo: sellerAccount, kind: 'holding', balance: '949' })]);
    });

    it('LED-2: a partial transfer to another organisation splits the block; both sides see the movement; a retried request moves once', async () => {
      const buyerAccount: string = (await as(emitter).post('/accounts').expect(201)).body.accountNo;
      const key = randomUUID();
      const moved = await as(seller).post(`/accounts/${sellerAccount}/transfers`, { toAccountNo: buyerAccount, quantity: '300', reason: 'Contract 2026-17' }).set('Idempotency-Key', key).expect(201);
      expect(moved.body).toMatchObject({ fromAccountNo: sellerAccount, toAccountNo: buyerAccount, quantity: '300', ranges: [{ prefix, serialFrom: '1', serialTo: '300', quantity: '300' }] });
      const again = await as(seller).post(`/accounts/${sellerAccount}/transfers`, { toAccountNo: buyerAccount, quantity: '300', reason: 'Contract 2026-17' }).set('Idempotency-Key', key).expect(201);
      expect(again.body.entryId).toBe(moved.body.entryId);
      expect((await as(seller).get(`/accounts/${sellerAccount}/holdings`)).body.holdings[0].ranges).toEqual([{ serialFrom: '301', serialTo: '949', quantity: '649' }]);
      expect((await as(emitter).get(`/accounts/${buyerAccount}/holdings`)).body.holdings[0].ranges).toEqual([{ serialFrom: '1', serialTo: '300', quantity: '300' }]);
      const movements = (await as(emitter).get(`/accounts/${buyerAccount}/movements`).expect(200)).body;
      expect(movements).toEqual([expect.objectContaining({ kind: 'transfer', direction: 'in', quantity: '300', reason: 'Contract 2026-17', counterpartyAccountNo: sellerAccount, blockPrefix: prefix })]);
      const serial = (await as(r.officer).get(`/ledger/serials/${prefix}-000000300`).expect(200)).body;
      expect(serial).toMatchObject({ heldBy: { accountNo: buyerAccount }, history: [
        expect.objectContaining({ kind: 'issuance', direction: 'out' }), expect.objectContaining({ kind: 'issuance', direction: 'in', accountNo: sellerAccount }),
        expect.objectContaining({ kind: 'transfer', direction: 'out', accountNo: sellerAccount }), expect.objectContaining({ kind: 'transfer', direction: 'in', accountNo: buyerAccount }),
      ] });
    });

    it('LED-3: moving more than is held is a 422 with how much is held; nothing moves', async () => {
      const buyerAccount: string = (await as(emitter).post('/accounts').expect(201)).body.accountNo;
      const res = await as(seller).post(`/accounts/${sellerAccount}/transfers`, { toAccountNo: buyerAccount, quantity: '100000' }).expect(422);
      expect(res.body).toMatchObject({ code: 'INSUFFICIENT_HOLDINGS', message: expect.stringMatching(/^LED-3: the account holds \d+ matching credits; 100000 were asked for\.$/) });
      await as(seller).post(`/accounts/${sellerAccount}/transfers`, { toAccountNo: buyerAccount, quantity: '1.5' }).expect(400);
    });

    it('ROLE-2: staff organisations cannot open accounts, so credits can never reach them', async () => {
      const res = await as(verifier).post('/accounts').expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await expect(new LedgerRepository(api.db).openAccount(verifier.organisationId)).rejects.toMatchObject({ code: 'HOLDER_NOT_ALLOWED' });
    });

    it("ROLE-1: nobody else reads or moves an organisation's account", async () => {
      await as(r.otherDeveloper).get(`/accounts/${sellerAccount}/holdings`).expect(404);
      await as(r.otherDeveloper).get(`/accounts/${sellerAccount}/movements`).expect(404);
      await as(r.otherDeveloper).post(`/accounts/${sellerAccount}/transfers`, { toAccountNo: sellerAccount, quantity: '1' }).expect(404);
      await as(r.officer).get(`/accounts/${sellerAccount}/holdings`).expect(200);
      await as(r.officer).post(`/accounts/${sellerAccount}/transfers`, { toAccountNo: sellerAccount, quantity: '1' }).expect(403);
    });

    it('BJ-30: the public sees issued reductions per project with their serial blocks; LED-3: the ledger audit is clean', async () => {
      const list = (await api.http().get('/public/issuances').expect(200)).body;
      expect(list.find((p: { blocks: { blockPrefix: string }[] }) => p.blocks.some((b) => b.blockPrefix === prefix))).toMatchObject({
        issuedTco2e: '949', developerName: expect.stringMatching(/^PV Developer/), blocks: [expect.objectContaining({ vintage: 2025, serialFrom: '1', serialTo: '949' })],
      });
      expect((await as(r.bureau).get('/ledger/audit').expect(200)).body).toMatchObject({ violations: [] });
    });
  });
});
