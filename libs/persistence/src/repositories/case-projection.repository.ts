import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor, CaseType, DomainError, isTerminal, nextStatus, noticesFor, openStatuses, procedureOf, recipientOf, rulePack, sanitisedText, TEXT_LIMITS,
} from '../../../domain/src';
import { shanghaiDate } from '../../../domain/src/calendar';
import type { CaseStep, DeadlineReminderRequest, NotificationRequest, StepFailureReport } from '../../../temporal/src';
import type { OutboxWriter, RecordedCaseEvent } from './notification-outbox.repository';

export interface StoredNotification {
  id: string;
  recipientUserId: string | null;
  recipientOrganisationId: string | null;
  recipientRole: string | null;
  /** Null for a notice not about a case (a webhook subscription disabled). */
  caseNo: string | null;
  kind: string;
  message: string;
  /** The deadline it is about, if any (ISO instant). */
  deadlineAt: string | null;
}

/** What a write of the projection told whom: the inbox rows it wrote and how many deliveries it queued (the outbox). */
export interface Told {
  notifications: StoredNotification[];
  queued: number;
}
const NOBODY: Told = { notifications: [], queued: 0 };

/** The projection table of each case type; chosen here, never taken from input. */
export const CASE_TABLES: Record<CaseType, string> = { registration: 'registration_cases', issuance: 'issuance_cases' };

/**
 * Every write the case workflows make, each idempotent: a retried activity (or a worker killed between
 * commit and completion) finds its idempotency key already used and changes nothing.
 */
@Injectable()
export class CaseProjectionRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One case step, atomically: timeline event, case row, what a closed case releases (BJ-14 identifiers;
   * its open publicity notice), inbox rows and their deliveries. What a status means comes from the case type's
   * procedure table. `outbox` (the worker's) writes the deliveries; without it a step writes the inbox only.
   */
  async recordStep(step: CaseStep, outbox?: OutboxWriter): Promise<Told> {
    return this.db.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO case_events (case_no, idempotency_key, type, status, round, actor_user_id, actor_name, actor_role, occurred_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [step.caseNo, step.key, step.type, step.status, step.round, step.actor?.userId ?? null, step.actor?.name ?? null,
          step.actor?.role ?? null, step.at, JSON.stringify(step.data ?? {})],
      );
      if (!inserted.length) return NOBODY;
      const d = step.deadline;
      await m.query(
        `UPDATE ${CASE_TABLES[step.caseType]} SET status = $2, round = $3, assigned_officer_id = $4, deadline_kind = $5,
           deadline_at = $6, deadline_local = $7, deadline_binds_on = $8, calendar_version = $9, deadline_provisional = $10, overdue = $11,
           escalated = $12, needs_attention = $13, deadline_started_at = $14, updated_at = now()
         WHERE case_no = $1`,
        [step.caseNo, step.status, step.round, step.assignedOfficerId, d?.kind ?? null, d?.closesAt ?? null, d?.closesAtLocal ?? null,
          d?.bindsOn ?? null, d?.calendarVersion ?? null, d?.provisional ?? false, step.overdue, step.escalated, step.needsAttention, d?.startedAt ?? null],
      );
      const event: RecordedCaseEvent = {
        id: String(inserted[0].id), caseNo: step.caseNo, caseType: step.caseType, type: step.type, status: step.status, round: step.round, occurredAt: step.at,
        deadline: d ? { kind: d.kind, closesAt: d.closesAt, closesAtLocal: d.closesAtLocal } : null, data: step.data ?? {},
      };
      if (step.caseType === 'issuance') {
        await m.query(`UPDATE issuance_cases SET audited_tco2e = $2, reviewed_by = $3 WHERE case_no = $1`, [step.caseNo, step.facts.auditedTco2e ?? null, step.reviewers]);
      }
      await this.afterStatus(m, step);
      return this.tell(m, outbox, step.key, step.caseNo, step.at, step.notify, step.deadline?.closesAt ?? null, event);
    });
  }

  /** What a status entails beyond the case row: a case that no longer claims releases its identifiers; a closed case closes its notice. */
  private async afterStatus(m: EntityManager, step: { caseNo: string; caseType: CaseType; jurisdiction: string; status: string; at: string }) {
    const proc = procedureOf(step.jurisdiction, step.caseType);
    if (step.caseType === 'registration' && !proc.statuses[step.status].live) {
      await m.query(`UPDATE project_identifier_claims SET released_at = $2 WHERE case_no = $1 AND released_at IS NULL`, [step.caseNo, step.at]);
    }
    if (isTerminal(proc, step.status)) {
      await m.query(`UPDATE publicity_notices SET status = 'closed', closed_at = $2 WHERE case_no = $1 AND status = 'open'`, [step.caseNo, step.at]);
    }
  }

  /** CAL-5: a reminder of the running deadline on the timeline, and to whoever it binds (about that deadline). Idempotent per key. */
  async recordReminder(r: DeadlineReminderRequest, outbox?: OutboxWriter): Promise<Told> {
    return this.db.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO case_events (case_no, idempotency_key, type, status, round, occurred_at, data) VALUES ($1, $2, 'deadline_reminder', $3, $4, $5, $6)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [r.caseNo, r.key, r.status, r.round, r.at, JSON.stringify({ deadline: r.deadline.kind, closesAt: r.deadline.closesAtLocal, which: r.which })],
      );
      if (!inserted.length) return NOBODY;
      return this.tell(m, outbox, r.key, r.caseNo, r.at, [r.notify], r.deadline.closesAt);
    });
  }

  /**
   * A step failed for a reason other than a business rule: the case row says it needs attention, its
   * timeline says which step and why, and the operators (and the registry) are told. Idempotent per key.
   */
  async recordFailure(r: StepFailureReport, outbox?: OutboxWriter): Promise<Told> {
    return this.db.transaction(async (m) => {
      const [c] = await m.query(`SELECT status, round, assigned_officer_id AS "assignedOfficerId" FROM ${CASE_TABLES[r.caseType]} WHERE case_no = $1`, [r.caseNo]);
      if (!c) throw new DomainError('NOT_FOUND', `No case ${r.caseNo}.`);
      const error = sanitisedText(r.error, TEXT_LIMITS.note);
      const inserted = await m.query(
        `INSERT INTO case_events (case_no, idempotency_key, type, status, round, occurred_at, data) VALUES ($1, $2, 'step_failed', $3, $4, $5, $6)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [r.caseNo, r.key, c.status, c.round, r.at, JSON.stringify({ action: r.action, error })],
      );
      if (!inserted.length) return NOBODY;
      await m.query(`UPDATE ${CASE_TABLES[r.caseType]} SET needs_attention = true, updated_at = now() WHERE case_no = $1`, [r.caseNo]);
      const message = `${r.caseNo}: the step "${r.action}" failed and the case needs attention: ${error}`;
      return this.tell(m, outbox, r.key, r.caseNo, r.at, [
        { to: { role: 'admin' }, kind: 'needs_attention', message },
        { to: c.assignedOfficerId ? { userId: c.assignedOfficerId } : { role: 'officer' }, kind: 'needs_attention', message },
      ]);
    });
  }

  /**
   * Reconciliation: a case whose workflow closed outside its procedure (terminated, timed out, failed in the
   * Temporal UI or by the server) is marked closed through its table's `markTerminated` action, with the
   * parties told. Nothing happens to a case that is already closed (or still a draft). Idempotent.
   */
  async markClosedOutsideProcedure(caseNo: string, executionStatus: string, at: string, outbox?: OutboxWriter): Promise<{ marked: boolean } & Told> {
    return this.db.transaction(async (m) => {
      const [c] = await m.query(
        `SELECT case_type AS "caseType", jurisdiction, organisation_id AS "organisationId", status, round, assigned_officer_id AS "assignedOfficerId",
                workflow_id AS "workflowId" FROM case_overview WHERE case_no = $1`,
        [caseNo],
      );
      if (!c) return { marked: false, ...NOBODY };
      const proc = procedureOf(c.jurisdiction, c.caseType);
      if (!openStatuses(proc).includes(c.status)) return { marked: false, ...NOBODY };
      const status = nextStatus(proc, 'markTerminated')!;
      const rule = proc.actions.markTerminated;
      const key = `${c.workflowId}/reconciled/${executionStatus}`;
      const inserted = await m.query(
        `INSERT INTO case_events (case_no, idempotency_key, type, status, round, occurred_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [caseNo, key, rule.event({ outcome: null, reassigned: false }), status, c.round, at, JSON.stringify({ executionStatus, previousStatus: c.status })],
      );
      if (!inserted.length) return { marked: false, ...NOBODY };
      await m.query(
        `UPDATE ${CASE_TABLES[c.caseType as CaseType]} SET status = $2, deadline_kind = NULL, deadline_at = NULL, deadline_local = NULL, deadline_binds_on = NULL,
           calendar_version = NULL, deadline_provisional = false, deadline_started_at = NULL, overdue = false, needs_attention = true, updated_at = now() WHERE case_no = $1`,
        [caseNo, status],
      );
      await this.afterStatus(m, { caseNo, caseType: c.caseType, jurisdiction: c.jurisdiction, status, at });
      const event: RecordedCaseEvent = {
        id: String(inserted[0].id), caseNo, caseType: c.caseType, type: rule.event({ outcome: null, reassigned: false }), status, round: c.round, occurredAt: at, deadline: null,
        data: { executionStatus },
      };
      const words = { caseNo, round: c.round, actorName: null, args: {}, outcome: null, deadlineLocal: null, passed: null, result: { executionStatus }, facts: {} };
      const notify = noticesFor(rule, null).map((n) => ({ to: recipientOf(n.to, c), kind: n.kind, message: n.message(words) }));
      return { marked: true, ...(await this.tell(m, outbox, key, caseNo, at, notify, null, event)) };
    });
  }

  /** Inbox rows, then (same transaction) their deliveries and the event's webhooks through the outbox writer. */
  private async tell(
    m: EntityManager, outbox: OutboxWriter | undefined, key: string, caseNo: string, at: string, notify: NotificationRequest[], deadlineAt: string | null = null,
    event?: RecordedCaseEvent,
  ): Promise<Told> {
    const notifications = await this.insertNotifications(m, key, caseNo, at, notify, deadlineAt);
    const queued = outbox && (notifications.length || event) ? await outbox(m, { stream: caseNo, notifications, event }) : 0;
    return { notifications, queued };
  }

  private async insertNotifications(m: EntityManager, key: string, caseNo: string, at: string, notify: NotificationRequest[], deadlineAt: string | null) {
    const stored: StoredNotification[] = [];
    for (const [i, n] of notify.entries()) {
      const to = n.to as { userId?: string; organisationId?: string; role?: string };
      const rows = await m.query(
        `INSERT INTO notifications (idempotency_key, recipient_user_id, recipient_organisation_id, recipient_role, case_no, kind, message, created_at, deadline_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [`${key}/notify/${i}`, to.userId ?? null, to.organisationId ?? null, to.role ?? null, caseNo, n.kind, n.message, at, deadlineAt],
      );
      if (rows.length) {
        stored.push({ id: rows[0].id, recipientUserId: to.userId ?? null, recipientOrganisationId: to.organisationId ?? null,
          recipientRole: to.role ?? null, caseNo, kind: n.kind, message: n.message, deadlineAt });
      }
    }
    return stored;
  }

  async uploadedDocumentKinds(caseNo: string): Promise<string[]> {
    const rows = await this.db.query(`SELECT DISTINCT kind FROM case_documents WHERE case_no = $1`, [caseNo]);
    return rows.map((r: { kind: string }) => r.kind);
  }

  /** BJ-15 / BJ-23: the public notice of a round, titled and summarised for the kind of case. */
  async openPublicityNotice(req: { key: string; caseNo: string; caseType: CaseType; round: number; openedAt: string; closesAt: string; calendarVersion: string }): Promise<void> {
    const subject =
      req.caseType === 'issuance'
        ? `SELECT c.case_no, '公示: ' || p.name || ' 减排量 (' || c.case_no || ', round ' || $2::int::text || ')',
                  'Issuance application by ' || o.name || ' for ' || p.name || ' (' || p.registration_no || '), monitoring period ' ||
                  to_char(c.period_start, 'YYYY-MM-DD') || ' to ' || to_char(c.period_end, 'YYYY-MM-DD') || ': claimed ' || trim_scale(c.claimed_tco2e)::text ||
                  ' tCO2e, audited ' || COALESCE(trim_scale(c.audited_tco2e)::text, '—') || ' tCO2e. Comments are welcome until the close.'
           FROM issuance_cases c JOIN projects p ON p.id = c.project_id JOIN organisations o ON o.id = c.organisation_id WHERE c.case_no = $1`
        : `SELECT c.case_no, '公示: ' || p.name || ' (' || c.case_no || ', round ' || $2::int::text || ')',
                  'Class I registration application by ' || o.name || ' for ' || p.name || ' at ' || p.location ||
                  ', methodology ' || m.code || ' v' || mv.version || '. Comments are welcome until the close.'
           FROM registration_cases c JOIN projects p ON p.id = c.project_id JOIN organisations o ON o.id = c.organisation_id
           JOIN methodology_versions mv ON mv.id = p.methodology_version_id JOIN methodologies m ON m.id = mv.methodology_id WHERE c.case_no = $1`;
    await this.db.query(
      `INSERT INTO publicity_notices (case_no, round, idempotency_key, title, summary, opened_at, closes_at, calendar_version, status)
       SELECT s.*, $4, $5, $6, 'open' FROM (
         SELECT subject.case_no, $2::int, $3, subject.title, subject.summary FROM (${subject}) AS subject(case_no, title, summary)
       ) s
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [req.caseNo, req.round, req.key, req.openedAt, req.closesAt, req.calendarVersion],
    );
  }

  /** BJ-15 Decision: dismissal with a recorded reason, only while the round's notice is open. */
  async dismissComment(req: { caseNo: string; round: number; commentId: string; reason: string; note: string | null; actor: Actor; at: string }): Promise<void> {
    const rows = await this.db.query(
      `SELECT c.dismissed_at, n.status FROM publicity_comments c JOIN publicity_notices n ON n.id = c.notice_id
       WHERE c.id = $1 AND n.case_no = $2 AND n.round = $3`,
      [req.commentId, req.caseNo, req.round],
    );
    if (!rows.length) throw new DomainError('NOT_FOUND', `No comment ${req.commentId} in publicity round ${req.round} of ${req.caseNo}.`);
    if (rows[0].dismissed_at) return; // already dismissed: a retry, or a second officer; nothing changes
    if (rows[0].status !== 'open') throw new DomainError('PUBLICITY_CLOSED', 'The publicity has closed; its comments can no longer be dismissed.');
    await this.db.query(
      `UPDATE publicity_comments SET dismissed_at = $2, dismissed_reason = $3, dismissed_note = $4, dismissed_by = $5
       WHERE id = $1 AND dismissed_at IS NULL`,
      [req.commentId, req.at, req.reason, req.note ?? null, req.actor.userId],
    );
  }

  /** BJ-15: closing takes the notice's row lock, so a comment racing the close is either counted or refused. */
  async closePublicityNotice(req: { caseNo: string; round: number; closedAt: string }): Promise<{ standingComments: number }> {
    return this.db.transaction(async (m) => {
      const [notice] = await m.query(
        `SELECT id, status, standing_comments FROM publicity_notices WHERE case_no = $1 AND round = $2 FOR UPDATE`,
        [req.caseNo, req.round],
      );
      if (!notice) throw new DomainError('NOT_FOUND', `No publicity round ${req.round} for ${req.caseNo}.`);
      if (notice.status === 'closed') return { standingComments: notice.standing_comments as number };
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM publicity_comments WHERE notice_id = $1 AND dismissed_at IS NULL`,
        [notice.id],
      );
      await m.query(`UPDATE publicity_notices SET status = 'closed', closed_at = $2, standing_comments = $3 WHERE id = $1`, [notice.id, req.closedAt, n]);
      return { standingComments: n as number };
    });
  }

  /** BJ-16: the project gets its registration number and becomes Class I (idempotent per case). */
  async registerProject(req: { caseNo: string; at: string }): Promise<{ registrationNo: string }> {
    return this.db.transaction(async (m) => {
      const [p] = await m.query(
        `SELECT p.id, p.registration_no, p.jurisdiction FROM projects p JOIN registration_cases c ON c.project_id = p.id
         WHERE c.case_no = $1 FOR UPDATE OF p`,
        [req.caseNo],
      );
      if (!p) throw new DomainError('NOT_FOUND', `No project for ${req.caseNo}.`);
      if (p.registration_no) return { registrationNo: p.registration_no as string };
      const year = Number(shanghaiDate(new Date(req.at)).slice(0, 4)); // the registry's year is Beijing's
      const seq = await nextCounter(m, `${p.jurisdiction}-TPH-I`, year);
      const registrationNo = rulePack(p.jurisdiction).numbers.registrationNumber(year, seq);
      await m.query(`UPDATE projects SET project_class = 'I', registration_no = $2, registered_at = $3 WHERE id = $1`, [p.id, registrationNo, req.at]);
      return { registrationNo };
    });
  }
}

/** Gap-free per (prefix, year) counters for human-readable numbers; the row lock serialises callers. */
export async function nextCounter(m: EntityManager, prefix: string, year: number): Promise<number> {
  const [row] = await m.query(
    `INSERT INTO case_number_counters (prefix, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last_value = case_number_counters.last_value + 1 RETURNING last_value`,
    [prefix, year],
  );
  return row.last_value as number;
}
