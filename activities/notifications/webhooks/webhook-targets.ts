import ipaddr from 'ipaddr.js';
import type { Agent } from 'node:http';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { lookup } from 'node:dns/promises';
import { lookup as lookupCallback, LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { DomainError } from '../../../libs/domain/src';

/**
 * Webhook targets are outside URLs (SSRF): a subscriber may not make the registry call its own network — loopback,
 * private, link-local (cloud metadata), carrier-grade NAT, multicast, unspecified or reserved addresses. Checked when a
 * subscription is registered (every address its name resolves to) and again at every delivery, at connect time, by
 * request-filtering-agent (a name that resolves elsewhere later — DNS rebinding — is refused then). Both use ipaddr.js's
 * ranges: only `unicast` is allowed.
 *
 * `WEBHOOK_TARGETS` says which targets are allowed: `public` (the default, production), `any` (development: a receiver
 * on this machine or the office network too), `loopback` (tests: only 127.0.0.0/8 and ::1, so nothing a test — or a
 * fuzzer registering random public addresses — sets up ever leaves the machine).
 */
export type WebhookTargets = 'public' | 'any' | 'loopback';

export function webhookTargets(env: NodeJS.ProcessEnv = process.env): WebhookTargets {
  const v = env.WEBHOOK_TARGETS?.trim() || 'public';
  if (v !== 'public' && v !== 'any' && v !== 'loopback') throw new Error(`WEBHOOK_TARGETS must be public, any or loopback; got '${v}'.`);
  return v;
}

/** A registration waits this long for the name to resolve (a request must answer in bounded time). */
const LOOKUP_TIMEOUT_MS = 3_000;
const within = <T>(ms: number, p: Promise<T>) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEOUT' })), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });

const refuse = (url: string, reason: string) =>
  new DomainError('VALIDATION_FAILED', `The webhook URL ${url} is refused: ${reason}.`, { field: 'url', reason });

/** Why this address may not be a target under the policy, or null when it may. */
function refusal(address: string, targets: WebhookTargets): string | null {
  const range = ipaddr.process(address).range();
  if (targets === 'any') return null;
  if (targets === 'loopback') return range === 'loopback' ? null : `${address} is not a loopback address (WEBHOOK_TARGETS=loopback)`;
  return range === 'unicast' ? null : `${address} is a ${range} address, not a public one`;
}

/** The URL as stored, or VALIDATION_FAILED naming why it may not be a webhook target. */
export async function assertWebhookTarget(raw: string, targets = webhookTargets()): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(raw, 'not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse(raw, 'only http and https URLs can receive webhooks');
  if (url.username || url.password) throw refuse(raw, 'credentials do not belong in the URL (verify our signature instead)');
  if (url.hash) throw refuse(raw, 'a fragment is never sent');
  if (targets === 'any') return url.toString();
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
    const why = refusal(address, targets);
    if (why) throw refuse(raw, `${host}: ${why}`);
  }
  return url.toString();
}

/** The agent every delivery goes through: the same rule, applied to the address actually connected to. */
export function deliveryAgent(url: URL, targets = webhookTargets()): Agent {
  const https = url.protocol === 'https:';
  if (targets === 'loopback') return loopbackOnlyAgent(https);
  const options = { allowPrivateIPAddress: targets === 'any', allowMetaIPAddress: targets === 'any', keepAlive: false };
  return https ? new RequestFilteringHttpsAgent(options) : new RequestFilteringHttpAgent(options);
}

/** Tests: connects only to loopback addresses, checked on the address a name resolved to (and on a literal one). */
function loopbackOnlyAgent(https: boolean): Agent {
  const agent = https ? new HttpsAgent({ keepAlive: false }) : new HttpAgent({ keepAlive: false });
  const create = agent.createConnection.bind(agent) as (o: Record<string, unknown>, cb?: unknown) => unknown;
  (agent as unknown as { createConnection: typeof create }).createConnection = (options, cb) => {
    const host = String(options.host ?? '').replace(/^\[|\]$/g, '');
    if (isIP(host) && refusal(host, 'loopback')) throw new Error(refusal(host, 'loopback')!);
    const checked = (hostname: string, o: object, done: (e: Error | null, address?: string | LookupAddress[], family?: number) => void) =>
      lookupCallback(hostname, o, (e, address, family) => {
        if (e) return done(e);
        const all = Array.isArray(address) ? address.map((a) => a.address) : [address as string];
        const bad = all.map((a) => refusal(a, 'loopback')).find(Boolean);
        return bad ? done(new Error(bad)) : done(null, address as string, family as number);
      });
    return create({ ...options, lookup: checked }, cb);
  };
  return agent;
}
