import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, IssuanceStatus, OverClaimBasis, ReviewOutcome } from '../../domain/src';
import type { DeadlineView } from './case-messages';

/**
 * The message contract of a reduction issuance case (BJ-21…BJ-23). Quantities travel as decimal
 * strings (tCO2e), never numbers. The steps it shares with registration cases are in case-messages.
 */
export interface IssuanceCaseInput {
  caseNo: string;
  projectId: string;
  organisationId: string;
  jurisdiction: string;
  claimedTco2e: string;
  searchAttributesEnabled: boolean;
}

export interface IssuanceCaseView {
  caseNo: string;
  status: IssuanceStatus;
  round: number;
  assignedOfficerId: string | null;
  deadline: DeadlineView | null;
  overdue: boolean;
  escalated: boolean;
  claimedTco2e: string;
  /** Fixed by the registry's technical review (BJ-23). */
  auditedTco2e: string | null;
  /** What the over-claim rule gives for the claimed and audited quantities, once audited. */
  issuable: { tco2e: string; basis: OverClaimBasis; explanation: string } | null;
  reviewedBy: string[];
  signedOffBy: string | null;
  issuedTco2e: string | null;
  block: { prefix: string; serialFrom: string; serialTo: string; accountNo: string } | null;
}

export interface IssuanceReviewArgs { actor: Actor; outcome: ReviewOutcome; reasons: string; auditedTco2e?: string }
export interface SubmitToBureauArgs { actor: Actor; note?: string }
export interface SignOffArgs { actor: Actor }
export interface RefuseIssuanceArgs { actor: Actor; reasons: string }

export const issuanceReviewUpdate = defineUpdate<IssuanceCaseView, [IssuanceReviewArgs]>('review');
export const submitToBureauUpdate = defineUpdate<IssuanceCaseView, [SubmitToBureauArgs]>('submitToBureau');
export const signOffUpdate = defineUpdate<IssuanceCaseView, [SignOffArgs]>('signOff');
export const refuseIssuanceUpdate = defineUpdate<IssuanceCaseView, [RefuseIssuanceArgs]>('refuse');
export const issuanceViewQuery = defineQuery<IssuanceCaseView>('caseView');
