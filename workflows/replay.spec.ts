import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Determinism guard (design.md): histories of representative cases, recorded from real runs as encoded protobuf
 * (`npm run demo -- --export-history`), must replay against the current workflow code. A change that
 * breaks replay needs `patched()`, or open cases would fail their next workflow task in production.
 */
describe('workflow replay', () => {
  const dir = join(__dirname, 'histories');
  const files = readdirSync(dir).filter((f) => f.endsWith('.history.pb'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s without non-determinism', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(join(dir, file)));
    await Worker.runReplayHistory({ workflowsPath: require.resolve('./index') }, history, file);
  });
});
