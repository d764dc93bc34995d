import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { CLAIMED_IN_HANDLER, IdempotencyContext, IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Marks a mutating endpoint as idempotent with an optional `Idempotency-Key` header (documented in the
 * OpenAPI document). Put it after a FileInterceptor so an uploaded file is part of the fingerprint.
 *
 * `claimedInHandler`: the handler's whole effect is one database transaction, which claims the key and keeps the
 * answer itself (`IdempotencyContext.answer`, e.g. `ledger_move`), saving the two round trips of the claim and the
 * answer; the handler returns `KeptAnswer` when the key already had one. Same guarantees, except that a request
 * arriving while another with its key is running waits for it and answers the same, instead of 409 BUSY.
 */
export const Idempotent = (options: { claimedInHandler?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(CLAIMED_IN_HANDLER, options.claimedInHandler === true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Optional; 1–255 printable ASCII characters. The same request again with the same key answers the first response and acts once; the same key with a different request answers 422.',
    }),
  );

/** The request's idempotency context (set by @Idempotent's interceptor). */
export const Idempotency = createParamDecorator((_: unknown, ctx: ExecutionContext): IdempotencyContext => ctx.switchToHttp().getRequest().idempotency);
