import { Client, Connection } from '@temporalio/client';
import { Actor } from '../../libs/domain/src';
import { RECONCILIATION_SCHEDULE_ID, registrationWorkflowId } from '../../libs/temporal/src';
import { ensureReconciliationSchedule } from '../../libs/temporal/src/server/reconciliation-schedule';
import { startApi } from '../support/api-harness';
import { eventually, makeRegistry, Registry } from '../support/fixtures';
import { httpCases } from '../support/http-cases';

/**
 * Issue 7, fault 6: operators acting in the Temporal UI must not desynchronise a case. A cancelled case is
 * withdrawn by its own workflow; a terminated one is found — at once when someone acts on it, and by the
 * reconciliation Schedule otherwise — and closed, with its notice closed and the parties told. Operators
 * find cases by organisation and officer name.
 */
describe('operators in the Temporal UI (end to end, dev server)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let r: Registry;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    api = await startApi();
    r = await makeRegistry(api.db);
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection });
  }, 60_000);
  afterAll(async () => {
    await connection?.close();
    await api?.stop();
  });

  const post = (a: Actor, url: string, body: object = {}) => api.http().post(url).set(api.bearer(a)).send(body);
  const caseRow = async (caseNo: string) => (await api.db.query(`SELECT * FROM registration_cases WHERE case_no = $1`, [caseNo]))[0];
  const inPublicity = () => httpCases(api, r).inPublicity();
  const visible = (query: string) => eventually(async () => {
    const ids: string[] = [];
    for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
    return ids.length ? ids : undefined;
  }, `visibility: ${query}`);

  it('a case terminated in the Temporal UI: the next action on it answers 409 (closed), not 404, and the case is closed everywhere', async () => {
    const caseNo = await inPublicity();
    await client.workflow.getHandle(registrationWorkflowId(caseNo)).terminate('operator cleanup: test data');
    const claim = await post(r.officer2, `/registrations/${caseNo}/claim`).expect(409);
    expect(claim.body).toMatchObject({ code: 'WRONG_STATE', message: expect.stringMatching(/closed: its workflow was terminated/) });
    expect(await caseRow(caseNo)).toMatchObject({ status: 'terminated', deadline_at: null });
    expect((await post(r.officer2, `/registrations/${caseNo}/claim`).expect(409)).body.message).toMatch(/The case is closed/);
    expect((await api.http().get('/worklist').set(api.bearer(r.officer)).expect(200)).body.map((c: { caseNo: string }) => c.caseNo)).not.toContain(caseNo);
    const [notice] = await api.db.query(`SELECT id, status FROM publicity_notices WHERE case_no = $1`, [caseNo]);
    expect(notice.status).toBe('closed');
    expect((await api.http().get(`/public/publicity/${notice.id}`).expect(200)).body).toMatchObject({ status: 'closed', caseStatus: 'terminated' });
    expect((await api.http().get('/public/publicity').expect(200)).body.map((n: { caseNo: string }) => n.caseNo)).not.toContain(caseNo);
  });

  it('reconciliation (a Temporal Schedule) closes a terminated case nobody touched and tells the parties and the operators', async () => {
    const caseNo = await inPublicity();
    await client.workflow.getHandle(registrationWorkflowId(caseNo)).terminate('terminated by an operator in the Temporal UI');
    await visible(`WorkflowId = "${registrationWorkflowId(caseNo)}" AND ExecutionStatus = "Terminated"`);
    expect((await caseRow(caseNo)).status).toBe('in_publicity'); // nothing has noticed yet
    await ensureReconciliationSchedule(client);
    await client.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).trigger();
    const closed = await eventually(async () => ((await caseRow(caseNo)).status === 'terminated' ? caseRow(caseNo) : undefined), 'reconciliation to close the case', 30_000);
    expect(closed.needs_attention).toBe(true);
    const told = await api.db.query(`SELECT recipient_role, recipient_organisation_id FROM notifications WHERE case_no = $1 AND kind = 'terminated' ORDER BY recipient_role`, [caseNo]);
    expect(told.map((n: { recipient_role: string | null }) => n.recipient_role)).toEqual(expect.arrayContaining(['admin', 'developer']));
    const [event] = await api.db.query(`SELECT data FROM case_events WHERE case_no = $1 AND type = 'workflow_closed_outside_procedure'`, [caseNo]);
    expect(event.data).toMatchObject({ executionStatus: 'was terminated', previousStatus: 'in_publicity' });
  });

  it('a cancellation from the Temporal side withdraws the case; the execution shows as Canceled', async () => {
    const caseNo = await inPublicity();
    await client.workflow.getHandle(registrationWorkflowId(caseNo)).cancel();
    await eventually(async () => ((await caseRow(caseNo)).status === 'withdrawn' ? true : undefined), 'withdrawn');
    await visible(`WorkflowId = "${registrationWorkflowId(caseNo)}" AND ExecutionStatus = "Canceled"`);
  });

  it('operators find cases by organisation and officer name, and by NeedsAttention and Overdue', async () => {
    const caseNo = await inPublicity();
    await post(r.officer2, `/registrations/${caseNo}/claim`).expect(200);
    const org = (await api.db.query(`SELECT name FROM organisations WHERE id = $1`, [r.developer.organisationId]))[0].name;
    const id = registrationWorkflowId(caseNo);
    expect(await visible(`OrganisationName = "${org}" AND CaseNumber = "${caseNo}"`)).toEqual([id]);
    expect(await visible(`OfficerName = "${r.officer2.name}" AND CaseNumber = "${caseNo}"`)).toEqual([id]);
    expect(await visible(`NeedsAttention = false AND Overdue = false AND CaseNumber = "${caseNo}" AND NextDeadline > "${new Date().toISOString()}"`)).toEqual([id]);
  });
});
