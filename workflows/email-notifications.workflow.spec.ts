import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseRecordsRepository } from '../apps/api/src/cases/case-records.repository';
import { unkeyed } from '../apps/api/src/idempotency/idempotency.interceptor';
import type { Actor } from '../libs/domain/src';
import { shanghaiDateTime } from '../libs/domain/src/calendar';
import { IssuanceCaseView, issuanceWorkflowId, registrationWorkflowId, RegistrationCaseView } from '../libs/temporal/src';
import { eventually, makeReadyDraft, makeRegisteredProject, Registry } from '../test/support/fixtures';
import { ReceivedMail, TestSmtpServer } from '../test/support/test-smtp-server';
import { startTimeSkippingCases, TimeSkippingCases } from '../test/support/time-skipping-cases';

const CONSOLE = 'http://console.test/console';

/**
 * Issue 10, e-mail: the real worker sends through nodemailer to a real SMTP server in this process (smtp-server +
 * mailparser), on the time-skipping server so deadlines pass in moments. Who is told (BJ-15, BJ-16, BJ-23, ROLE-1),
 * what the mail says, and a mail server that is down for a while.
 */
describe('e-mail notifications (time skipping, real SMTP)', () => {
  const smtp = new TestSmtpServer();
  let stack: TimeSkippingCases;
  let db: DataSource;
  let r: Registry;
  let verifier: Actor;

  beforeAll(async () => {
    await smtp.start();
    stack = await startTimeSkippingCases({ mail: { smtpUrl: smtp.url, from: 'Registry <registry@test.example>', consoleUrl: CONSOLE } });
    ({ db, r } = stack);
    verifier = await r.user(await r.org('Verifier Co', 'verifier'), 'verifier', 'Verifier Sun');
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  });

  const email = async (a: Actor) => (await db.query(`SELECT email FROM users WHERE id = $1`, [a.userId]))[0].email as string;
  const reg = (caseNo: string, action: string, actor: Actor, args: Record<string, unknown> = {}) => stack.act<RegistrationCaseView>(registrationWorkflowId(caseNo), action, actor, args);
  const iss = (caseNo: string, action: string, actor: Actor, args: Record<string, unknown> = {}) => stack.act<IssuanceCaseView>(issuanceWorkflowId(caseNo), action, actor, args);
  /** The mails about this case of this kind (by the header the channel sets), once they have arrived. */
  const mailsOf = (caseNo: string, kind: string, n = 1) =>
    eventually(async () => {
      const found = smtp.received.filter((m) => m.mail.subject?.includes(caseNo) && m.mail.headers.get('x-registry-notification-kind') === kind);
      return found.length >= n ? found : undefined;
    }, `${n} ${kind} mail(s) about ${caseNo}`);
  const caseMails = (caseNo: string) => smtp.received.filter((m) => m.mail.subject?.includes(caseNo));
  const row = async (table: string, caseNo: string) => (await db.query(`SELECT * FROM ${table} WHERE case_no = $1`, [caseNo]))[0];
  const statusBecomes = (table: string, caseNo: string, status: string) =>
    eventually(async () => ((await row(table, caseNo)).status === status ? row(table, caseNo) : undefined), `${caseNo} → ${status}`);

  it('BJ-15: a supplement request e-mails the developer in Chinese with an English section — the case, the action, the deadline in Beijing time, the link', async () => {
    const caseNo = await makeReadyDraft(db, r);
    await stack.registrations.act(r.developer, caseNo, 'submit', {}, unkeyed());
    const view = await reg(caseNo, 'review', r.officer, { outcome: 'request_supplement', reasons: 'The boundary map is missing' });
    const [m] = await mailsOf(caseNo, 'review_request_supplement');
    const deadline = shanghaiDateTime(new Date(view.deadline!.closesAt)).slice(0, 16).replace('T', ' ');

    expect(m.envelopeTo).toEqual([await email(r.developer)]);
    expect(m.mail.subject).toBe(`【碳普惠】${caseNo} 需补充材料 | Supplement requested`);
    expect(m.mail.from?.value).toEqual([{ name: 'Registry', address: 'registry@test.example' }]);
    const text = m.mail.text!;
    const [zh, en] = text.split('—— English ——');
    expect(zh).toContain(`案件：${caseNo}（项目登记）`);
    expect(zh).toContain('事项：需补充材料');
    expect(zh).toContain('需要您做的：请在截止时间前上传补充材料并提交。');
    expect(zh).toContain(`截止时间：${deadline}（北京时间）`);
    expect(zh).toContain(`案件页面：${CONSOLE}/cases/${caseNo}`);
    expect(en).toContain(`Case: ${caseNo} (project registration)`);
    expect(en).toContain('What happened: Supplement requested');
    expect(en).toContain(`Deadline: ${deadline} Beijing time (UTC+8)`);
    expect(en).toContain('Details: ' + `${caseNo}: supplement requested (The boundary map is missing); due ${view.deadline!.closesAtLocal}.`);
    expect(m.mail.html).toContain(`<a href="${CONSOLE}/cases/${caseNo}">`);
    expect(m.mail.html).toContain('lang="zh-CN"');
    const project = (await db.query(`SELECT p.name FROM registration_cases c JOIN projects p ON p.id = c.project_id WHERE c.case_no = $1`, [caseNo]))[0].name;
    expect(zh).toContain(`项目：${project}`);
    // BJ-15: the officers were told of the submission; the applicant of another organisation of nothing (ROLE-1).
    const [submitted] = await mailsOf(caseNo, 'case_submitted');
    expect(submitted.envelopeTo).toEqual(expect.arrayContaining([await email(r.officer), await email(r.officer2)]));
    expect(caseMails(caseNo).flatMap((x) => x.envelopeTo)).not.toContain(await email(r.otherDeveloper));
  });

  it('BJ-15/BJ-16: a lapse tells the developer; a clean publicity tells the registry, a missed registration deadline the bureau, registration the developer', async () => {
    const lapsing = await makeReadyDraft(db, r);
    await stack.registrations.act(r.developer, lapsing, 'submit', {}, unkeyed());
    const asked = await reg(lapsing, 'review', r.officer, { outcome: 'request_supplement', reasons: 'Map' });
    await stack.skipPast(asked.deadline!.closesAt);
    const [lapsed] = await mailsOf(lapsing, 'lapsed');
    expect(lapsed.envelopeTo).toEqual([await email(r.developer)]);

    const caseNo = await makeReadyDraft(db, r);
    await stack.registrations.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await reg(caseNo, 'review', r.officer, { outcome: 'pass', reasons: '' });
    const open = await reg(caseNo, 'openPublicity', r.officer);
    await stack.skipPast(open.deadline!.closesAt);
    const waiting = await statusBecomes('registration_cases', caseNo, 'awaiting_registration');
    const [due] = await mailsOf(caseNo, 'registration_due');
    expect(due.envelopeTo).toEqual([await email(r.officer)]); // the case's officer (the registry)
    await stack.skipPast(waiting.deadline_at.toISOString());
    const [escalated] = await mailsOf(caseNo, 'escalation');
    expect(escalated.envelopeTo).toContain(await email(r.bureau));
    expect(escalated.mail.subject).toBe(`【碳普惠】${caseNo} 登记机构逾期，已上报 | Registry deadline missed: escalated`);
    await reg(caseNo, 'completeRegistration', r.officer);
    const [registered] = await mailsOf(caseNo, 'registered');
    expect(registered.envelopeTo).toEqual([await email(r.developer)]);
    expect(caseMails(caseNo).concat(caseMails(lapsing)).flatMap((x) => x.envelopeTo)).not.toContain(await email(r.otherDeveloper));
  });

  it('BJ-23: the bureau is e-mailed when sign-off waits for it, the developer when the reductions are issued', async () => {
    const { projectId } = await makeRegisteredProject(db, r);
    const draft = await stack.issuances.create(r.developer, { projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '100', verifierOrganisationId: verifier.organisationId });
    const records = new CaseRecordsRepository(db);
    for (const kind of ['application_letter', 'accounting_report', 'authenticity_commitment']) {
      await records.addDocument({ caseNo: draft.caseNo, kind, filename: `${kind}.pdf`, contentType: 'application/pdf', content: Buffer.from(`${kind} ${randomUUID()}`), round: 0, userId: r.developer.userId });
    }
    await stack.issuances.uploadDocument(verifier, draft.caseNo, { kind: 'verification_report', filename: 'v.pdf', contentType: 'application/pdf', content: Buffer.from('verified') });
    const caseNo = draft.caseNo;
    await stack.issuances.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await iss(caseNo, 'review', r.officer, { outcome: 'pass', reasons: '', auditedTco2e: '100' });
    const open = await iss(caseNo, 'openPublicity', r.officer);
    await stack.skipPast(open.deadline!.closesAt);
    await statusBecomes('issuance_cases', caseNo, 'awaiting_bureau_submission');
    await iss(caseNo, 'submitToBureau', r.officer);
    const [signoff] = await mailsOf(caseNo, 'signoff_requested');
    expect(signoff.envelopeTo).toContain(await email(r.bureau));
    expect(signoff.mail.text).toContain('（减排量签发）');
    await iss(caseNo, 'signOff', r.bureau);
    const issued = await mailsOf(caseNo, 'issued', 2); // the developer, and the case's officer
    expect(issued.map((x) => x.envelopeTo).sort()).toEqual([[await email(r.developer)], [await email(r.officer)]].sort());
  });

  it('issue 10: the mail server down for a while, then back — every mail arrives once (no loss, no duplicate)', async () => {
    await smtp.stop();
    const caseNo = await makeReadyDraft(db, r);
    await stack.registrations.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await reg(caseNo, 'review', r.officer, { outcome: 'request_supplement', reasons: 'Map' });
    const deliveries = () => db.query(`SELECT id, status, attempts FROM notification_deliveries WHERE stream = $1 ORDER BY seq`, [caseNo]);
    await eventually(async () => ((await deliveries())[0]?.attempts >= 4 ? true : undefined), 'the first round of attempts to fail');
    await stack.env.sleep('20 minutes');
    expect(caseMails(caseNo)).toHaveLength(0);
    const failing = await deliveries();
    expect(failing.map((d: { status: string }) => d.status)).toEqual(['pending', 'pending']);
    const [{ error }] = await db.query(`SELECT error FROM notification_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt DESC LIMIT 1`, [failing[0].id]);
    expect(error).toMatch(/ECONNREFUSED/);

    await smtp.start(); // the same port
    await stack.env.sleep('2 hours');
    const settled = await eventually(async () => {
      const ds = await deliveries();
      return ds.every((d: { status: string }) => d.status === 'sent') ? ds : undefined;
    }, 'both deliveries sent');
    const mails = caseMails(caseNo);
    expect(mails.map((m: ReceivedMail) => m.mail.messageId).sort()).toEqual(settled.map((d: { id: string }) => `<${d.id}@console.test>`).sort());
    expect(mails.map((m) => m.mail.headers.get('x-registry-notification-kind'))).toEqual(['case_submitted', 'review_request_supplement']); // in order
  });
});
