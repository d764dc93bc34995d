import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
import { ensureSearchAttributes } from './search-attribute-registration';
import { isTemporalUnavailable } from './temporal-unavailability';

/** Closed case workflows stay in Temporal this long (the case's record stays in the registry's database for good). */
export const NAMESPACE_RETENTION_DAYS = 30;
const ALREADY_EXISTS = 6;

/**
 * What the dev server's `--namespace` and `--search-attribute` flags do at its start, for a self-hosted Temporal
 * server (which creates no namespace): creates the namespace — one that exists counts as success, the server keeps
 * it in its database — and registers the case search attributes on it, then waits until the frontend lists them.
 * Run by `npm run up -- --topology production` and by docker/compose.yml's `temporal-setup` job
 * (dist/scripts/temporal-setup.js). Retries while the server is still starting, up to `timeoutMs`.
 */
export async function prepareNamespace(address: string, namespace: string, o: { timeoutMs?: number; log?: (m: string) => void } = {}): Promise<void> {
  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  const say = o.log ?? (() => undefined);
  /** Runs `step` until it succeeds, waiting out a server that does not answer yet (it answers before its history and matching services have joined). */
  const retrying = async <T>(step: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await step();
      } catch (e) {
        if (!isTemporalUnavailable(e) || Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const connection = await retrying(() => Connection.connect({ address, connectTimeout: '5s' }));
  try {
    await retrying(async () => {
      try {
        await connection.workflowService.registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: msToTs(`${NAMESPACE_RETENTION_DAYS} days`),
          description: 'Carbon-inclusion registry cases',
        });
        say(`namespace ${namespace} created (retention ${NAMESPACE_RETENTION_DAYS} days)`);
      } catch (e) {
        if ((e as { code?: number }).code !== ALREADY_EXISTS) throw e;
      }
    });
    const registered = await retrying(() => ensureSearchAttributes(connection, namespace, say));
    if (!registered) throw new Error(`Temporal at ${address} refused the case search attributes on namespace ${namespace}`);
    // The frontend answers from its namespace cache (refreshed every 2 s): wait until it lists every attribute.
    for (;;) {
      const { customAttributes } = await retrying(() => connection.operatorService.listSearchAttributes({ namespace }));
      const missing = SEARCH_ATTRIBUTES.map((k) => k.name).filter((n) => !customAttributes?.[n]);
      if (!missing.length) return;
      if (Date.now() > deadline) throw new Error(`search attributes not visible on ${namespace} yet: ${missing.join(', ')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
}
