/**
 * The workflow bundles `npm run build` writes into dist/ (scripts/bundle-workflows.ts) and the worker loads: the plain
 * one, and one that also holds the OpenTelemetry workflow interceptors, loaded when tracing is on (a bundle's
 * interceptors are fixed when it is built, and the plain one pays nothing for tracing).
 */
export const WORKFLOW_BUNDLE = 'workflow-bundle.js';
export const TRACED_WORKFLOW_BUNDLE = 'workflow-bundle-traced.js';
