import { transitionTable } from '../cases/transitions';

/**
 * The states of a Class I project registration case (BJ-13…BJ-16) and the one table of what may
 * happen in each. The workflow is the only writer of a case's status; it asks this table first.
 */
export const REGISTRATION_STATUSES = [
  'draft', // created by the developer, materials being uploaded; no workflow yet
  'under_review', // registry technical review (BJ-15)
  'awaiting_supplement', // review asked for more material: developer has 10 working days (BJ-15 Decision)
  'review_passed', // review passed, publicity not yet opened
  'in_publicity', // 公示, 10 working days (BJ-15)
  'awaiting_revision', // comments stood at the close: developer revises within 10 working days (BJ-15)
  'awaiting_registration', // clean close: registry completes within 10 working days (BJ-16)
  'registered', // terminal: the project is Class I (BJ-12, BJ-16)
  'rejected', // terminal: review rejected with reasons
  'lapsed', // terminal: a developer deadline passed (逾期视为撤回)
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_ACTIONS = [
  'submit',
  'claim',
  'assign',
  'review',
  'submitSupplement',
  'openPublicity',
  'dismissComment',
  'closePublicity',
  'submitRevision',
  'completeRegistration',
  'lapse',
] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number];

/** Where each action may be taken. Actions that do not change status map to their own state. */
const ALLOWED: Record<RegistrationAction, readonly RegistrationStatus[]> = {
  submit: ['draft'],
  claim: ['under_review', 'awaiting_supplement', 'review_passed', 'in_publicity', 'awaiting_revision', 'awaiting_registration'],
  assign: ['under_review', 'awaiting_supplement', 'review_passed', 'in_publicity', 'awaiting_revision', 'awaiting_registration'],
  review: ['under_review'],
  submitSupplement: ['awaiting_supplement'],
  openPublicity: ['review_passed'],
  dismissComment: ['in_publicity'],
  closePublicity: ['in_publicity'],
  submitRevision: ['awaiting_revision'],
  completeRegistration: ['awaiting_registration'],
  lapse: ['awaiting_supplement', 'awaiting_revision'],
};

export const TERMINAL_STATUSES: readonly RegistrationStatus[] = ['registered', 'rejected', 'lapsed'];

/** Statuses in which the case holds the project's identifiers (BJ-14: one live registration per project). */
export const isLive = (s: RegistrationStatus): boolean => s !== 'rejected' && s !== 'lapsed';

const table = transitionTable<RegistrationStatus, RegistrationAction>(REGISTRATION_ACTIONS, ALLOWED);
export const allowedActions = table.allowedActions;
export const assertAllowed = table.assertAllowed;

export type ReviewOutcome = 'pass' | 'request_supplement' | 'reject';

/** BJ-15 Decision: technical review outcomes. */
export function statusAfterReview(outcome: ReviewOutcome): RegistrationStatus {
  switch (outcome) {
    case 'pass':
      return 'review_passed';
    case 'request_supplement':
      return 'awaiting_supplement';
    case 'reject':
      return 'rejected';
  }
}

/** BJ-15 / BJ-16: a publicity round closes clean, or with standing comments that the developer must answer. */
export function statusAfterPublicity(standingComments: number): RegistrationStatus {
  return standingComments > 0 ? 'awaiting_revision' : 'awaiting_registration';
}

/** Statuses in which the registry, not the developer, must act next: the officer worklist. */
export const REGISTRY_ACTION_STATUSES: readonly RegistrationStatus[] = ['under_review', 'review_passed', 'in_publicity', 'awaiting_registration'];
