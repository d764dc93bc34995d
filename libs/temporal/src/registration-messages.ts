import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, RegistrationStatus, ReviewOutcome } from '../../domain/src';
import type { DeadlineView } from './case-messages';

/**
 * The message contract of a project registration case: imported by the API (to send) and the
 * workflow (to handle). The steps it shares with issuance cases are in case-messages.
 */
export interface RegistrationCaseInput {
  caseNo: string;
  projectId: string;
  organisationId: string;
  jurisdiction: string;
  /** Set by whoever starts the case: false when the server lacks our search attributes (degrade, do not fail). */
  searchAttributesEnabled: boolean;
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

export interface ReviewArgs { actor: Actor; outcome: ReviewOutcome; reasons: string }
export interface CompleteRegistrationArgs { actor: Actor }

export const reviewUpdate = defineUpdate<RegistrationCaseView, [ReviewArgs]>('review');
export const completeRegistrationUpdate = defineUpdate<RegistrationCaseView, [CompleteRegistrationArgs]>('completeRegistration');
export const caseViewQuery = defineQuery<RegistrationCaseView>('caseView');
