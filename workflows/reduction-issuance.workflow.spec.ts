import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseRecordsRepository } from '../apps/api/src/cases/case-records.repository';
import { IssuancesService } from '../apps/api/src/issuances/issuances.service';
import { PublicityRepository } from '../apps/api/src/publicity/publicity.repository';
import type { Actor } from '../libs/domain/src';
import { LedgerRepository } from '../libs/persistence/src';
import { caseActionUpdate, caseViewQuery, IssuanceCaseView, issuanceWorkflowId } from '../libs/temporal/src';
import { unkeyed } from '../apps/api/src/idempotency/idempotency.interceptor';
import { eventually, makeRegisteredProject, Registry } from '../test/support/fixtures';
import { startTimeSkippingCases, TimeSkippingCases } from '../test/support/time-skipping-cases';

/**
 * The issuance case on the time-skipping test server with the real activities, the real ledger and the
 * real PostgreSQL projection: publicity and the registry's deadline pass in milliseconds.
 */
describe('reduction issuance workflow (time skipping)', () => {
  let stack: TimeSkippingCases;
  let env: TimeSkippingCases['env'];
  let db: DataSource;
  let r: Registry;
  let service: IssuancesService;
  let records: CaseRecordsRepository;
  let publicity: PublicityRepository;
  let ledger: LedgerRepository;
  let verifier: Actor;
  let bureau2: Actor;

  beforeAll(async () => {
    stack = await startTimeSkippingCases();
    ({ env, db, r, records, issuances: service } = stack);
    verifier = await r.user(await r.org('Verifier Co', 'verifier'), 'verifier', 'Verifier Sun');
    bureau2 = await r.user(r.bureau.organisationId, 'bureau', 'Bureau Qian');
    publicity = new PublicityRepository(db);
    ledger = new LedgerRepository(db);
  }, 60_000);
  afterAll(() => stack?.stop());

  const handle = (caseNo: string) => env.client.workflow.getHandle(issuanceWorkflowId(caseNo));
  /** A person's action as the API sends it: the Update named after the action. */
  const act = (caseNo: string, action: string, actor: Actor, args: Record<string, unknown> = {}) => stack.act<IssuanceCaseView>(issuanceWorkflowId(caseNo), action, actor, args);
  const row = async (caseNo: string) => (await db.query(`SELECT * FROM issuance_cases WHERE case_no = $1`, [caseNo]))[0];
  const statusBecomes = (caseNo: string, status: string) =>
    eventually(async () => ((await row(caseNo)).status === status ? row(caseNo) : undefined), `${caseNo} → ${status}`);
  const skipPast = (iso: string) => stack.skipPast(iso);
  const upload = (a: Actor, caseNo: string, kind: string) =>
    records.addDocument({ caseNo, kind, filename: `${kind}.pdf`, contentType: 'application/pdf', content: Buffer.from(`${kind} ${randomUUID()}`), round: 0, userId: a.userId });

  /** A submitted application of a fresh registered project, its verification report uploaded by the named verifier. */
  async function submitted(claimedTco2e: string) {
    const { projectId } = await makeRegisteredProject(db, r);
    const draft = await service.create(r.developer, { projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e, verifierOrganisationId: verifier.organisationId });
    for (const kind of ['application_letter', 'accounting_report', 'authenticity_commitment']) await upload(r.developer, draft.caseNo, kind);
    await service.uploadDocument(verifier, draft.caseNo, { kind: 'verification_report', filename: 'verification.pdf', contentType: 'application/pdf', content: Buffer.from('verified') });
    await service.act(r.developer, draft.caseNo, 'submit', {}, unkeyed());
    return { caseNo: draft.caseNo, projectId };
  }

  /** Review with the audited quantity, publicity closing clean: the registry's 10 working days begin. */
  async function toBureauSubmission(claimed: string, audited: string) {
    const { caseNo, projectId } = await submitted(claimed);
    await act(caseNo, 'review', r.officer, { outcome: 'pass', reasons: '', auditedTco2e: audited });
    const open = await act(caseNo, 'openPublicity', r.officer);
    await skipPast(open.deadline!.closesAt);
    return { caseNo, projectId, waiting: await statusBecomes(caseNo, 'awaiting_bureau_submission') };
  }

  it('BJ-23: review fixes the audited quantity; a standing comment means a revision and a second publicity; a clean close gives the registry 10 working days', async () => {
    const { caseNo } = await submitted('105');
    const reviewed = (await act(caseNo, 'review', r.officer, { outcome: 'pass', reasons: '', auditedTco2e: '100' })) as IssuanceCaseView;
    expect(reviewed).toMatchObject({ status: 'review_passed', auditedTco2e: '100', issuable: { tco2e: '95', basis: 'audited_minus_excess' } });
    const open = await act(caseNo, 'openPublicity', r.officer);
    const [notice] = await db.query(`SELECT id, title, summary FROM publicity_notices WHERE case_no = $1 AND round = 1`, [caseNo]);
    expect(notice.summary).toMatch(/monitoring period 2025-02-01 to 2025-12-31: claimed 105 tCO2e, audited 100 tCO2e/);
    const comment = await publicity.addComment(notice.id, { authorName: '李四', body: 'Were the meters calibrated?' }, new Date(await env.currentTimeMs()));
    await skipPast(open.deadline!.closesAt);
    await statusBecomes(caseNo, 'awaiting_revision');

    await act(caseNo, 'submitRevision', r.developer, { documentIds: [], responses: [{ commentId: comment.id, response: 'Calibration certificates attached.' }] });
    await act(caseNo, 'review', r.officer2, { outcome: 'pass', reasons: '', auditedTco2e: '100' });
    const second = await act(caseNo, 'openPublicity', r.officer2);
    expect(second.round).toBe(2);
    await skipPast(second.deadline!.closesAt);
    const waiting = await statusBecomes(caseNo, 'awaiting_bureau_submission');
    expect(waiting).toMatchObject({ deadline_kind: 'bureau_submission_due', deadline_binds_on: 'registry', reviewed_by: [r.officer.userId, r.officer2.userId] });
  });

  it('BJ-23: a missed registry deadline flags the case overdue and escalates to the bureau — it is never issued by itself', async () => {
    const { caseNo, waiting } = await toBureauSubmission('100', '100');
    await skipPast(waiting.deadline_at.toISOString());
    const overdue = await eventually(async () => ((await row(caseNo)).overdue ? row(caseNo) : undefined), 'overdue flag');
    expect(overdue).toMatchObject({ status: 'awaiting_bureau_submission', escalated: true, issued_tco2e: null });
    const [escalation] = await db.query(`SELECT recipient_role FROM notifications WHERE case_no = $1 AND kind = 'escalation'`, [caseNo]);
    expect(escalation.recipient_role).toBe('bureau');
    await env.sleep('30 days');
    expect((await handle(caseNo).query(caseViewQuery)).status).toBe('awaiting_bureau_submission');
    expect(await act(caseNo, 'submitToBureau', r.officer)).toMatchObject({ status: 'awaiting_signoff', overdue: false });
  });

  it('ROLE-2: the user who did the technical review cannot sign off, even holding the bureau role; another bureau user can', async () => {
    const { caseNo } = await toBureauSubmission('100', '100');
    await act(caseNo, 'submitToBureau', r.officer);
    const reviewerAsBureau: Actor = { ...r.officer, role: 'bureau', organisationId: r.bureau.organisationId };
    await expect(act(caseNo, 'signOff', reviewerAsBureau)).rejects.toMatchObject({
      cause: expect.objectContaining({ type: 'FORBIDDEN', message: expect.stringMatching(/^ROLE-2:/) }),
    });
    expect((await row(caseNo)).status).toBe('awaiting_signoff');
    const done = await act(caseNo, 'signOff', bureau2);
    expect(done).toMatchObject({ status: 'issued', issuedTco2e: '100', signedOffBy: bureau2.userId });
  });

  // BJ-23 over-claim vectors, end to end: what the bureau's sign-off actually puts in the developer's account.
  it.each([
    ['104', '100', '100'],
    ['105', '100', '95'],
    ['100.5', '100', '100'],
    ['110.4', '100', '89'],
    ['90', '100', '90'],
    ['250', '100', '0'],
  ])('BJ-23: claimed %s, audited %s → %s t issued into the developer account at sign-off', async (claimed, audited, issued) => {
    const { caseNo, projectId } = await toBureauSubmission(claimed, audited);
    await act(caseNo, 'submitToBureau', r.officer);
    const done = (await act(caseNo, 'signOff', r.bureau)) as IssuanceCaseView;
    expect(done.issuedTco2e).toBe(issued);
    const [{ total }] = await db.query(`SELECT COALESCE(sum(quantity), 0)::text AS total FROM credit_blocks WHERE project_id = $1`, [projectId]);
    expect(total).toBe(issued);
    if (issued === '0') expect(done.block).toBeNull();
    else expect(done.block).toMatchObject({ prefix: expect.stringMatching(/^BJ-TPH-I-2025-\w+-V2025-01$/), serialFrom: '1', serialTo: issued });
    expect(await handle(caseNo).result()).toMatchObject({ status: 'issued' });
  });

  it('LED-2 idempotent issuance: a duplicated sign-off Update (same ID) answers the same case; another sign-off is refused; one block exists', async () => {
    const { caseNo } = await toBureauSubmission('100', '100');
    await act(caseNo, 'submitToBureau', r.officer);
    const updateId = randomUUID();
    const [a, b] = await Promise.all([
      handle(caseNo).executeUpdate(caseActionUpdate<IssuanceCaseView>('signOff'), { args: [{ actor: r.bureau }], updateId }),
      handle(caseNo).executeUpdate(caseActionUpdate<IssuanceCaseView>('signOff'), { args: [{ actor: r.bureau }], updateId }),
    ]);
    expect(a.block).toEqual(b.block);
    await expect(service.act(bureau2, caseNo, 'signOff', {}, unkeyed())).rejects.toMatchObject({ code: 'WRONG_STATE', message: expect.stringMatching(/^Cannot signOff a case that is issued/) });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM credit_blocks WHERE issuance_case_no = $1`, [caseNo]);
    expect(n).toBe(1);
    expect((await ledger.audit()).violations).toEqual([]);
  });

  it('BJ-21: a second application overlapping one under application is refused, naming it', async () => {
    const { caseNo, projectId } = await submitted('50');
    await expect(service.create(r.developer, { projectId, monitoringPeriod: { start: '2025-12-01', end: '2026-03-31' }, claimedTco2e: '10' }))
      .rejects.toMatchObject({ code: 'INELIGIBLE', message: `BJ-21: the monitoring period overlaps ${caseNo} (2025-02-01 to 2025-12-31, under_review).` });
  });
});
