import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseType, DeadlineKind, Issuable, IssuanceStatus, Jurisdiction, RegistrationStatus } from '../../domain/src';

/**
 * The message contract of every case workflow, imported by the API (to send) and the workflows (to
 * handle). Each person action of a case type's procedure table (libs/domain packs) is an Update of the
 * same name — `review`, `signOff`, … — whose argument is the actor plus the action's arguments; it answers
 * the case as it now stands. Quantities travel as decimal strings (tCO2e), never numbers.
 */
export interface CaseInput {
  caseNo: string;
  caseType: CaseType;
  jurisdiction: Jurisdiction;
  projectId: string;
  organisationId: string;
  /** For operators (search attribute OrganisationName) and timelines. */
  organisationName: string;
  /** Set by whoever starts the case: false when the server lacks our search attributes (degrade, do not fail). */
  searchAttributesEnabled: boolean;
  /** The case type's facts at submission (an issuance case: the claimed quantity). */
  facts: Record<string, unknown>;
}

export interface DeadlineView {
  kind: DeadlineKind;
  closesAt: string;
  closesAtLocal: string;
  calendarVersion: string;
  provisional: boolean;
  bindsOn: 'developer' | 'registry';
}

/** What every case view has. */
export interface BaseCaseView {
  caseNo: string;
  status: string;
  round: number;
  assignedOfficerId: string | null;
  assignedOfficerName: string | null;
  deadline: DeadlineView | null;
  overdue: boolean;
  escalated: boolean;
  /** A step failed for a reason other than a business rule; an operator should look (the case keeps running). */
  needsAttention: boolean;
}

export interface RegistrationCaseView extends BaseCaseView {
  status: RegistrationStatus;
  registrationNo: string | null;
}

export interface IssuanceCaseView extends BaseCaseView {
  status: IssuanceStatus;
  claimedTco2e: string;
  /** Fixed by the registry's technical review (BJ-23). */
  auditedTco2e: string | null;
  /** What the over-claim rule gives for the claimed and audited quantities, once audited. */
  issuable: Issuable | null;
  reviewedBy: string[];
  signedOffBy: string | null;
  issuedTco2e: string | null;
  block: { prefix: string; serialFrom: string; serialTo: string; accountNo: string } | null;
}

export type CaseView = RegistrationCaseView | IssuanceCaseView;

/** A person's action: who acts, and the action's arguments (checked by the action's argument rule). */
export type ActionRequest = { actor: Actor } & Record<string, unknown>;

/** The Update of a person action of the procedure table (same name as the action). */
export const caseActionUpdate = <V extends CaseView = CaseView>(action: string) => defineUpdate<V, [ActionRequest]>(action);

/** The case as the workflow holds it now. */
export const caseViewQuery = defineQuery<CaseView>('caseView');

/** CAL-4: the admin loaded a year's schedule or edited overrides: recompute the running deadline. */
export const calendarChangedSignal = defineSignal('calendarChanged');

/** An operator asks a case whose step keeps failing (NeedsAttention) to try that step again now. */
export const retryStepSignal = defineSignal('retryStep');
