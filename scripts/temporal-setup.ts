import { prepareNamespace } from '../libs/temporal/src/server/namespace';

/**
 * `node dist/scripts/temporal-setup.js`: the namespace ($TEMPORAL_NAMESPACE, default `default`) and the case search
 * attributes on the Temporal server at $TEMPORAL_ADDRESS — docker/compose.yml's `temporal-setup` job, the same code
 * `npm run up -- --topology production` runs in-process. Safe to rerun.
 */
const address = process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
prepareNamespace(address, namespace, { timeoutMs: 120_000, log: (m) => console.log(m) }).then(
  () => console.log(`namespace ${namespace} on ${address} is ready, with the case search attributes`),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
