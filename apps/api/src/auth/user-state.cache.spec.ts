import type { AuthConfig } from './auth-config';
import { UserStateCache } from './user-state.cache';
import type { UserAccessState, UsersRepository } from './users.repository';

function cacheWith(userCacheMs: number) {
  const reads: string[] = [];
  const repo = {
    accessState: async (userId: string, sessionId?: string) => {
      reads.push(`${userId}/${sessionId ?? ''}`);
      return { tokenVersion: reads.length } as UserAccessState;
    },
  } as unknown as UsersRepository;
  const cache = new UserStateCache(repo, { userCacheMs } as AuthConfig);
  let now = 1_000;
  cache.now = () => now;
  return { cache, reads, advance: (ms: number) => (now += ms) };
}

describe("the guard's user-state cache", () => {
  it('reuses a read for AUTH_USER_CACHE_MS, then reads again', async () => {
    const { cache, reads, advance } = cacheWith(5000);
    await cache.get('u1', 's1');
    await cache.get('u1', 's1');
    advance(4999);
    await cache.get('u1', 's1');
    expect(reads).toEqual(['u1/s1']);
    advance(1);
    await cache.get('u1', 's1');
    expect(reads).toEqual(['u1/s1', 'u1/s1']);
  });

  it('keys by user and session', async () => {
    const { cache, reads } = cacheWith(5000);
    await cache.get('u1', 's1');
    await cache.get('u1', 's2');
    await cache.get('u1');
    await cache.get('u2', 's1');
    expect(reads).toEqual(['u1/s1', 'u1/s2', 'u1/', 'u2/s1']);
  });

  it('ROLE-1: a change made in this process is seen on the next request (forget drops every entry of the user)', async () => {
    const { cache, reads } = cacheWith(5000);
    await cache.get('u1', 's1');
    await cache.get('u1');
    await cache.get('u2');
    cache.forget('u1');
    await cache.get('u1', 's1');
    await cache.get('u1');
    await cache.get('u2');
    expect(reads).toEqual(['u1/s1', 'u1/', 'u2/', 'u1/s1', 'u1/']);
  });

  it('0 turns it off: every request reads the database', async () => {
    const { cache, reads } = cacheWith(0);
    await cache.get('u1');
    await cache.get('u1');
    expect(reads).toHaveLength(2);
  });
});
