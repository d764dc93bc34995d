import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { RegistrationsService } from '../apps/api/src/registrations/registrations.service';
import { PublicityRepository } from '../apps/api/src/publicity/publicity.repository';
import { WorkingDayCalendar } from '../libs/domain/src/calendar';
import { caseViewQuery, registrationWorkflowId, RegistrationCaseView } from '../libs/temporal/src';
import { unkeyed } from '../apps/api/src/idempotency/idempotency.interceptor';
import type { Actor } from '../libs/domain/src';
import { eventually, makeReadyDraft, Registry } from '../test/support/fixtures';
import { startTimeSkippingCases, TimeSkippingCases } from '../test/support/time-skipping-cases';

/**
 * The registration case on the time-skipping test server, with the real activities writing the real
 * PostgreSQL projection: ten working days pass in milliseconds, and nobody has to watch the deadlines.
 */
describe('project registration workflow (time skipping)', () => {
  let stack: TimeSkippingCases;
  let env: TimeSkippingCases['env'];
  let db: DataSource;
  let r: Registry;
  let service: RegistrationsService;
  let publicity: PublicityRepository;

  beforeAll(async () => {
    stack = await startTimeSkippingCases();
    ({ env, db, r, registrations: service } = stack);
    publicity = new PublicityRepository(db);
  }, 60_000);
  afterAll(() => stack?.stop());

  const handle = (caseNo: string) => env.client.workflow.getHandle(registrationWorkflowId(caseNo));
  /** A person's action as the API sends it: the Update named after the action. */
  const act = (caseNo: string, action: string, actor: Actor, args: Record<string, unknown> = {}) => stack.act<RegistrationCaseView>(registrationWorkflowId(caseNo), action, actor, args);
  const row = async (caseNo: string) => (await db.query(`SELECT * FROM registration_cases WHERE case_no = $1`, [caseNo]))[0];
  const statusBecomes = (caseNo: string, status: string) =>
    eventually(async () => ((await row(caseNo)).status === status ? row(caseNo) : undefined), `${caseNo} → ${status}`);
  const skipPast = (iso: string) => stack.skipPast(iso);

  async function toPublicity(caseNo: string) {
    await service.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await act(caseNo, 'review', r.officer, { outcome: 'pass', reasons: '' });
    const view = await act(caseNo, 'openPublicity', r.officer);
    const [notice] = await db.query(`SELECT * FROM publicity_notices WHERE case_no = $1 AND round = $2`, [caseNo, view.round]);
    return { view, notice };
  }

  const comment = (noticeId: string, body = 'The site is a school roof; who owns the output?') =>
    env.currentTimeMs().then((now) => publicity.addComment(noticeId, { authorName: '张三', contact: 'zhang@example.com', body }, new Date(now)));

  it('CAL-2/CAL-3: publicity closes 24:00 Asia/Shanghai of the 10th working day after it opened, stored with the calendar version', async () => {
    const caseNo = await makeReadyDraft(db, r);
    const { view, notice } = await toPublicity(caseNo);
    const expected = new WorkingDayCalendar().addWorkingDays(new Date(notice.opened_at), 10);
    expect(view.deadline).toMatchObject({ kind: 'publicity_close', closesAt: expected.closesAt, calendarVersion: expected.calendarVersion });
    expect(new Date(notice.closes_at).toISOString()).toBe(expected.closesAt);
    expect((await row(caseNo)).calendar_version).toBe(expected.calendarVersion);

    await env.sleep(Date.parse(expected.closesAt) - (await env.currentTimeMs()) - 3_600_000); // an hour before the close
    expect((await handle(caseNo).query(caseViewQuery)).status).toBe('in_publicity');
    await skipPast(expected.closesAt);
    await statusBecomes(caseNo, 'awaiting_registration');
  });

  it('BJ-15: a standing comment at the close opens a 10-working-day revision window; a revision goes back to review and a new publicity round', async () => {
    const caseNo = await makeReadyDraft(db, r);
    const { notice } = await toPublicity(caseNo);
    const c = await comment(notice.id);
    await skipPast(notice.closes_at.toISOString());
    const after = await statusBecomes(caseNo, 'awaiting_revision');
    expect(after.deadline_kind).toBe('revision_due');
    expect(after.deadline_binds_on).toBe('developer');
    const [closed] = await db.query(`SELECT status, standing_comments FROM publicity_notices WHERE id = $1`, [notice.id]);
    expect(closed).toEqual({ status: 'closed', standing_comments: 1 });
    // The revision window is counted from the close (CAL-2: the close day is the start day, not counted).
    const expected = new WorkingDayCalendar().addWorkingDays(new Date(Date.parse(notice.closes_at.toISOString()) - 1), 10);
    expect(after.deadline_at.toISOString()).toBe(expected.closesAt);

    const revised = await act(caseNo, 'submitRevision', r.developer, { documentIds: [], responses: [{ commentId: c.id, response: 'Ownership letter attached.' }] });
    expect(revised).toMatchObject({ status: 'under_review', round: 2, deadline: null });
    await act(caseNo, 'review', r.officer, { outcome: 'pass', reasons: '' });
    const second = await act(caseNo, 'openPublicity', r.officer);
    expect(second.round).toBe(2);
    const rounds = await db.query(`SELECT round, status FROM publicity_notices WHERE case_no = $1 ORDER BY round`, [caseNo]);
    expect(rounds).toEqual([{ round: 1, status: 'closed' }, { round: 2, status: 'open' }]);
  });

  it('BJ-15: a comment after the close is refused with a clear message', async () => {
    const caseNo = await makeReadyDraft(db, r);
    const { notice } = await toPublicity(caseNo);
    await skipPast(notice.closes_at.toISOString());
    await statusBecomes(caseNo, 'awaiting_registration');
    await expect(comment(notice.id)).rejects.toMatchObject({ code: 'PUBLICITY_CLOSED', message: expect.stringMatching(/closed at .*\+08:00/) });
  });

  it('BJ-15: no revision by the deadline → the case lapses, all parties are notified and the identifiers are released', async () => {
    const site = `SITE-LAPSE-${r.tag}`;
    const caseNo = await makeReadyDraft(db, r, site);
    const { notice } = await toPublicity(caseNo);
    await comment(notice.id);
    await skipPast(notice.closes_at.toISOString());
    const waiting = await statusBecomes(caseNo, 'awaiting_revision');
    await skipPast(waiting.deadline_at.toISOString());
    await statusBecomes(caseNo, 'lapsed');
    const kinds = await db.query(`SELECT kind, recipient_organisation_id, recipient_user_id, recipient_role FROM notifications WHERE case_no = $1 AND kind = 'lapsed'`, [caseNo]);
    expect(kinds).toHaveLength(2);
    // BJ-14: a lapsed case no longer holds the project's identifiers.
    await expect(makeReadyDraft(db, r, site)).resolves.toMatch(/^BJ-REG-/);
  });

  it('BJ-15: a supplement request not answered within 10 working days lapses the case; an answer returns it to review', async () => {
    const lapsing = await makeReadyDraft(db, r);
    await service.act(r.developer, lapsing, 'submit', {}, unkeyed());
    const asked = await act(lapsing, 'review', r.officer, { outcome: 'request_supplement', reasons: 'Grid connection certificate missing.' });
    expect(asked).toMatchObject({ status: 'awaiting_supplement', deadline: { kind: 'supplement_due', bindsOn: 'developer' } });

    const answered = await makeReadyDraft(db, r);
    await service.act(r.developer, answered, 'submit', {}, unkeyed());
    await act(answered, 'review', r.officer, { outcome: 'request_supplement', reasons: 'Missing certificate.' });
    const back = await act(answered, 'submitSupplement', r.developer, { note: 'Attached.', documentIds: [] });
    expect(back.status).toBe('under_review');

    await skipPast(asked.deadline!.closesAt);
    await statusBecomes(lapsing, 'lapsed');
    expect((await row(answered)).status).toBe('under_review');
  });

  it('BJ-15: a comment dismissed with a reason before the close does not stand', async () => {
    const caseNo = await makeReadyDraft(db, r);
    const { notice } = await toPublicity(caseNo);
    const spam = await comment(notice.id, 'buy cheap followers');
    await act(caseNo, 'dismissComment', r.officer, { commentId: spam.id, reason: 'spam' });
    await skipPast(notice.closes_at.toISOString());
    await statusBecomes(caseNo, 'awaiting_registration');
    const [c] = await db.query(`SELECT dismissed_reason, dismissed_by FROM publicity_comments WHERE id = $1`, [spam.id]);
    expect(c).toEqual({ dismissed_reason: 'spam', dismissed_by: r.officer.userId });
  });

  it('BJ-16: a missed registration deadline flags the case overdue and escalates to the bureau — never auto-approves', async () => {
    const caseNo = await makeReadyDraft(db, r);
    const { notice } = await toPublicity(caseNo);
    await skipPast(notice.closes_at.toISOString());
    const due = await statusBecomes(caseNo, 'awaiting_registration');
    expect(due).toMatchObject({ deadline_kind: 'registration_due', deadline_binds_on: 'registry' });
    await skipPast(due.deadline_at.toISOString());
    const overdue = await eventually(async () => ((await row(caseNo)).overdue ? row(caseNo) : undefined), 'overdue flag');
    expect(overdue).toMatchObject({ status: 'awaiting_registration', overdue: true, escalated: true });
    const [escalation] = await db.query(`SELECT recipient_role, message FROM notifications WHERE case_no = $1 AND kind = 'escalation'`, [caseNo]);
    expect(escalation.recipient_role).toBe('bureau');
    // Another ten working days later it is still not registered: only an officer completes registration.
    await env.sleep('20 days');
    expect((await handle(caseNo).query(caseViewQuery)).status).toBe('awaiting_registration');
    const done = await act(caseNo, 'completeRegistration', r.officer);
    expect(done).toMatchObject({ status: 'registered', registrationNo: expect.stringMatching(/^BJ-TPH-I-\d{4}-\d{4}$/) });
  });

  it('BJ-16: a clean close then completion gives the project its registration number and makes it Class I', async () => {
    const caseNo = await makeReadyDraft(db, r);
    const { notice } = await toPublicity(caseNo);
    await skipPast(notice.closes_at.toISOString());
    await statusBecomes(caseNo, 'awaiting_registration');
    const done = await act(caseNo, 'completeRegistration', r.officer);
    const [project] = await db.query(`SELECT p.project_class, p.registration_no FROM projects p JOIN registration_cases c ON c.project_id = p.id WHERE c.case_no = $1`, [caseNo]);
    expect(project).toEqual({ project_class: 'I', registration_no: done.registrationNo });
    expect(await handle(caseNo).result()).toMatchObject({ status: 'registered' });
    const types = (await db.query(`SELECT type FROM case_events WHERE case_no = $1 ORDER BY id`, [caseNo])).map((e: { type: string }) => e.type);
    expect(types).toEqual(['created', 'submitted', 'review_pass', 'publicity_opened', 'publicity_closed', 'registered']);
  });

  it('the case timeline is append-only (BJ-31)', async () => {
    await expect(db.query(`UPDATE case_events SET type = 'x' WHERE id = (SELECT min(id) FROM case_events)`)).rejects.toThrow(/append-only/);
  });
  it('issue 9: an officer action takes one workflow task — its deadline and projection writes run as local activities inside it, recorded as markers', async () => {
    const caseNo = await makeReadyDraft(db, r);
    await service.act(r.developer, caseNo, 'submit', {}, unkeyed());
    await act(caseNo, 'review', r.officer, { outcome: 'pass', reasons: '' });
    const events = async () => (await handle(caseNo).fetchHistory()).events ?? [];
    const before = (await events()).length;
    await act(caseNo, 'openPublicity', r.officer); // computes a deadline, opens the notice, records the step
    const step = (await events()).slice(before);
    const count = (type: temporal.api.enums.v1.EventType) => step.filter((e) => e.eventType === type).length;
    expect(count(temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).toBe(1);
    expect(count(temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(0);
    expect(count(temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED)).toBeGreaterThanOrEqual(3);
    expect((await row(caseNo)).status).toBe('in_publicity'); // written before the Update answered
  });
});
