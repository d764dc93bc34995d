import { Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClientRateLimitGuard } from './client-rate-limit.guard';
import { RATE_LIMIT_BUCKETS, rateLimitRules, trustProxySetting } from './rate-limit.config';

/**
 * Per-client rate limits on public endpoints and logins (issue 7). Counters live in this process (the
 * library's in-memory storage): with N API replicas a client gets up to N times the limit. Also sets which
 * address is the client (TRUST_PROXY), since the limits are what that decision protects.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      useFactory: () => {
        const rules = rateLimitRules();
        return {
          throttlers: RATE_LIMIT_BUCKETS.flatMap((name) => {
            const rule = rules[name];
            return rule ? [{ name, limit: rule.limit, ttl: rule.windowSeconds * 1000 }] : [];
          }),
          // Only Retry-After, on a refusal (set by the guard); no per-bucket X-RateLimit-* headers.
          setHeaders: false,
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ClientRateLimitGuard }],
})
export class RateLimitsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter?.getInstance()?.set?.('trust proxy', trustProxySetting());
  }
}
