import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { DomainError } from '../../../../libs/domain/src';
import { RATE_LIMIT_BUCKET } from './rate-limit.decorator';
import type { RateLimitBucket } from './rate-limit.config';

/**
 * @nestjs/throttler, applied per bucket: a route is counted only against the throttler named by its
 * @RateLimit (routes without one are not limited), one counter per bucket and client address (req.ip, so
 * X-Forwarded-For counts only when TRUST_PROXY says so), and a refusal in the one error shape with Retry-After.
 */
@Injectable()
export class ClientRateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    return this.bucketOf(ctx) === undefined;
  }

  protected override async handleRequest(r: ThrottlerRequest): Promise<boolean> {
    return r.throttler.name === this.bucketOf(r.context) ? super.handleRequest(r) : true;
  }

  /** Shared across the bucket's routes, unlike the library's per-handler key. */
  protected override generateKey(_ctx: ExecutionContext, tracker: string, bucket: string): string {
    return `${bucket}:${tracker}`;
  }

  protected override async throwThrottlingException(ctx: ExecutionContext, d: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, d.timeToBlockExpire);
    this.setResponseHeader(this.getRequestResponse(ctx).res, 'Retry-After', retryAfterSeconds);
    throw new DomainError('RATE_LIMITED', `Too many requests from your address: at most ${d.limit} in ${d.ttl / 1000} s here. Retry in ${retryAfterSeconds} s.`, {
      limit: d.limit,
      windowSeconds: d.ttl / 1000,
      retryAfterSeconds,
    });
  }

  private bucketOf(ctx: ExecutionContext): RateLimitBucket | undefined {
    return this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT_BUCKET, [ctx.getHandler(), ctx.getClass()]);
  }
}
