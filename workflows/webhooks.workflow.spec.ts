import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { unkeyed } from '../apps/api/src/idempotency/idempotency.interceptor';
import { WebhookSubscriptionsRepository } from '../libs/persistence/src';
import { registrationWorkflowId, RegistrationCaseView } from '../libs/temporal/src';
import { eventually, makeReadyDraft, Registry } from '../test/support/fixtures';
import { startTimeSkippingCases, TimeSkippingCases } from '../test/support/time-skipping-cases';
import { WebhookReceiver } from '../test/support/webhook-receiver';

/**
 * Issue 10 on the time-skipping server: a webhook subscriber that keeps failing is retried with backoff for a day, then
 * the delivery is given up, the subscription disabled and its owner told; enabled again, the delivery can be replayed.
 * The receiver is on 127.0.0.1, allowed by the test policy WEBHOOK_TARGETS=loopback.
 */
describe('webhook subscriber failing for a day (time skipping)', () => {
  const receiver = new WebhookReceiver();
  const saved = process.env.WEBHOOK_TARGETS;
  let stack: TimeSkippingCases;
  let db: DataSource;
  let r: Registry;

  beforeAll(async () => {
    process.env.WEBHOOK_TARGETS = 'loopback';
    await receiver.start();
    stack = await startTimeSkippingCases();
    ({ db, r } = stack);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
    if (saved === undefined) delete process.env.WEBHOOK_TARGETS;
    else process.env.WEBHOOK_TARGETS = saved;
  });

  it('issue 10: retried with backoff for up to a day, then the subscription is disabled and its owner told; enabled again, the subscriber replays it', async () => {
    const subs = new WebhookSubscriptionsRepository(db);
    const sub = await subs.create({
      organisationId: r.developer.organisationId, url: receiver.url, eventTypes: ['case.submitted', 'case.review_request_supplement'], description: null,
      secret: `whsec_${Buffer.from(randomUUID()).toString('base64')}`, createdBy: r.developer.userId,
    });
    receiver.answer = () => 503;
    const caseNo = await makeReadyDraft(db, r);
    await stack.registrations.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await eventually(async () => (receiver.about(caseNo).length >= 4 ? true : undefined), 'the first round of attempts');
    await stack.env.sleep('12 hours');
    const halfway = receiver.about(caseNo).length;
    expect(halfway).toBeGreaterThan(8); // rounds with growing backoff, not one attempt
    expect((await subs.one(r.developer.organisationId, sub.id))!.status).toBe('active');
    // A later event of the same case waits behind the failing one (in order per case).
    await stack.act<RegistrationCaseView>(registrationWorkflowId(caseNo), 'review', r.officer, { outcome: 'request_supplement', reasons: 'Map' });

    await stack.env.sleep('13 hours');
    const disabled = await eventually(async () => {
      const s = await subs.one(r.developer.organisationId, sub.id);
      return s?.status === 'disabled' ? s : undefined;
    }, 'the subscription disabled');
    expect(disabled.disabledReason).toMatch(/^deliveries failed for a day \(last: HTTP 503/);
    const [told] = await db.query(`SELECT recipient_organisation_id, message FROM notifications WHERE kind = 'webhook_disabled' AND message LIKE $1`, [`%${sub.id}%`]);
    expect(told.recipient_organisation_id).toBe(r.developer.organisationId);
    const deliveries = await eventually(async () => {
      const ds = await subs.deliveries(sub.id, 10);
      return ds.every((d: { status: string }) => d.status !== 'pending') ? ds : undefined;
    }, 'both deliveries settled');
    expect(deliveries.map((d: { eventType: string; status: string }) => [d.eventType, d.status])).toEqual([
      ['case.review_request_supplement', 'skipped'], ['case.submitted', 'failed'],
    ]);
    expect(receiver.about(caseNo).every((g) => g.type === 'case.submitted')).toBe(true);

    // Its owner fixes the endpoint, enables the subscription and replays what it missed.
    receiver.answer = () => 200;
    await subs.update(r.developer.organisationId, sub.id, { active: true });
    for (const d of [...deliveries].reverse()) {
      await subs.replay(sub.id, d.id);
    }
    await stack.temporal.client.workflow.signalWithStart('notificationDeliveryWorkflow', {
      workflowId: `notification-delivery/${caseNo}`, taskQueue: 'registry-cases', args: [{ stream: caseNo, searchAttributesEnabled: false }], signal: 'deliveriesQueued', signalArgs: [],
    });
    const ok = await eventually(async () => {
      const got = receiver.about(caseNo).slice(halfway);
      const last = got.slice(-2);
      return last.length === 2 && last[1].type === 'case.review_request_supplement' ? last : undefined;
    }, 'both delivered after the replay');
    expect(ok.map((g) => g.type)).toEqual(['case.submitted', 'case.review_request_supplement']);
  });
});
