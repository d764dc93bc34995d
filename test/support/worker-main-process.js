'use strict';
/**
 * The production worker entry point (apps/worker/src/main.ts) run from TypeScript sources in a process of its own,
 * so a test can watch how the process ends. Env as in production: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, DATABASE_URL.
 */
require('./../setup/swc-register').register();
require('../../apps/worker/src/main.ts');
