import { Client } from 'pg';

/**
 * Counts the database round trips this process makes while `fn` runs: every statement any pg client sends (the
 * API's pool, TypeORM's BEGIN/COMMIT, the audit trail's and the idempotency store's writes) goes through
 * `Client.prototype.query`, so wrapping it for the duration sees them all.
 */
export async function countingRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; roundTrips: number }> {
  const original = Client.prototype.query;
  let roundTrips = 0;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    roundTrips += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const result = await fn();
    return { result, roundTrips };
  } finally {
    Client.prototype.query = original;
  }
}
