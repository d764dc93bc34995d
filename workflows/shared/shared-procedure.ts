import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { Actor, CASE_PERIODS as PERIODS, DeadlineKind, periodStartAfterClose } from '../../libs/domain/src';
import {
  assignUpdate, calendarChangedSignal, CaseStep, CaseView, claimUpdate, dismissCommentUpdate, NotificationRequest, openPublicityUpdate, submitRevisionUpdate,
  submitSupplementUpdate,
} from '../../libs/temporal/src';
import { call } from './activity-calls';
import { CaseState, caseKernel, Deadline } from './case-kernel';

/** The actions both case types take the same way (BJ-15 for registration, BJ-23 for issuance). */
export type SharedAction = 'claim' | 'assign' | 'submitSupplement' | 'submitRevision' | 'openPublicity' | 'dismissComment' | 'lapse';

type Kernel<S extends CaseStep['status']> = ReturnType<typeof caseKernel<S>>;

/**
 * Installs the shared steps on a case workflow: an officer claims or is assigned the case; the developer
 * answers a supplement request or revises after standing comments (a new round); the officer opens a
 * 10-working-day publicity and may dismiss comments with a reason before it closes. Returns the handler
 * for the deadlines these steps start: publicity closes itself, and a missed developer deadline lapses
 * the case (逾期视为撤回). What follows a clean close is the case type's own (`cleanClose`).
 */
export function installSharedProcedure<S extends CaseStep['status'], V extends CaseView>(
  k: Kernel<S>,
  s: CaseState<S>,
  o: {
    caseNo: string;
    caseType: 'registration' | 'issuance';
    view: () => V;
    /** The case type's transition table: throws WRONG_STATE when the action is not allowed now. */
    assertAllowed: (status: S, action: SharedAction) => void;
    /** The case type's rule for what a publicity close with this many standing comments leads to. */
    statusAfterPublicity: (standingComments: number) => S;
    cleanClose: { status: S; deadline: DeadlineKind; kind: string; message: (closesAtLocal: string) => string };
  },
) {
  const { record, now, officer, developer } = k;
  const step = (fn: () => Promise<void>) => k.step(fn, o.view);
  const validate = (actor: Actor, action: SharedAction, roles: Actor['role'][]) => k.validate(actor, roles, action, () => o.assertAllowed(s.status, action));
  const status = (name: string) => name as S; // both tables name these states alike

  setHandler(
    submitSupplementUpdate,
    ({ actor, note, documentIds }) =>
      step(async () => {
        s.status = status('under_review');
        s.deadline = null;
        await record('supplement_submitted', [{ to: officer(), kind: 'supplement_submitted', message: `${o.caseNo}: supplement submitted; review again.` }], actor, { note, documentIds });
      }),
    { validator: ({ actor }) => validate(actor, 'submitSupplement', ['developer']), description: 'Developer answers a supplement request (BJ-15).' },
  );

  setHandler(
    submitRevisionUpdate,
    ({ actor, documentIds, responses }) =>
      step(async () => {
        s.status = status('under_review');
        s.deadline = null;
        s.round += 1; // a revision goes back through review and a new publicity round (BJ-15, BJ-23)
        await record('revision_submitted', [{ to: officer(), kind: 'revision_submitted', message: `${o.caseNo}: revised materials submitted (round ${s.round}); review again.` }], actor, { documentIds, responses });
      }),
    {
      validator: ({ actor, responses }) => {
        validate(actor, 'submitRevision', ['developer']);
        if (!responses?.length) throw ApplicationFailure.nonRetryable('BJ-15: a revision answers each standing comment; no responses given.', 'VALIDATION_FAILED');
      },
      description: 'Developer submits revised materials with a response to each standing comment (BJ-15, BJ-23).',
    },
  );

  setHandler(
    claimUpdate,
    ({ actor }) =>
      step(async () => {
        const previous = s.assignedOfficerId;
        s.assignedOfficerId = actor.userId;
        await record(previous ? 'reassigned' : 'claimed', [], actor, { from: previous, to: actor.userId, toName: actor.name });
      }),
    { validator: ({ actor }) => validate(actor, 'claim', ['officer']), description: 'An officer takes the case.' },
  );

  setHandler(
    assignUpdate,
    ({ actor, officerId, officerName }) =>
      step(async () => {
        const previous = s.assignedOfficerId;
        s.assignedOfficerId = officerId;
        await record(previous ? 'reassigned' : 'assigned', [{ to: { userId: officerId }, kind: 'case_assigned', message: `${o.caseNo} was assigned to you by ${actor.name}.` }], actor, { from: previous, to: officerId, toName: officerName });
      }),
    { validator: ({ actor }) => validate(actor, 'assign', ['officer', 'bureau', 'admin']), description: 'Assign or reassign the case to an officer (recorded).' },
  );

  setHandler(
    openPublicityUpdate,
    ({ actor }) =>
      step(async () => {
        const openedAt = now();
        await k.enterDeadlineState(status('in_publicity'), 'publicity_close', openedAt);
        await call('openPublicityNotice', `publish publicity notice, round ${s.round}`, {
          key: `${k.workflowId}/publicity/${s.round}`,
          caseNo: o.caseNo,
          caseType: o.caseType,
          round: s.round,
          openedAt,
          closesAt: s.deadline!.closesAt,
          calendarVersion: s.deadline!.calendarVersion,
        });
        await record('publicity_opened', [{ to: developer, kind: 'publicity_opened', message: `${o.caseNo}: publicity round ${s.round} open until ${s.deadline!.closesAtLocal}.` }], actor);
      }),
    { validator: ({ actor }) => validate(actor, 'openPublicity', ['officer']), description: 'Open the 10-working-day publicity (BJ-15, BJ-23).' },
  );

  setHandler(
    dismissCommentUpdate,
    ({ actor, commentId, reason, note }) =>
      step(async () => {
        await call('dismissComment', `dismiss comment ${commentId} (${reason})`, { caseNo: o.caseNo, round: s.round, commentId, reason, note, actor, at: now() });
        await record('comment_dismissed', [], actor, { commentId, reason, note });
      }),
    {
      validator: ({ actor, reason }) => {
        validate(actor, 'dismissComment', ['officer']);
        if (!['spam', 'off_topic', 'duplicate'].includes(reason)) throw ApplicationFailure.nonRetryable('BJ-15: dismissal reason must be spam, off_topic or duplicate.', 'VALIDATION_FAILED');
      },
      description: 'Dismiss a publicity comment with a recorded reason before the close (BJ-15 Decision).',
    },
  );

  setHandler(calendarChangedSignal, k.onCalendarChanged);

  /** The deadlines of the shared steps. Returns false for a deadline that is the case type's own. */
  return async function onSharedDeadline(d: Deadline): Promise<boolean> {
    switch (d.kind) {
      case 'publicity_close': {
        const { standingComments } = await call('closePublicityNotice', `close publicity round ${s.round}; count standing comments`, { caseNo: o.caseNo, round: s.round, closedAt: d.closesAt });
        // The close is 24:00 of the last publicity day: that day is the start day of the next period.
        const startedAt = periodStartAfterClose(d.closesAt);
        if (o.statusAfterPublicity(standingComments) === status('awaiting_revision')) {
          await k.enterDeadlineState(status('awaiting_revision'), 'revision_due', startedAt);
          await record('publicity_closed', [{ to: developer, kind: 'revision_required', message: `${o.caseNo}: ${standingComments} comment(s) stand after publicity; submit revised materials with responses by ${s.deadline!.closesAtLocal}.` }], undefined, { standingComments });
        } else {
          await k.enterDeadlineState(o.cleanClose.status, o.cleanClose.deadline, startedAt);
          await record('publicity_closed', [{ to: officer(), kind: o.cleanClose.kind, message: o.cleanClose.message(s.deadline!.closesAtLocal) }], undefined, { standingComments });
        }
        return true;
      }
      case 'supplement_due':
      case 'revision_due': {
        // BJ-15 Decision: no answer in time → the case lapses (逾期视为撤回), all parties notified.
        o.assertAllowed(s.status, 'lapse');
        s.status = status('lapsed');
        const notify: NotificationRequest[] = [
          { to: developer, kind: 'lapsed', message: `${o.caseNo} lapsed: the ${PERIODS[d.kind].words} deadline ${d.closesAtLocal} passed (逾期视为撤回).` },
          { to: officer(), kind: 'lapsed', message: `${o.caseNo} lapsed at ${d.closesAtLocal}.` },
        ];
        await record('lapsed', notify, undefined, { deadline: d.kind });
        return true;
      }
      default:
        return false;
    }
  };
}
