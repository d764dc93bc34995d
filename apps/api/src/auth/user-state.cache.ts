import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from './auth-config';
import { UserAccessState, UsersRepository } from './users.repository';

interface Entry {
  state: Promise<UserAccessState | undefined>;
  expiresAt: number;
}

/**
 * The guard's read of a user's state, kept for AUTH_USER_CACHE_MS (default 5 s) so a burst of requests costs one
 * query, and dropped at once when this process changes the user. Another API replica sees a change within the
 * TTL: that is the revocation delay. Written here (a Map with expiry) because the need is this small: TTL,
 * eviction by user, and a size bound.
 */
@Injectable()
export class UserStateCache {
  private readonly entries = new Map<string, Entry>();
  private static readonly MAX_ENTRIES = 10_000;
  now = () => Date.now();

  constructor(
    private readonly users: UsersRepository,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  get(userId: string, sessionId?: string): Promise<UserAccessState | undefined> {
    const ttl = this.config.userCacheMs;
    if (ttl <= 0) return this.users.accessState(userId, sessionId);
    const key = `${userId}/${sessionId ?? ''}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.state;
    if (this.entries.size >= UserStateCache.MAX_ENTRIES) this.sweep(now);
    const state = this.users.accessState(userId, sessionId);
    this.entries.set(key, { state, expiresAt: now + ttl });
    void state.catch(() => this.entries.delete(key)); // a failed read is not remembered
    return state;
  }

  /** After this process changed the user: the next request reads the database. */
  forget(userId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${userId}/`)) this.entries.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size >= UserStateCache.MAX_ENTRIES) this.entries.clear();
  }
}
