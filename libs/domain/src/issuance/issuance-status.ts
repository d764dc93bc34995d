import { transitionTable } from '../cases/transitions';

/**
 * The states of a reduction issuance case (BJ-21…BJ-23) and the one table of what may happen in each.
 * The workflow is the only writer of a case's status; it asks this table first.
 */
export const ISSUANCE_STATUSES = [
  'draft', // application created; developer (and the named verifier) upload materials
  'under_review', // registry technical review fixes the audited quantity (BJ-23)
  'awaiting_supplement', // review asked for more material: developer has 10 working days
  'review_passed', // audited quantity fixed, publicity not yet opened
  'in_publicity', // 公示, 10 working days (BJ-23)
  'awaiting_revision', // comments stood at the close: developer revises within 10 working days (BJ-23)
  'awaiting_bureau_submission', // clean close: registry asks the bureau to issue within 10 working days (BJ-23)
  'awaiting_signoff', // with the bureau
  'issued', // terminal: credits issued into the developer's account (BJ-23, LED-2)
  'rejected', // terminal: refused at review or by the bureau, with reasons
  'lapsed', // terminal: a developer deadline passed (逾期视为撤回)
] as const;
export type IssuanceStatus = (typeof ISSUANCE_STATUSES)[number];

export const ISSUANCE_ACTIONS = [
  'submit',
  'claim',
  'assign',
  'review',
  'submitSupplement',
  'openPublicity',
  'dismissComment',
  'closePublicity',
  'submitRevision',
  'submitToBureau',
  'signOff',
  'refuse',
  'lapse',
] as const;
export type IssuanceAction = (typeof ISSUANCE_ACTIONS)[number];

const OPEN: readonly IssuanceStatus[] = [
  'under_review', 'awaiting_supplement', 'review_passed', 'in_publicity', 'awaiting_revision', 'awaiting_bureau_submission', 'awaiting_signoff',
];

const ALLOWED: Record<IssuanceAction, readonly IssuanceStatus[]> = {
  submit: ['draft'],
  claim: OPEN,
  assign: OPEN,
  review: ['under_review'],
  submitSupplement: ['awaiting_supplement'],
  openPublicity: ['review_passed'],
  dismissComment: ['in_publicity'],
  closePublicity: ['in_publicity'],
  submitRevision: ['awaiting_revision'],
  submitToBureau: ['awaiting_bureau_submission'],
  signOff: ['awaiting_signoff'],
  refuse: ['awaiting_signoff'],
  lapse: ['awaiting_supplement', 'awaiting_revision'],
};

const table = transitionTable<IssuanceStatus, IssuanceAction>(ISSUANCE_ACTIONS, ALLOWED);
export const allowedIssuanceActions = table.allowedActions;
export const assertIssuanceAllowed = table.assertAllowed;

export const ISSUANCE_TERMINAL_STATUSES: readonly IssuanceStatus[] = ['issued', 'rejected', 'lapsed'];

/** Statuses in which the registry must act next: the officer worklist. The bureau acts in awaiting_signoff. */
export const ISSUANCE_REGISTRY_ACTION_STATUSES: readonly IssuanceStatus[] = ['under_review', 'review_passed', 'in_publicity', 'awaiting_bureau_submission'];

/** BJ-23: a publicity round closes clean (the registry then has 10 working days), or comments stand. */
export const issuanceStatusAfterPublicity = (standingComments: number): IssuanceStatus =>
  standingComments > 0 ? 'awaiting_revision' : 'awaiting_bureau_submission';

