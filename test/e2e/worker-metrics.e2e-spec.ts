import { Client, Connection } from '@temporalio/client';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { startTemporalDevServer, TemporalDevServer } from '../../scripts/stack/temporal-dev-server';
import { freePort } from '../../scripts/stack/util';
import { CASES_TASK_QUEUE, registrationWorkflowId } from '../../libs/temporal/src';
import { eventually } from '../support/fixtures';

const NAMESPACE = 'worker-metrics';

/**
 * Issue 9 (scale): the worker process (apps/worker main) serves the Temporal SDK's own metrics for Prometheus when
 * WORKER_METRICS_ADDRESS is set — among them how many workflows it holds in its cache, which is what a worker's
 * memory grows with (`npm run bench -- scale` reads it).
 */
describe('worker metrics (WORKER_METRICS_ADDRESS)', () => {
  let temporal: TemporalDevServer;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    temporal = await startTemporalDevServer({ port: await freePort(), uiPort: 0, headless: true, namespace: NAMESPACE });
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await temporal?.stop();
  });

  it('issue 9 (scale): with WORKER_METRICS_ADDRESS the worker serves its cache size and task metrics as Prometheus text', async () => {
    const port = await freePort();
    child = spawn(process.execPath, [path.join(__dirname, '..', 'support', 'worker-main-process.js')], {
      env: { ...process.env, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: NAMESPACE, LOG_LEVEL: 'warn', WORKER_METRICS_ADDRESS: `127.0.0.1:${port}` },
      stdio: 'ignore',
    });
    const metrics = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
      return res?.ok ? res.text() : '';
    };
    const text = await eventually(
      async () => {
        const t = await metrics();
        return /^temporal_worker_start\{/m.test(t) && t; // registered and polling
      },
      'the worker to serve its metrics',
      60_000,
    );
    expect(text).toMatch(new RegExp(`^temporal_worker_start\\{[^}]*task_queue="${CASES_TASK_QUEUE}"[^}]*\\} 1$`, 'm'));
    expect(text).toContain(`namespace="${NAMESPACE}"`);

    // Two case workflows, started as submission starts them and waiting for it: both stay in the worker's cache.
    const connection = await Connection.connect({ address: temporal.address });
    try {
      const client = new Client({ connection, namespace: NAMESPACE });
      for (const caseNo of ['BJ-REG-2026-990001', 'BJ-REG-2026-990002']) {
        await client.workflow.start('projectRegistrationWorkflow', {
          taskQueue: CASES_TASK_QUEUE,
          workflowId: registrationWorkflowId(caseNo),
          args: [{ caseNo, caseType: 'registration', jurisdiction: 'BJ', projectId: randomUUID(), organisationId: randomUUID(), organisationName: 'Metrics', searchAttributesEnabled: false, facts: {} }],
        });
      }
      const cached = () => metrics().then((t) => Number(/^temporal_sticky_cache_size(?:\{[^}]*\})? (\d+)$/m.exec(t)?.[1]));
      await eventually(async () => (await cached()) === 2, 'temporal_sticky_cache_size to count the two workflows', 30_000);
    } finally {
      await connection.close();
    }
  }, 90_000);
});
