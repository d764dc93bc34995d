import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from '../common/error-response';
import type { RateLimitBucket } from './rate-limit.config';

export const RATE_LIMIT_BUCKET = 'rateLimitBucket';

/**
 * Counts the endpoint's requests against a per-client bucket (rate-limit.config.ts); over the limit the answer is
 * 429 RATE_LIMITED with Retry-After. Every public endpoint names one (an e2e test checks), except the health probe.
 */
export const RateLimit = (bucket: RateLimitBucket) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_BUCKET, bucket),
    ApiResponse({
      status: 429,
      type: ErrorResponse,
      description: `RATE_LIMITED: too many requests from this client (bucket "${bucket}")`,
      headers: { 'Retry-After': { description: 'Seconds until a request is accepted again', schema: { type: 'integer' } } },
    }),
  );
