import type { Actor } from '../../libs/domain/src';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import { startApi } from '../support/api-harness';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase, Registry } from '../support/fixtures';
import { httpCases } from '../support/http-cases';

/** Projects for their developers, and the registry's public lists (BJ-30) as pages and CSV downloads. */
describe('Projects and the public lists (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let mine: { projectId: string; registrationNo: string };
  let theirs: { projectId: string; registrationNo: string };
  let hostile: { projectId: string; registrationNo: string };
  let issuedCase: string;
  let noticeCase: string;

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
    mine = await makeRegisteredProject(api.db, r);
    theirs = await makeRegisteredProject(api.db, r, r.otherDeveloper);
    hostile = await makeRegisteredProject(api.db, r);
    // Public text from anyone: a name a spreadsheet would run as a formula, and one with the full-width look-alike.
    await api.db.query(`UPDATE projects SET name = '=HYPERLINK("http://x.invalid","点我")', location = '＝1+1' WHERE id = $1`, [hostile.projectId]);
    issuedCase = await makeSignOffReadyCase(api.db, r, mine.projectId, r.developer);
    await new LedgerRepository(api.db).issue({ caseNo: issuedCase, quantity: '100', signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() });
    noticeCase = await httpCases(api, r).inPublicity();
  }, 120_000);
  afterAll(() => api?.stop());

  const get = (a: Actor | null, url: string) => (a ? api.http().get(url).set(api.bearer(a)) : api.http().get(url));

  it("ROLE-1: a developer lists its organisation's projects only; registry staff list everyone's", async () => {
    const own = (await get(r.developer, '/projects').expect(200)).body.map((p: { id: string }) => p.id);
    expect(own).toEqual(expect.arrayContaining([mine.projectId, hostile.projectId]));
    expect(own).not.toContain(theirs.projectId);
    const all = (await get(r.officer, '/projects').expect(200)).body.map((p: { id: string }) => p.id);
    expect(all).toEqual(expect.arrayContaining([mine.projectId, theirs.projectId]));
    await get(null, '/projects').expect(401);
  });

  it('BJ-21: ?registered=true lists only the projects an issuance application can name', async () => {
    const registered = (await get(r.developer, '/projects?registered=true').expect(200)).body;
    expect(registered.length).toBeGreaterThan(0);
    for (const p of registered) expect([p.projectClass, p.registrationNo]).toEqual(['I', expect.stringMatching(/^BJ-TPH-I-/)]);
    const bad = await get(r.developer, '/projects?registered=yes').expect(400);
    expect(bad.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('registered must be true or false') });
  });

  it('BJ-30: the public sees registered projects without sign-in, and no internal identifiers', async () => {
    const list = (await get(null, '/public/projects').expect(200)).body;
    const p = list.find((x: { registrationNo: string }) => x.registrationNo === mine.registrationNo);
    expect(p).toMatchObject({ registeredAtLocal: '2025-01-15T10:00:00+08:00', developerName: expect.any(String), methodologyVersion: '1.0' });
    expect(Object.keys(p)).not.toEqual(expect.arrayContaining(['id']));
    expect(Object.keys(p).filter((k) => /id$/i.test(k))).toEqual([]);
  });

  it('BJ-30: registered projects as CSV — UTF-8 with BOM for spreadsheets, headings in the chosen language', async () => {
    const res = await get(null, '/public/projects.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="projects-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.startsWith('\uFEFF登记编号,项目名称,')).toBe(true);
    expect(res.text).toContain(`${mine.registrationNo},`);
    expect(res.text).toContain('2025-01-15T10:00:00+08:00');
    const en = await get(null, '/public/projects.csv?lang=en-US').expect(200);
    expect(en.text.startsWith('\uFEFFRegistration number,Project,')).toBe(true);
    for (const list of ['projects', 'issuances', 'publicity']) {
      const refused = await get(null, `/public/${list}.csv?lang=fr`).expect(400); // the one error shape, as JSON, no attachment
      expect([refused.headers['content-type'], refused.headers['content-disposition'], refused.body.code]).toEqual(['application/json; charset=utf-8', undefined, 'VALIDATION_FAILED']);
    }
  });

  it('BJ-30: a CSV cell a spreadsheet would run as a formula is written as text', async () => {
    const csv: string = (await get(null, '/public/projects.csv')
    .expect(200)).text;
    const row = csv.split('\r\n').find((l) => l.startsWith(`${hostile.registrationNo},`))!;
    expect(row).toContain(`"'=HYPERLINK(""http://x.invalid"",""点我"")"`);
    expect(row).toContain(",'＝1+1,");
  });

  it('BJ-23, BJ-30: issued reductions as CSV, one row per serial block', async () => {
    const csv: string = (await get(null, '/public/issuances.csv?lang=en-US')
    .expect(200)).text;
    const row = csv.split('\r\n').find((l) => l.includes(issuedCase))!;
    expect(row.startsWith(`${mine.registrationNo},`)).toBe(true);
    expect(row).toMatch(/,100,[^,]+,1,100,/); // quantity, prefix, serials 1…100
  });

  it('BJ-15, BJ-30: open publicity notices as CSV with the closing date-time in Beijing time', async () => {
    const notices = (await get(null, '/public/publicity').expect(200)).body;
    const notice = notices.find((n: { caseNo: string }) => n.caseNo === noticeCase);
    const csv: string = (await get(null, '/public/publicity.csv')
    .expect(200)).text;
    const row = csv.split('\r\n').find((l) => l.startsWith(`${noticeCase},`))!;
    expect(row).toContain(`,${notice.closesAtLocal}`);
  });
});

