import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../libs/domain/src';
import { CASES_TASK_QUEUE } from '../../libs/temporal/src';
import { startApi } from '../support/api-harness';
import { eventually, makeRegistry, Registry } from '../support/fixtures';
import { httpCases } from '../support/http-cases';
import { TestSmtpServer } from '../support/test-smtp-server';

/**
 * Issue 10, preferences end to end: each user chooses per kind of notification the inbox only, the inbox and an
 * e-mail, or a daily digest; an administrator sets an organisation's shared mailbox. What they chose is what the real
 * SMTP server in this process receives.
 */
describe('notification preferences (end to end)', () => {
  const smtp = new TestSmtpServer();
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let admin: Actor;
  let connection: Connection;

  beforeAll(async () => {
    await smtp.start();
    api = await startApi({ mail: { smtpUrl: smtp.url, from: 'registry@test.example', consoleUrl: 'http://localhost:3000/console' } });
    r = await makeRegistry(api.db);
    admin = await r.user(await r.org('Platform', 'platform'), 'admin', 'Admin Ops');
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  }, 60_000);
  afterAll(async () => {
    await connection?.close();
    await api?.stop();
    await smtp.stop();
  });

  const get = (a: Actor, url: string) => api.http().get(url).set(api.bearer(a));
  const put = (a: Actor, url: string, body: object) => api.http().put(url).set(api.bearer(a)).send(body);
  const email = async (a: Actor) => (await api.db.query(`SELECT email FROM users WHERE id = $1`, [a.userId]))[0].email as string;
  /** A developer of a fresh organisation, so choices and mailboxes of other tests do not meet. */
  async function freshDeveloper() {
    const org = await r.org(`Developer ${randomUUID().slice(0, 6)}`, 'developer');
    return r.user(org, 'developer', `Dev ${randomUUID().slice(0, 6)}`);
  }
  async function supplementRequested(developer: Actor) {
    const cases = httpCases(api, { ...r, developer });
    const caseNo = await cases.draft(developer);
    await cases.post(developer, `/registrations/${caseNo}/submit`).expect(200);
    await cases.post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'request_supplement', reasons: 'Map missing' }).expect(200);
    return caseNo;
  }
  const mailsAbout = (caseNo: string, to: string) => smtp.to(to).filter((m) => m.mail.subject?.includes(caseNo));

  it('issue 10: a user lists the kinds they can receive, each with its default (e-mail for what needs action), and chooses per kind', async () => {
    const dev = await freshDeveloper();
    const mine = (await get(dev, '/me/notification-preferences').expect(200)).body;
    expect(mine.email).toBe(await email(dev));
    const supplement = mine.kinds.find((k: { kind: string }) => k.kind === 'review_request_supplement');
    expect(supplement).toEqual({ kind: 'review_request_supplement', titleZh: '需补充材料', titleEn: 'Supplement requested', delivery: 'email', defaultDelivery: 'email', chosen: false });
    expect(mine.kinds.find((k: { kind: string }) => k.kind === 'publicity_opened')).toMatchObject({ delivery: 'inbox', defaultDelivery: 'inbox' });
    expect(mine.kinds.map((k: { kind: string }) => k.kind)).not.toContain('signoff_requested');

    const after = (await put(dev, '/me/notification-preferences/review_request_supplement', { delivery: 'digest' }).expect(200)).body;
    expect(after.kinds.find((k: { kind: string }) => k.kind === 'review_request_supplement')).toMatchObject({ delivery: 'digest', chosen: true });
    // Another user's choices are their own.
    expect((await get(r.otherDeveloper, '/me/notification-preferences').expect(200)).body.kinds.find((k: { kind: string }) => k.kind === 'review_request_supplement').delivery).toBe('email');

    const bad = (await put(dev, '/me/notification-preferences/review_request_supplement', { delivery: 'sms' }).expect(400)).body;
    expect(bad).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((await put(dev, '/me/notification-preferences/signoff_requested', { delivery: 'inbox' }).expect(404)).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    await api.http().get('/me/notification-preferences').expect(401);
  });

  it('issue 10: "inbox only" sends no e-mail; the inbox still has it', async () => {
    const dev = await freshDeveloper();
    await put(dev, '/me/notification-preferences/review_request_supplement', { delivery: 'inbox' }).expect(200);
    const caseNo = await supplementRequested(dev);
    await eventually(async () => (smtp.received.some((m) => m.mail.subject?.includes(caseNo)) ? true : undefined), 'the officers\' mail about the case');
    const inbox = (await get(dev, '/me/notifications').expect(200)).body;
    expect(inbox.map((n: { kind: string; caseNo: string }) => [n.kind, n.caseNo])).toContainEqual(['review_request_supplement', caseNo]);
    const [delivery] = await api.db.query(
      `SELECT d.id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.case_no = $1 AND n.kind = 'review_request_supplement'`,
      [caseNo],
    );
    expect(delivery).toBeUndefined(); // nobody to e-mail: no delivery at all
    expect(mailsAbout(caseNo, await email(dev))).toHaveLength(0);
  });

  it('issue 10: a daily digest instead of single mails — one e-mail with the day\'s notifications, once', async () => {
    const dev = await freshDeveloper();
    await put(dev, '/me/notification-preferences/review_request_supplement', { delivery: 'digest' }).expect(200);
    const first = await supplementRequested(dev);
    const second = await supplementRequested(dev);
    const to = await email(dev);
    expect(mailsAbout(first, to)).toHaveLength(0);
    const client = new Client({ connection });
    const run = () => client.workflow.execute('notificationDigestWorkflow', { taskQueue: CASES_TASK_QUEUE, workflowId: `digest-test-${randomUUID()}`, args: [] });
    expect(await run()).toMatchObject({ failed: 0 });
    const digests = smtp.to(to).filter((m) => m.mail.headers.get('x-registry-digest'));
    expect(digests).toHaveLength(1);
    expect(digests[0].mail.subject).toMatch(/^【碳普惠】每日通知摘要 \d{4}-\d{2}-\d{2}（2 条）\| Daily digest \(2\)$/);
    expect(digests[0].mail.text).toContain(`${first} 需补充材料`);
    expect(digests[0].mail.text).toContain(`${second} Supplement requested`);
    await run(); // the same morning again: nothing more
    expect(smtp.to(to).filter((m) => m.mail.headers.get('x-registry-digest'))).toHaveLength(1);
  });

  it("issue 10: an organisation's shared mailbox, set by an administrator, gets what its users are e-mailed by default", async () => {
    const dev = await freshDeveloper();
    const mailbox = `projects-${randomUUID().slice(0, 6)}@dev.example`;
    await put(dev, `/admin/organisations/${dev.organisationId}/shared-mailbox`, { address: mailbox }).expect(403);
    expect((await put(admin, `/admin/organisations/${dev.organisationId}/shared-mailbox`, { address: 'not an address' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await put(admin, `/admin/organisations/${dev.organisationId}/shared-mailbox`, { address: mailbox }).expect(200)).body).toEqual({ organisationId: dev.organisationId, sharedMailbox: mailbox });
    expect((await get(dev, '/me/notification-preferences').expect(200)).body.sharedMailbox).toBe(mailbox);
    const caseNo = await supplementRequested(dev);
    const [m] = await eventually(async () => {
      const found = mailsAbout(caseNo, mailbox);
      return found.length ? found : undefined;
    }, 'the mail to the shared mailbox');
    expect(m.envelopeTo.sort()).toEqual([await email(dev), mailbox].sort());
    await put(admin, `/admin/organisations/${dev.organisationId}/shared-mailbox`, { address: null }).expect(200);
    expect((await get(admin, `/admin/organisations/${dev.organisationId}/shared-mailbox`).expect(200)).body.sharedMailbox).toBeNull();
  });
});
