/**
 * Lifetimes of what the auth context hands out, from the environment. Durations are whole seconds or a number
 * with a unit: `900`, `15m`, `12h`, `7d`.
 */
/** Injection token of the AuthConfig, read from the environment when the module starts. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

export interface AuthConfig {
  /** Access tokens (JWT): short, so a stolen one is worth little; the per-request user check ends them sooner. */
  accessTokenTtlSeconds: number;
  /** Refresh tokens: each use replaces the token and restarts this period (idle timeout of a login). */
  refreshTokenTtlSeconds: number;
  /** Tokens `npm run seed` prints for the demo users (issued directly, no login). */
  seedTokenTtlSeconds: number;
  /** How long the guard may reuse a user's state read from the database (0 = read on every request). */
  userCacheMs: number;
  /** One-time invitation codes for new users. */
  invitationTtlSeconds: number;
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `900` | `15m` | `12h` | `7d` → seconds; anything else throws, naming the variable (fail at start-up, not at login). */
export function durationSeconds(text: string, variable: string): number {
  const m = /^\s*(\d{1,9})\s*([smhd]?)\s*$/.exec(text);
  const seconds = m ? Number(m[1]) * UNIT_SECONDS[(m[2] || 's') as keyof typeof UNIT_SECONDS] : NaN;
  if (!(seconds > 0)) throw new Error(`${variable} must be a positive duration such as 900, 15m, 12h or 7d; got ${JSON.stringify(text)}.`);
  return seconds;
}

export function authConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const cacheMs = Number(env.AUTH_USER_CACHE_MS ?? 5000);
  if (!Number.isInteger(cacheMs) || cacheMs < 0) throw new Error(`AUTH_USER_CACHE_MS must be a whole number of milliseconds ≥ 0; got ${env.AUTH_USER_CACHE_MS}.`);
  return {
    accessTokenTtlSeconds: durationSeconds(env.ACCESS_TOKEN_TTL ?? '15m', 'ACCESS_TOKEN_TTL'),
    refreshTokenTtlSeconds: durationSeconds(env.REFRESH_TOKEN_TTL ?? '7d', 'REFRESH_TOKEN_TTL'),
    seedTokenTtlSeconds: durationSeconds(env.SEED_TOKEN_TTL ?? '12h', 'SEED_TOKEN_TTL'),
    userCacheMs: cacheMs,
    invitationTtlSeconds: 72 * 3600,
  };
}
