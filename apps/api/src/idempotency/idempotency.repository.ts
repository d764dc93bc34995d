import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AnswerKey, IdempotencyClaim } from '../../../../libs/persistence/src/idempotency-claim';

export type Claim = IdempotencyClaim;

/** The Idempotency-Key store: one row per (caller, operation, key), holding the request's fingerprint and its answer. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Takes the key for this request, or says why not (answered already, another request, still running): the SQL
   * function `idempotency_claim`, one round trip. A request holds its key for 60 s (the function's default); after
   * that (a process that died mid-request) another request may take it.
   */
  async claim(k: { scope: string; caller: string; operation: string; fingerprint: string }): Promise<Claim> {
    const [{ claim }] = await this.db.query(`SELECT idempotency_claim($1, $2, $3, $4) AS claim`, [k.scope, k.caller, k.operation, k.fingerprint]);
    return claim as Claim;
  }

  /** The request's answer, kept for every retry with the same key. */
  async complete(scope: string, statusCode: number, response: unknown): Promise<void> {
    await this.db.query(`SELECT idempotency_complete($1, $2, $3::jsonb)`, [scope, statusCode, JSON.stringify(response ?? null)]);
  }

  /**
   * The refusal of a request whose handler claims its key inside its own transaction (a ledger movement): that
   * transaction rolled back with the claim, so the answer is kept here — unless a concurrent request with the same
   * key has kept one meanwhile, which then stands.
   */
  async keepRefusal(k: AnswerKey, response: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO idempotency_keys (scope, caller, operation, fingerprint, state, status_code, response) VALUES ($1, $2, $3, $4, 'done', $5, $6)
       ON CONFLICT (scope) DO NOTHING`,
      [k.scope, k.caller, k.operation, k.fingerprint, k.statusCode, JSON.stringify(response ?? null)],
    );
  }

  /**
   * The request ended without an answer worth keeping (try again later): free the key. `nextAttempt` when
   * its outcome is known to be "nothing happened" (a failed case step), so a retry is a new attempt; not
   * when the outcome is unknown (a timeout), so a retry joins the same attempt and acts at most once.
   */
  async release(scope: string, nextAttempt: boolean): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET locked_until = NULL, attempt = attempt + $2, updated_at = now() WHERE scope = $1 AND state = 'in_progress'`,
      [scope, nextAttempt ? 1 : 0],
    );
  }
}
