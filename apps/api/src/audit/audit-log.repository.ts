import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntry, AuditOutcome } from './audit-entry';

export interface AuditFilter {
  actorUserId?: string;
  organisationId?: string;
  action?: string;
  /** A route parameter's value or the recorded subject (e.g. a case number, an e-mail). */
  target?: string;
  outcome?: AuditOutcome;
  requestId?: string;
  from?: Date;
  to?: Date;
}

/** Where the next page starts: the last row of this one (newest first, so strictly older rows follow). */
export interface AuditCursor {
  occurredAt: string;
  id: string;
}

/** The audit log (append-only; the application's role may only INSERT and SELECT it). */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly db: DataSource) {}

  async append(e: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (occurred_at, request_id, actor_user_id, actor_role, actor_organisation_id, actor_name, method, route, action,
         target, outcome, status_code, error_code, client_ip, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        e.occurredAt, e.requestId, e.actor?.userId ?? null, e.actor?.role ?? null, e.actor?.organisationId ?? null, e.actor?.name ?? null,
        e.method, e.route, e.action, JSON.stringify(e.target), e.outcome, e.statusCode, e.errorCode, e.clientIp, e.durationMs,
      ],
    );
  }

  /** Newest first (occurred_at, then id), `limit` rows after `after`; one more row is read to know whether a next page exists. */
  async page(f: AuditFilter, limit: number, after?: AuditCursor) {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (f.actorUserId) where.push(`actor_user_id = ${p(f.actorUserId)}`);
    if (f.organisationId) where.push(`actor_organisation_id = ${p(f.organisationId)}`);
    if (f.action) where.push(`action = ${p(f.action)}`);
    // Any top-level value of the target (route parameters, subject); jsonpath string literals escape like JSON.
    if (f.target) where.push(`target @? ${p(`$.* ? (@ == ${JSON.stringify(f.target)})`)}::jsonpath`);
    if (f.outcome) where.push(`outcome = ${p(f.outcome)}`);
    if (f.requestId) where.push(`request_id = ${p(f.requestId)}`);
    if (f.from) where.push(`occurred_at >= ${p(f.from)}`);
    if (f.to) where.push(`occurred_at < ${p(f.to)}`);
    if (after) where.push(`(occurred_at, id) < (${p(after.occurredAt)}::timestamptz, ${p(after.id)}::bigint)`);
    const rows: AuditRow[] = await this.db.query(
      `SELECT id::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt", request_id AS "requestId",
              actor_user_id AS "actorUserId", actor_role AS "actorRole", actor_organisation_id AS "actorOrganisationId", actor_name AS "actorName",
              method, route, action, target, outcome, status_code AS "statusCode", error_code AS "errorCode", host(client_ip) AS "clientIp",
              duration_ms AS "durationMs"
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY occurred_at DESC, id DESC LIMIT ${p(limit + 1)}`,
      params,
    );
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, next: more && last ? { occurredAt: last.occurredAt, id: last.id } : undefined };
  }
}

/** A stored row as the page query reads it: the entry, with the actor's columns flat and the time exact (µs). */
export type AuditRow = Omit<AuditEntry, 'occurredAt' | 'actor' | 'durationMs'> & {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  actorName: string | null;
  durationMs: number | null;
};
