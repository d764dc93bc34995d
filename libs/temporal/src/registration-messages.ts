import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, DeadlineKind, RegistrationStatus, ReviewOutcome } from '../../domain/src';

/**
 * The message contract of a project registration case: imported by the API (to send) and the
 * workflow (to handle). Quantities and dates travel as strings.
 */
export interface RegistrationCaseInput {
  caseNo: string;
  projectId: string;
  organisationId: string;
  jurisdiction: string;
  /** Set by whoever starts the case: false when the server lacks our search attributes (degrade, do not fail). */
  searchAttributesEnabled: boolean;
}

export interface DeadlineView {
  kind: DeadlineKind;
  closesAt: string;
  closesAtLocal: string;
  calendarVersion: string;
  provisional: boolean;
  bindsOn: 'developer' | 'registry';
}

export interface RegistrationCaseView {
  caseNo: string;
  status: RegistrationStatus;
  round: number;
  assignedOfficerId: string | null;
  deadline: DeadlineView | null;
  overdue: boolean;
  escalated: boolean;
  registrationNo: string | null;
}

export interface SubmitArgs { actor: Actor }
export interface AssignArgs { actor: Actor; officerId: string; officerName: string }
export interface ReviewArgs { actor: Actor; outcome: ReviewOutcome; reasons: string }
export interface SupplementArgs { actor: Actor; note: string; documentIds: string[] }
export interface OpenPublicityArgs { actor: Actor }
export interface DismissCommentArgs { actor: Actor; commentId: string; reason: 'spam' | 'off_topic' | 'duplicate'; note?: string }
export interface RevisionArgs { actor: Actor; documentIds: string[]; responses: { commentId: string; response: string }[] }
export interface CompleteRegistrationArgs { actor: Actor }

export const submitUpdate = defineUpdate<RegistrationCaseView, [SubmitArgs]>('submit');
export const claimUpdate = defineUpdate<RegistrationCaseView, [SubmitArgs]>('claim');
export const assignUpdate = defineUpdate<RegistrationCaseView, [AssignArgs]>('assign');
export const reviewUpdate = defineUpdate<RegistrationCaseView, [ReviewArgs]>('review');
export const submitSupplementUpdate = defineUpdate<RegistrationCaseView, [SupplementArgs]>('submitSupplement');
export const openPublicityUpdate = defineUpdate<RegistrationCaseView, [OpenPublicityArgs]>('openPublicity');
export const dismissCommentUpdate = defineUpdate<RegistrationCaseView, [DismissCommentArgs]>('dismissComment');
export const submitRevisionUpdate = defineUpdate<RegistrationCaseView, [RevisionArgs]>('submitRevision');
export const completeRegistrationUpdate = defineUpdate<RegistrationCaseView, [CompleteRegistrationArgs]>('completeRegistration');

export const caseViewQuery = defineQuery<RegistrationCaseView>('caseView');
/** CAL-4: the admin loaded a year's schedule or edited overrides: recompute open deadlines. */
export const calendarChangedSignal = defineSignal('calendarChanged');
