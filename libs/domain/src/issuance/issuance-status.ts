/**
 * The states and actions of a reduction issuance case (BJ-21…BJ-23). What may happen in each state, who
 * may do it and what follows is the procedure table in the jurisdiction's rule pack (packs/beijing.ts);
 * the workflow is the only writer of a case's status and asks that table first.
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
  'withdrawn', // terminal: an operator cancelled the case workflow (in the Temporal UI), with a reason
  'terminated', // terminal: the case workflow was terminated, timed out or failed outside its procedure
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
  'escalate',
  'withdraw',
  'markTerminated',
] as const;
export type IssuanceAction = (typeof ISSUANCE_ACTIONS)[number];
