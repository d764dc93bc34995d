import { Controller, Get, HttpCode, INestApplication, Logger, Param, Post, Req } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Clock } from '../common/clock';
import { DomainExceptionFilter } from '../common/domain-exception.filter';
import { AuditedRequest, AuditEntry } from './audit-entry';
import { AuditLogRepository } from './audit-log.repository';
import { AuditTrail } from './audit-trail';

const officer = { userId: '2d405466-45da-4415-a11d-145e792e3cf6', organisationId: '774d115f-ed02-403e-b446-4bb30796eb4b', role: 'officer' as const, name: 'Officer Wang' };

/** Stands in for another branch's login handler: it names the e-mail and, on success, who logged in. */
@Controller()
class ProbeController {
  @Post('login')
  @HttpCode(200)
  login(@Req() req: AuditedRequest) {
    req.auditTarget = 'wang@registry.example';
    req.actor = officer;
    return { ok: true };
  }

  @Post('things/:id')
  thing(@Req() req: AuditedRequest, @Param('id') id: string) {
    if (id.startsWith('odd')) req.auditTarget = `${id}\uD800`;
    return { id };
  }

  @Get('things')
  things() {
    return [];
  }
}

describe('AuditTrail (issue 7 "Audit", at the HTTP edge)', () => {
  let app: INestApplication;
  const written: AuditEntry[] = [];
  let failing = false;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ProbeController],
      providers: [AuditTrail, Clock, {
        provide: AuditLogRepository,
        useValue: { append: async (e: AuditEntry) => { if (failing) throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); written.push(e); } },
      }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.use(app.get(AuditTrail).middleware);
    app.useGlobalFilters(new DomainExceptionFilter());
    await app.init();
  });
  afterAll(() => app?.close());
  beforeEach(() => {
    written.length = 0;
    failing = false;
  });

  const settled = async (n: number) => {
    for (let i = 0; i < 100 && written.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    return written;
  };

  it('issue 7 Audit: a login is recorded with the subject and the actor its handler names, never the body', async () => {
    await request(app.getHttpServer()).post('/login').send({ email: 'wang@registry.example', password: 'hunter2-secret' }).expect(200);
    const [e] = await settled(1);
    expect(e).toMatchObject({ action: 'POST /login', route: '/login', target: { subject: 'wang@registry.example' }, outcome: 'accepted', statusCode: 200, errorCode: null, actor: officer });
    expect(JSON.stringify(e)).not.toContain('hunter2');
  });

  it('issue 7 Audit: reads are not recorded; every answer carries X-Request-Id', async () => {
    const res = await request(app.getHttpServer()).get('/things').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toEqual([]);
  });

  it.each([
    ['req-42', 'req-42'],
    ['x'.repeat(128), 'x'.repeat(128)],
    ['x'.repeat(129), undefined],
    ['naïve', undefined],
  ])('issue 7 Audit: an incoming X-Request-Id %j is kept only when printable ASCII of at most 128 characters', async (incoming, kept) => {
    const res = await request(app.getHttpServer()).post('/things/1').set('X-Request-Id', incoming).expect(201);
    const [e] = await settled(1);
    expect(e.requestId).toBe(res.headers['x-request-id']);
    if (kept) expect(e.requestId).toBe(kept);
    else expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('issue 7 Audit: a NUL or a lone surrogate in a path parameter cannot keep a row out of PostgreSQL', async () => {
    await request(app.getHttpServer()).post('/things/odd%00b').expect(201);
    const [e] = await settled(1);
    expect(e.target).toEqual({ id: 'odd\uFFFDb', subject: 'odd\uFFFDb\uFFFD' });
  });

  it('issue 7 Audit: when the row cannot be written (database down) the answer is unchanged and the entry is logged', async () => {
    failing = true;
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const res = await request(app.getHttpServer()).post('/things/7').set('X-Request-Id', 'down-1').expect(201);
      expect(res.body).toEqual({ id: '7' });
      for (let i = 0; i < 100 && !logged.mock.calls.length; i++) await new Promise((r) => setTimeout(r, 10));
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ msg: expect.stringContaining('ECONNREFUSED'), audit: expect.objectContaining({ requestId: 'down-1', statusCode: 201 }) }));
    } finally {
      logged.mockRestore();
    }
  });
});
