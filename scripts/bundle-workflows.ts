import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Prebuilds the workflow bundle the worker loads in production (temporal-notes: bundle in its own
 * script that fails loudly). Run from dist/scripts: bundles the compiled dist/workflows.
 */
async function main() {
  const dist = resolve(__dirname, '..');
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(join(dist, 'workflows')) });
  await writeFile(join(dist, 'workflow-bundle.js'), code);
  console.log(`workflow bundle: ${join(dist, 'workflow-bundle.js')} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((e) => {
  console.error('workflow bundle FAILED:', e);
  process.exit(1);
});
