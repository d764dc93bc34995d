import type { OpenAPIObject } from '@nestjs/swagger';

/** What an error status means on any endpoint; each in the one ErrorResponse shape. */
const MEANINGS: Record<number, string> = {
  400: 'VALIDATION_FAILED: a field is missing, malformed, too long or contains characters that cannot be stored (the message names it)',
  401: 'UNAUTHENTICATED: no token, or it is invalid, expired or revoked',
  403: 'FORBIDDEN: your role may not do this',
  404: 'NOT_FOUND: no such record, or not one you may see',
  409: 'WRONG_STATE / DUPLICATE / BUSY / PUBLICITY_CLOSED: not now (the message says the state and what is allowed)',
  413: 'PAYLOAD_TOO_LARGE: the body or file is over its limit',
  415: 'UNSUPPORTED_MEDIA_TYPE: send JSON (or multipart for uploads) in UTF-8',
  422: 'INELIGIBLE / MATERIALS_INCOMPLETE / IDEMPOTENCY_KEY_REUSED / HOLDER_NOT_ALLOWED …: a rule refuses it, with every reason',
  429: 'RATE_LIMITED: too many requests from your client; retry after Retry-After seconds',
  431: 'HEADERS_TOO_LARGE: the request headers are over the server limit',
  503: 'TEMPORAL_UNAVAILABLE / DATABASE_UNAVAILABLE / STEP_FAILED / TRY_AGAIN / NOT_READY: an outage or a lost race; the same request may succeed after Retry-After seconds',
};

/** Marks a public operation in the document (no bearer token needed). */
export const PUBLIC_EXTENSION = 'x-public';
/** Marks a rate-limited operation in the document, with its bucket. */
export const RATE_LIMIT_EXTENSION = 'x-rate-limit';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Operations that touch neither PostgreSQL nor Temporal, so never answer 503. */
const NO_DEPENDENCIES = new Set(['/health/live']);
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

/**
 * Every operation documents every error it can answer, in the one ErrorResponse shape, so the document is a
 * contract a client (and the contract tests) can hold the API to: the edge's errors for all (400, 404, 431,
 * 503), authentication and role for operations that need a token (401, 403), body limits for operations
 * that take one (413, 415), state and rules for mutating ones (409, 422), 429 where a rate limit applies.
 * Controllers document their successes and any error worth its own words; this adds the rest.
 */
export function documentEveryResponse(doc: OpenAPIObject): OpenAPIObject {
  const error = (status: number, extra: object = {}) => ({
    description: MEANINGS[status],
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    ...extra,
  });
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (Record<string, unknown> & { responses: Record<string, unknown>; requestBody?: unknown; security?: unknown[] }) | undefined;
      if (!op) continue;
      const isPublic = op[PUBLIC_EXTENSION] === true;
      op.security = isPublic ? [] : [{ bearer: [] }];
      const statuses = NO_DEPENDENCIES.has(path) ? [400, 404, 431] : [400, 404, 431, 503];
      if (!isPublic) statuses.push(401, 403);
      if (op.requestBody) statuses.push(413, 415);
      if (method !== 'get') statuses.push(409, 422);
      for (const status of statuses) op.responses[status] ??= error(status);
      if (op[RATE_LIMIT_EXTENSION]) op.responses[429] ??= error(429);
      // Every "try again later" answer says when, whoever documented it first.
      for (const status of [429, 503]) {
        const r = op.responses[status] as { headers?: Record<string, unknown> } | undefined;
        if (r) r.headers = { ...retryAfter, ...r.headers };
      }
    }
  }
  return doc;
}
