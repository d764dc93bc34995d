import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { RATE_LIMIT_EXTENSION } from '../common/api-errors';
import type { RateLimitBucket } from './rate-limit.config';

export const RATE_LIMIT_BUCKET = 'rateLimitBucket';

/**
 * Counts the endpoint's requests against a per-client bucket (rate-limit.config.ts); over the limit the answer is
 * 429 RATE_LIMITED with Retry-After. Every public endpoint names one (an e2e test checks), except the health probe.
 */
export const RateLimit = (bucket: RateLimitBucket) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_BUCKET, bucket),
    ApiExtension(RATE_LIMIT_EXTENSION, bucket), // 429 with Retry-After in the document (common/api-errors)
  );
