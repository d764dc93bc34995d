import { applyDecorators, createParamDecorator, ExecutionContext, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyContext, IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Marks a mutating endpoint as idempotent with an optional `Idempotency-Key` header (documented in the
 * OpenAPI document). Put it after a FileInterceptor so an uploaded file is part of the fingerprint.
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Optional; 1–255 printable ASCII characters. The same request again with the same key answers the first response and acts once; the same key with a different request answers 422.',
    }),
  );

/** The request's idempotency context (set by @Idempotent's interceptor). */
export const Idempotency = createParamDecorator((_: unknown, ctx: ExecutionContext): IdempotencyContext => ctx.switchToHttp().getRequest().idempotency);
