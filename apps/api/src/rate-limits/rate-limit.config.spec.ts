import { rateLimitRules, trustProxySetting } from './rate-limit.config';

describe('rate limits from the environment', () => {
  it('defaults: public reads 120/min, comments 5 per 10 min, logins 10/min, refresh 30/min per client', () => {
    expect(rateLimitRules({})).toEqual({
      public: { limit: 120, windowSeconds: 60 },
      comments: { limit: 5, windowSeconds: 600 },
      login: { limit: 10, windowSeconds: 60 },
      refresh: { limit: 30, windowSeconds: 60 },
    });
  });

  it('each bucket is set by its own variable, and off lifts it', () => {
    const rules = rateLimitRules({ RATE_LIMIT_COMMENTS: '2/30', RATE_LIMIT_LOGIN: 'off' });
    expect(rules.comments).toEqual({ limit: 2, windowSeconds: 30 });
    expect(rules.login).toBeNull();
    expect(rules.public).toEqual({ limit: 120, windowSeconds: 60 });
  });

  it.each(['5', '0/60', '5/0', '5 per minute', '-1/60'])('%j is refused at start-up, naming the variable', (value) => {
    expect(() => rateLimitRules({ RATE_LIMIT_PUBLIC: value })).toThrow(/^RATE_LIMIT_PUBLIC must be <requests>\/<seconds>/);
  });
});

describe('which address is the client', () => {
  it('by default X-Forwarded-For is not trusted: the client is the TCP peer', () => {
    expect(trustProxySetting({})).toBe(false);
    expect(trustProxySetting({ TRUST_PROXY: 'false' })).toBe(false);
  });
  it('behind a proxy: a hop count or the proxies’ addresses', () => {
    expect(trustProxySetting({ TRUST_PROXY: '1' })).toBe(1);
    expect(trustProxySetting({ TRUST_PROXY: 'loopback, 10.0.0.0/8' })).toBe('loopback, 10.0.0.0/8');
  });
  it('trusting every hop is refused: the client could pick its own address', () => {
    expect(() => trustProxySetting({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true/);
  });
});
