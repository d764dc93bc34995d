import { DataSource } from 'typeorm';
import { RegistrationsService } from '../apps/api/src/registrations/registrations.service';
import { unkeyed } from '../apps/api/src/idempotency/idempotency.interceptor';
import { CaseProjectionRepository, NotificationOutboxRepository } from '../libs/persistence/src';
import { deliveryWorkflowId, DeliveryState, registrationWorkflowId, RegistrationCaseView } from '../libs/temporal/src';
import { eventually, makeReadyDraft, Registry } from '../test/support/fixtures';
import { RecordingChannel } from '../test/support/recording-channel';
import { startTimeSkippingCases, TimeSkippingCases } from '../test/support/time-skipping-cases';

/**
 * Issue 10, durable delivery: the outbox written with the case step, the per-case delivery workflow, its retries and
 * giving up — on the time-skipping server with the real worker and PostgreSQL, through a channel that records what it
 * was asked to deliver (the e-mail and webhook channels have their own tests).
 */
describe('notification delivery (time skipping)', () => {
  const channel = new RecordingChannel();
  let stack: TimeSkippingCases;
  let db: DataSource;
  let r: Registry;
  let service: RegistrationsService;

  beforeAll(async () => {
    stack = await startTimeSkippingCases({ channels: [channel] });
    ({ db, r, registrations: service } = stack);
  }, 60_000);
  afterAll(() => stack?.stop());
  beforeEach(() => {
    channel.down = false;
  });

  const deliveries = (caseNo: string) =>
    db.query(
      `SELECT d.id, d.status, d.attempts, d.seq, n.kind, d.outcome FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
       WHERE d.stream = $1 ORDER BY d.seq`,
      [caseNo],
    );
  const act = (caseNo: string, action: string, actor: Registry['officer'], args: Record<string, unknown> = {}) =>
    stack.act<RegistrationCaseView>(registrationWorkflowId(caseNo), action, actor, args);
  const allSettled = (caseNo: string, n: number) =>
    eventually(async () => {
      const rows = await deliveries(caseNo);
      return rows.length === n && rows.every((d: { status: string }) => d.status !== 'pending') ? rows : undefined;
    }, `${n} deliveries of ${caseNo} settled`);

  it('issue 10: a notification and its delivery are written in the case step\'s transaction, or neither is', async () => {
    const caseNo = await makeReadyDraft(db, r);
    const outbox = new NotificationOutboxRepository(db);
    const failingWriter = async (m: Parameters<typeof outbox.insert>[0], step: Parameters<RecordingChannel['plan']>[1]) => {
      await outbox.insert(m, step.stream, await channel.plan(m, step));
      throw new Error('the step failed after its deliveries were written');
    };
    const step = {
      key: `test/${caseNo}/1/submitted`, caseNo, caseType: 'registration' as const, jurisdiction: 'BJ', at: new Date().toISOString(), type: 'submitted',
      status: 'under_review', round: 1, assignedOfficerId: null, deadline: null, overdue: false, escalated: false, needsAttention: false, reviewers: [],
      facts: {}, notify: [{ to: { role: 'officer' as const }, kind: 'case_submitted', message: `${caseNo} submitted` }],
    };
    await expect(new CaseProjectionRepository(db).recordStep(step, failingWriter)).rejects.toThrow('the step failed');
    expect(await db.query(`SELECT 1 FROM notifications WHERE case_no = $1`, [caseNo])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM notification_deliveries WHERE stream = $1`, [caseNo])).toHaveLength(0);

    const writer = async (m: Parameters<typeof outbox.insert>[0], s: Parameters<RecordingChannel['plan']>[1]) => outbox.insert(m, s.stream, await channel.plan(m, s));
    const told = await new CaseProjectionRepository(db).recordStep(step, writer);
    expect(told).toMatchObject({ queued: 1 });
    // The same step again (a retried activity) writes nothing, and the database refuses a second delivery of one notification on one channel.
    expect(await new CaseProjectionRepository(db).recordStep(step, writer)).toMatchObject({ queued: 0 });
    const [{ notification_id }] = await db.query(`SELECT notification_id FROM notification_deliveries WHERE stream = $1`, [caseNo]);
    await expect(
      db.query(`INSERT INTO notification_deliveries (stream, channel, lane, notification_id) VALUES ($1, 'recording', 'other-lane', $2)`, [caseNo, notification_id]),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('issue 10: a case\'s deliveries go out in the order of its steps, each once, through a receiver that was down for a while', async () => {
    const caseNo = await makeReadyDraft(db, r);
    channel.down = true;
    await service.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await act(caseNo, 'review', r.officer, { outcome: 'request_supplement', reasons: 'Boundary map missing' });
    await eventually(async () => ((await deliveries(caseNo))[0]?.attempts >= 1 ? true : undefined), 'a first failed attempt');
    await stack.env.sleep('10 minutes'); // a few rounds of attempts while the receiver is down
    const failing = await deliveries(caseNo);
    expect(failing.every((d: { status: string }) => d.status === 'pending')).toBe(true);
    expect(failing[0].attempts).toBeGreaterThan(4);
    expect(failing[1].attempts).toBe(0); // in order: the second waits for the first

    channel.down = false;
    await stack.env.sleep('2 hours'); // the next round after the receiver is back
    const settled = await allSettled(caseNo, 2);
    expect(settled.map((d: { kind: string; status: string }) => [d.kind, d.status])).toEqual([['case_submitted', 'sent'], ['review_request_supplement', 'sent']]);
    const mine = channel.delivered.filter((d) => d.stream === caseNo);
    expect(mine.map((d) => d.id)).toEqual(settled.map((d: { id: string }) => d.id)); // once each, in order
    const log = await db.query(`SELECT attempt, ok, error, response FROM notification_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`, [settled[0].id]);
    expect(log.length).toBe(settled[0].attempts);
    expect(log.slice(0, -1).every((a: { ok: boolean; error: string }) => !a.ok && a.error === 'the receiver is down')).toBe(true);
    expect(log.at(-1)).toMatchObject({ ok: true, response: 'received case_submitted', error: null });
  });

  it('issue 10: a delivery failing for a day is given up (failed, every attempt kept) and its workflow says so; the next one still goes', async () => {
    const caseNo = await makeReadyDraft(db, r);
    channel.down = true;
    await service.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await eventually(async () => ((await deliveries(caseNo))[0]?.attempts >= 1 ? true : undefined), 'a first failed attempt');
    await stack.env.sleep('25 hours');
    const [given] = await allSettled(caseNo, 1);
    expect(given).toMatchObject({ status: 'failed' });
    expect(given.outcome).toMatch(/^Given up after retrying for a day: the receiver is down/);
    expect(given.attempts).toBeGreaterThan(20);
    const { searchAttributes } = await stack.env.client.workflow.getHandle(deliveryWorkflowId(caseNo)).describe();
    expect(searchAttributes[DeliveryState.name]).toEqual(['failed']);

    channel.down = false;
    await act(caseNo, 'review', r.officer, { outcome: 'request_supplement', reasons: 'Boundary map missing' });
    const after = await allSettled(caseNo, 2);
    expect(after.map((d: { status: string }) => d.status)).toEqual(['failed', 'sent']);
  });
});
