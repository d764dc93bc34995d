import { assertFourEyes } from '../access/four-eyes';
import {
  assignArgs, dismissalArgs, issuanceReviewArgs, noArgs, noteArgs, reasonsArgs, revisionArgs, reviewArgs, supplementArgs, withdrawalArgs,
} from '../cases/action-args';
import { ActionRule, Notice, NoticeContext, Procedure, StatusRule } from '../cases/procedure';
import { IssuanceAction, IssuanceStatus } from '../issuance/issuance-status';
import { issuedQuantity, OverClaimBasis } from '../issuance/over-claim';
import { Tonnes } from '../quantity';
import { RegistrationAction, RegistrationStatus } from '../registration/registration-status';

/**
 * The procedures of registration cases (BJ-13…BJ-16) and issuance cases (BJ-21…BJ-23) as tables. BJ-15 and
 * BJ-23 are the same procedure — claim, supplement, publicity, comments, revision, lapse — so those actions
 * are written once (`sharedActions`) and each case type adds its own. Periods and numbering are the rule
 * pack's; these tables name only the deadline kinds.
 */

/** The statuses both case types have, under the same names. */
type Common = 'draft' | 'under_review' | 'awaiting_supplement' | 'review_passed' | 'in_publicity' | 'awaiting_revision' | 'rejected' | 'lapsed' | 'withdrawn' | 'terminated';
type SharedAction = 'submit' | 'claim' | 'assign' | 'review' | 'submitSupplement' | 'openPublicity' | 'dismissComment' | 'closePublicity' | 'submitRevision' | 'lapse' | 'escalate' | 'withdraw' | 'markTerminated';

const COMMON_STATUSES: Record<Common, StatusRule> = {
  draft: { waitsFor: 'developer', live: true, acceptsMaterials: true },
  under_review: { waitsFor: 'registry', live: true },
  awaiting_supplement: { waitsFor: 'developer', deadline: 'supplement_due', live: true, acceptsMaterials: true },
  review_passed: { waitsFor: 'registry', live: true },
  in_publicity: { waitsFor: 'registry', deadline: 'publicity_close', live: true },
  awaiting_revision: { waitsFor: 'developer', deadline: 'revision_due', live: true, acceptsMaterials: true },
  rejected: { waitsFor: null, terminal: true, live: false },
  lapsed: { waitsFor: null, terminal: true, live: false },
  withdrawn: { waitsFor: null, terminal: true, live: false },
  terminated: { waitsFor: null, terminal: true, live: false },
};

const fixed = (event: string) => () => event;
const msg = (f: (c: NoticeContext) => string) => f;
const arg = (c: NoticeContext, name: string) => String(c.args[name] ?? '');

/** The shared steps; `o` names what differs between case types. */
function sharedActions<S extends string>(o: {
  open: readonly S[];
  reviewArgs: (a: Record<string, unknown>) => Record<string, unknown>;
  /** What a clean publicity close leads to, and who is told (BJ-16 registration / BJ-23 bureau request). */
  cleanClose: { status: S; notice: Notice };
  submitted: Notice;
  reviewPassed: Notice;
  /** The registry deadline that escalates (registration_due / bureau_submission_due), from its status. */
  escalation: { from: S; event: string; notify: Notice[] };
}): Record<SharedAction, ActionRule<S>> {
  const s = (name: Common) => name as string as S;
  return {
    submit: {
      by: 'person', roles: ['developer'], from: [s('draft')], next: s('under_review'), round: 'first', args: noArgs,
      event: fixed('submitted'), notify: [o.submitted],
      summary: 'The developer submits the application; its materials must be complete.',
    },
    claim: {
      by: 'person', roles: ['officer'], from: o.open, next: null, assigns: 'actor', args: noArgs,
      event: ({ reassigned }) => (reassigned ? 'reassigned' : 'claimed'), notify: [],
      summary: 'An officer takes the case (taking an assigned case is a reassignment, recorded).',
    },
    assign: {
      by: 'person', roles: ['officer', 'bureau', 'admin'], from: o.open, next: null, assigns: 'assignee', args: assignArgs,
      event: ({ reassigned }) => (reassigned ? 'reassigned' : 'assigned'),
      notify: [{ to: 'assignee', kind: 'case_assigned', message: msg((c) => `${c.caseNo} was assigned to you by ${c.actorName}.`) }],
      summary: 'Assign or reassign the case to an officer (recorded).',
    },
    review: {
      by: 'person', roles: ['officer'], from: [s('under_review')],
      next: { pass: s('review_passed'), request_supplement: s('awaiting_supplement'), reject: s('rejected') },
      args: o.reviewArgs, assigns: 'actorIfUnassigned', reviews: true,
      event: ({ outcome }) => `review_${outcome}`,
      notify: [
        { ...o.reviewPassed, when: ['pass'] },
        { to: 'developer', kind: 'review_request_supplement', when: ['request_supplement'], message: msg((c) => `${c.caseNo}: supplement requested (${arg(c, 'reasons')}); due ${c.deadlineLocal}.`) },
        { to: 'developer', kind: 'review_reject', when: ['reject'], message: msg((c) => `${c.caseNo} was rejected: ${arg(c, 'reasons')}`) },
      ],
      summary: 'Technical review: pass / request supplement (10 working days) / reject with reasons.',
    },
    submitSupplement: {
      by: 'person', roles: ['developer'], from: [s('awaiting_supplement')], next: s('under_review'), args: supplementArgs,
      event: fixed('supplement_submitted'),
      notify: [{ to: 'registry', kind: 'supplement_submitted', message: msg((c) => `${c.caseNo}: supplement submitted; review again.`) }],
      summary: 'The developer answers a supplement request (within 10 working days, else the case lapses).',
    },
    openPublicity: {
      by: 'person', roles: ['officer'], from: [s('review_passed')], next: s('in_publicity'), args: noArgs,
      event: fixed('publicity_opened'),
      notify: [{ to: 'developer', kind: 'publicity_opened', message: msg((c) => `${c.caseNo}: publicity round ${c.round} open until ${c.deadlineLocal}.`) }],
      summary: 'Open the publicity (公示); it closes itself when its working days have passed.',
    },
    dismissComment: {
      by: 'person', roles: ['officer'], from: [s('in_publicity')], next: null, args: dismissalArgs,
      event: fixed('comment_dismissed'), notify: [],
      summary: 'Dismiss a public comment (spam, off topic, duplicate) with a recorded reason before the close (BJ-15 Decision).',
    },
    closePublicity: {
      by: 'system', roles: [], from: [s('in_publicity')], next: { standing: s('awaiting_revision'), clean: o.cleanClose.status }, countsFromClose: true,
      event: fixed('publicity_closed'),
      notify: [
        {
          to: 'developer', kind: 'revision_required', when: ['standing'],
          message: msg((c) => `${c.caseNo}: ${String(c.result.standingComments)} comment(s) stand after publicity; submit revised materials with responses by ${c.deadlineLocal}.`),
        },
        { ...o.cleanClose.notice, when: ['clean'] },
      ],
      summary: 'The publicity closes: standing comments require a revision; a clean close hands the case on.',
    },
    submitRevision: {
      by: 'person', roles: ['developer'], from: [s('awaiting_revision')], next: s('under_review'), round: 'next', args: revisionArgs,
      event: fixed('revision_submitted'),
      notify: [{ to: 'registry', kind: 'revision_submitted', message: msg((c) => `${c.caseNo}: revised materials submitted (round ${c.round}); review again.`) }],
      summary: 'The developer submits revised materials with a response to each standing comment (a new round).',
    },
    lapse: {
      by: 'system', roles: [], from: [s('awaiting_supplement'), s('awaiting_revision')], next: s('lapsed'),
      event: fixed('lapsed'),
      notify: [
        { to: 'developer', kind: 'lapsed', message: msg((c) => `${c.caseNo} lapsed: the ${c.passed?.words} deadline ${c.passed?.closesAtLocal} passed (逾期视为撤回).`) },
        { to: 'registry', kind: 'lapsed', message: msg((c) => `${c.caseNo} lapsed at ${c.passed?.closesAtLocal}.`) },
      ],
      summary: 'A developer deadline passed: the case lapses (逾期视为撤回, BJ-15 Decision).',
    },
    escalate: {
      by: 'system', roles: [], from: [o.escalation.from], next: null, escalates: true,
      event: fixed(o.escalation.event), notify: o.escalation.notify,
      summary: 'A registry deadline passed: the case is flagged overdue and escalated to the bureau, never decided by itself.',
    },
    withdraw: {
      by: 'system', roles: [], from: o.open, next: s('withdrawn'), args: withdrawalArgs,
      event: fixed('withdrawn'),
      notify: [
        { to: 'developer', kind: 'withdrawn', message: msg((c) => `${c.caseNo} was withdrawn by ${arg(c, 'operator')}: ${arg(c, 'reason')}.`) },
        { to: 'registry', kind: 'withdrawn', message: msg((c) => `${c.caseNo} was withdrawn by ${arg(c, 'operator')}: ${arg(c, 'reason')}.`) },
      ],
      summary: 'An operator cancelled the case workflow (e.g. in the Temporal UI): the case closes as withdrawn, with the reason.',
    },
    markTerminated: {
      by: 'system', roles: [], from: o.open, next: s('terminated'),
      event: fixed('workflow_closed_outside_procedure'),
      notify: [
        { to: 'developer', kind: 'terminated', message: msg((c) => `${c.caseNo} was closed by the registry's operators (${String(c.result.executionStatus)}); contact the registry.`) },
        { to: 'registry', kind: 'terminated', message: msg((c) => `${c.caseNo}: its workflow ${String(c.result.executionStatus)} outside its procedure; the case is closed.`) },
        { to: 'operators', kind: 'terminated', message: msg((c) => `${c.caseNo}: workflow ${String(c.result.executionStatus)}; the case was marked terminated by reconciliation.`) },
      ],
      summary: 'Reconciliation found the case workflow terminated, timed out or failed: the case is marked closed.',
    },
  };
}

// --- Registration (BJ-13…BJ-16) ---------------------------------------------------------------------

const REGISTRATION_OPEN: RegistrationStatus[] = ['under_review', 'awaiting_supplement', 'review_passed', 'in_publicity', 'awaiting_revision', 'awaiting_registration'];

export const REGISTRATION_PROCEDURE: Procedure<RegistrationStatus, RegistrationAction> = {
  caseType: 'registration',
  initial: 'draft',
  openedBy: ['developer'], // BJ-13: the project developer applies
  statuses: {
    ...COMMON_STATUSES,
    awaiting_registration: { waitsFor: 'registry', deadline: 'registration_due', live: true },
    registered: { waitsFor: null, terminal: true, live: true }, // the project keeps its identifiers (BJ-14)
  },
  actions: {
    ...sharedActions<RegistrationStatus>({
      open: REGISTRATION_OPEN,
      reviewArgs,
      cleanClose: {
        status: 'awaiting_registration',
        notice: { to: 'registry', kind: 'registration_due', message: (c) => `${c.caseNo}: publicity closed clean; complete registration by ${c.deadlineLocal}.` },
      },
      submitted: { to: 'officers', kind: 'case_submitted', message: (c) => `${c.caseNo} submitted for technical review.` },
      reviewPassed: { to: 'developer', kind: 'review_pass', message: (c) => `${c.caseNo} passed technical review; publicity will open.` },
      escalation: {
        from: 'awaiting_registration',
        event: 'registration_overdue',
        notify: [
          { to: 'bureau', kind: 'escalation', message: (c) => `${c.caseNo}: registry missed the registration deadline ${c.passed?.closesAtLocal}.` },
          { to: 'registry', kind: 'overdue', message: (c) => `${c.caseNo}: registration is overdue since ${c.passed?.closesAtLocal}.` },
        ],
      },
    }),
    completeRegistration: {
      by: 'person', roles: ['officer'], from: ['awaiting_registration'], next: 'registered', args: noArgs,
      event: () => 'registered',
      notify: [{ to: 'developer', kind: 'registered', message: (c) => `${c.caseNo}: project registered as Class I, No. ${String(c.result.registrationNo)}.` }],
      summary: 'Complete registration: the project gets its registration number and becomes Class I (BJ-16).',
    },
  },
};

// --- Issuance (BJ-21…BJ-23) -------------------------------------------------------------------------

const ISSUANCE_OPEN: IssuanceStatus[] = ['under_review', 'awaiting_supplement', 'review_passed', 'in_publicity', 'awaiting_revision', 'awaiting_bureau_submission', 'awaiting_signoff'];

/** BJ-23: what the over-claim rule gives for the case's claimed and audited quantities (null before review). */
export function issuable(facts: Record<string, unknown>): Issuable | null {
  if (facts.auditedTco2e === null || facts.auditedTco2e === undefined) return null;
  const q = issuedQuantity(new Tonnes(String(facts.claimedTco2e)), new Tonnes(String(facts.auditedTco2e)));
  return { tco2e: q.issued.toFixed(), excessTco2e: q.excess.toFixed(), thresholdTco2e: q.threshold.toFixed(), basis: q.basis, explanation: q.explanation };
}

/** BJ-23 for every party: whole tonnes issuable, the excess claimed over audited, 5 % of audited, and the branch that decided. */
export interface Issuable {
  tco2e: string;
  excessTco2e: string;
  thresholdTco2e: string;
  basis: OverClaimBasis;
  explanation: string;
}
const quantities = (c: NoticeContext) => `audited ${String(c.facts.auditedTco2e)}, claimed ${String(c.facts.claimedTco2e)}`;

export const ISSUANCE_PROCEDURE: Procedure<IssuanceStatus, IssuanceAction> = {
  caseType: 'issuance',
  initial: 'draft',
  openedBy: ['developer'], // BJ-21: the developer of a registered Class I project applies
  statuses: {
    ...COMMON_STATUSES,
    awaiting_bureau_submission: { waitsFor: 'registry', deadline: 'bureau_submission_due', live: true },
    awaiting_signoff: { waitsFor: 'bureau', live: true },
    issued: { waitsFor: null, terminal: true, live: true }, // the issued period stays taken (BJ-21)
  },
  actions: {
    ...sharedActions<IssuanceStatus>({
      open: ISSUANCE_OPEN,
      reviewArgs: issuanceReviewArgs,
      cleanClose: {
        status: 'awaiting_bureau_submission',
        notice: { to: 'registry', kind: 'bureau_submission_due', message: (c) => `${c.caseNo}: publicity closed clean; ask the bureau to issue by ${c.deadlineLocal} (BJ-23).` },
      },
      submitted: { to: 'officers', kind: 'case_submitted', message: (c) => `${c.caseNo}: issuance application (${String(c.facts.claimedTco2e)} tCO2e claimed) submitted for technical review.` },
      reviewPassed: {
        to: 'developer', kind: 'review_pass',
        message: (c) => {
          const q = issuable(c.facts)!;
          return `${c.caseNo} passed technical review: audited ${String(c.facts.auditedTco2e)} tCO2e (claimed ${String(c.facts.claimedTco2e)}); ${q.explanation} → ${q.tco2e} t. Publicity will open.`;
        },
      },
      escalation: {
        from: 'awaiting_bureau_submission',
        event: 'bureau_submission_overdue',
        notify: [
          { to: 'bureau', kind: 'escalation', message: (c) => `${c.caseNo}: the registry missed its deadline ${c.passed?.closesAtLocal} to ask the bureau to issue.` },
          { to: 'registry', kind: 'overdue', message: (c) => `${c.caseNo}: asking the bureau to issue is overdue since ${c.passed?.closesAtLocal}.` },
        ],
      },
    }),
    submitToBureau: {
      by: 'person', roles: ['officer'], from: ['awaiting_bureau_submission'], next: 'awaiting_signoff', args: noteArgs,
      event: () => 'submitted_to_bureau',
      notify: [{ to: 'bureau', kind: 'signoff_requested', message: (c) => `${c.caseNo}: the registry asks the bureau to issue ${issuable(c.facts)?.tco2e} t (${quantities(c)}).` }],
      summary: 'The registry asks the bureau to issue (within 10 working days of a clean close, BJ-23).',
    },
    signOff: {
      by: 'person', roles: ['bureau'], from: ['awaiting_signoff'], next: 'issued', args: noArgs,
      guard: (actor, c) => assertFourEyes(actor, c.reviewers), // ROLE-2
      event: () => 'issued',
      notify: (['developer', 'registry'] as const).map((to) => ({
        to, kind: 'issued',
        message: (c: NoticeContext) => {
          const b = c.result.block as { prefix: string; serialFrom: string; serialTo: string; accountNo: string } | null;
          return b
            ? `${c.caseNo}: ${String(c.result.issuedTco2e)} t issued into account ${b.accountNo}, serials ${b.prefix}-${b.serialFrom}…${b.serialTo}.`
            : `${c.caseNo}: signed off; nothing issued (${issuable(c.facts)?.explanation}).`;
        },
      })),
      summary: 'The bureau signs off; the over-claim rule gives the quantity, issued as one serial block (BJ-23); never by a reviewer (ROLE-2).',
    },
    refuse: {
      by: 'person', roles: ['bureau'], from: ['awaiting_signoff'], next: 'rejected', args: reasonsArgs,
      event: () => 'issuance_refused',
      notify: [
        { to: 'developer', kind: 'issuance_refused', message: (c) => `${c.caseNo}: the bureau refused issuance: ${String(c.args.reasons)}` },
        { to: 'registry', kind: 'issuance_refused', message: (c) => `${c.caseNo}: refused by the bureau.` },
      ],
      summary: 'The bureau refuses issuance, with reasons.',
    },
  },
};
