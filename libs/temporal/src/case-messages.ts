import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, DeadlineKind } from '../../domain/src';
import type { IssuanceCaseView } from './issuance-messages';
import type { RegistrationCaseView } from './registration-messages';

/**
 * The messages registration and issuance cases share: the same procedure (claim, assign, supplement,
 * publicity, comments, revision — BJ-15 and BJ-23 are the same steps), so the same Update names. Each
 * returns the case as it now stands, whichever type it is.
 */
export type CaseView = RegistrationCaseView | IssuanceCaseView;

export interface DeadlineView {
  kind: DeadlineKind;
  closesAt: string;
  closesAtLocal: string;
  calendarVersion: string;
  provisional: boolean;
  bindsOn: 'developer' | 'registry';
}

export interface SubmitArgs { actor: Actor }
export interface AssignArgs { actor: Actor; officerId: string; officerName: string }
export interface SupplementArgs { actor: Actor; note: string; documentIds: string[] }
export interface OpenPublicityArgs { actor: Actor }
export interface DismissCommentArgs { actor: Actor; commentId: string; reason: 'spam' | 'off_topic' | 'duplicate'; note?: string }
export interface RevisionArgs { actor: Actor; documentIds: string[]; responses: { commentId: string; response: string }[] }

export const submitUpdate = defineUpdate<CaseView, [SubmitArgs]>('submit');
export const claimUpdate = defineUpdate<CaseView, [SubmitArgs]>('claim');
export const assignUpdate = defineUpdate<CaseView, [AssignArgs]>('assign');
export const submitSupplementUpdate = defineUpdate<CaseView, [SupplementArgs]>('submitSupplement');
export const openPublicityUpdate = defineUpdate<CaseView, [OpenPublicityArgs]>('openPublicity');
export const dismissCommentUpdate = defineUpdate<CaseView, [DismissCommentArgs]>('dismissComment');
export const submitRevisionUpdate = defineUpdate<CaseView, [RevisionArgs]>('submitRevision');

/** CAL-4: the admin loaded a year's schedule or edited overrides: recompute open deadlines. */
export const calendarChangedSignal = defineSignal('calendarChanged');
