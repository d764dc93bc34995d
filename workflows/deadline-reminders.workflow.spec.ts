import { DataSource } from 'typeorm';
import { unkeyed } from '../apps/api/src/idempotency/idempotency.interceptor';
import type { Actor } from '../libs/domain/src';
import { shanghaiDate, WorkingDayCalendar } from '../libs/domain/src/calendar';
import { CalendarRepository } from '../libs/persistence/src';
import { calendarChangedSignal, registrationWorkflowId, RegistrationCaseView } from '../libs/temporal/src';
import { eventually, makeReadyDraft, Registry } from '../test/support/fixtures';
import { startTimeSkippingCases, TimeSkippingCases } from '../test/support/time-skipping-cases';

/**
 * CAL-5 on the time-skipping server with the real worker and PostgreSQL: reminders are timers of the case workflow,
 * 3 working days before a deadline and on its last day, at 09:00 Beijing time, to whoever the deadline binds; they
 * move with the deadline when the calendar changes (CAL-4) and stop when the case moves on.
 */
describe('CAL-5 deadline reminders (time skipping)', () => {
  let stack: TimeSkippingCases;
  let db: DataSource;
  let r: Registry;
  const holidays: string[] = [];

  beforeAll(async () => {
    stack = await startTimeSkippingCases();
    ({ db, r } = stack);
  }, 60_000);
  afterEach(async () => {
    await db.query(`DELETE FROM calendar_overrides WHERE day = ANY($1::date[])`, [holidays.splice(0)]);
  });
  afterAll(() => stack?.stop());

  const act = (caseNo: string, action: string, actor: Actor, args: Record<string, unknown> = {}) => stack.act<RegistrationCaseView>(registrationWorkflowId(caseNo), action, actor, args);
  const reminders = (caseNo: string) =>
    db.query(
      `SELECT kind, created_at, deadline_at, recipient_user_id, recipient_organisation_id, recipient_role, message FROM notifications
       WHERE case_no = $1 AND kind IN ('deadline_reminder', 'deadline_today') ORDER BY created_at`,
      [caseNo],
    );
  const remindersBecome = (caseNo: string, n: number) =>
    eventually(async () => {
      const rows = await reminders(caseNo);
      return rows.length >= n ? rows : undefined;
    }, `${n} reminder(s) for ${caseNo}`);
  const calendar = () => new CalendarRepository(db).load();
  /** Declares a weekday a holiday in the admin's table (CAL-1), as when the State Council publishes one. */
  async function holiday(day: string) {
    holidays.push(day);
    await db.query(`INSERT INTO calendar_overrides (day, kind, note) VALUES ($1, 'holiday', '测试假日 test holiday')`, [day]);
  }
  const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  /** The n-th working day after `day` on the plain calendar. */
  const workingDayAfter = (day: string, n: number) => new WorkingDayCalendar().addWorkingDays(`${day}T12:00:00+08:00`, n).lastWorkingDay;
  const near = (at: Date, iso: string) => expect(Math.abs(at.getTime() - Date.parse(iso))).toBeLessThan(60_000);

  async function supplementRequested() {
    const caseNo = await makeReadyDraft(db, r);
    await stack.registrations.act(r.developer, caseNo, 'submit', {}, unkeyed());
    const view = await act(caseNo, 'review', r.officer, { outcome: 'request_supplement', reasons: 'Boundary map missing' });
    return { caseNo, deadline: view.deadline! };
  }

  it('CAL-5: a supplement window reminds the developer at 09:00 Beijing 3 working days before its last day (counted across a holiday) and on that day', async () => {
    const today = shanghaiDate(new Date(await stack.env.currentTimeMs()));
    // A holiday two working days before the plain last day of a 10-working-day window starting today.
    await holiday(workingDayAfter(today, 8));
    const { caseNo, deadline } = await supplementRequested();
    const cal = await calendar();
    const [threeDays, onTheDay] = cal.remindersFor(deadline.closesAt);
    const reminderDay = shanghaiDate(new Date(threeDays.at));
    const lastDay = shanghaiDate(new Date(onTheDay.at));
    expect(holidays[0] > reminderDay && holidays[0] < lastDay).toBe(true); // the holiday lies between: not counted
    expect(threeDays.at).toBe(`${reminderDay}T01:00:00.000Z`);

    await stack.skipPast(threeDays.at);
    const [first] = await remindersBecome(caseNo, 1);
    expect(first).toMatchObject({ kind: 'deadline_reminder', recipient_organisation_id: r.developer.organisationId, recipient_role: 'developer' });
    near(first.created_at, threeDays.at);
    expect(first.deadline_at.toISOString()).toBe(deadline.closesAt);
    expect(first.message).toBe(`${caseNo}: developer supplement due in 3 working days — the deadline is ${deadline.closesAtLocal}.`);
    expect(await reminders(caseNo)).toHaveLength(1);

    await stack.skipPast(onTheDay.at);
    const [, second] = await remindersBecome(caseNo, 2);
    expect(second).toMatchObject({ kind: 'deadline_today', recipient_organisation_id: r.developer.organisationId });
    near(second.created_at, onTheDay.at);
    const timeline = await db.query(`SELECT data FROM case_events WHERE case_no = $1 AND type = 'deadline_reminder' ORDER BY id`, [caseNo]);
    expect(timeline.map((e: { data: { which: string } }) => e.data.which)).toEqual(['three_working_days', 'due_today']);
  });

  it('CAL-5/CAL-4: when the calendar moves the deadline, its reminders move with it', async () => {
    const { caseNo, deadline } = await supplementRequested();
    const [before] = (await calendar()).remindersFor(deadline.closesAt);
    const today = shanghaiDate(new Date(await stack.env.currentTimeMs()));
    await holiday(workingDayAfter(today, 2)); // inside the window, before the reminder
    await stack.env.client.workflow.getHandle(registrationWorkflowId(caseNo)).signal(calendarChangedSignal);
    const moved = await eventually(async () => {
      const [c] = await db.query(`SELECT deadline_at FROM registration_cases WHERE case_no = $1`, [caseNo]);
      return c.deadline_at.toISOString() !== deadline.closesAt ? c.deadline_at.toISOString() as string : undefined;
    }, 'the deadline recomputed');
    const [after] = (await calendar()).remindersFor(moved);
    expect(shanghaiDate(new Date(after.at)) > shanghaiDate(new Date(before.at))).toBe(true);

    await stack.skipPast(before.at);
    expect(await reminders(caseNo)).toHaveLength(0); // not at the old instant
    await stack.skipPast(after.at);
    const [reminder] = await remindersBecome(caseNo, 1);
    near(reminder.created_at, after.at);
    expect(reminder.deadline_at.toISOString()).toBe(moved);
  });

  it('CAL-5: no reminder once the case has moved on (the developer answered the supplement request)', async () => {
    const { caseNo, deadline } = await supplementRequested();
    await act(caseNo, 'submitSupplement', r.developer, { documentIds: [], note: 'Map attached' });
    await stack.skipPast(deadline.closesAt);
    await stack.env.sleep('1 day');
    expect(await reminders(caseNo)).toHaveLength(0);
    const [c] = await db.query(`SELECT status FROM registration_cases WHERE case_no = $1`, [caseNo]);
    expect(c.status).toBe('under_review');
  });

  it('CAL-5: the registry is reminded of its registration deadline (the case\'s officer); nobody of the publicity, which closes by itself', async () => {
    const caseNo = await makeReadyDraft(db, r);
    await stack.registrations.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await act(caseNo, 'review', r.officer, { outcome: 'pass', reasons: '' });
    const open = await act(caseNo, 'openPublicity', r.officer);
    await stack.skipPast(open.deadline!.closesAt);
    const waiting = await eventually(async () => {
      const [c] = await db.query(`SELECT status, deadline_at FROM registration_cases WHERE case_no = $1`, [caseNo]);
      return c.status === 'awaiting_registration' ? c : undefined;
    }, 'awaiting registration');
    expect(await reminders(caseNo)).toHaveLength(0);
    const [threeDays] = (await calendar()).remindersFor(waiting.deadline_at.toISOString());
    await stack.skipPast(threeDays.at);
    const [reminder] = await remindersBecome(caseNo, 1);
    expect(reminder).toMatchObject({ kind: 'deadline_reminder', recipient_user_id: r.officer.userId });
    expect(reminder.message).toMatch(/registry must complete registration in 3 working days/);
  });
});
