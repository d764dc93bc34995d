/**
 * The states and actions of a Class I project registration case (BJ-13…BJ-16). What may happen in each
 * state, who may do it and what follows is the procedure table in the jurisdiction's rule pack
 * (packs/beijing.ts); the workflow is the only writer of a case's status and asks that table first.
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
  'withdrawn', // terminal: an operator cancelled the case workflow (in the Temporal UI), with a reason
  'terminated', // terminal: the case workflow was terminated, timed out or failed outside its procedure
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
  'escalate',
  'withdraw',
  'markTerminated',
] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number];
