import type { Actor } from '../../libs/domain/src';
import { shanghaiDate, WorkingDayCalendar } from '../../libs/domain/src/calendar';
import { CalendarRepository } from '../../libs/persistence/src';
import { startApi } from '../support/api-harness';
import { makeRegisteredProject, makeRegistry, makeSignOffReadyCase, Registry } from '../support/fixtures';
import { httpCases } from '../support/http-cases';

interface Item { caseNo: string; caseType: string; status: string; workingDaysLeft: number | null; deadlineAt: string | null; assignedOfficerName: string | null; overdue: boolean }

/** The console's cross-case reads over HTTP: the worklist (every case type, one order) and a deadline counted by hand. */
describe('Worklist and deadline explanation (end to end)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let cases: ReturnType<typeof httpCases>;
  let calendar: WorkingDayCalendar;
  let publicity: string; // in publicity, reviewed (so assigned) by r.officer
  let underReview: string; // submitted, unclaimed
  let signOff: string; // issuance waiting for the bureau

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
    cases = httpCases(api, r);
    calendar = await new CalendarRepository(api.db).load();
    [publicity, underReview] = await Promise.all([cases.inPublicity(), cases.submitted()]);
    signOff = await makeSignOffReadyCase(api.db, r, (await makeRegisteredProject(api.db, r)).projectId, r.developer);
  }, 120_000);
  afterAll(() => api?.stop());

  const get = (a: Actor, url: string) => api.http().get(url).set(api.bearer(a));
  const ours = async (a: Actor, query = '') => {
    const body: Item[] = (await get(a, `/cases/worklist${query}`).expect(200)).body;
    return body.filter((i) => [publicity, underReview, signOff].includes(i.caseNo));
  };

  it("BJ-15: an officer's worklist holds the cases waiting for the registry that are theirs or unclaimed, both case types, by deadline", async () => {
    const mine = await ours(r.officer);
    expect(mine.map((i) => [i.caseNo, i.status]).sort()).toEqual([[publicity, 'in_publicity'], [underReview, 'under_review']].sort());
    expect(mine[0].caseNo).toBe(publicity); // a running deadline sorts before none
    expect(mine.find((i) => i.caseNo === publicity)!.assignedOfficerName).toBe('Officer Wang');
    // Another officer does not see a case assigned to Officer Wang unless asking for everyone's.
    expect((await ours(r.officer2)).map((i) => i.caseNo)).toEqual([underReview]);
    expect((await ours(r.officer2, '?assigned=any')).map((i) => i.caseNo).sort()).toEqual([publicity, underReview].sort());
    expect((await ours(r.officer, '?assigned=none')).map((i) => i.caseNo)).toEqual([underReview]);
    expect((await ours(r.officer, '?assigned=me')).map((i) => i.caseNo)).toEqual([publicity]);
  });

  it('BJ-19: the bureau sees the issuance cases waiting for its sign-off, and not the registry’s', async () => {
    expect((await ours(r.bureau)).map((i) => [i.caseNo, i.caseType])).toEqual([[signOff, 'issuance']]);
    expect((await ours(r.officer, '?assigned=any')).map((i) => i.caseNo)).not.toContain(signOff);
  });

  it('the quick filters narrow the list: case type, status, overdue, due before', async () => {
    expect(await ours(r.officer, '?caseType=issuance')).toEqual([]);
    expect((await ours(r.officer, '?status=under_review')).map((i) => i.caseNo)).toEqual([underReview]);
    expect((await ours(r.bureau, '?status=awaiting_signoff&caseType=registration'))).toEqual([]);
    expect(await ours(r.officer, '?overdue=true')).toEqual([]);
    expect((await ours(r.officer, '?overdue=false')).length).toBe(2);
    const deadlineAt = (await ours(r.officer)).find((i) => i.caseNo === publicity)!.deadlineAt!;
    expect((await ours(r.officer, `?dueBefore=${encodeURIComponent(deadlineAt)}`)).map((i) => i.caseNo)).toEqual([]);
    const after = new Date(Date.parse(deadlineAt) + 1000).toISOString();
    expect((await ours(r.officer, `?dueBefore=${after}`)).map((i) => i.caseNo)).toEqual([publicity]);
  });

  it('CAL-2: working days left count today when it is a working day, then every working day to the last one of the period', async () => {
    const item = (await ours(r.officer)).find((i) => i.caseNo === publicity)!;
    const todayCounts = calendar.isWorkingDay(shanghaiDate(new Date())) ? 1 : 0;
    expect(item.workingDaysLeft).toBe(10 + todayCounts);
    expect((await ours(r.officer)).find((i) => i.caseNo === underReview)!.workingDaysLeft).toBeNull();
  });

  it('CAL-2, CAL-3: the deadline counted day by day agrees with the one the case recorded', async () => {
    const recorded = (await get(r.officer, `/registrations/${publicity}`).expect(200)).body;
    const d = (await get(r.developer, `/cases/${publicity}/deadline`).expect(200)).body;
    expect(d).toMatchObject({ caseNo: publicity, kind: 'publicity_close', bindsOn: 'registry', workingDays: 10, agreesWithRecorded: true, overdue: false, rule: 'CAL-2' });
    expect(d.closesAt).toBe(new Date(recorded.deadlineAt).toISOString());
    expect(d.closesAtLocal).toBe(recorded.deadlineLocal);
    // The days start the day after the start day, run without gaps, and end on the 10th counted day.
    const start = shanghaiDate(new Date(d.startedAt));
    d.days.forEach((day: { date: string }, i: number) => expect(day.date).toBe(shanghaiDate(new Date(Date.parse(`${start}T00:00:00+08:00`) + (i + 1) * 86_400_000))));
    const counted = d.days.filter((day: { counted: boolean }) => day.counted);
    expect(counted).toHaveLength(10);
    expect(counted.at(-1).date).toBe(d.lastWorkingDay);
    for (const day of d.days) expect(day.counted).toBe(calendar.isWorkingDay(day.date));
    for (const day of d.days.filter((x: { counted: boolean }) => !x.counted)) expect(['weekend', 'statutory_holiday', 'override_holiday']).toContain(day.reason);
  });

  it('ROLE-1: only whoever may read the case gets its deadline; a case without a running deadline answers 404', async () => {
    await get(r.otherDeveloper, `/cases/${publicity}/deadline`).expect(404);
    const none = await get(r.officer, `/cases/${underReview}/deadline`).expect(404);
    expect(none.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: `Case ${underReview} has no running deadline to explain.` });
    await get(r.officer, '/cases/NOT-A-CASE/deadline').expect(404);
    await api.http().get(`/cases/${publicity}/deadline`).expect(401);
  });

  it('ROLE-1: developers have no worklist; hostile filters are 400 in the one error shape', async () => {
    await get(r.developer, '/cases/worklist').expect(403);
    for (const q of ['assigned=everyone', 'overdue=maybe', 'dueBefore=tomorrow', 'caseType=%00', "status=x'%20OR%201=1", 'needsAttention[]=1']) {
      const res = await get(r.officer, `/cases/worklist?${q}`);
      expect([q, res.status, res.body.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
  });

  it('the pickers: officers a case can be assigned to (for whoever may assign), verifiers an application can name (BJ-21)', async () => {
    const officers: { id: string; name: string }[] = (await get(r.officer, '/directory/officers').expect(200)).body;
    expect(officers).toEqual(expect.arrayContaining([{ id: r.officer.userId, name: 'Officer Wang' }, { id: r.officer2.userId, name: 'Officer Li' }]));
    expect(officers.map((o) => o.id)).not.toContain(r.bureau.userId);
    // The bureau may assign a case too (the procedure tables' assign roles), so it gets the same list.
    expect((await get(r.bureau, '/directory/officers').expect(200)).body).toEqual(officers);
    await get(r.developer, '/directory/officers').expect(403);
    const verifierOrg = await r.org('Verifier', 'verifier');
    const verifiers: { id: string; name: string }[] = (await get(r.developer, '/directory/verifiers').expect(200)).body;
    expect(verifiers.map((v) => v.id)).toContain(verifierOrg);
    expect(verifiers.map((v) => v.id)).not.toContain(r.developer.organisationId);
  });
});
