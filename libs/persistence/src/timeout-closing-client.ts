import { Client } from 'pg';

/** pg's error when `query_timeout` passes before the server has answered. */
const QUERY_READ_TIMEOUT = 'Query read timeout';

/**
 * The pool's client class. After a client-side query timeout pg keeps the connection busy with the unanswered query
 * and lends it out again — possibly in the middle of a transaction whose ROLLBACK never reached the server. Closing
 * such a connection makes the pool drop it and open a fresh one when the server answers again.
 */
export class TimeoutClosingClient extends Client {
  // Every overload of pg's query() comes through here (hence `any`); only the promise and callback forms time out.
  override query(...args: unknown[]): any {
    const callback: unknown = args[args.length - 1];
    if (typeof callback === 'function') {
      args[args.length - 1] = (err: Error | null, result: unknown) => {
        this.closeIfTimedOut(err);
        (callback as (e: Error | null, r: unknown) => void)(err, result);
      };
    }
    const result: unknown = (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (!(result instanceof Promise)) return result;
    return result.catch((err: Error) => {
      this.closeIfTimedOut(err);
      throw err;
    });
  }

  private closeIfTimedOut(err: Error | null): void {
    if (err?.message === QUERY_READ_TIMEOUT) this.end().catch(() => undefined);
  }
}
