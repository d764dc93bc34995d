import { Logger } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import {
  Actor, actionArgs, allowedActions, assertDocumentKind, assertMayTake, CaseType, DOCUMENT_KINDS, DomainError, materialsChecklist, Procedure, procedureOf,
  REGISTRY_STAFF, statusesWaitingFor,
} from '../../../../libs/domain/src';
import { CaseProjectionRepository } from '../../../../libs/persistence/src';
import {
  caseActionUpdate, CaseInput, CaseNumber, CaseStatus, CaseType as CaseTypeAttribute, CaseView, CASE_WORKFLOWS, CASES_TASK_QUEUE, caseWorkflowId,
  howWorkflowClosed, Jurisdiction, OrganisationId, OrganisationName,
} from '../../../../libs/temporal/src';
import { Clock } from '../common/clock';
import type { IdempotencyContext } from '../idempotency/idempotency.interceptor';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { temporalUiLink } from '../temporal/temporal-ui';
import { CaseRecordsRepository } from './case-records.repository';
import type { DocumentContent } from './document-store';

/** What every case row read from the projection has. */
export interface CaseRow {
  caseNo: string;
  status: string;
  round: number;
  jurisdiction: string;
  organisationId: string;
  organisationName: string;
  projectId: string;
  /** ROLE-2: who reviewed the case (issuance cases; empty for registration). */
  reviewedBy?: string[];
  /** The running deadline as the case recorded it (CAL-3); nulls when none runs. */
  deadlineKind: string | null;
  deadlineAt: Date | null;
  deadlineLocal: string | null;
  calendarVersion: string | null;
  deadlineProvisional: boolean;
  /** The instant the running period started (its day not counted, CAL-2); null for deadlines set before it was kept. */
  deadlineStartedAt: Date | null;
  overdue: boolean;
}

/** The case-type queries each case type's repository answers. */
export interface CaseQueries<R extends CaseRow> {
  findCase(caseNo: string): Promise<R | null>;
  listCases(filter: { organisationId?: string; verifierOrganisationId?: string; status?: string }): Promise<R[]>;
  /** Cases in `statuses`, assigned to `officerId` or unassigned (any, without an officer), overdue first, then by deadline. */
  worklist(statuses: string[], officerId: string | null): Promise<R[]>;
}

/**
 * The use cases every case type shares, once: reading a case (ROLE-1), its timeline and documents,
 * uploading materials, and acting on it. An action is checked against the case type's procedure table
 * here — role, state, guard (ROLE-2), argument rule — so a refusal answers at once without Temporal, and
 * again by the workflow, which is the authority. Submitting starts the case workflow (update-with-start);
 * every later action is an Update whose ID comes from the request's Idempotency-Key.
 */
export abstract class CaseService<R extends CaseRow> {
  protected readonly log = new Logger(this.constructor.name);
  protected abstract readonly caseType: CaseType;

  constructor(
    protected readonly queries: CaseQueries<R>,
    protected readonly records: CaseRecordsRepository,
    protected readonly projection: CaseProjectionRepository,
    protected readonly temporal: TemporalClientService,
    protected readonly clock: Clock,
  ) {}

  /** ROLE-1: may this actor see the case (NOT_FOUND otherwise, so other organisations' cases do not leak)? */
  protected abstract assertCanRead(actor: Actor, c: R): void;
  /** Who may upload which material (BJ-13, BJ-21); with no kind, whether they may upload any material to the case. */
  protected abstract assertCanUpload(actor: Actor, kind: string | undefined, c: R): void;
  /** The case type's facts the workflow starts with, and how the case reads in the Temporal UI. */
  protected abstract start(c: R): { facts: Record<string, unknown>; summary: string; details: string };

  procedure(jurisdiction = 'BJ'): Procedure {
    return procedureOf(jurisdiction, this.caseType);
  }

  async load(actor: Actor, caseNo: string): Promise<R> {
    const c = await this.queries.findCase(caseNo);
    if (!c) throw new DomainError('NOT_FOUND', `No case ${caseNo}.`);
    this.assertCanRead(actor, c);
    return c;
  }

  /** The case with what this actor may do now (from the procedure table), its documents, publicity rounds and timeline. */
  async get(actor: Actor, caseNo: string) {
    const c = await this.load(actor, caseNo);
    const [timeline, documents, publicity] = await Promise.all([this.records.timeline(caseNo), this.records.documents(caseNo), this.records.publicityRounds(caseNo)]);
    return {
      ...c,
      ...this.caseTypeFacts(c),
      allowedActions: allowedActions(this.procedure(c.jurisdiction), c.status, actor, { reviewers: c.reviewedBy ?? [] }),
      materials: materialsChecklist(this.caseType, documents.map((d: { kind: string }) => d.kind)), // BJ-13 / BJ-21
      uploadableKinds: this.uploadableKinds(actor, c),
      // Registry staff are the operators who inspect a case's workflow (its history, timers, pending updates).
      temporalUiUrl: REGISTRY_STAFF.includes(actor.role) ? temporalUiLink(caseWorkflowId(this.caseType, c.caseNo)) : null,
      documents,
      publicity,
      timeline,
    };
  }

  /**
   * The kinds of material this actor may upload to the case now (BJ-13, BJ-21): none unless its status accepts
   * materials; otherwise the kinds the case type's upload rule lets this actor file (the upload endpoint's checks).
   */
  private uploadableKinds(actor: Actor, c: R): string[] {
    if (!this.procedure(c.jurisdiction).statuses[c.status]?.acceptsMaterials) return [];
    return DOCUMENT_KINDS[this.caseType].filter((kind) => {
      try {
        this.assertCanUpload(actor, kind, c);
        return true;
      } catch (e) {
        if (e instanceof DomainError) return false;
        throw e;
      }
    });
  }

  /** What a case of this type shows beyond the shared fields (an issuance case: the issuable quantity, BJ-23). */
  protected caseTypeFacts(_c: R): Record<string, unknown> {
    return {};
  }

  list(actor: Actor, status?: string) {
    if (REGISTRY_STAFF.includes(actor.role)) return this.queries.listCases({ status });
    if (actor.role === 'verifier') return this.queries.listCases({ verifierOrganisationId: actor.organisationId, status });
    return this.queries.listCases({ organisationId: actor.organisationId, status });
  }

  /** Whose move it is, from the procedure table: an officer's cases (assigned or unclaimed); the bureau's queue. */
  worklist(actor: Actor) {
    const proc = this.procedure();
    return actor.role === 'bureau' ? this.queries.worklist(statusesWaitingFor(proc, 'bureau'), null) : this.queries.worklist(statusesWaitingFor(proc, 'registry'), actor.userId);
  }

  async timeline(actor: Actor, caseNo: string) {
    await this.load(actor, caseNo);
    return this.records.timeline(caseNo);
  }

  /**
   * Whether an upload to this case may be read at all, asked before its body is (issue 9): the case exists and is
   * the caller's to upload to (404/403, ROLE-1, BJ-13/BJ-21), and it takes materials now (409). The kind is
   * checked when it arrives (`assertMayUpload`).
   */
  async admitUpload(actor: Actor, caseNo: string): Promise<R> {
    const c = await this.queries.findCase(caseNo);
    if (!c) throw new DomainError('NOT_FOUND', `No case ${caseNo}.`);
    this.assertCanUpload(actor, undefined, c);
    this.assertTakesMaterials(c);
    return c;
  }

  /** Whether this actor may upload a material of this kind to this case (BJ-13, BJ-21). */
  assertMayUpload(actor: Actor, kind: string, c: R): void {
    this.assertCanUpload(actor, kind, c);
    assertDocumentKind(this.caseType, kind);
  }

  private assertTakesMaterials(c: R): void {
    const proc = this.procedure(c.jurisdiction);
    if (!proc.statuses[c.status]?.acceptsMaterials) {
      const open = Object.entries(proc.statuses).filter(([, r]) => r.acceptsMaterials).map(([s]) => s);
      throw new DomainError('WRONG_STATE', `Materials cannot be uploaded while the case is ${c.status}; uploads are open when the case is ${open.join(', ')}.`, { status: c.status });
    }
  }

  /**
   * Keeps a received upload. Every check is made again on the case as it is now — reading the body took time, and
   * the case may have been submitted meanwhile — and the checks made then are the authority.
   */
  async uploadDocument(actor: Actor, caseNo: string, file: { kind: string; filename: string; contentType: string; content: DocumentContent }) {
    const c = await this.queries.findCase(caseNo);
    if (!c) throw new DomainError('NOT_FOUND', `No case ${caseNo}.`);
    this.assertMayUpload(actor, file.kind, c);
    this.assertTakesMaterials(c);
    return this.records.addDocument({ ...file, caseNo, round: Number(c.round), userId: actor.userId });
  }

  /** A document's description and its bytes as a stream (ROLE-1: only to those who may read the case). */
  async document(actor: Actor, caseNo: string, id: string) {
    await this.load(actor, caseNo);
    const d = await this.records.documentContent(caseNo, id);
    if (!d) throw new DomainError('NOT_FOUND', `No document ${id} on ${caseNo}.`);
    return d;
  }

  /**
   * A person's action (an Update named after it). Checked here first against the procedure table, then by
   * the workflow. The first action of a draft (submission) starts the workflow.
   */
  async act<V extends CaseView>(actor: Actor, caseNo: string, action: string, args: Record<string, unknown>, idem: IdempotencyContext): Promise<V> {
    const c = await this.load(actor, caseNo);
    const proc = this.procedure(c.jurisdiction);
    const workflowId = caseWorkflowId(this.caseType, caseNo);
    try {
      assertMayTake(proc, c.status, action, actor, { reviewers: c.reviewedBy ?? [] });
    } catch (refused) {
      if (idem.keyed && c.status !== proc.initial) return this.earlierOutcomeOr<V>(workflowId, idem.updateId, refused);
      throw refused;
    }
    const request = { actor, ...actionArgs(proc, action, args) };
    try {
      if (c.status === proc.initial) return await this.startWith<V>(c, action, request, idem);
      return await this.temporal.call((client) => client.workflow.getHandle(workflowId).executeUpdate(caseActionUpdate<V>(action), { args: [request], updateId: idem.updateId }));
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return this.workflowGone(c, workflowId);
      throw e;
    }
  }

  /**
   * A keyed retry that the case's state refuses may be the retry of an action that was applied but never answered (the
   * API replica died, or the call timed out, after the Update completed): the key's attempt — and so the Update ID — is
   * the same, and the workflow still holds that Update's outcome. Answer it; if no such Update ran, the refusal stands.
   */
  private async earlierOutcomeOr<V extends CaseView>(workflowId: string, updateId: string, refused: unknown): Promise<V> {
    try {
      return await this.temporal.call((client) => client.workflow.getHandle(workflowId).getUpdateHandle<V>(updateId).result());
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw refused; // no Update with this ID: the request never acted
      throw e; // its failure, as the first attempt would have answered it; or Temporal unreachable (503)
    }
  }

  /** Submission starts the case workflow (update-with-start): the answer is the case as the workflow now holds it. */
  private startWith<V extends CaseView>(c: R, action: string, request: Record<string, unknown>, idem: IdempotencyContext): Promise<V> {
    const { facts, summary, details } = this.start(c);
    const input: CaseInput = {
      caseNo: c.caseNo, caseType: this.caseType, jurisdiction: c.jurisdiction as CaseInput['jurisdiction'], projectId: c.projectId,
      organisationId: c.organisationId, organisationName: c.organisationName, searchAttributesEnabled: this.temporal.searchAttributesEnabled, facts,
    };
    const startWorkflowOperation = new WithStartWorkflowOperation(CASE_WORKFLOWS[this.caseType].workflowType, {
      workflowId: caseWorkflowId(this.caseType, c.caseNo),
      taskQueue: CASES_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: summary,
      staticDetails: details,
      ...(input.searchAttributesEnabled
        ? {
            typedSearchAttributes: [
              { key: CaseTypeAttribute, value: CASE_WORKFLOWS[this.caseType].idPrefix },
              { key: CaseNumber, value: c.caseNo },
              { key: OrganisationId, value: c.organisationId },
              { key: OrganisationName, value: c.organisationName },
              { key: Jurisdiction, value: c.jurisdiction },
              { key: CaseStatus, value: c.status },
            ],
          }
        : {}),
    });
    return this.temporal.call((client) => client.workflow.executeUpdateWithStart(caseActionUpdate<V>(action), { args: [request as never], updateId: idem.updateId, startWorkflowOperation }));
  }

  /**
   * The case's workflow has closed although the projection says the case is open: it was terminated, timed
   * out or failed outside its procedure. Close the case now (reconciliation would, within minutes) and say so.
   */
  private async workflowGone(c: R, workflowId: string): Promise<never> {
    const how = await this.temporal
      .call((client) => client.workflow.getHandle(workflowId).describe())
      .then((d) => howWorkflowClosed(d.status.name))
      .catch(() => 'no longer exists');
    const { marked } = await this.projection.markClosedOutsideProcedure(c.caseNo, how, this.clock.now().toISOString());
    if (marked) this.log.warn(`${c.caseNo}: its workflow ${how}; the case is now closed (terminated)`);
    throw new DomainError('WRONG_STATE', `${c.caseNo} is closed: its workflow ${how} outside its procedure; nothing more can be done on it.`, { status: 'terminated' });
  }
}
