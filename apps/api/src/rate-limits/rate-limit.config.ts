/**
 * Abuse limits per client address (issue 7): how many requests one client may make in a window, per bucket of
 * endpoints. A bucket's routes share one counter per client.
 *
 * - public: disclosure reads (everything under /public, GET /methodologies, /calendar/…).
 * - comments: public comments on a publicity notice; tight, because every standing comment forces a revision round.
 * - login: guesses at a secret a person holds (login, invitation acceptance, password change).
 * - refresh: refresh-token rotation and logout.
 */
export const RATE_LIMIT_BUCKETS = ['public', 'comments', 'login', 'refresh'] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** `<requests>/<seconds>`; `off` lifts the limit (for a trusted test or load run). */
export const RATE_LIMIT_VARIABLES: Record<RateLimitBucket, { variable: string; fallback: string }> = {
  public: { variable: 'RATE_LIMIT_PUBLIC', fallback: '120/60' },
  comments: { variable: 'RATE_LIMIT_COMMENTS', fallback: '5/600' },
  login: { variable: 'RATE_LIMIT_LOGIN', fallback: '10/60' },
  refresh: { variable: 'RATE_LIMIT_REFRESH', fallback: '30/60' },
};

/** Each bucket's rule from the environment (null: off). Throws at start-up on a value it cannot read. */
export function rateLimitRules(env: NodeJS.ProcessEnv = process.env): Record<RateLimitBucket, RateLimitRule | null> {
  const rules = {} as Record<RateLimitBucket, RateLimitRule | null>;
  for (const bucket of RATE_LIMIT_BUCKETS) {
    const { variable, fallback } = RATE_LIMIT_VARIABLES[bucket];
    const text = (env[variable] ?? fallback).trim();
    const m = /^(\d{1,6})\s*\/\s*(\d{1,6})$/.exec(text);
    if (text === 'off') rules[bucket] = null;
    else if (m && Number(m[1]) > 0 && Number(m[2]) > 0) rules[bucket] = { limit: Number(m[1]), windowSeconds: Number(m[2]) };
    else throw new Error(`${variable} must be <requests>/<seconds> (e.g. ${fallback}) or off; got ${JSON.stringify(text)}.`);
  }
  return rules;
}

/**
 * Express's `trust proxy` from TRUST_PROXY. Unset: the client is the TCP peer and X-Forwarded-For is ignored,
 * so nobody escapes a limit by inventing that header. Behind a reverse proxy set the number of proxy hops
 * (`1`) or the proxies' addresses (`loopback`, `10.0.0.0/8`, comma-separated). `true` (trust every hop) is
 * refused: it would let the client choose its own address.
 */
export function trustProxySetting(env: NodeJS.ProcessEnv = process.env): false | number | string {
  const text = (env.TRUST_PROXY ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  if (text === 'true') throw new Error('TRUST_PROXY=true would trust an address any client can write; give the number of proxy hops or the proxies\' addresses.');
  return text;
}
