import type { Actor, CaseType, DeadlineKind, DeadlineReminder, Recipient } from '../../domain/src';
import type { DeadlineView } from './case-messages';

/**
 * What case workflows ask of the outside world. Types only: workflows import this with `import type`
 * and call the implementations (Nest providers in activities/) through proxyActivities.
 * Every write carries an idempotency key derived from workflow ID + step, enforced by a unique index.
 */
export interface NotificationRequest {
  to: Recipient;
  kind: string;
  message: string;
}

/** CAL-3; with its CAL-5 reminder instants where the period reminds (deadlines computed before issue 10 have none). */
export type Deadline = DeadlineView & { startedAt: string; workingDays: number; reminders?: DeadlineReminder[] };

/** CAL-5: one reminder of the running deadline, to whoever it binds. Idempotent per key. */
export interface DeadlineReminderRequest {
  /** `<workflowId>/reminder/<kind>/<closesAt>/<which>`: a moved deadline brings new reminders. */
  key: string;
  caseNo: string;
  caseType: CaseType;
  at: string;
  status: string;
  round: number;
  deadline: { kind: DeadlineKind; closesAt: string; closesAtLocal: string };
  which: DeadlineReminder['which'];
  notify: NotificationRequest;
}

export interface CaseStep {
  /** Idempotency key: `<workflowId>/<step>/<type>`. */
  key: string;
  caseNo: string;
  caseType: CaseType;
  jurisdiction: string;
  /** Workflow time, so a time-skipped case reads truthfully. */
  at: string;
  type: string;
  actor?: Actor;
  status: string;
  round: number;
  assignedOfficerId: string | null;
  deadline: Deadline | null;
  overdue: boolean;
  escalated: boolean;
  needsAttention: boolean;
  /** Everyone who did the technical review (ROLE-2). */
  reviewers: string[];
  /** The case type's facts (an issuance case: claimed and audited quantities). */
  facts: Record<string, unknown>;
  data?: Record<string, unknown>;
  notify: NotificationRequest[];
}

/** CAL-3: the period's length and whom it binds come from the jurisdiction's rule pack for `kind`. */
export interface ComputeDeadlineRequest {
  jurisdiction: string;
  kind: DeadlineKind;
  startedAt: string;
}

/** A step that failed for a reason other than a business rule: shown to operators, the case keeps running. */
export interface StepFailureReport {
  key: string;
  caseNo: string;
  caseType: CaseType;
  action: string;
  error: string;
  at: string;
}

export interface CaseActivities {
  /** CAL-3: deadlines are computed outside workflow code, on the current calendar (with its version). */
  computeDeadline(req: ComputeDeadlineRequest): Promise<Deadline>;
  /** Writes one step of the case into the projection (event, case row, inbox) exactly once. */
  recordCaseStep(step: CaseStep): Promise<void>;
  /** CAL-5: records a reminder on the timeline and tells whoever the deadline binds (inbox, e-mail). Idempotent per key. */
  remindDeadline(req: DeadlineReminderRequest): Promise<void>;
  /** Marks the case as needing attention (projection, timeline) and tells the operators. Idempotent per key. */
  reportStepFailure(report: StepFailureReport): Promise<void>;
  /** BJ-13 (registration) or BJ-21 (issuance): which required materials are not uploaded yet. */
  missingMaterials(caseNo: string, caseType: CaseType): Promise<string[]>;
  /** BJ-15: publish the publicity notice for a round. */
  openPublicityNotice(req: { key: string; caseNo: string; caseType: CaseType; round: number; openedAt: string; closesAt: string; calendarVersion: string }): Promise<void>;
  /** BJ-15 Decision: an officer dismisses a comment with a recorded reason before the close. */
  dismissComment(req: { caseNo: string; round: number; commentId: string; reason: string; note: string | null; actor: Actor; at: string }): Promise<void>;
  /** BJ-15: close the notice (no comment can be added after) and count the comments that stand. */
  closePublicityNotice(req: { caseNo: string; round: number; closedAt: string }): Promise<{ standingComments: number }>;
  /** BJ-16: give the project its registration number; it becomes Class I. */
  registerProject(req: { caseNo: string; at: string }): Promise<{ registrationNo: string }>;
  /**
   * BJ-23, LED-2: issue the signed-off quantity (whole tonnes, as a string) into the developer's account
   * as one serial block and mark the case issued; null when the quantity is 0. Idempotent per case.
   */
  issueCredits(req: { caseNo: string; quantity: string; signedOffBy: { userId: string; name: string }; at: string }): Promise<{ prefix: string; serialFrom: string; serialTo: string; accountNo: string } | null>;
  /** Who cancelled the case workflow (e.g. in the Temporal UI) and why, from its history. */
  describeCancellation(req: { workflowId: string }): Promise<{ reason: string; operator: string }>;
  /**
   * Finds case workflows that closed outside their procedure (terminated, timed out, failed) in the last
   * `lookbackHours`, marks their cases terminated and tells the parties. Returns what it found and did.
   */
  reconcileClosedCases(req: { lookbackHours: number }): Promise<{ examined: number; marked: string[] }>;
}
