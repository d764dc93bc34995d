import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Determinism guard (design.md): histories of representative cases, recorded from real runs as encoded protobuf
 * (`npm run demo -- --export-history`), must replay against the current workflow code. A change that
 * breaks replay needs `patched()`, or open cases would fail their next workflow task in production.
 * The replay runs in its own process (see test/support/replay-process.js for why).
 */
describe('workflow replay', () => {
  const dir = join(__dirname, 'histories');
  const files = readdirSync(dir).filter((f) => f.endsWith('.history.pb'));
  let results: Record<string, string>;

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, '..', 'test', 'support', 'replay-process.js'), dir, ...files], { maxBuffer: 16 * 1024 * 1024 });
    results = JSON.parse(stdout);
  }, 120_000);

  it('has recorded histories of both case types to replay', () => {
    expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/^registration/), expect.stringMatching(/^reduction-issuance/)]));
  });

  it.each(files)('replays %s without non-determinism', (file) => {
    expect(results[file]).toBe('ok');
  });
});
