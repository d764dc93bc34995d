import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type Claim =
  | { kind: 'proceed'; attempt: number }
  | { kind: 'replay'; statusCode: number; response: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

/** How long a request holds its key; after that (a process that died mid-request) another request may take it. */
const LOCK_SECONDS = 60;

/** The Idempotency-Key store: one row per (caller, operation, key), holding the request's fingerprint and its answer. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  /** Takes the key for this request, or says why not (answered already, another request, still running). */
  async claim(k: { scope: string; caller: string; operation: string; fingerprint: string }): Promise<Claim> {
    const [fresh] = await this.db.query(
      `INSERT INTO idempotency_keys (scope, caller, operation, fingerprint, state, locked_until)
       VALUES ($1, $2, $3, $4, 'in_progress', now() + make_interval(secs => $5)) ON CONFLICT (scope) DO NOTHING RETURNING attempt`,
      [k.scope, k.caller, k.operation, k.fingerprint, LOCK_SECONDS],
    );
    if (fresh) return { kind: 'proceed', attempt: fresh.attempt };
    return this.db.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT fingerprint, state, attempt, status_code AS "statusCode", response, locked_until > now() AS locked FROM idempotency_keys WHERE scope = $1 FOR UPDATE`,
        [k.scope],
      );
      if (row.fingerprint !== k.fingerprint) return { kind: 'mismatch' } as Claim;
      if (row.state === 'done') return { kind: 'replay', statusCode: row.statusCode, response: row.response } as Claim;
      if (row.locked) return { kind: 'in_progress' } as Claim;
      await m.query(`UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $2), updated_at = now() WHERE scope = $1`, [k.scope, LOCK_SECONDS]);
      return { kind: 'proceed', attempt: row.attempt } as Claim;
    });
  }

  /** The request's answer, kept for every retry with the same key. */
  async complete(scope: string, statusCode: number, response: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'done', status_code = $2, response = $3, locked_until = NULL, updated_at = now() WHERE scope = $1`,
      [scope, statusCode, JSON.stringify(response ?? null)],
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
