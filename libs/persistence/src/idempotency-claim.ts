/**
 * Issue 7's Idempotency-Key store, as the SQL function `idempotency_claim` answers: the key is ours to act on
 * ('proceed'), it already has an answer ('replay'), it was used for another request ('mismatch'), or another
 * request still holds it ('in_progress'). The API's interceptor claims before a handler runs; a handler whose whole
 * effect is one transaction (a ledger movement) claims and answers inside it instead, with an AnswerKey.
 */
export type IdempotencyClaim =
  | { kind: 'proceed'; attempt: number }
  | { kind: 'replay'; statusCode: number; response: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

/** Everything a transaction needs to claim a request's Idempotency-Key and keep its answer (status `statusCode`). */
export interface AnswerKey {
  scope: string;
  caller: string;
  operation: string;
  fingerprint: string;
  statusCode: number;
}
