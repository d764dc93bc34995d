import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';
import { LedgerRepository } from '../../libs/persistence/src/repositories/ledger.repository';
import { eventually, makeRegisteredProject, makeRegistry, makeSignOffReadyCase } from '../support/fixtures';
import { startWorker } from '../support/worker-harness';

const ISSUE_ONCE = join(__dirname, '..', 'support', 'issue-once.workflow.ts');

/**
 * LED-2: issuance is idempotent per case even when the worker running it dies. A real worker process is
 * SIGKILLed while its issuance transaction is in flight (it has written the block and the journal entry,
 * and waits on a lock this test holds); its workflow task times out and the activity runs again on another worker,
 * which issues exactly one block. Real Temporal dev server, real PostgreSQL.
 */
describe('kill/retry: a worker killed mid-issuance', () => {
  let db: DataSource;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // As the owner: it watches other sessions' queries in pg_stat_activity, which the application's role cannot see.
    db = await new DataSource(dataSourceOptions(undefined, 'owner')).initialize();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.destroy();
  });

  it('LED-2 kill/retry: the worker is killed mid-transaction; the retried activity on another worker issues exactly one block', async () => {
    const r = await makeRegistry(db);
    const ledger = new LedgerRepository(db);
    const { projectId } = await makeRegisteredProject(db, r);
    const caseNo = await makeSignOffReadyCase(db, r, projectId, r.developer);
    const account = await ledger.openAccount(r.developer.organisationId);
    const taskQueue = `kill-retry-${r.tag}`;

    child = spawn(process.execPath, [join(__dirname, '..', 'support', 'worker-process.js')], {
      env: { ...process.env, TASK_QUEUE: taskQueue, WORKFLOWS: ISSUE_ONCE },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await eventually(async () => child!.stdout!.read()?.toString().includes('worker ready'), 'the worker process to start', 60_000);

    // Hold the developer's account row: the issuance transaction, once it has written its block and journal
    // entry, waits here on the foreign-key check of its journal lines.
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM ledger_accounts WHERE id = $1 FOR UPDATE`, [account.id]);

    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const client = new Client({ connection });
    const handle = await client.workflow.start('issueOnceWorkflow', {
      taskQueue,
      workflowId: `kill-retry/${caseNo}`,
      args: [{ caseNo, quantity: '100', signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() }],
    });
    await eventually(async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO journal_lines%'`);
      return n > 0;
    }, 'the issuance transaction to block mid-way');

    child.kill('SIGKILL');
    await once(child, 'exit');
    await holder.rollbackTransaction();
    await holder.release();
    // The dead worker's transaction never commits: nothing it wrote remains.
    await eventually(async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%INSERT INTO journal_lines%' AND state <> 'idle' AND pid <> pg_backend_pid()`);
      return n === 0;
    }, 'the killed transaction to end');
    const [{ blocks: before }] = await db.query(`SELECT count(*)::int AS blocks FROM credit_blocks WHERE issuance_case_no = $1`, [caseNo]);
    expect(before).toBe(0);

    const nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const rescuer = await startWorker(nativeConnection, taskQueue, 'default', ISSUE_ONCE);
    try {
      const block = await handle.result();
      expect(block).toMatchObject({ serialFrom: '1', serialTo: '100', accountNo: account.accountNo });
      const history = await handle.fetchHistory();
      // Issuance runs as a local activity inside the workflow task (issue 9): the task the killed worker held timed out,
      // the rescuer's task ran the activity again, and only its result was recorded (one marker, no activity task).
      const events = history.events!;
      expect(events.filter((e) => e.workflowTaskTimedOutEventAttributes).length).toBeGreaterThanOrEqual(1);
      expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);
      expect(events.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(0);
      const [{ blocks, entries }] = await db.query(
        `SELECT (SELECT count(*)::int FROM credit_blocks WHERE issuance_case_no = $1) AS blocks, (SELECT count(*)::int FROM journal_entries WHERE case_no = $1) AS entries`,
        [caseNo],
      );
      expect({ blocks, entries }).toEqual({ blocks: 1, entries: 1 });
      expect((await ledger.audit()).violations).toEqual([]);
      // …and a further retry of the same activity (a completion lost after the commit) changes nothing.
      expect(await ledger.issue({ caseNo, quantity: '100', signedOffBy: { userId: r.bureau.userId, name: r.bureau.name }, at: new Date().toISOString() }))
        .toMatchObject({ prefix: block!.prefix, quantity: '100' });
    } finally {
      await rescuer.stop();
      await nativeConnection.close();
      await connection.close();
    }
  }, 120_000);
});
