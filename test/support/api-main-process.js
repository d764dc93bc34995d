'use strict';
/**
 * The production API entry point (apps/api/src/main.ts) run from TypeScript sources in a process of its own, so that
 * what main.ts loads first (tracing) is exercised as in production. Env as in production: PORT, DATABASE_URL,
 * TEMPORAL_ADDRESS, JWT_SECRET, OTEL_*.
 */
require('./../setup/swc-register').register();
require('../../apps/api/src/main.ts');
