import type { Actor } from '../../libs/domain/src';
import { DOCUMENT_KINDS, REGISTRATION_MATERIALS } from '../../libs/domain/src';
import { startApi } from '../support/api-harness';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase, Registry } from '../support/fixtures';
import { httpCases } from '../support/http-cases';

/** What the case page reads besides the case itself: the materials checklist, the issuable quantity, the operators' link. */
describe('The case as the case page reads it (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let cases: ReturnType<typeof httpCases>;

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
    cases = httpCases(api, r);
  }, 60_000);
  afterAll(() => api?.stop());

  const get = (a: Actor, url: string) => api.http().get(url).set(api.bearer(a));

  it('BJ-13: a registration lists its required materials and which are still missing, as each is uploaded', async () => {
    const caseNo: string = (await cases.post(r.developer, '/registrations', cases.application()).expect(201)).body.caseNo;
    expect((await get(r.developer, `/registrations/${caseNo}`).expect(200)).body.materials).toEqual({
      requirement: 'BJ-13', required: [...REGISTRATION_MATERIALS], missing: [...REGISTRATION_MATERIALS],
    });
    const [first, ...rest] = REGISTRATION_MATERIALS;
    await api.http().post(`/registrations/${caseNo}/documents`).set(api.bearer(r.developer)).field('kind', first).attach('file', Buffer.from('x'), 'a.pdf').expect(201);
    expect((await get(r.developer, `/registrations/${caseNo}`).expect(200)).body.materials.missing).toEqual(rest);
    expect((await get(r.developer, `/registrations/${await cases.draft()}`).expect(200)).body.materials.missing).toEqual([]);
  });

  it('BJ-13: the applicant may upload every registration kind while drafting, nothing once submitted; staff never', async () => {
    const caseNo = await cases.draft();
    expect((await get(r.developer, `/registrations/${caseNo}`).expect(200)).body.uploadableKinds).toEqual([...DOCUMENT_KINDS.registration]);
    expect((await get(r.officer, `/registrations/${caseNo}`).expect(200)).body.uploadableKinds).toEqual([]);
    await cases.post(r.developer, `/registrations/${caseNo}/submit`).expect(200);
    expect((await get(r.developer, `/registrations/${caseNo}`).expect(200)).body.uploadableKinds).toEqual([]);
  });

  it('BJ-21: on an issuance naming a verifier, the verifier may upload its report only and the developer everything else', async () => {
    const { projectId } = await makeRegisteredProject(api.db, r);
    const verifierOrg = await r.org('Verifier', 'verifier');
    const verifier = await r.user(verifierOrg, 'verifier', 'Verifier Sun');
    const { caseNo } = (
      await cases.post(r.developer, '/issuances', { projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '10', verifierOrganisationId: verifierOrg }).expect(201)
    ).body;
    expect((await get(verifier, `/issuances/${caseNo}`).expect(200)).body.uploadableKinds).toEqual(['verification_report']);
    expect((await get(r.developer, `/issuances/${caseNo}`).expect(200)).body.uploadableKinds).toEqual(DOCUMENT_KINDS.issuance.filter((k) => k !== 'verification_report'));
    expect((await get(r.bureau, `/issuances/${caseNo}`).expect(200)).body.uploadableKinds).toEqual([]);
  });

  it('BJ-21: an issuance lists its own four materials', async () => {
    const { projectId } = await makeRegisteredProject(api.db, r);
    const caseNo = await makeSignOffReadyCase(api.db, r, projectId, r.developer);
    expect((await get(r.developer, `/issuances/${caseNo}`).expect(200)).body.materials).toEqual({
      requirement: 'BJ-21', required: ['application_letter', 'accounting_report', 'verification_report', 'authenticity_commitment'],
      missing: ['application_letter', 'accounting_report', 'verification_report', 'authenticity_commitment'],
    });
  });

  it.each([
    ['100', '100', { tco2e: '100', excessTco2e: '0', basis: 'claimed' }],
    ['104.9', '100', { tco2e: '100', excessTco2e: '4.9', basis: 'audited' }],
    ['105', '100', { tco2e: '95', excessTco2e: '5', basis: 'audited_minus_excess' }],
    ['98.7', '100', { tco2e: '98', excessTco2e: '0', basis: 'claimed' }],
  ])('BJ-23: claimed %s, audited %s — the case shows what sign-off would issue and why', async (claimed, audited, expected) => {
    const { projectId } = await makeRegisteredProject(api.db, r);
    const caseNo = await makeSignOffReadyCase(api.db, r, projectId, r.developer);
    await api.db.query(`UPDATE issuance_cases SET claimed_tco2e = $2, audited_tco2e = $3 WHERE case_no = $1`, [caseNo, claimed, audited]);
    const { issuable } = (await get(r.bureau, `/issuances/${caseNo}`).expect(200)).body;
    expect(issuable).toEqual({ ...expected, thresholdTco2e: '5', explanation: expect.stringContaining(`audited ${audited}`) });
  });

  it('an issuance not yet audited has nothing issuable', async () => {
    const { projectId } = await makeRegisteredProject(api.db, r);
    const caseNo = await makeSignOffReadyCase(api.db, r, projectId, r.developer);
    await api.db.query(`UPDATE issuance_cases SET audited_tco2e = NULL, status = 'draft' WHERE case_no = $1`, [caseNo]);
    expect((await get(r.developer, `/issuances/${caseNo}`).expect(200)).body.issuable).toBeNull();
  });

  it("registry staff get a link to the case's workflow in the Temporal UI; developers do not", async () => {
    const caseNo = await cases.submitted();
    const saved = process.env.TEMPORAL_UI_URL;
    try {
      process.env.TEMPORAL_UI_URL = 'http://localhost:8233/';
      expect((await get(r.officer, `/registrations/${caseNo}`).expect(200)).body.temporalUiUrl).toBe(
        `http://localhost:8233/namespaces/${process.env.TEMPORAL_NAMESPACE || 'default'}/workflows/${encodeURIComponent(`project-registration/${caseNo}`)}`,
      );
      expect((await get(r.developer, `/registrations/${caseNo}`).expect(200)).body.temporalUiUrl).toBeNull();
      delete process.env.TEMPORAL_UI_URL;
      expect((await get(r.officer, `/registrations/${caseNo}`).expect(200)).body.temporalUiUrl).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.TEMPORAL_UI_URL;
      else process.env.TEMPORAL_UI_URL = saved;
    }
  });
});
