import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { requestIdOf } from '../../../../libs/persistence/src/request-id';
import { Clock } from '../common/clock';
import { auditEntry, AuditedRequest, isMutating } from './audit-entry';
import { AuditLogRepository } from './audit-log.repository';

/**
 * Issue 7 "Audit": every mutating request — accepted or refused, also when refused before any controller (no
 * token, unknown route, body too large, rate limited, invalid body) — becomes exactly one audit row once its
 * answer is sent. Installed as the first Express middleware (configureApp), ahead of the body parsers, so it
 * sees every request; it also gives each request its id (X-Request-Id, shared with the logs).
 *
 * The row is written after the answer: auditing never delays or changes a response. A failed insert (database
 * down) is logged with the whole entry, so the trail survives in the logs.
 */
@Injectable()
export class AuditTrail implements BeforeApplicationShutdown {
  private readonly log = new Logger('Audit');
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly repo: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  readonly middleware = (req: AuditedRequest, res: Response, next: NextFunction): void => {
    const requestId = requestIdOf(req, res);
    if (!isMutating(req.method)) return next();
    const occurredAt = this.clock.now();
    const started = performance.now();
    let errorCode: string | undefined;
    // Every error answer is the one JSON shape {statusCode, code, …}, whoever sends it: read its code on the way out.
    const json = res.json.bind(res);
    res.json = (body?: unknown) => {
      const code = (body as { code?: unknown } | null | undefined)?.code;
      if (res.statusCode >= 400 && typeof code === 'string') errorCode = code;
      return json(body);
    };
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const abandoned = !res.writableFinished && !res.headersSent;
      this.write(auditEntry(req, res, { requestId, occurredAt, durationMs: performance.now() - started, errorCode, abandoned }));
    };
    // 'finish' when the answer has been handed to the network; 'close' alone when the client hung up first.
    res.once('finish', record);
    res.once('close', record);
    next();
  };

  private write(entry: ReturnType<typeof auditEntry>): void {
    const p = this.repo.append(entry).catch((e: unknown) => {
      this.log.error({ msg: `audit row not written: ${e instanceof Error ? e.message : String(e)}`, audit: entry });
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Rows of requests answered just before shutdown are written before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
