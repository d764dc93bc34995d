import { CallHandler, ExecutionContext, HttpStatus, Injectable, Logger, NestInterceptor, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash, randomUUID } from 'node:crypto';
import { catchError, from, map, mergeMap, Observable, of, throwError } from 'rxjs';
import { DomainError } from '../../../../libs/domain/src';
import type { AnswerKey, IdempotencyClaim } from '../../../../libs/persistence/src/idempotency-claim';
import { errorBody, ReplayedError } from '../common/domain-exception.filter';
import { EdgeError } from '../common/edge-error';
import { isRetryable } from '../common/error-codes';
import { Claim, IdempotencyRepository } from './idempotency.repository';

/** What a handler uses to act once per key: the Temporal Update ID, and a stable key for other stores (the ledger). */
export interface IdempotencyContext {
  /** Stable for (caller, operation, Idempotency-Key); random without a key. */
  scope: string;
  /** The Update ID of this attempt: a retry after a timeout joins the same Update; after a failed step it is a new one. */
  updateId: string;
  /** True when the client sent an Idempotency-Key. */
  keyed: boolean;
  /** With `@Idempotent({ claimedInHandler: true })` and a key: what the handler's transaction claims and answers under. */
  answer?: AnswerKey;
}

export const CLAIMED_IN_HANDLER = 'idempotency:claimedInHandler';

/** A handler's answer that its key already had one, or is another request's: the interceptor answers as for its own claim. */
export class KeptAnswer {
  constructor(readonly claim: Exclude<IdempotencyClaim, { kind: 'proceed' }>) {}
}

/** The context of a request without an Idempotency-Key (and of calls made in-process, by scripts and tests). */
export const unkeyed = (): IdempotencyContext => ({ scope: randomUUID(), updateId: randomUUID(), keyed: false });

const KEY = /^[\x21-\x7e]{1,255}$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Object keys sorted, so the same request always has the same fingerprint. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]));
  return v;
}

/**
 * `Idempotency-Key` means one request: the key is scoped to the caller and the operation (method + route),
 * and fingerprinted with the request (path parameters, query, body, an uploaded file's digest). The same
 * request again gets the first response (header `Idempotent-Replayed: true`); a different request with the
 * same key answers 422 IDEMPOTENCY_KEY_REUSED; the same key while the first is still running answers 409
 * BUSY. Answers that mean "try again later" (5xx, BUSY, RATE_LIMITED) are not kept. The claim and the answer are
 * the SQL functions `idempotency_claim` / `idempotency_complete`, which a handler claimed in its own transaction
 * (`@Idempotent({ claimedInHandler: true })`) calls there.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly log = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyRepository, private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest();
    const res = ctx.switchToHttp().getResponse();
    const key: unknown = req.headers['idempotency-key'];
    if (key === undefined) {
      req.idempotency = unkeyed();
      return next.handle();
    }
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new DomainError('VALIDATION_FAILED', 'The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces.', { field: 'Idempotency-Key' });
    }
    const caller = req.actor?.userId ?? `anonymous:${req.ip}`;
    const operation = `${req.method} ${req.route?.path ?? req.path}`;
    const scope = sha256(`${caller}\n${operation}\n${key}`);
    const fingerprint = sha256(JSON.stringify(canonical({ params: req.params, query: req.query, body: req.body ?? null, file: req.file?.buffer ? sha256(req.file.buffer.toString('base64')) : null })));
    const successStatus = this.reflector.get<number>(HTTP_CODE_METADATA, ctx.getHandler())
      ?? (this.reflector.get<RequestMethod>(METHOD_METADATA, ctx.getHandler()) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);

    if (this.reflector.get<boolean>(CLAIMED_IN_HANDLER, ctx.getHandler())) {
      const answer: AnswerKey = { scope, caller, operation, fingerprint, statusCode: successStatus };
      req.idempotency = { scope, updateId: `${scope}:1`, keyed: true, answer } satisfies IdempotencyContext;
      return next.handle().pipe(
        catchError((e) => {
          const b = errorBody(e);
          if (isRetryable(b.code)) return throwError(() => e); // rolled back with the claim: nothing to free
          return from(this.store.keepRefusal(answer, b).catch((x) => this.log.warn(`could not keep the outcome for key ${key}: ${x}`))).pipe(mergeMap(() => throwError(() => e)));
        }),
        mergeMap((result) => (result instanceof KeptAnswer ? this.answerFor(result.claim, key, operation, res) : of(result))),
      );
    }

    return from(this.store.claim({ scope, caller, operation, fingerprint })).pipe(
      mergeMap((claim) => {
        if (claim.kind !== 'proceed') return this.answerFor(claim, key, operation, res);
        req.idempotency = { scope, updateId: `${scope}:${claim.attempt}`, keyed: true } satisfies IdempotencyContext;
        return next.handle().pipe(
          // Kept before the response goes out, so a retry right after it finds the answer.
          mergeMap((result) => from(this.store.complete(scope, successStatus, result).catch((e) => this.log.warn(`could not keep the answer for key ${key}: ${e}`))).pipe(map(() => result))),
          catchError((e) => {
            const b = errorBody(e);
            const kept = isRetryable(b.code) ? this.store.release(scope, b.code === 'STEP_FAILED') : this.store.complete(scope, b.statusCode, b);
            return from(kept.catch((x) => this.log.warn(`could not keep the outcome for key ${key}: ${x}`))).pipe(mergeMap(() => throwError(() => e)));
          }),
        );
      }),
    );
  }

  /** A key that is not this request's to act on: the kept answer again, or why not. */
  private answerFor(claim: Exclude<Claim, { kind: 'proceed' }>, key: string, operation: string, res: { setHeader(name: string, value: string): unknown }): Observable<unknown> {
    switch (claim.kind) {
      case 'mismatch':
        return throwError(() => new EdgeError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was already used by you for a different ${operation} request; use a new key for a new request.`));
      case 'in_progress':
        return throwError(() => new DomainError('BUSY', `A request with Idempotency-Key ${key} is still being processed; retry in a moment.`));
      case 'replay':
        res.setHeader('Idempotent-Replayed', 'true');
        if (claim.statusCode >= 400) return throwError(() => new ReplayedError(claim.response as never));
        return of(claim.response);
    }
  }
}
