import { Connection } from '@temporalio/client';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { startTemporalDevServer, TemporalDevServer } from '../../scripts/stack/temporal-dev-server';
import { exitOf, ExitInfo, freePort } from '../../scripts/stack/util';
import { within } from '../../apps/api/src/common/within';
import { eventually } from '../support/fixtures';

const NAMESPACE = 'worker-exit';

/**
 * Fault 9: a worker whose run() fails must not sit there looking alive. The real worker process (apps/worker main)
 * polls a namespace that is then deleted — a real way for run() to fail: the Temporal SDK retries a server that is
 * merely down for ever, but gives up on a poll the server refuses (NotFound) after a 60 s grace. The process must
 * then exit non-zero, so a supervisor restarts it.
 */
describe('fault 9: a worker whose run() fails exits the process', () => {
  let temporal: TemporalDevServer;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // Long polls end after 2 s instead of 60 s, so the refusal arrives right after the deletion.
    temporal = await startTemporalDevServer({
      port: await freePort(),
      uiPort: 0,
      headless: true,
      namespace: NAMESPACE,
      dynamicConfig: { 'matching.longPollExpirationInterval': '2s' },
    });
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await temporal?.stop();
  });

  it('the worker process exits with code 1 after its namespace disappears, having logged why', async () => {
    const lines: { at: number; text: string }[] = [];
    child = spawn(process.execPath, [path.join(__dirname, '..', 'support', 'worker-main-process.js')], {
      env: { ...process.env, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: NAMESPACE, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (text) => lines.push({ at: Date.now(), text }));
    const exited: Promise<ExitInfo> = exitOf(child);
    await eventually(async () => lines.some((l) => l.text.includes('polling')) || child!.exitCode !== null, 'the worker to start polling', 60_000);
    expect(child.exitCode).toBeNull();

    const connection = await Connection.connect({ address: temporal.address });
    try {
      await connection.operatorService.deleteNamespace({ namespace: NAMESPACE });
    } finally {
      await connection.close();
    }
    const deletedAt = Date.now();

    const exit = await within(150_000, exited, () => new Error(`the worker did not exit; its last output:\n${lines.slice(-30).map((l) => l.text).join('\n')}`));
    const failedAt = lines.find((l) => l.text.includes('the worker failed'))?.at;
    process.stderr.write(`[worker-exit] namespace deleted → exit ${Date.now() - deletedAt} ms; failure logged → exit ${failedAt ? Date.now() - failedAt : '?'} ms\n`);
    expect(exit).toEqual({ code: 1, signal: null });
    const output = lines.map((l) => l.text).join('\n');
    expect(output).toContain('the worker failed');
    expect(output).toMatch(/Namespace worker-exit is not found/);
    expect(output).toContain('exiting with code 1');
  }, 180_000);
});
