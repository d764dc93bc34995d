import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TRACED_WORKFLOW_BUNDLE, WORKFLOW_BUNDLE } from '../libs/temporal/src/server/workflow-bundles';
import { WORKFLOW_TRACING_INTERCEPTORS } from '../libs/tracing/src/tracing';

/**
 * Prebuilds the workflow bundles the worker loads in production (temporal-notes: bundle in its own script that fails
 * loudly). Run from dist/scripts: bundles the compiled dist/workflows, once plain and once with the OpenTelemetry
 * workflow interceptors (loaded when tracing is on).
 */
async function main() {
  const dist = resolve(__dirname, '..');
  const workflowsPath = require.resolve(join(dist, 'workflows'));
  for (const [file, workflowInterceptorModules] of [[WORKFLOW_BUNDLE, []], [TRACED_WORKFLOW_BUNDLE, [WORKFLOW_TRACING_INTERCEPTORS]]] as const) {
    const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: [...workflowInterceptorModules] });
    await writeFile(join(dist, file), code);
    console.log(`workflow bundle: ${join(dist, file)} (${(code.length / 1024).toFixed(0)} KiB)`);
  }
}

main().catch((e) => {
  console.error('workflow bundle FAILED:', e);
  process.exit(1);
});
