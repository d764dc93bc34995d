/**
 * The shape of the production topology, shared by `npm run up -- --topology production` (scripts/up.ts) and held
 * against docker/compose.yml by production-topology.spec.ts: the compose file cannot run here (no Docker engine),
 * so it is kept consistent by construction (the same config files) and by that test (the same numbers).
 */
export const PRODUCTION_WORKERS = 2;
export const PRODUCTION_API_REPLICAS = 2;
