import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CalendarService } from '../apps/api/src/calendar/calendar.service';
import { unkeyed } from '../apps/api/src/idempotency/idempotency.interceptor';
import { IssuancesService } from '../apps/api/src/issuances/issuances.service';
import { RegistrationsService } from '../apps/api/src/registrations/registrations.service';
import type { Actor } from '../libs/domain/src';
import { WorkingDayCalendar } from '../libs/domain/src/calendar';
import { CalendarRepository, dataSourceOptions } from '../libs/persistence/src';
import { caseViewQuery, issuanceWorkflowId, registrationWorkflowId } from '../libs/temporal/src';
import { eventually, makeReadyDraft, makeRegisteredProject, Registry } from '../test/support/fixtures';
import { startTimeSkippingCases, TimeSkippingCases } from '../test/support/time-skipping-cases';

/**
 * The case kernel under the faults issue 7 found, on the time-skipping server with the real activities and
 * PostgreSQL: a calendar change reaches every case type (CAL-4); a cancellation from the Temporal side closes
 * the case as withdrawn with the operator's reason; a step that keeps failing leaves the case unchanged,
 * needing attention, its deadline still running; hostile text sent straight to the workflow never enters it.
 */
describe('case kernel (time skipping)', () => {
  let stack: TimeSkippingCases;
  let env: TimeSkippingCases['env'];
  let db: DataSource;
  let r: Registry;
  let admin: Actor;
  let registrations: RegistrationsService;
  let issuances: IssuancesService;
  let calendar: CalendarService;

  beforeAll(async () => {
    stack = await startTimeSkippingCases();
    ({ env, db, r, registrations, issuances } = stack);
    admin = await r.user(await r.org('Platform', 'platform'), 'admin', 'Admin Ops');
    calendar = new CalendarService(new CalendarRepository(db), db, stack.temporal);
  }, 60_000);
  afterAll(() => stack?.stop());

  const row = async (table: string, caseNo: string) => (await db.query(`SELECT * FROM ${table} WHERE case_no = $1`, [caseNo]))[0];
  const act = (workflowId: string, action: string, actor: Actor, args: Record<string, unknown> = {}) => stack.act(workflowId, action, actor, args);

  async function issuanceInPublicity() {
    const { projectId } = await makeRegisteredProject(db, r);
    const draft = await issuances.create(r.developer, { projectId, monitoringPeriod: { start: '2025-02-01', end: '2025-12-31' }, claimedTco2e: '100' });
    for (const kind of ['application_letter', 'accounting_report', 'verification_report', 'authenticity_commitment']) {
      await issuances.uploadDocument(r.developer, draft.caseNo, { kind, filename: `${kind}.pdf`, contentType: 'application/pdf', content: Buffer.from(`${kind} ${randomUUID()}`) });
    }
    await issuances.act(r.developer, draft.caseNo, 'submit', {}, unkeyed());
    await issuances.act(r.officer, draft.caseNo, 'review', { outcome: 'pass', auditedTco2e: '100' }, unkeyed());
    const open = await issuances.act(r.officer, draft.caseNo, 'openPublicity', {}, unkeyed());
    return { caseNo: draft.caseNo, deadline: open.deadline! };
  }

  async function registrationInPublicity(site?: string) {
    const caseNo = await makeReadyDraft(db, r, site);
    await registrations.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await registrations.act(r.officer, caseNo, 'review', { outcome: 'pass' }, unkeyed());
    const open = await registrations.act(r.officer, caseNo, 'openPublicity', {}, unkeyed());
    return { caseNo, deadline: open.deadline! };
  }

  it('CAL-4: a holiday added by the admin moves the running deadline of an issuance case, recorded on its timeline', async () => {
    const { caseNo } = await issuanceInPublicity();
    const [opened] = await db.query(`SELECT opened_at FROM publicity_notices WHERE case_no = $1`, [caseNo]);
    const before = new WorkingDayCalendar().addWorkingDays(new Date(opened.opened_at), 10);
    const holiday = before.countedDays[4];
    try {
      const answer = await calendar.setOverride(admin, holiday, 'holiday', 'CAL-4 test: an extra holiday');
      expect(answer.casesNotified).toBeGreaterThanOrEqual(1);
      const after = new WorkingDayCalendar({ overrides: [{ date: holiday, kind: 'holiday' }], loadedYears: [] }).addWorkingDays(new Date(opened.opened_at), 10);
      expect(after.closesAt > before.closesAt).toBe(true);
      const moved = await eventually(async () => {
        const c = await row('issuance_cases', caseNo);
        return c.deadline_at.toISOString() === after.closesAt ? c : undefined;
      }, 'the issuance deadline to move');
      expect(moved).toMatchObject({ deadline_kind: 'publicity_close', calendar_version: after.calendarVersion });
      const view = await env.client.workflow.getHandle(issuanceWorkflowId(caseNo)).query(caseViewQuery);
      expect(view.deadline).toMatchObject({ closesAt: after.closesAt, calendarVersion: after.calendarVersion });
      const [event] = await db.query(`SELECT data FROM case_events WHERE case_no = $1 AND type = 'deadline_recomputed'`, [caseNo]);
      expect(event.data).toMatchObject({ kind: 'publicity_close', from: before.closesAt, to: after.closesAt });
    } finally {
      await db.query(`DELETE FROM calendar_overrides WHERE day = $1`, [holiday]);
    }
  });

  it('CAL-4: when the year of a provisional deadline is loaded, the deadline stops being provisional and carries the new calendar version, even if its instant stays', async () => {
    // Open publicity late in December so its ten working days run into 2027, a year chinese-days has no schedule for.
    const now = await env.currentTimeMs();
    const lateDecember = Date.parse('2026-12-24T02:00:00Z');
    if (now < lateDecember) await env.sleep(lateDecember - now);
    const { caseNo, deadline } = await issuanceInPublicity();
    expect(deadline.provisional).toBe(true);
    try {
      const answer = await calendar.loadYear(2027);
      expect(answer.casesNotified).toBeGreaterThanOrEqual(1);
      const settled = await eventually(async () => {
        const c = await row('issuance_cases', caseNo);
        return c.deadline_provisional === false ? c : undefined;
      }, 'the deadline to stop being provisional');
      expect(settled.deadline_at.toISOString()).toBe(deadline.closesAt); // same instant: no 2027 holidays are known yet
      expect(settled.calendar_version).toBe(answer.calendarVersion);
      expect(settled.calendar_version).not.toBe(deadline.calendarVersion);
    } finally {
      await db.query(`DELETE FROM calendar_loaded_years WHERE year = 2027`);
    }
  });

  it('a cancellation requested in the Temporal UI withdraws the case: reason recorded, notice closed, identifiers released, parties told', async () => {
    const site = `SITE-CANCEL-${randomUUID().slice(0, 6)}`;
    const { caseNo } = await registrationInPublicity(site);
    const workflowId = registrationWorkflowId(caseNo);
    await env.client.workflowService.requestCancelWorkflowExecution({
      namespace: 'default', workflowExecution: { workflowId }, identity: 'operator-li@registry', reason: 'Duplicate of an earlier application, confirmed by phone',
      requestId: randomUUID(),
    });
    const withdrawn = await eventually(async () => ((await row('registration_cases', caseNo)).status === 'withdrawn' ? row('registration_cases', caseNo) : undefined), 'withdrawn');
    expect(withdrawn).toMatchObject({ deadline_at: null, needs_attention: false });
    const [event] = await db.query(`SELECT data FROM case_events WHERE case_no = $1 AND type = 'withdrawn'`, [caseNo]);
    expect(event.data.operator).toBe('operator-li@registry');
    expect(event.data.reason).toMatch(/^Duplicate of an earlier application|no reason given/);
    const [notice] = await db.query(`SELECT status FROM publicity_notices WHERE case_no = $1`, [caseNo]);
    expect(notice.status).toBe('closed');
    const told = await db.query(`SELECT recipient_role, recipient_user_id FROM notifications WHERE case_no = $1 AND kind = 'withdrawn' ORDER BY recipient_role`, [caseNo]);
    expect(told).toEqual([
      { recipient_role: 'developer', recipient_user_id: null }, // the applicant's organisation
      { recipient_role: null, recipient_user_id: r.officer.userId }, // the officer who has the case
    ]);
    await expect(env.client.workflow.getHandle(workflowId).result()).rejects.toMatchObject({ cause: expect.objectContaining({ name: 'CancelledFailure' }) });
    // BJ-14: a withdrawn case no longer holds the site; the API answers the closed case with 409, not 404.
    await expect(makeReadyDraft(db, r, site)).resolves.toMatch(/^BJ-REG-/);
    await expect(registrations.act(r.officer, caseNo, 'claim', {}, unkeyed())).rejects.toMatchObject({ code: 'WRONG_STATE', message: expect.stringContaining('closed') });
  });

  it('hostile text sent straight to the workflow is refused by its validator and never enters history', async () => {
    const { caseNo } = await registrationInPublicity();
    const workflowId = registrationWorkflowId(caseNo);
    // What entered history: accepted Updates and the activities they scheduled (a rejected Update may leave a workflow task, nothing else).
    const entered = async () => (await env.client.workflow.getHandle(workflowId).fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.activityTaskScheduledEventAttributes).length;
    const before = await entered();
    for (const note of ['spam\u0000', 'a\ud800b', 'x'.repeat(2001)]) {
      const [c] = await db.query(`INSERT INTO publicity_comments (notice_id, body, author_name) SELECT id, 'x', 'y' FROM publicity_notices WHERE case_no = $1 RETURNING id`, [caseNo]);
      await expect(act(workflowId, 'dismissComment', r.officer, { commentId: c.id, reason: 'spam', note })).rejects.toMatchObject({ cause: expect.objectContaining({ type: 'VALIDATION_FAILED' }) });
    }
    expect(await entered()).toBe(before);
    expect(await act(workflowId, 'claim', r.officer)).toMatchObject({ status: 'in_publicity', assignedOfficerId: r.officer.userId });
  });

  it('a step whose writes keep failing leaves the case as it was, marks it NeedsAttention and tells operators; its deadline keeps running; the next step clears it', async () => {
    const { caseNo, deadline } = await registrationInPublicity();
    const workflowId = registrationWorkflowId(caseNo);
    // The database refuses every timeline write of this case (a transient error class, so the activity retries, boundedly).
    // Installing a trigger takes the schema owner, not the application's role.
    const owner = await new DataSource(dataSourceOptions(process.env.DATABASE_URL, 'owner')).initialize();
    await owner.query(`
      CREATE FUNCTION test_refuse_case_events() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.case_no = '${caseNo}' THEN RAISE EXCEPTION 'simulated outage for %', NEW.case_no; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_refuse_case_events BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION test_refuse_case_events();
    `);
    try {
      // Officer Li takes over the case (assigned to Officer Wang since his review): the reassignment cannot be recorded.
      await expect(act(workflowId, 'claim', r.officer2)).rejects.toMatchObject({ cause: expect.objectContaining({ type: 'STEP_FAILED' }) });
      const view = await env.client.workflow.getHandle(workflowId).query(caseViewQuery);
      expect(view).toMatchObject({ status: 'in_publicity', assignedOfficerId: r.officer.userId, needsAttention: true, deadline: { closesAt: deadline.closesAt } });
    } finally {
      await owner.query(`DROP TRIGGER test_refuse_case_events ON case_events; DROP FUNCTION test_refuse_case_events();`);
      await owner.destroy();
    }
    // Once the database accepts again, the failure report (retrying with backoff meanwhile) reaches the projection and the operators.
    await env.sleep('15 minutes');
    const flagged = await eventually(async () => ((await row('registration_cases', caseNo)).needs_attention ? row('registration_cases', caseNo) : undefined), 'needs_attention');
    expect(flagged.status).toBe('in_publicity');
    const [told] = await db.query(`SELECT recipient_role, message FROM notifications WHERE case_no = $1 AND kind = 'needs_attention' AND recipient_role = 'admin'`, [caseNo]);
    expect(told.message).toMatch(/claim.*failed/);
    // The deadline timer kept running: publicity closes itself on time; the step clears the flag.
    await env.sleep(Date.parse(deadline.closesAt) - (await env.currentTimeMs()) + 60_000);
    const closed = await eventually(async () => ((await row('registration_cases', caseNo)).status === 'awaiting_registration' ? row('registration_cases', caseNo) : undefined), 'publicity to close');
    expect(closed.needs_attention).toBe(false);
  }, 180_000);
});
