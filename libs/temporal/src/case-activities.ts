import type { Actor, DeadlineKind, IssuanceStatus, RegistrationStatus } from '../../domain/src';
import type { DeadlineView } from './case-messages';

/**
 * What case workflows ask of the outside world. Types only: workflows import this with `import type`
 * and call the implementations (Nest providers in activities/) through proxyActivities.
 * Every write carries an idempotency key derived from workflow ID + step, enforced by a unique index.
 */
export type Recipient = { userId: string } | { organisationId: string; role?: Actor['role'] } | { role: Actor['role'] };

export interface NotificationRequest {
  to: Recipient;
  kind: string;
  message: string;
}

export interface CaseStep {
  /** Idempotency key: `<workflowId>/<step>/<round>[/<n>]`. */
  key: string;
  caseNo: string;
  /** Absent in steps scheduled before issuance cases existed: those are registration steps. */
  caseType?: 'registration' | 'issuance';
  /** Workflow time, so a time-skipped case reads truthfully. */
  at: string;
  type: string;
  actor?: Actor;
  status: RegistrationStatus | IssuanceStatus;
  round: number;
  assignedOfficerId: string | null;
  deadline: (DeadlineView & { startedAt: string; workingDays: number }) | null;
  overdue: boolean;
  escalated: boolean;
  data?: Record<string, unknown>;
  notify: NotificationRequest[];
  /** Issuance cases: the audited quantity fixed at review (BJ-23) and everyone who reviewed (ROLE-2). */
  issuance?: { auditedTco2e: string | null; reviewedBy: string[] };
}

/** The period's length and whom it binds come from the domain's table for `kind` (CASE_PERIODS). */
export interface ComputeDeadlineRequest {
  kind: DeadlineKind;
  startedAt: string;
}

export interface CaseActivities {
  /** CAL-3: deadlines are computed outside workflow code, on the current calendar (with its version). */
  computeDeadline(req: ComputeDeadlineRequest): Promise<DeadlineView & { startedAt: string; workingDays: number }>;
  /** Writes one step of the case into the projection (event, case row, inbox) exactly once. */
  recordCaseStep(step: CaseStep): Promise<void>;
  /** BJ-13 (registration) or BJ-21 (issuance): which required materials are not uploaded yet. */
  missingMaterials(caseNo: string, caseType?: 'registration' | 'issuance'): Promise<string[]>;
  /** BJ-15: publish the publicity notice for a round. */
  openPublicityNotice(req: { key: string; caseNo: string; caseType?: 'registration' | 'issuance'; round: number; openedAt: string; closesAt: string; calendarVersion: string }): Promise<void>;
  /** BJ-15 Decision: an officer dismisses a comment with a recorded reason before the close. */
  dismissComment(req: { caseNo: string; round: number; commentId: string; reason: string; note?: string; actor: Actor; at: string }): Promise<void>;
  /** BJ-15: close the notice (no comment can be added after) and count the comments that stand. */
  closePublicityNotice(req: { caseNo: string; round: number; closedAt: string }): Promise<{ standingComments: number }>;
  /** BJ-16: give the project its registration number; it becomes Class I. */
  registerProject(req: { caseNo: string; at: string }): Promise<{ registrationNo: string }>;
  /**
   * BJ-23, LED-2: issue the signed-off quantity (whole tonnes, as a string) into the developer's account
   * as one serial block and mark the case issued; null when the quantity is 0. Idempotent per case.
   */
  issueCredits(req: { caseNo: string; quantity: string; signedOffBy: { userId: string; name: string }; at: string }): Promise<{ prefix: string; serialFrom: string; serialTo: string; accountNo: string } | null>;
}
