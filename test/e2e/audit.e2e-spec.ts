import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { DataSource } from 'typeorm';
import { Actor } from '../../libs/domain/src';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { startApi } from '../support/api-harness';
import { eventually, makeRegistry, Registry } from '../support/fixtures';

/**
 * Issue 7 "Audit": every mutating request — accepted or refused, also before any controller — is one append-only
 * row that the application's database role cannot update or delete; bureau and admin read it at GET /audit.
 */
describe('audit trail of mutating requests (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let admin: Actor;
  let owner: DataSource;
  const run = `audit-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
    admin = await r.user(await r.org('Platform', 'platform'), 'admin', 'Admin Qian');
    owner = await new DataSource(dataSourceOptions(process.env.DATABASE_URL, 'owner')).initialize();
  }, 60_000);
  afterAll(async () => {
    await owner?.destroy();
    await api?.stop();
  });

  const application = () => ({
    project: { name: '朝阳区屋顶光伏', location: '北京市朝阳区', methodologyVersionId: r.tier1, siteIdentifiers: [`SITE-${randomUUID().slice(0, 8)}`], implementationStartDate: '2024-03-01' },
    attestations: { notUnderEtsAllowanceManagement: true, notInOtherMechanism: true },
  });
  const who = (a: Actor) => ({ userId: a.userId, role: a.role, organisationId: a.organisationId, name: a.name });

  interface Expected {
    actor: ReturnType<typeof who> | null;
    action: string;
    route: string | null;
    target: Record<string, unknown>;
    statusCode: number;
    errorCode: string | null;
  }
  const sent: { requestId: string; res: Response; expected: Expected }[] = [];
  let n = 0;
  /** Sends one request with its own X-Request-Id and remembers what its audit row must say. */
  async function send(req: Test, expected: Expected) {
    const requestId = `${run}-${++n}`;
    const res = await req.set('X-Request-Id', requestId);
    expect([res.status, res.body?.code ?? null]).toEqual([expected.statusCode, expected.errorCode]);
    expect(res.headers['x-request-id']).toBe(requestId);
    sent.push({ requestId, res, expected });
    return res;
  }
  const rowsOf = (requestIds: string[]) =>
    api.db.query(
      `SELECT request_id AS "requestId", actor_user_id AS "userId", actor_role AS role, actor_organisation_id AS "organisationId", actor_name AS name,
              method, action, route, target, outcome, status_code AS "statusCode", error_code AS "errorCode", occurred_at AS "occurredAt"
       FROM audit_log WHERE request_id = ANY($1) ORDER BY id`,
      [requestIds],
    );

  let caseNo: string;
  let reviewRequestId: string;

  it('issue 7 Audit: a known set of mutating requests, accepted and refused, gives exactly one matching row each', async () => {
    const http = () => api.http();
    const dev = api.bearer(r.developer);
    const created = await send(http().post('/registrations').set(dev).send(application()), {
      actor: who(r.developer), action: 'POST /registrations', route: '/registrations', target: {}, statusCode: 201, errorCode: null,
    });
    caseNo = created.body.caseNo;
    const onCase = { caseNo };
    await send(http().post('/registrations').set(dev).send({ ...application(), password: 'never stored' }), {
      actor: who(r.developer), action: 'POST /registrations', route: '/registrations', target: {}, statusCode: 400, errorCode: 'VALIDATION_FAILED',
    });
    // Refused by the body parser, before routing and the guard: no route template, no identity yet.
    await send(http().post('/registrations').set(dev).set('Content-Type', 'application/json').send('{"project": '), {
      actor: null, action: 'POST /registrations', route: null, target: {}, statusCode: 400, errorCode: 'VALIDATION_FAILED',
    });
    await send(http().post('/registrations').send(application()), {
      actor: null, action: 'POST /registrations', route: '/registrations', target: {}, statusCode: 401, errorCode: 'UNAUTHENTICATED',
    });
    await send(http().post('/registrations').set(api.bearer(r.officer)).send(application()), {
      actor: who(r.officer), action: 'POST /registrations', route: '/registrations', target: {}, statusCode: 403, errorCode: 'FORBIDDEN',
    });
    await send(http().post('/no/such/route').set(dev).send({}), {
      actor: null, action: 'POST /no/such/route', route: null, target: {}, statusCode: 404, errorCode: 'NOT_FOUND',
    });
    await send(http().delete(`/registrations/${caseNo}`).set(dev), {
      actor: null, action: `DELETE /registrations/${caseNo}`, route: null, target: {}, statusCode: 404, errorCode: 'NOT_FOUND',
    });
    await send(http().post(`/registrations/${caseNo}/submit`).set(api.bearer(r.otherDeveloper)), {
      actor: who(r.otherDeveloper), action: 'POST /registrations/:caseNo/submit', route: '/registrations/:caseNo/submit', target: onCase, statusCode: 404, errorCode: 'NOT_FOUND',
    });
    // A NUL in a path parameter (which PostgreSQL cannot store) must not keep the row out.
    await send(http().post('/registrations/BJ-REG-2026-0%00/submit').set(dev), {
      actor: who(r.developer), action: 'POST /registrations/:caseNo/submit', route: '/registrations/:caseNo/submit', target: { caseNo: 'BJ-REG-2026-0\uFFFD' }, statusCode: 400, errorCode: 'VALIDATION_FAILED',
    });
    await send(http().post(`/registrations/${caseNo}/review`).set(api.bearer(r.officer)).send({ outcome: 'pass' }), {
      actor: who(r.officer), action: 'POST /registrations/:caseNo/review', route: '/registrations/:caseNo/review', target: onCase, statusCode: 409, errorCode: 'WRONG_STATE',
    });
    reviewRequestId = sent[sent.length - 1].requestId;
    const commentId = randomUUID();
    await send(http().post(`/registrations/${caseNo}/comments/${commentId}/dismiss`).set(api.bearer(r.officer)).send({ reason: 'spam' }), {
      actor: who(r.officer), action: 'POST /registrations/:caseNo/comments/:commentId/dismiss', route: '/registrations/:caseNo/comments/:commentId/dismiss',
      target: { caseNo, commentId }, statusCode: 409, errorCode: 'WRONG_STATE',
    });
    await send(http().post(`/registrations/${caseNo}/documents`).set(dev).field('kind', 'other').attach('file', Buffer.alloc(25 * 1024 * 1024 + 1), 'big.pdf'), {
      actor: who(r.developer), action: 'POST /registrations/:caseNo/documents', route: '/registrations/:caseNo/documents', target: onCase, statusCode: 413, errorCode: 'PAYLOAD_TOO_LARGE',
    });
    await send(http().post(`/registrations/${caseNo}/documents`).set(dev).field('kind', 'other').attach('file', Buffer.from('%PDF small'), 'small.pdf'), {
      actor: who(r.developer), action: 'POST /registrations/:caseNo/documents', route: '/registrations/:caseNo/documents', target: onCase, statusCode: 201, errorCode: null,
    });
    await send(http().put('/calendar/overrides/2026-10-01').set(api.bearer(admin)).send({ kind: 'sometimes' }), {
      actor: who(admin), action: 'PUT /calendar/overrides/:date', route: '/calendar/overrides/:date', target: { date: '2026-10-01' }, statusCode: 400, errorCode: 'VALIDATION_FAILED',
    });

    // Refused for its size by the body parser, before routing: whatever it answers, the row says the same.
    const tooLarge = await http().post('/registrations').set(dev).set('X-Request-Id', `${run}-large`).send({ ...application(), padding: 'x'.repeat(200_000) });
    expect(tooLarge.status).toBeGreaterThanOrEqual(400);
    sent.push({
      requestId: `${run}-large`, res: tooLarge,
      expected: { actor: null, action: 'POST /registrations', route: null, target: {}, statusCode: tooLarge.status, errorCode: tooLarge.body.code },
    });

    // Reads are not audited, but they carry the request id too.
    const read = await http().get('/registrations').set(dev).set('X-Request-Id', `${run}-read`).expect(200);
    expect(read.headers['x-request-id']).toBe(`${run}-read`);
    // An unacceptable incoming id (over 128 characters) is replaced, and the replacement is what the row records.
    const replaced = await http().post('/registrations').set(dev).set('X-Request-Id', `${run}-${'x'.repeat(129)}`).send({ ...application(), extra: 1 }).expect(400);
    const generated = replaced.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const ids = sent.map((s) => s.requestId);
    const rows = await eventually(async () => {
      const found = await rowsOf([...ids, `${run}-read`, generated]);
      return found.length >= ids.length + 1 && found;
    }, 'audit rows of every mutating request');
    await new Promise((res) => setTimeout(res, 300)); // a late duplicate would show up now
    const all = await rowsOf([...ids, `${run}-read`, generated]);
    expect(all.map((x: { requestId: string }) => x.requestId).sort()).toEqual([...ids, generated].sort());
    expect(rows.length).toBe(all.length);

    for (const { requestId, expected } of sent) {
      const row = all.find((x: { requestId: string }) => x.requestId === requestId);
      const { actor, ...rest } = expected;
      expect({ requestId, ...row }).toEqual({
        requestId,
        userId: actor?.userId ?? null, role: actor?.role ?? null, organisationId: actor?.organisationId ?? null, name: actor?.name ?? null,
        method: rest.action.split(' ')[0],
        ...rest,
        outcome: rest.statusCode < 400 ? 'accepted' : rest.statusCode < 500 ? 'refused' : 'failed',
        occurredAt: expect.any(Date),
      });
    }
    expect(all.find((x: { requestId: string }) => x.requestId === generated)).toMatchObject({ action: 'POST /registrations', statusCode: 400, userId: r.developer.userId });
  });

  it('issue 7 Audit: the application runs as its database role, which cannot UPDATE, DELETE or TRUNCATE audit rows; the trigger refuses even the owner', async () => {
    expect(await api.db.query(`SELECT current_user AS role`)).toEqual([{ role: 'registry_app' }]);
    const mine = `${run}-1`;
    await expect(api.db.query(`UPDATE audit_log SET status_code = 200, outcome = 'accepted' WHERE request_id = $1`, [mine])).rejects.toThrow(/permission denied for table audit_log/);
    await expect(api.db.query(`DELETE FROM audit_log WHERE request_id = $1`, [mine])).rejects.toThrow(/permission denied for table audit_log/);
    await expect(api.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(owner.query(`UPDATE audit_log SET status_code = 200, outcome = 'accepted' WHERE request_id = $1`, [mine])).rejects.toThrow(/audit_log is append-only/);
    await expect(owner.query(`DELETE FROM audit_log WHERE request_id = $1`, [mine])).rejects.toThrow(/audit_log is append-only/);
    await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/audit_log is append-only/);
    expect(await rowsOf([mine])).toEqual([expect.objectContaining({ statusCode: 201 })]);
  });

  it('issue 7 Audit: the role may read and write every other table and sequence, and only append to and read audit_log', async () => {
    const grants: { table: string; privileges: string[] }[] = await owner.query(
      `SELECT c.relname AS table, ARRAY(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) p
                                         WHERE has_table_privilege('registry_app', c.oid, p)) AS privileges
       FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname = 'public' AND c.relkind IN ('r','p') AND c.relname <> 'migrations' ORDER BY 1`,
    );
    expect(grants.length).toBeGreaterThan(20);
    for (const g of grants) {
      expect([g.table, g.privileges]).toEqual([g.table, g.table === 'audit_log' ? ['SELECT', 'INSERT'] : ['SELECT', 'INSERT', 'UPDATE', 'DELETE']]);
    }
    const [{ missing }] = await owner.query(
      `SELECT count(*)::int AS missing FROM pg_sequences
       WHERE schemaname = 'public' AND NOT has_sequence_privilege('registry_app', format('%I.%I', schemaname, sequencename), 'USAGE')`,
    );
    expect(missing).toBe(0);
  });

  describe('GET /audit', () => {
    const get = (a: Actor | undefined, query: Record<string, string | number> = {}) => {
      const req = api.http().get('/audit').query(query);
      return a ? req.set(api.bearer(a)) : req;
    };

    it('issue 7 Audit: refused without a token and to a developer; answered to bureau and admin', async () => {
      expect((await get(undefined).expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect((await get(r.developer).expect(403)).body.code).toBe('FORBIDDEN');
      await get(admin, { limit: 1 }).expect(200);
      const page = (await get(r.bureau, { requestId: reviewRequestId }).expect(200)).body;
      expect(page).toEqual({
        items: [{
          id: expect.stringMatching(/^\d+$/), occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), requestId: reviewRequestId,
          actor: who(r.officer), method: 'POST', route: '/registrations/:caseNo/review', action: 'POST /registrations/:caseNo/review',
          target: { caseNo }, outcome: 'refused', statusCode: 409, errorCode: 'WRONG_STATE', clientIp: expect.any(String), durationMs: expect.any(Number),
        }],
        nextCursor: null,
      });
    });

    it('issue 7 Audit: filters by target, actor, action and outcome, newest first', async () => {
      const requestIds = async (query: Record<string, string | number>) =>
        (await get(r.bureau, { limit: 200, ...query }).expect(200)).body.items.map((i: { requestId: string }) => i.requestId);
      const newestFirst = (pick: (e: Expected) => boolean) => sent.filter((s) => pick(s.expected)).map((s) => s.requestId).reverse();
      expect(await requestIds({ target: caseNo })).toEqual(newestFirst((e) => e.target.caseNo === caseNo));
      expect(await requestIds({ actorUserId: r.officer.userId })).toEqual(newestFirst((e) => e.actor?.userId === r.officer.userId));
      expect(await requestIds({ actorUserId: r.officer.userId, action: 'POST /registrations/:caseNo/review' })).toEqual([reviewRequestId]);
      expect(await requestIds({ organisationId: r.developer.organisationId, outcome: 'accepted' })).toEqual(newestFirst((e) => e.actor?.organisationId === r.developer.organisationId && e.statusCode < 400));
      expect(await requestIds({ target: caseNo, from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
      expect(await requestIds({ target: caseNo, to: '2020-01-01T00:00:00+08:00' })).toEqual([]);
    });

    it('issue 7 Audit: keyset pages walk every row once, newest first', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const query: Record<string, string | number> = { organisationId: r.developer.organisationId, limit: 2, ...(cursor ? { cursor } : {}) };
        const body: { items: { requestId: string }[]; nextCursor: string | null } = (await get(r.bureau, query).expect(200)).body;
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((i) => i.requestId));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      const expected = await api.db.query(`SELECT request_id AS id FROM audit_log WHERE actor_organisation_id = $1 ORDER BY occurred_at DESC, id DESC`, [r.developer.organisationId]);
      expect(seen).toEqual(expected.map((x: { id: string }) => x.id));
      expect(seen.length).toBeGreaterThanOrEqual(5);
    });

    it.each([
      [{ cursor: 'bm90LWEtY3Vyc29y' }, /cursor/],
      [{ cursor: Buffer.from('0000-01-01T00:00:00.000000Z|1').toString('base64url') }, /cursor/],
      [{ from: '2026-10-01' }, /from must be an ISO 8601 date-time/],
      [{ to: '0000-01-01T00:00:00Z' }, /to is not a date-time between 1970 and 9999/],
      [{ actorUserId: 'nobody' }, /actorUserId/],
      [{ outcome: 'maybe' }, /outcome/],
      [{ limit: 500 }, /limit/],
      [{ target: 'a\u0000b' }, /control character/],
    ])('issue 7 Audit: a malformed filter %j answers 400 in the one error shape', async (query, why) => {
      const res = await get(r.bureau, query).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(why) });
    });
  });
});
