import type { Actor } from '../../libs/domain/src';
import { startApi } from '../support/api-harness';
import { eventually, makeRegistry, Registry } from '../support/fixtures';
import { httpCases } from '../support/http-cases';
import { TestSmtpServer } from '../support/test-smtp-server';

/**
 * Issue 10 end to end (dev server, the API over HTTP, the real worker, a real SMTP server in this process): an action
 * over HTTP leads to e-mail, and operators see the backlog and failed deliveries with their attempts and send a
 * failed one again.
 */
describe('notification deliveries (end to end)', () => {
  const smtp = new TestSmtpServer();
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let admin: Actor;

  beforeAll(async () => {
    await smtp.start();
    api = await startApi({ mail: { smtpUrl: smtp.url, from: 'registry@test.example', consoleUrl: 'http://localhost:3000/console' } });
    r = await makeRegistry(api.db);
    admin = await r.user(await r.org('Platform', 'platform'), 'admin', 'Admin Ops');
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await smtp.stop();
  });

  const get = (a: Actor, url: string) => api.http().get(url).set(api.bearer(a));
  const email = async (a: Actor) => (await api.db.query(`SELECT email FROM users WHERE id = $1`, [a.userId]))[0].email as string;

  it('BJ-15: an application submitted over HTTP is e-mailed to the officers, named and linked', async () => {
    const caseNo = await httpCases(api, r).submitted();
    const mail = await eventually(async () => smtp.received.find((m) => m.mail.subject?.includes(caseNo)), `the mail about ${caseNo}`);
    expect(mail.mail.subject).toBe(`【碳普惠】${caseNo} 新申请待技术审查 | New application for technical review`);
    expect(mail.envelopeTo).toEqual(expect.arrayContaining([await email(r.officer), await email(r.officer2)]));
    expect(mail.mail.text).toContain(`http://localhost:3000/console/cases/${caseNo}`);
  });

  it('issue 10: operators see a delivery the mail server refused, with its attempt, and send it again once the address works', async () => {
    const developer = await email(r.developer);
    smtp.refuse.add(developer);
    const cases = httpCases(api, r);
    const caseNo = await cases.submitted();
    await cases.post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'request_supplement', reasons: 'Map missing' }).expect(200);
    const failed = await eventually(async () => {
      const list = (await get(admin, `/admin/notification-deliveries?status=failed&stream=${caseNo}`).expect(200)).body;
      return list.length ? list : undefined;
    }, 'the failed delivery listed');
    expect(failed).toEqual([expect.objectContaining({ stream: caseNo, channel: 'email', kind: 'review_request_supplement', recipients: [developer], status: 'failed', attempts: 1 })]);
    expect(failed[0].outcome).toMatch(/refused the recipients.*550/);
    const detail = (await get(admin, `/admin/notification-deliveries/${failed[0].id}`).expect(200)).body;
    expect(detail.attemptLog).toEqual([expect.objectContaining({ attempt: 1, ok: false, error: expect.stringMatching(/550/) })]);
    const summary = (await get(admin, '/admin/notification-deliveries/summary').expect(200)).body;
    expect(summary.failed).toBeGreaterThanOrEqual(1);
    expect(summary.byChannel).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'email', status: 'failed' })]));

    // Only failed deliveries can be retried; not the officers' mail, which went.
    const [sent] = (await get(admin, `/admin/notification-deliveries?status=sent&stream=${caseNo}`).expect(200)).body;
    expect((await api.http().post(`/admin/notification-deliveries/${sent.id}/retry`).set(api.bearer(admin)).expect(409)).body.code).toBe('WRONG_STATE');
    await api.http().post(`/admin/notification-deliveries/${failed[0].id}/retry`).set(api.bearer(r.officer)).expect(403);

    smtp.refuse.delete(developer);
    const retried = (await api.http().post(`/admin/notification-deliveries/${failed[0].id}/retry`).set(api.bearer(admin)).expect(200)).body;
    expect(retried.status).toMatch(/pending|sent/);
    const mail = await eventually(async () => smtp.to(developer).find((m) => m.mail.subject?.includes(caseNo)), 'the mail after the retry');
    expect(mail.mail.messageId).toBe(`<${failed[0].id}@localhost>`);
    const after = (await get(admin, `/admin/notification-deliveries/${failed[0].id}`).expect(200)).body;
    expect(after).toMatchObject({ status: 'sent', attempts: 2 });
    expect(after.attemptLog.map((a: { ok: boolean }) => a.ok)).toEqual([false, true]);
  });
});
