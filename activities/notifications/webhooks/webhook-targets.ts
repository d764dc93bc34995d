import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { DomainError } from '../../../libs/domain/src';

/**
 * Webhook targets are outside URLs (SSRF): a subscriber may not make the registry call its own network — loopback,
 * private, link-local (cloud metadata), carrier-grade NAT, multicast, unspecified or reserved addresses. Checked when a
 * subscription is registered (every address its name resolves to) and again at every delivery, at connect time, by
 * request-filtering-agent (a name that resolves elsewhere later — DNS rebinding — is refused then). Both use ipaddr.js's
 * ranges: only `unicast` is allowed. `WEBHOOK_ALLOW_PRIVATE_TARGETS=true` lifts this for development and tests (a
 * receiver on 127.0.0.1); never in production.
 */
export const allowPrivateTargets = (env: NodeJS.ProcessEnv = process.env): boolean => env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true';

/** A registration waits this long for the name to resolve (a request must answer in bounded time). */
const LOOKUP_TIMEOUT_MS = 3_000;
const within = <T>(ms: number, p: Promise<T>) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEOUT' })), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });

const refuse = (url: string, reason: string) =>
  new DomainError('VALIDATION_FAILED', `The webhook URL ${url} is refused: ${reason}.`, { field: 'url', reason });

/** The URL as stored, or VALIDATION_FAILED naming why it may not be a webhook target. */
export async function assertWebhookTarget(raw: string, allowPrivate = allowPrivateTargets()): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(raw, 'not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse(raw, 'only http and https URLs can receive webhooks');
  if (url.username || url.password) throw refuse(raw, 'credentials do not belong in the URL (verify our signature instead)');
  if (url.hash) throw refuse(raw, 'a fragment is never sent');
  if (allowPrivate) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await within(LOOKUP_TIMEOUT_MS, lookup(host, { all: true, verbatim: true }))).map((a) => a.address);
    } catch (e) {
      throw refuse(raw, `its host name does not resolve (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  for (const address of addresses) {
    const range = ipaddr.process(address).range();
    if (range !== 'unicast') throw refuse(raw, `${host} is ${address}, a ${range} address, not a public one`);
  }
  return url.toString();
}

/** The agent every delivery goes through: the same rule, applied to the address actually connected to. */
export function deliveryAgent(url: URL, allowPrivate = allowPrivateTargets()) {
  const options = { allowPrivateIPAddress: allowPrivate, allowMetaIPAddress: allowPrivate, keepAlive: false };
  return url.protocol === 'https:' ? new RequestFilteringHttpsAgent(options) : new RequestFilteringHttpAgent(options);
}
