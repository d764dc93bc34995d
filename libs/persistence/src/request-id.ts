import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's X-Request-Id is kept when it is printable ASCII of at most 128 characters; otherwise we make one. */
export function isAcceptableRequestId(v: unknown): v is string {
  return typeof v === 'string' && /^[\x20-\x7e]{1,128}$/.test(v) && v.trim() === v && v !== '';
}

/**
 * The request's id, assigned once: the logs (pino-http's genReqId), the audit log and the X-Request-Id response
 * header all carry the same value, so a log line and an audit row of one request join.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  const id = isAcceptableRequestId(incoming) ? incoming : randomUUID();
  req.id = id;
  if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
