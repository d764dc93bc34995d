import { randomUUID } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { Actor } from '../../libs/domain/src';
import { startApi } from '../support/api-harness';
import { eventually, makeRegistry, Registry } from '../support/fixtures';
import { httpCases } from '../support/http-cases';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * Issue 10, webhooks end to end (dev server, the API over HTTP, the real worker): integrators' receivers are HTTP
 * servers in this process on 127.0.0.1 — allowed because the test stack runs with WEBHOOK_TARGETS=loopback (only
 * loopback targets: nothing a test registers ever leaves the machine); the SSRF test switches to the production policy,
 * `public`, to show the refusals. Signatures are checked the way a receiver would: with the standardwebhooks package.
 */
describe('webhooks (end to end)', () => {
  const receiver = new WebhookReceiver();
  const saved = process.env.WEBHOOK_TARGETS;
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;

  beforeAll(async () => {
    process.env.WEBHOOK_TARGETS = 'loopback';
    await receiver.start();
    api = await startApi();
    r = await makeRegistry(api.db);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await receiver.stop();
    if (saved === undefined) delete process.env.WEBHOOK_TARGETS;
    else process.env.WEBHOOK_TARGETS = saved;
  });
  afterEach(() => {
    process.env.WEBHOOK_TARGETS = 'loopback';
    receiver.answer = () => 200;
  });

  const post = (a: Actor, url: string, body: object = {}) => api.http().post(url).set(api.bearer(a)).send(body);
  const get = (a: Actor, url: string) => api.http().get(url).set(api.bearer(a));
  async function subscribe(a: Actor, eventTypes: string[], url = receiver.url) {
    return (await post(a, '/webhooks/subscriptions', { url, eventTypes, description: 'test receiver' }).expect(201)).body as { subscription: { id: string }; secret: string };
  }
  const arrived = (caseNo: string, n: number) =>
    eventually(async () => {
      const got = receiver.about(caseNo);
      return got.length >= n ? got : undefined;
    }, `${n} webhook(s) about ${caseNo}`);
  const headers = (h: ReceivedWebhook['headers']) => ({ 'webhook-id': String(h['webhook-id']), 'webhook-timestamp': String(h['webhook-timestamp']), 'webhook-signature': String(h['webhook-signature']) });
  type ReceivedWebhook = Awaited<ReturnType<typeof arrived>>[number];

  it("issue 10: a subscriber receives its case's events signed (Standard Webhooks) and in order; a receiver using standardwebhooks verifies them", async () => {
    const dev = await r.user(await r.org(`Dev ${randomUUID().slice(0, 6)}`, 'developer'), 'developer', 'Dev Sub');
    const { subscription, secret } = await subscribe(dev, ['case.submitted', 'case.review_pass', 'case.publicity_opened']);
    expect(secret).toMatch(/^whsec_/);
    const caseNo = await httpCases(api, { ...r, developer: dev }).inPublicity();
    const got = await arrived(caseNo, 3);
    expect(got.map((g) => g.type)).toEqual(['case.submitted', 'case.review_pass', 'case.publicity_opened']);
    const hook = new Webhook(secret);
    for (const g of got) {
      const payload = hook.verify(g.body, headers(g.headers)) as { type: string; data: Record<string, unknown> };
      expect(payload.data).toMatchObject({ caseNo, caseType: 'registration' });
      expect(g.headers['content-type']).toBe('application/json');
    }
    expect((hook.verify(got[2].body, headers(got[2].headers)) as { data: { deadline: { kind: string } } }).data.deadline.kind).toBe('publicity_close');
    const deliveries = (await get(dev, `/webhooks/subscriptions/${subscription.id}/deliveries`).expect(200)).body;
    expect(deliveries.map((d: { eventType: string; status: string }) => [d.eventType, d.status])).toEqual([
      ['case.publicity_opened', 'sent'], ['case.review_pass', 'sent'], ['case.submitted', 'sent'],
    ]);
  });

  it('issue 10: a tampered body, a stale timestamp or another secret is refused by the receiver', async () => {
    const dev = await r.user(await r.org(`Dev ${randomUUID().slice(0, 6)}`, 'developer'), 'developer', 'Dev Tamper');
    const { secret } = await subscribe(dev, ['case.submitted']);
    const caseNo = await httpCases(api, { ...r, developer: dev }).submitted();
    const [g] = await arrived(caseNo, 1);
    const hook = new Webhook(secret);
    expect(() => hook.verify(g.body, headers(g.headers))).not.toThrow();
    expect(() => hook.verify(g.body.replace('"round":1', '"round":2'), headers(g.headers))).toThrow(WebhookVerificationError);
    const stale = new Date(Date.now() - 10 * 60_000);
    const replayed = { ...headers(g.headers), 'webhook-timestamp': String(Math.floor(stale.getTime() / 1000)), 'webhook-signature': hook.sign(String(g.headers['webhook-id']), stale, g.body) };
    expect(() => hook.verify(g.body, replayed)).toThrow(/too old/);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(g.body, headers(g.headers))).toThrow(WebhookVerificationError);
  });

  it('issue 10: a failing receiver is retried with the same webhook-id, every attempt is visible, and the subscriber can replay it', async () => {
    const dev = await r.user(await r.org(`Dev ${randomUUID().slice(0, 6)}`, 'developer'), 'developer', 'Dev Retry');
    const { subscription, secret } = await subscribe(dev, ['case.submitted']);
    let calls = 0;
    receiver.answer = (g) => (g.body.includes('"type":"case.submitted"') && ++calls <= 2 ? 503 : 200); // only this subscription has its case's submission
    const caseNo = await httpCases(api, { ...r, developer: dev }).submitted();
    const got = await arrived(caseNo, 3);
    expect(new Set(got.map((g) => g.headers['webhook-id'])).size).toBe(1);
    for (const g of got) expect(() => new Webhook(secret).verify(g.body, headers(g.headers))).not.toThrow();
    const [d] = (await get(dev, `/webhooks/subscriptions/${subscription.id}/deliveries`).expect(200)).body;
    expect(got[0].headers['webhook-id']).toBe(`msg_${d.id}`);
    const detail = await eventually(async () => {
      const b = (await get(dev, `/webhooks/subscriptions/${subscription.id}/deliveries/${d.id}`).expect(200)).body;
      return b.status === 'sent' ? b : undefined;
    }, 'the delivery sent');
    expect(detail.attemptLog.map((a: { ok: boolean }) => a.ok)).toEqual([false, false, true]);
    expect(detail.attemptLog[0].error).toMatch(/HTTP 503/);
    expect(JSON.parse(detail.payload).data.caseNo).toBe(caseNo);

    await post(dev, `/webhooks/subscriptions/${subscription.id}/deliveries/${d.id}/replay`).expect(200);
    const again = await arrived(caseNo, 4);
    expect(again[3].headers['webhook-id']).toBe(`msg_${d.id}`);
    // Someone else's subscription and delivery are not found (ROLE-1).
    await get(r.otherDeveloper, `/webhooks/subscriptions/${subscription.id}/deliveries/${d.id}`).expect(404);
  });

  it("ROLE-1: a subscriber of another organisation never receives a foreign case's events — only the public ones", async () => {
    const other = await r.user(await r.org(`Other ${randomUUID().slice(0, 6)}`, 'developer'), 'developer', 'Dev Other');
    const { secret } = await subscribe(other, ['case.submitted', 'case.review_pass', 'case.publicity_opened']);
    const exchange = await r.user(await r.org(`Exchange ${randomUUID().slice(0, 6)}`, 'exchange'), 'exchange', 'Exchange Sys');
    const refused = (await post(exchange, '/webhooks/subscriptions', { url: receiver.url, eventTypes: ['case.submitted'] }).expect(403)).body;
    expect(refused).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', details: { refused: ['case.submitted'] } });
    const types = (await get(exchange, '/webhooks/event-types').expect(200)).body;
    expect(types.filter((t: { allowed: boolean }) => t.allowed).map((t: { type: string }) => t.type)).toEqual(['case.publicity_opened', 'case.publicity_closed', 'case.registered', 'case.issued']);

    const caseNo = await httpCases(api, r).inPublicity(); // developer A's case
    await arrived(caseNo, 1);
    await new Promise((res) => setTimeout(res, 1500)); // anything else would have come by now
    const hook = new Webhook(secret);
    const mine = receiver.about(caseNo).filter((g) => {
      try {
        hook.verify(g.body, headers(g.headers));
        return true;
      } catch {
        return false;
      }
    });
    expect(mine.map((g) => g.type)).toEqual(['case.publicity_opened']);
  });

  it('SSRF: private, loopback and link-local targets are refused (the production policy), at registration and at delivery; the test policy allows loopback only', async () => {
    const dev = await r.user(await r.org(`Dev ${randomUUID().slice(0, 6)}`, 'developer'), 'developer', 'Dev Ssrf');
    expect((await post(dev, '/webhooks/subscriptions', { url: 'http://93.184.216.34/hooks', eventTypes: ['case.submitted'] }).expect(400)).body.details.reason).toMatch(/not a loopback address/);
    process.env.WEBHOOK_TARGETS = 'public';
    for (const url of [receiver.url, 'http://10.1.2.3/hooks', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:8080/', 'http://localhost:9/x', 'ftp://example.com/x']) {
      const res = (await post(dev, '/webhooks/subscriptions', { url, eventTypes: ['case.submitted'] }).expect(400)).body;
      expect([url, res]).toEqual([url, expect.objectContaining({ statusCode: 400, code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'url' }) })]);
    }
    process.env.WEBHOOK_TARGETS = 'loopback';
    const { subscription } = await subscribe(dev, ['case.submitted']);
    process.env.WEBHOOK_TARGETS = 'public'; // the worker checks the address it connects to, at every delivery
    const caseNo = await httpCases(api, { ...r, developer: dev }).submitted();
    const [d] = await eventually(async () => {
      const list = (await get(dev, `/webhooks/subscriptions/${subscription.id}/deliveries`).expect(200)).body;
      return list[0]?.attempts >= 1 ? list : undefined;
    }, 'a refused attempt');
    expect(d.lastError).toMatch(/not allowed.*private IP address/);
    expect(receiver.about(caseNo)).toHaveLength(0);
  });
});
