import { isIP } from 'node:net';
import type { Request } from 'express';
import { sanitisedText, type Actor } from '../../../../libs/domain/src';

/** The HTTP methods that change something: each such request is one audit row. */
export const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type MutatingMethod = (typeof MUTATING_METHODS)[number];
export const isMutating = (method: string): method is MutatingMethod => (MUTATING_METHODS as readonly string[]).includes(method);

export const AUDIT_OUTCOMES = ['accepted', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** accepted = 2xx/3xx, refused = 4xx (the caller's request was not acted on), failed = 5xx (ours). */
export function outcomeOf(statusCode: number): AuditOutcome {
  return statusCode < 400 ? 'accepted' : statusCode < 500 ? 'refused' : 'failed';
}

/** What a handler may leave on the request for the audit row: who acted (the guard, a login) and on what. */
export interface AuditedRequest extends Request {
  actor?: Actor;
  /** The subject the handler names when the route's parameters do not say it, e.g. the e-mail a login was for. */
  auditTarget?: unknown;
}

/** The status recorded when the client hung up before the answer (nginx's convention); the action may still have run. */
export const CLIENT_CLOSED_REQUEST = 499;

export interface AuditEntry {
  occurredAt: Date;
  requestId: string;
  actor: { userId: string | null; role: string | null; organisationId: string | null; name: string | null } | null;
  method: MutatingMethod;
  route: string | null;
  action: string;
  target: Record<string, unknown>;
  outcome: AuditOutcome;
  statusCode: number;
  errorCode: string | null;
  clientIp: string | null;
  durationMs: number;
}

const MAX_PATH = 1024;
const MAX_TEXT = 512;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Text as PostgreSQL can store it: an attacker must not dodge the trail with a NUL or a lone surrogate in a path
 * parameter (both make the insert fail), so those become U+FFFD; long values are cut.
 */
function storable(s: string, max = MAX_TEXT): string {
  const clean = sanitisedText(s, max + 1);
  return [...clean].length > max ? `${[...clean].slice(0, max).join('')}…` : clean;
}

function storableJson(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return storable(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (depth >= 3 || typeof v !== 'object') return storable(String(v));
  if (Array.isArray(v)) return v.slice(0, 20).map((x) => storableJson(x, depth + 1));
  return Object.fromEntries(Object.entries(v).slice(0, 20).map(([k, x]) => [storable(k, 100), storableJson(x, depth + 1)]));
}

/**
 * The template of the route that answered, if one did. Middleware mounted for every path (Nest registers
 * `forRoutes('*')` middleware, e.g. the request logger, as the Express route `/{*path}`) leaves its route on the
 * request, also when no controller route matches afterwards: a catch-all template names no action, so it counts
 * as none. (No controller of ours has a wildcard path.)
 */
function routeTemplate(req: AuditedRequest): string | null {
  const path: unknown = req.route?.path;
  if (typeof path !== 'string' || path.includes('{*')) return null;
  return storable(`${req.baseUrl ?? ''}${path}`, MAX_PATH);
}

/**
 * One audit row from a finished (or abandoned) request. The body is never read: it may hold passwords.
 * A request refused before routing (unknown path, unreadable or too large body) has no route template; its
 * action then names the path.
 */
export function auditEntry(
  req: AuditedRequest,
  res: { statusCode: number },
  seen: { requestId: string; occurredAt: Date; durationMs: number; errorCode?: string; abandoned: boolean },
): AuditEntry {
  const method = req.method as MutatingMethod;
  const route = routeTemplate(req);
  const target: Record<string, unknown> = route ? (storableJson({ ...req.params }) as Record<string, unknown>) : {};
  if (req.auditTarget !== undefined) target.subject = storableJson(req.auditTarget);
  const statusCode = seen.abandoned ? CLIENT_CLOSED_REQUEST : res.statusCode;
  const a = req.actor;
  return {
    occurredAt: seen.occurredAt,
    requestId: seen.requestId,
    actor: a
      ? {
          userId: UUID.test(String(a.userId)) ? a.userId : null,
          role: a.role ? storable(String(a.role), 50) : null,
          organisationId: UUID.test(String(a.organisationId)) ? a.organisationId : null,
          name: a.name ? storable(String(a.name), 200) : null,
        }
      : null,
    method,
    route,
    action: `${method} ${route ?? storable(req.path, MAX_PATH)}`,
    target,
    outcome: outcomeOf(statusCode),
    statusCode,
    errorCode: seen.abandoned ? 'CLIENT_CLOSED_REQUEST' : seen.errorCode ? storable(seen.errorCode, 100) : null,
    clientIp: req.ip && isIP(req.ip) ? req.ip : null,
    durationMs: Math.max(0, Math.round(seen.durationMs)),
  };
}
