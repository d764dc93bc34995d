/**
 * Database errors that say nothing about the request and go away on their own (fault 9), in two kinds:
 * - 'unavailable': PostgreSQL is down, unreachable, starting or stopping, or did not answer in time;
 * - 'try-again': the transaction lost a race (serialization failure, deadlock) and was rolled back.
 * Anything else — constraint violations, data exceptions, bugs — is not transient.
 */
export interface TransientDatabaseError {
  kind: 'unavailable' | 'try-again';
  /** The SQLSTATE, socket error code or driver message that says so (never an address). */
  reason: string;
}

/** SQLSTATEs: 40001 serialization_failure, 40P01 deadlock_detected. */
const LOST_RACE = new Set(['40001', '40P01']);
/**
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down), 57014
 * query_canceled (statement_timeout), 53300 too_many_connections; and class 08, connection exceptions.
 */
const SERVER_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '57014', '53300']);
/** Node socket errors while connecting to or talking with PostgreSQL. */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** pg and pg-pool raise these without a code when a connection is lost, cannot be made in time, or goes silent. */
const DRIVER_MESSAGES = [
  /^Connection terminated/, // unexpectedly / due to connection timeout
  /^timeout exceeded when trying to connect$/, // pg-pool: no free connection within connectionTimeoutMillis
  /^Query read timeout$/, // query_timeout
  /is not queryable/, // a client whose connection already failed
];

/** Classifies `e` — a pg error, TypeORM's QueryFailedError around one, or a socket error — as transient, or not. */
export function transientDatabaseError(e: unknown): TransientDatabaseError | undefined {
  for (const c of causes(e)) {
    const code = typeof c.code === 'string' ? c.code : undefined;
    const message = typeof c.message === 'string' ? c.message : '';
    if (code && LOST_RACE.has(code)) return { kind: 'try-again', reason: code };
    if (code && (SERVER_UNAVAILABLE.has(code) || code.startsWith('08'))) return { kind: 'unavailable', reason: `${code}: ${message}` };
    if (code && SOCKET_ERRORS.has(code)) return { kind: 'unavailable', reason: code };
    if (DRIVER_MESSAGES.some((m) => m.test(message))) return { kind: 'unavailable', reason: message };
  }
  return undefined;
}

type Cause = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };

/** `e` and what it wraps: TypeORM's driverError, Error.cause, and the attempts of an AggregateError (IPv4 + IPv6). */
function causes(e: unknown, depth = 0): Cause[] {
  if (!e || typeof e !== 'object' || depth > 4) return [];
  const c = e as Cause;
  const nested = [c.driverError, c.cause, ...(Array.isArray(c.errors) ? c.errors : [])];
  return [c, ...nested.flatMap((n) => causes(n, depth + 1))];
}
