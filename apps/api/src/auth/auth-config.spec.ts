import { authConfig, durationSeconds } from './auth-config';

describe('auth lifetimes from the environment', () => {
  it.each([
    ['900', 900],
    ['15m', 900],
    ['12h', 43_200],
    ['7d', 604_800],
    [' 30s ', 30],
  ])('%j is %d seconds', (text, seconds) => {
    expect(durationSeconds(text, 'X')).toBe(seconds);
  });

  it.each(['', '0', '-5m', '15 minutes', '1.5h', '1w'])('%j is refused, naming the variable', (text) => {
    expect(() => durationSeconds(text, 'ACCESS_TOKEN_TTL')).toThrow(/^ACCESS_TOKEN_TTL must be a positive duration/);
  });

  it('defaults: 15-minute access tokens, 7-day refresh, 12-hour seed tokens, a 5-second user cache, 72-hour invitations', () => {
    expect(authConfig({})).toEqual({
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 604_800,
      seedTokenTtlSeconds: 43_200,
      userCacheMs: 5000,
      invitationTtlSeconds: 259_200,
    });
  });

  it('AUTH_USER_CACHE_MS=0 turns the cache off; a negative value is refused', () => {
    expect(authConfig({ AUTH_USER_CACHE_MS: '0' }).userCacheMs).toBe(0);
    expect(() => authConfig({ AUTH_USER_CACHE_MS: '-1' })).toThrow(/AUTH_USER_CACHE_MS/);
  });
});
