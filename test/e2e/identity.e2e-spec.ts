import { Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { IS_PUBLIC } from '../../apps/api/src/auth/actor.decorators';
import { RATE_LIMIT_BUCKET } from '../../apps/api/src/rate-limits/rate-limit.decorator';
import type { Actor, Role } from '../../libs/domain/src';
import { startApi } from '../support/api-harness';
import { makeReadyDraft, makeRegistry, Registry } from '../support/fixtures';

type Api = Awaited<ReturnType<typeof startApi>>;

const PASSWORD = 'correct horse battery staple';
/** A JWT anywhere in a response body: what no administrator's answer may carry. */
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Identities that can be revoked (issue 7, ROLE-1), over HTTP on the real stack: logins, refresh rotation,
 * logout, password changes, and an administrator's changes, each checked on the user's very next request.
 * The user-state cache keeps its default (5 s): changes made through this API drop it at once.
 */
describe('identity: login, revocation and user administration (end to end)', () => {
  let api: Api;
  let r: Registry;
  let admin: Actor;
  /** Every body an administrator's endpoint answered in this file: none may carry a token. */
  const adminAnswers: unknown[] = [];

  beforeAll(async () => {
    // Logins here come from one address far more often than a person's would: the login limit is lifted for
    // this app and tested on its own app below.
    api = await startApi({ worker: false, env: { RATE_LIMIT_LOGIN: 'off', RATE_LIMIT_REFRESH: 'off' } });
    r = await makeRegistry(api.db);
    admin = await r.user(await r.org('Platform', 'platform'), 'admin', 'Admin Ops');
  }, 60_000);
  afterAll(() => api?.stop());

  const asAdmin = () => ({
    get: (url: string) => api.http().get(url).set(api.bearer(admin)).then(keep),
    post: (url: string, body?: object) => api.http().post(url).set(api.bearer(admin)).send(body ?? {}).then(keep),
    patch: (url: string, body: object) => api.http().patch(url).set(api.bearer(admin)).send(body).then(keep),
    delete: (url: string) => api.http().delete(url).set(api.bearer(admin)).then(keep),
  });
  const keep = (res: Response) => {
    adminAnswers.push(res.body);
    return res;
  };
  const login = (email: string, password = PASSWORD) => api.http().post('/auth/login').send({ email, password });
  const me = (token: string) => api.http().get('/auth/me').set(bearer(token));

  /** A person the administrator creates, who then sets their password with the invitation: logged in. */
  async function newPerson(role: Role = 'developer', organisationId = r.developer.organisationId) {
    const email = `person.${randomUUID().slice(0, 8)}@identity.example`;
    const created = await asAdmin().post(`/admin/organisations/${organisationId}/users`, { role, name: `Person ${email}`, email });
    expect(created.status).toBe(201);
    const accepted = await api.http().post('/auth/invitations/accept').send({ code: created.body.invitation.code, password: PASSWORD }).expect(200);
    return { email, userId: created.body.user.userId as string, session: accepted.body };
  }

  describe('ROLE-1: an administrator cannot act as another user', () => {
    it('ROLE-1: creating a user answers an invitation, never a token; only the person sets the password, once', async () => {
      const email = `new.${randomUUID().slice(0, 8)}@identity.example`;
      const created = await asAdmin().post(`/admin/organisations/${r.developer.organisationId}/users`, { role: 'developer', name: '新用户 New', email });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        user: expect.objectContaining({ email, role: 'developer', organisationId: r.developer.organisationId, active: true, passwordSet: false, deletedAt: null }),
        invitation: { code: expect.stringMatching(/^[\w-]{43}$/), expiresAt: expect.any(String) },
      });
      const hoursValid = (Date.parse(created.body.invitation.expiresAt) - Date.now()) / 3_600_000;
      expect(hoursValid).toBeGreaterThan(71.9);
      expect(hoursValid).toBeLessThanOrEqual(72);
      // Stored as a digest only.
      const [stored] = await api.db.query(`SELECT code_digest FROM user_invitations WHERE user_id = $1`, [created.body.user.userId]);
      expect(stored.code_digest).not.toContain(created.body.invitation.code);

      await login(email).expect(401); // no password yet
      const code = created.body.invitation.code;
      const tooShort = await api.http().post('/auth/invitations/accept').send({ code, password: 'short' }).expect(400);
      expect(tooShort.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'password must be 12 to 256 characters long; it has 5.', details: expect.objectContaining({ field: 'password' }) });
      // The refused password did not spend the code.
      const accepted = await api.http().post('/auth/invitations/accept').send({ code, password: PASSWORD }).expect(200);
      expect(accepted.body).toEqual(expect.objectContaining({ email, tokenType: 'Bearer', user: expect.objectContaining({ userId: created.body.user.userId }) }));
      await me(accepted.body.accessToken).expect(200);
      const again = await api.http().post('/auth/invitations/accept').send({ code, password: 'another long passphrase' }).expect(401);
      expect(again.body.message).toMatch(/already been used/);
      await login(email).expect(200);
      await login(email, 'another long passphrase').expect(401);
    });

    it('ROLE-1: re-posting an existing e-mail answers 409 DUPLICATE and changes nothing (no token, no rename)', async () => {
      const [officer] = await api.db.query(`SELECT email, name, token_version FROM users WHERE id = $1`, [r.officer.userId]);
      for (const email of [officer.email, officer.email.toUpperCase()]) {
        const res = await asAdmin().post(`/admin/organisations/${r.officer.organisationId}/users`, { role: 'officer', name: 'Impostor', email });
        expect(res.status).toBe(409);
        expect(res.body).toEqual({ statusCode: 409, code: 'DUPLICATE', message: expect.stringContaining('already exists'), details: { field: 'email' } });
      }
      const [after] = await api.db.query(`SELECT email, name, token_version FROM users WHERE id = $1`, [r.officer.userId]);
      expect(after).toEqual(officer);
      expect(await api.db.query(`SELECT 1 FROM user_invitations WHERE user_id = $1`, [r.officer.userId])).toEqual([]);
    });

    it('an expired invitation is refused; a new one is issued only while the person has no password', async () => {
      const email = `late.${randomUUID().slice(0, 8)}@identity.example`;
      const created = await asAdmin().post(`/admin/organisations/${r.developer.organisationId}/users`, { role: 'developer', name: 'Late', email });
      const userId = created.body.user.userId;
      await api.db.query(`UPDATE user_invitations SET created_at = now() - interval '73 hours', expires_at = now() - interval '1 hour' WHERE user_id = $1`, [userId]);
      const expired = await api.http().post('/auth/invitations/accept').send({ code: created.body.invitation.code, password: PASSWORD }).expect(401);
      expect(expired.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/expired/) });

      const reissued = await asAdmin().post(`/admin/users/${userId}/invitation`);
      expect(reissued.status).toBe(201);
      await api.http().post('/auth/invitations/accept').send({ code: reissued.body.code, password: PASSWORD }).expect(200);
      // Now the person has a password: an invitation would let the administrator replace it.
      const refused = await asAdmin().post(`/admin/users/${userId}/invitation`);
      expect([refused.status, refused.body.code]).toEqual([409, 'WRONG_STATE']);
    });

    it('ROLE-1: only administrators manage users, and an administrator cannot close or re-role their own account', async () => {
      await api.http().get('/admin/users').set(api.bearer(r.officer)).expect(403);
      await api.http().patch(`/admin/users/${r.developer.userId}`).set(api.bearer(r.bureau)).send({ active: false }).expect(403);
      await api.http().delete(`/admin/users/${r.developer.userId}`).set(api.bearer(r.developer)).expect(403);
      await api.http().post(`/admin/organisations/${r.developer.organisationId}/users`).send({ role: 'developer', name: 'x', email: 'x@y.example' }).expect(401);
      expect((await asAdmin().patch(`/admin/users/${admin.userId}`, { active: false })).status).toBe(403);
      expect((await asAdmin().delete(`/admin/users/${admin.userId}`)).status).toBe(403);
      // A role must suit the organisation's kind.
      const wrongRole = await asAdmin().post(`/admin/organisations/${r.officer.organisationId}/users`, { role: 'developer', name: 'x', email: `x.${randomUUID()}@y.example` });
      expect([wrongRole.status, wrongRole.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const listed = await asAdmin().get(`/admin/users?organisationId=${r.developer.organisationId}`);
      expect(listed.status).toBe(200);
      expect(listed.body.map((u: { userId: string }) => u.userId)).toContain(r.developer.userId);
      expect(listed.body.every((u: { organisationId: string }) => u.organisationId === r.developer.organisationId)).toBe(true);
    });
  });

  describe('ROLE-1: logins and sessions', () => {
    it('ROLE-1: a login answers a 15-minute access token carrying sub and token_version, and a refresh token', async () => {
      const p = await newPerson();
      const res = await login(p.email).expect(200);
      expect(res.body).toEqual({
        accessToken: expect.stringMatching(JWT),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.stringMatching(/^[\w-]{43}$/),
        refreshExpiresIn: 7 * 86_400,
        user: { userId: p.userId, organisationId: r.developer.organisationId, role: 'developer', name: `Person ${p.email}` },
      });
      const claims = claimsOf(res.body.accessToken);
      expect(claims).toEqual(expect.objectContaining({ sub: p.userId, tv: expect.any(Number), sid: expect.any(String), role: 'developer' }));
      expect(claims.exp - claims.iat).toBe(900);
      await api.http().get('/registrations').set(bearer(res.body.accessToken)).expect(200);
      // The e-mail is matched as stored (trimmed, lower-case).
      await login(`  ${p.email.toUpperCase()} `).expect(200);
    });

    it('ROLE-1: a wrong password and an unknown e-mail get the same 401', async () => {
      const p = await newPerson();
      const wrong = await login(p.email, 'not the password at all').expect(401);
      const unknown = await login(`nobody.${randomUUID()}@identity.example`).expect(401);
      const invitedOnly = await asAdmin().post(`/admin/organisations/${r.developer.organisationId}/users`, { role: 'developer', name: 'Invited', email: `invited.${randomUUID().slice(0, 8)}@identity.example` });
      const noPasswordYet = await login(invitedOnly.body.user.email).expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'The e-mail address or the password is wrong.' });
      expect(unknown.body).toEqual(wrong.body);
      expect(noPasswordYet.body).toEqual(wrong.body);
    });

    it('refresh rotates the pair; a used refresh token presented again ends the whole session (theft detection)', async () => {
      const p = await newPerson();
      const first = (await login(p.email).expect(200)).body;
      const second = (await api.http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(claimsOf(second.accessToken).sid).toBe(claimsOf(first.accessToken).sid);
      await me(second.accessToken).expect(200);

      // The first token again: someone holds a copy. The session ends for both holders.
      const reuse = await api.http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(reuse.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/already used.*session has been ended/) });
      await api.http().post('/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
      const ended = await me(second.accessToken).expect(401);
      expect(ended.body.message).toMatch(/session has ended \(refresh token reused\)/);
      // Only the digest of a refresh token is stored.
      expect(await api.db.query(`SELECT 1 FROM refresh_tokens WHERE token_digest = $1`, [first.refreshToken])).toEqual([]);
      await api.http().post('/auth/refresh').send({ refreshToken: 'made-up' }).expect(401);
    });

    it('ROLE-1: logout ends that session (its refresh and access tokens), not the person’s other sessions', async () => {
      const p = await newPerson();
      const phone = (await login(p.email).expect(200)).body;
      const laptop = (await login(p.email).expect(200)).body;
      await api.http().post('/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
      await me(phone.accessToken).expect(401);
      await api.http().post('/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
      await me(laptop.accessToken).expect(200);
      await api.http().post('/auth/refresh').send({ refreshToken: laptop.refreshToken }).expect(200);
      await api.http().post('/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204); // twice is fine
    });

    it('ROLE-1: a password change ends every earlier token and session; the old password no longer logs in', async () => {
      const p = await newPerson();
      const other = (await login(p.email).expect(200)).body;
      const wrongCurrent = await api.http().post('/auth/password').set(bearer(p.session.accessToken)).send({ currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
      expect([wrongCurrent.status, wrongCurrent.body.code]).toEqual([403, 'FORBIDDEN']);
      await api.http().post('/auth/password').set(bearer(p.session.accessToken)).send({ currentPassword: PASSWORD, newPassword: 'too short' }).expect(400);
      const changed = await api.http().post('/auth/password').set(bearer(p.session.accessToken)).send({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }).expect(200);

      for (const old of [p.session.accessToken, other.accessToken]) {
        const res = await me(old).expect(401);
        expect(res.body.message).toMatch(/revoked/);
      }
      await api.http().post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      await login(p.email).expect(401);
      await me(changed.body.accessToken).expect(200);
      await login(p.email, 'a brand new passphrase').expect(200);
    });

    it('ROLE-1: logout everywhere ends every session of the caller', async () => {
      const p = await newPerson();
      const other = (await login(p.email).expect(200)).body;
      await api.http().post('/auth/logout-everywhere').set(bearer(p.session.accessToken)).expect(204);
      await me(p.session.accessToken).expect(401);
      await me(other.accessToken).expect(401);
      await api.http().post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      await login(p.email).expect(200);
    });
  });

  describe("ROLE-1: an administrator's change ends access on the user's next request", () => {
    it('ROLE-1: deactivation → 401 saying why, for login tokens and seed-issued ones alike; no new login; reactivation needs a new login', async () => {
      const p = await newPerson();
      const seedStyle = api.bearer({ userId: p.userId, organisationId: r.developer.organisationId, role: 'developer', name: 'x' });
      await api.http().get('/registrations').set(seedStyle).expect(200);
      await me(p.session.accessToken).expect(200);

      const patched = await asAdmin().patch(`/admin/users/${p.userId}`, { active: false });
      expect([patched.status, patched.body.active]).toEqual([200, false]);
      for (const headers of [bearer(p.session.accessToken), seedStyle]) {
        const res = await api.http().get('/registrations').set(headers).expect(401);
        expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'This account has been deactivated.' });
      }
      await api.http().post('/auth/refresh').send({ refreshToken: p.session.refreshToken }).expect(401);
      expect((await login(p.email).expect(401)).body.message).toMatch(/deactivated or deleted/);

      await asAdmin().patch(`/admin/users/${p.userId}`, { active: true });
      expect((await me(p.session.accessToken).expect(401)).body.message).toMatch(/revoked/);
      await login(p.email).expect(200);
    });

    it('ROLE-1: soft delete → 401 at once and no login; the row is kept (BJ-31) and cannot be changed', async () => {
      const p = await newPerson();
      const deleted = await asAdmin().delete(`/admin/users/${p.userId}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual(expect.objectContaining({ userId: p.userId, active: false, deletedAt: expect.any(String) }));
      expect((await me(p.session.accessToken).expect(401)).body.message).toBe('This account has been deleted.');
      await login(p.email).expect(401);
      expect(await api.db.query(`SELECT email FROM users WHERE id = $1`, [p.userId])).toEqual([{ email: p.email }]);
      const reactivate = await asAdmin().patch(`/admin/users/${p.userId}`, { active: true });
      expect([reactivate.status, reactivate.body.code]).toEqual([409, 'WRONG_STATE']);
      expect((await asAdmin().get('/admin/users')).body.find((u: { userId: string }) => u.userId === p.userId).deletedAt).not.toBeNull();
    });

    it('ROLE-1: a role or organisation change ends the old tokens; the next login carries the new role', async () => {
      const p = await newPerson('officer', r.officer.organisationId);
      const wrong = await asAdmin().patch(`/admin/users/${p.userId}`, { role: 'developer' });
      expect([wrong.status, wrong.body.code]).toEqual([400, 'VALIDATION_FAILED']); // a registry has officers only
      await api.http().get('/worklist').set(bearer(p.session.accessToken)).expect(200);

      const moved = await asAdmin().patch(`/admin/users/${p.userId}`, { organisationId: r.bureau.organisationId, role: 'bureau' });
      expect(moved.status).toBe(200);
      const res = await me(p.session.accessToken).expect(401);
      expect(res.body.message).toMatch(/revoked|role or organisation has changed/);
      const again = (await login(p.email).expect(200)).body;
      expect(again.user).toEqual(expect.objectContaining({ role: 'bureau', organisationId: r.bureau.organisationId }));
      await api.http().get('/worklist').set(bearer(again.accessToken)).expect(403); // officers' worklist; a bureau user is not one
    });

    it('ROLE-1: a renamed user acts under the new name at once; a rename does not end access', async () => {
      const p = await newPerson();
      await asAdmin().patch(`/admin/users/${p.userId}`, { name: '新名字 Renamed' });
      expect((await me(p.session.accessToken).expect(200)).body.name).toBe('新名字 Renamed');
    });

    it('ROLE-1: no administrator endpoint answered with a token in this file', () => {
      expect(adminAnswers.length).toBeGreaterThan(15);
      for (const body of adminAnswers) {
        expect(JSON.stringify(body)).not.toMatch(JWT);
        expect(JSON.stringify(body)).not.toMatch(/"(accessToken|refreshToken|token|passwordHash|password_hash)"/);
      }
    });
  });

  it('every public endpoint except the health probe is rate-limited', () => {
    const reflector = new Reflector();
    const routes: { route: string; bucket?: string }[] = [];
    for (const mod of api.app.get(ModulesContainer).values()) {
      for (const { metatype } of mod.controllers.values()) {
        const cls = metatype as Type;
        for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
          for (const name of Object.getOwnPropertyNames(proto)) {
            const handler = proto[name];
            if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
            if (!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, cls])) continue;
            routes.push({ route: `${cls.name}.${name}`, bucket: reflector.getAllAndOverride<string>(RATE_LIMIT_BUCKET, [handler, cls]) });
          }
        }
      }
    }
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes.filter((x) => !x.bucket && !x.route.startsWith('HealthController.'))).toEqual([]);
    expect(routes).toEqual(expect.arrayContaining([
      { route: 'PublicityController.comment', bucket: 'comments' },
      { route: 'AuthController.login', bucket: 'login' },
      { route: 'AuthController.acceptInvitation', bucket: 'login' },
      { route: 'AuthController.refresh', bucket: 'refresh' },
      { route: 'MethodologiesController.list', bucket: 'public' },
      { route: 'CalendarController.deadline', bucket: 'public' },
    ]));
  });
});

/** Abuse limits with the defaults a deployment gets (issue 7): a fresh app, so its counters start at zero. */
describe('abuse limits: per-client rate limits, 429 in the one error shape (end to end)', () => {
  let api: Api;
  let r: Registry;

  beforeAll(async () => {
    api = await startApi({ worker: false });
    r = await makeRegistry(api.db);
  }, 60_000);
  afterAll(() => api?.stop());

  const expectRateLimited = (res: Response, limit: number, windowSeconds: number) => {
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many requests from your address/),
      details: { limit, windowSeconds, retryAfterSeconds: expect.any(Number) },
    });
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds).toBe(true);
    expect(retryAfter).toBe(res.body.details.retryAfterSeconds);
  };

  it('public comments: of 50 sent at once from one address, 5 are accepted and 45 answer 429 with Retry-After; a forged X-Forwarded-For changes nothing', async () => {
    const caseNo = await makeReadyDraft(api.db, r);
    const [{ id: noticeId }] = await api.db.query(
      `INSERT INTO publicity_notices (case_no, round, idempotency_key, title, summary, opened_at, closes_at, calendar_version, status)
       VALUES ($1, 1, $2, 'notice', 'summary', now(), now() + interval '10 days', 'test', 'open') RETURNING id`,
      [caseNo, `test/${caseNo}`],
    );
    const post = (i: number) => api.http().post(`/public/publicity/${noticeId}/comments`).send({ authorName: `路人${i}`, body: `第 ${i} 条意见` });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(i)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(45);
    for (const res of refused) expectRateLimited(res, 5, 600);
    expect(await api.db.query(`SELECT count(*)::int AS n FROM publicity_comments WHERE notice_id = $1`, [noticeId])).toEqual([{ n: 5 }]);

    // Without TRUST_PROXY the header is not believed: a client cannot pick a fresh address per request.
    expectRateLimited(await post(51).set('X-Forwarded-For', '203.0.113.77'), 5, 600);
  });

  it('ROLE-1: logins: 10 a minute from one address, then 429 with Retry-After — even with the right password', async () => {
    const email = `limit.${randomUUID().slice(0, 8)}@identity.example`;
    const admin = await r.user(await r.org('Platform', 'platform'), 'admin', 'Admin Limit');
    const created = await api.http().post(`/admin/organisations/${r.developer.organisationId}/users`).set(api.bearer(admin)).send({ role: 'developer', name: 'Limit', email }).expect(201);
    // Accepting an invitation counts against the same bucket as logins (both guess a secret): 1 of 10.
    await api.http().post('/auth/invitations/accept').send({ code: created.body.invitation.code, password: PASSWORD }).expect(200);
    for (let i = 0; i < 9; i++) await api.http().post('/auth/login').send({ email, password: `guess number ${i}` }).expect(401);
    expectRateLimited(await api.http().post('/auth/login').send({ email, password: PASSWORD }), 10, 60);
    // Authenticated work is not limited.
    await api.http().get('/registrations').set(api.bearer(r.developer)).expect(200);
  });

  it('public reads: 120 a minute from one address, then 429', async () => {
    const deadline = () => api.http().get('/calendar/deadline').query({ from: '2026-09-28T10:00:00+08:00', workingDays: 10 });
    // The comments bucket is used up (above): reads are another bucket, shared by every public read.
    await api.http().get('/methodologies').expect(200);
    for (let i = 0; i < 119; i++) await deadline().expect(200);
    expectRateLimited(await deadline(), 120, 60);
    expectRateLimited(await api.http().get('/public/publicity'), 120, 60);
    await api.http().get('/health').expect((res) => expect(res.status).not.toBe(429)); // probes are not limited
  });
});
