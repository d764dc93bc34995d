import { randomUUID } from 'node:crypto';
import { Actor } from '../../libs/domain/src';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import { startApi } from '../support/api-harness';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase, Registry } from '../support/fixtures';
import { httpCases } from '../support/http-cases';

/**
 * Issue 7, fault 3: an Idempotency-Key means one request. It is scoped to the caller and the operation and
 * fingerprinted with the request: the same request again answers the first response and acts once; another
 * request with the same key answers 422; another caller's or another operation's same key is its own.
 */
describe('Idempotency-Key (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
  }, 60_000);
  afterAll(() => api?.stop());

  const post = (a: Actor, url: string, body: object = {}, key?: string) => {
    const req = api.http().post(url).set(api.bearer(a));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const cases = () => httpCases(api, r);
  const events = async (caseNo: string, type: string) => (await api.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_no = $1 AND type = $2`, [caseNo, type]))[0].n;

  it('the same request with the same key answers the first response and acts once', async () => {
    const caseNo = await cases().submitted();
    const key = randomUUID();
    const first = await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'request_supplement', reasons: '请补充并网证明' }, key).expect(200);
    const again = await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'request_supplement', reasons: '请补充并网证明' }, key).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await events(caseNo, 'review_request_supplement')).toBe(1);
  });

  it('a keyed retry of an action that was applied but never answered (the replica died) gets its outcome, not a refusal of the state it led to', async () => {
    const caseNo = await cases().submitted();
    const key = randomUUID();
    const first = await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'pass' }, key).expect(200);
    // As if the API replica had died after the Update completed and before it kept the answer: the key is free again, same attempt.
    await api.db.query(`UPDATE idempotency_keys SET state = 'in_progress', status_code = NULL, response = NULL, locked_until = NULL WHERE caller = $1 AND operation LIKE '%/review'`, [r.officer.userId]);
    const again = await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'pass' }, key).expect(200);
    expect(again.body).toMatchObject({ caseNo, status: 'review_passed', round: first.body.round });
    expect(await events(caseNo, 'review_pass')).toBe(1);
    // Without the key the same request is a new one, and the state refuses it.
    await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'pass' }).expect(409);
  });

  it('a different request with the same key answers 422 and does nothing', async () => {
    const caseNo = await cases().submitted();
    const key = randomUUID();
    await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'request_supplement', reasons: 'A' }, key).expect(200);
    const other = await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'reject', reasons: 'B' }, key).expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('different') });
    expect(await events(caseNo, 'review_reject')).toBe(0);
    // The same key for another case of the same operation is another request too.
    const second = await cases().submitted();
    await post(r.officer, `/registrations/${second}/review`, { outcome: 'request_supplement', reasons: 'A' }, key).expect(422);
  });

  it("another caller's or another operation's same key is its own request: the officer's review acts on the key the developer used to submit", async () => {
    const key = randomUUID();
    const caseNo = await cases().draft();
    await post(r.developer, `/registrations/${caseNo}/submit`, {}, key).expect(200);
    const reviewed = await post(r.officer, `/registrations/${caseNo}/review`, { outcome: 'pass' }, key).expect(200);
    expect(reviewed.body.status).toBe('review_passed');
    expect(await events(caseNo, 'review_pass')).toBe(1);
    // Another officer with the same key and the same request: their own request, refused by the state (not replayed).
    const other = await post(r.officer2, `/registrations/${caseNo}/review`, { outcome: 'pass' }, key).expect(409);
    expect(other.body.code).toBe('WRONG_STATE');
  });

  it('LED-2: a transfer retried with the same key and another block filter answers 422; the same transfer again moves nothing more', async () => {
    const seller = await r.user(await r.org('Idem Seller', 'developer'), 'developer', 'Dev Seller');
    const buyer = await r.user(await r.org('Idem Buyer', 'emitter'), 'emitter', 'Emitter Buyer');
    const { projectId } = await makeRegisteredProject(api.db, r, seller);
    const block = (await new LedgerRepository(api.db).issue({ caseNo: await makeSignOffReadyCase(api.db, r, projectId, seller), quantity: '100', signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() }))!;
    const to = (await post(buyer, '/accounts').expect(201)).body.accountNo;
    const key = randomUUID();
    const first = await post(seller, `/accounts/${block.accountNo}/transfers`, { toAccountNo: to, quantity: '10', blockPrefix: block.prefix }, key).expect(201);
    const other = await post(seller, `/accounts/${block.accountNo}/transfers`, { toAccountNo: to, quantity: '10', vintage: 2025 }, key).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const again = await post(seller, `/accounts/${block.accountNo}/transfers`, { toAccountNo: to, quantity: '10', blockPrefix: block.prefix }, key).expect(201);
    expect(again.body).toEqual(first.body);
    const balance = (await api.http().get('/accounts').set(api.bearer(buyer)).expect(200)).body[0].balance;
    expect(balance).toBe('10');
  });

  it('LED-1: credits never move into a system account or custody by transfer', async () => {
    const seller = await r.user(await r.org('Sys Seller', 'developer'), 'developer', 'Dev Sys');
    const { projectId } = await makeRegisteredProject(api.db, r, seller);
    const block = (await new LedgerRepository(api.db).issue({ caseNo: await makeSignOffReadyCase(api.db, r, projectId, seller), quantity: '5', signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() }))!;
    const refused = await post(seller, `/accounts/${block.accountNo}/transfers`, { toAccountNo: 'BJ-SYS-ISSUANCE', quantity: '1' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'HOLDER_NOT_ALLOWED', message: expect.stringContaining("registry's own operations") });
    expect((await api.http().get('/accounts').set(api.bearer(seller))).body[0].balance).toBe('5');
  });

  it('BJ-14: a look-alike spelling of a site another developer holds is the same site', async () => {
    const site = `BJ-PV-${randomUUID().slice(0, 4).toUpperCase()}-0042`;
    const application = (siteIdentifiers: string[]) => cases().application({ siteIdentifiers });
    await post(r.developer, '/registrations', application([site])).expect(201);
    const fullWidth = site.replace(/[A-Z0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const lookAlikes = [
      fullWidth, // ＢＪ－ＰＶ…
      site.replace(/-/g, '\u2013'), // en dashes
      site.replace('PV', 'P\u200bV'), // a zero-width space
      site.replace('B', '\u0412'), // Cyrillic В
      ` ${site.toLowerCase().replace(/-/g, ' ')} `,
    ];
    for (const spelling of lookAlikes) {
      const res = await post(r.otherDeveloper, '/registrations', application([spelling])).expect(409);
      expect(res.body).toMatchObject({ code: 'DUPLICATE', message: expect.stringContaining('live registration') });
    }
  });
});
