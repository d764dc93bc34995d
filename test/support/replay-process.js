'use strict';
/**
 * Replays recorded histories against the current workflow code in a process of its own and prints one JSON
 * object: file → 'ok' | the error. Jest runs every test file of a run in one process but in separate module
 * registries; the Temporal native runtime created by an earlier file then fails the replay worker's
 * downcast ("failed to downcast any to ...Runtime"), depending only on the order the files ran in.
 * Usage: node replay-process.js <histories dir> <file>...
 */
require('../setup/swc-register').register();
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { temporal } = require('@temporalio/proto');
const { Worker, Runtime, DefaultLogger } = require('@temporalio/worker');

Runtime.install({ logger: new DefaultLogger('WARN') });
const [dir, ...files] = process.argv.slice(2);

(async () => {
  const results = {};
  for (const file of files) {
    const history = temporal.api.history.v1.History.decode(readFileSync(join(dir, file)));
    try {
      await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows/index.ts') }, history, file);
      results[file] = 'ok';
    } catch (e) {
      results[file] = String((e && e.stack) || e);
    }
  }
  process.stdout.write(JSON.stringify(results));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
