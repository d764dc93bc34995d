import { Injectable, Logger } from '@nestjs/common';
import { Actor, CaseType, materialsChecklist, rulePack } from '../../libs/domain/src';
import { CalendarRepository, CaseProjectionRepository, LedgerRepository } from '../../libs/persistence/src';
import { CASE_WORKFLOWS, caseNoFromWorkflowId, howWorkflowClosed } from '../../libs/temporal/src';
import type { CaseActivities, CaseStep, ComputeDeadlineRequest, Deadline, DeadlineReminderRequest, StepFailureReport } from '../../libs/temporal/src';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { WorkerTemporal } from '../temporal/worker-temporal';

/** The activities of case workflows: thin adapters from the workflow's requests to repositories and domain rules. */
@Injectable()
export class CaseActivitiesService implements CaseActivities {
  private readonly log = new Logger('CaseActivities');

  constructor(
    private readonly calendar: CalendarRepository,
    private readonly projection: CaseProjectionRepository,
    private readonly ledger: LedgerRepository,
    private readonly temporal: WorkerTemporal,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** CAL-3: on the current calendar, with the period from the case's rule pack; with its CAL-5 reminder instants. */
  async computeDeadline(req: ComputeDeadlineRequest): Promise<Deadline> {
    const { workingDays, bindsOn, reminds } = rulePack(req.jurisdiction).periods[req.kind];
    const calendar = await this.calendar.load();
    const d = calendar.addWorkingDays(req.startedAt, workingDays);
    return {
      kind: req.kind,
      startedAt: req.startedAt,
      workingDays,
      closesAt: d.closesAt,
      closesAtLocal: d.closesAtLocal,
      calendarVersion: d.calendarVersion,
      provisional: d.provisional,
      bindsOn,
      reminders: reminds ? calendar.remindersFor(d.closesAt) : [],
    };
  }

  /** The step and its deliveries in one transaction (the outbox); then the case's delivery workflow is woken. */
  async recordCaseStep(step: CaseStep): Promise<void> {
    await this.outbox.committed(await this.projection.recordStep(step, this.outbox.writer), step.caseNo);
  }

  /** CAL-5: the reminder on the timeline and to whoever the deadline binds; then its deliveries go. */
  async remindDeadline(req: DeadlineReminderRequest): Promise<void> {
    await this.outbox.committed(await this.projection.recordReminder(req, this.outbox.writer), req.caseNo);
  }

  async reportStepFailure(report: StepFailureReport): Promise<void> {
    await this.outbox.committed(await this.projection.recordFailure(report, this.outbox.writer), report.caseNo);
  }

  /** BJ-13 or BJ-21, by the kind of case. */
  async missingMaterials(caseNo: string, caseType: CaseType): Promise<string[]> {
    const uploaded = await this.projection.uploadedDocumentKinds(caseNo);
    return materialsChecklist(caseType, uploaded).missing;
  }

  openPublicityNotice(req: Parameters<CaseActivities['openPublicityNotice']>[0]) {
    return this.projection.openPublicityNotice(req);
  }

  dismissComment(req: { caseNo: string; round: number; commentId: string; reason: string; note: string | null; actor: Actor; at: string }) {
    return this.projection.dismissComment(req);
  }

  closePublicityNotice(req: { caseNo: string; round: number; closedAt: string }) {
    return this.projection.closePublicityNotice(req);
  }

  registerProject(req: { caseNo: string; at: string }) {
    return this.projection.registerProject(req);
  }

  /** BJ-23, LED-2: issue the signed-off quantity as one serial block; idempotent per case (the ledger enforces it). */
  async issueCredits(req: Parameters<CaseActivities['issueCredits']>[0]) {
    const block = await this.ledger.issue(req);
    return block && { prefix: block.prefix, serialFrom: block.serialFrom, serialTo: block.serialTo, accountNo: block.accountNo };
  }

  /** Who cancelled the workflow and why: the WorkflowExecutionCancelRequested event of its history. */
  async describeCancellation(req: { workflowId: string }): Promise<{ reason: string; operator: string }> {
    const history = await this.temporal.client.workflow.getHandle(req.workflowId).fetchHistory();
    const requested = [...(history.events ?? [])].reverse().find((e) => e.workflowExecutionCancelRequestedEventAttributes)?.workflowExecutionCancelRequestedEventAttributes;
    return { reason: requested?.cause ?? '', operator: requested?.identity ?? '' };
  }

  /**
   * Case workflows that closed outside their procedure — terminated, timed out, failed (or cancelled where the
   * workflow could not withdraw the case) — in the last `lookbackHours`, from Temporal's visibility store;
   * each whose case is still open in the projection is marked terminated and its parties told.
   */
  async reconcileClosedCases(req: { lookbackHours: number }): Promise<{ examined: number; marked: string[] }> {
    const since = new Date(Date.now() - req.lookbackHours * 3_600_000).toISOString();
    const types = Object.values(CASE_WORKFLOWS).map((w) => `'${w.workflowType}'`).join(', ');
    const query = `WorkflowType IN (${types}) AND ExecutionStatus IN ('Terminated', 'TimedOut', 'Failed', 'Canceled') AND CloseTime > '${since}'`;
    let examined = 0;
    const marked: string[] = [];
    for await (const wf of this.temporal.client.workflow.list({ query })) {
      examined += 1;
      const how = howWorkflowClosed(wf.status.name);
      const caseNo = caseNoFromWorkflowId(wf.workflowId);
      const result = await this.projection.markClosedOutsideProcedure(caseNo, how, new Date().toISOString(), this.outbox.writer);
      if (result.marked) {
        marked.push(caseNo);
        await this.outbox.committed(result, caseNo);
      }
    }
    if (marked.length) this.log.warn(`reconciliation marked ${marked.length} case(s) terminated: ${marked.join(', ')}`);
    return { examined, marked };
  }
}
