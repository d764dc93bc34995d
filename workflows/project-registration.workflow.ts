import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  Actor,
  assertAllowed,
  assertCanReadCase,
  assertRole,
  DeadlineKind,
  periodStartAfterClose,
  CASE_PERIODS as PERIODS,
  RegistrationAction,
  RegistrationStatus,
  statusAfterPublicity,
  statusAfterReview,
  TERMINAL_STATUSES,
} from '../libs/domain/src';
import {
  AssignedOfficer,
  assignUpdate,
  calendarChangedSignal,
  CaseStatus,
  CaseStep,
  caseViewQuery,
  claimUpdate,
  completeRegistrationUpdate,
  dismissCommentUpdate,
  NextDeadline,
  NotificationRequest,
  openPublicityUpdate,
  RegistrationCaseInput,
  RegistrationCaseView,
  reviewUpdate,
  submitRevisionUpdate,
  submitSupplementUpdate,
  submitUpdate,
} from '../libs/temporal/src';
import { call } from './shared/activity-calls';
import { waitForChangeOrDeadline } from './shared/deadline-wait';
import { asFailure } from './shared/domain-failure';

type Deadline = NonNullable<CaseStep['deadline']>;

const OFFICERS: NotificationRequest['to'] = { role: 'officer' };
const BUREAU: NotificationRequest['to'] = { role: 'bureau' };

/**
 * A Beijing Class I project registration case (BJ-13…BJ-16), from submission to registered, rejected
 * or lapsed. People act through Updates (validated: role, ownership, state); deadlines are absolute
 * instants computed by an activity (CAL-3) and waited on here; every step is written to the
 * PostgreSQL projection by an idempotent activity.
 */
export async function projectRegistrationWorkflow(input: RegistrationCaseInput): Promise<RegistrationCaseView> {
  const { workflowId } = workflowInfo();
  let status = 'draft' as RegistrationStatus;
  let round = 0;
  let assignedOfficerId = null as string | null;
  let deadline = null as Deadline | null;
  let overdue = false;
  let escalated = false;
  let registrationNo = null as string | null;
  let reviewedBy = null as string | null;
  /** One action at a time: a second action arriving mid-step is refused, never interleaved. */
  let busy = false;
  let calendarChanged = false;
  let stepSeq = 0;

  const view = (): RegistrationCaseView => ({
    caseNo: input.caseNo,
    status,
    round,
    assignedOfficerId,
    deadline: deadline && {
      kind: deadline.kind,
      closesAt: deadline.closesAt,
      closesAtLocal: deadline.closesAtLocal,
      calendarVersion: deadline.calendarVersion,
      provisional: deadline.provisional,
      bindsOn: deadline.bindsOn,
    },
    overdue,
    escalated,
    registrationNo,
  });

  const now = () => new Date().toISOString();
  const developer: NotificationRequest['to'] = { organisationId: input.organisationId, role: 'developer' };
  const officer = (): NotificationRequest['to'] => (assignedOfficerId ? { userId: assignedOfficerId } : OFFICERS);

  /** Validators are synchronous and pure: an invalid action is rejected and never enters history. */
  const validate = (actor: Actor, action: RegistrationAction, roles: Actor['role'][]) => {
    if (busy) throw ApplicationFailure.nonRetryable('Another action on this case is being processed; try again in a moment.', 'BUSY');
    asFailure(() => {
      assertRole(actor, roles, `${action} on this case`);
      assertCanReadCase(actor, input.organisationId); // ROLE-1, checked again here: the workflow is the authority
      assertAllowed(status, action);
    });
  };

  const computeDeadline = (kind: DeadlineKind, startedAt: string): Promise<Deadline> =>
    call('computeDeadline', `compute deadline: ${PERIODS[kind].words} (${PERIODS[kind].workingDays} working days)`, { kind, startedAt });

  /** Record a step: projection row, timeline event, inbox notifications; then Temporal UI metadata. */
  async function record(type: string, notify: NotificationRequest[], actor?: Actor, data?: Record<string, unknown>) {
    stepSeq += 1;
    await call('recordCaseStep', `record step: ${type} → ${status}`, {
      key: `${workflowId}/${stepSeq}/${type}`,
      caseNo: input.caseNo,
      at: now(),
      type,
      actor,
      status,
      round,
      assignedOfficerId,
      deadline,
      overdue,
      escalated,
      data,
      notify,
    });
    if (input.searchAttributesEnabled) {
      upsertSearchAttributes([
        { key: CaseStatus, value: status },
        { key: AssignedOfficer, value: assignedOfficerId ?? '' },
        { key: NextDeadline, value: deadline && !overdue ? new Date(deadline.closesAt) : null },
      ]);
    }
    setCurrentDetails(
      `**${input.caseNo}** — ${status}, round ${round}` +
        (deadline ? `\n\nNext deadline: ${PERIODS[deadline.kind].words} at ${deadline.closesAtLocal}` : '') +
        (overdue ? '\n\n**OVERDUE — escalated to the bureau**' : ''),
    );
  }

  /** Runs one action under the busy flag; the update returns the case as it now stands. */
  async function step(fn: () => Promise<void>): Promise<RegistrationCaseView> {
    busy = true;
    try {
      await fn();
    } finally {
      busy = false;
    }
    return view();
  }

  async function enterDeadlineState(next: RegistrationStatus, kind: DeadlineKind, startedAt: string) {
    const d = await computeDeadline(kind, startedAt);
    status = next;
    deadline = d;
    overdue = false;
  }

  // --- Developer ---------------------------------------------------------------------------------
  setHandler(
    submitUpdate,
    ({ actor }) =>
      step(async () => {
        const missing = await call('missingMaterials', 'check BJ-13 materials are complete', input.caseNo);
        if (missing.length) {
          throw ApplicationFailure.nonRetryable(`BJ-13: materials missing: ${missing.join(', ')}.`, 'MATERIALS_INCOMPLETE', { missing });
        }
        status = 'under_review';
        round = 1;
        await record('submitted', [{ to: OFFICERS, kind: 'case_submitted', message: `${input.caseNo} submitted for technical review.` }], actor);
      }),
    { validator: ({ actor }) => validate(actor, 'submit', ['developer']), description: 'Developer submits the application (BJ-13).' },
  );

  setHandler(
    submitSupplementUpdate,
    ({ actor, note, documentIds }) =>
      step(async () => {
        status = 'under_review';
        deadline = null;
        await record('supplement_submitted', [{ to: officer(), kind: 'supplement_submitted', message: `${input.caseNo}: supplement submitted; review again.` }], actor, { note, documentIds });
      }),
    { validator: ({ actor }) => validate(actor, 'submitSupplement', ['developer']), description: 'Developer answers a supplement request (BJ-15).' },
  );

  setHandler(
    submitRevisionUpdate,
    ({ actor, documentIds, responses }) =>
      step(async () => {
        status = 'under_review';
        deadline = null;
        round += 1; // a revision goes back through review and a new publicity round (BJ-15)
        await record('revision_submitted', [{ to: officer(), kind: 'revision_submitted', message: `${input.caseNo}: revised materials submitted (round ${round}); review again.` }], actor, { documentIds, responses });
      }),
    {
      validator: ({ actor, responses }) => {
        validate(actor, 'submitRevision', ['developer']);
        if (!responses?.length) throw ApplicationFailure.nonRetryable('BJ-15: a revision answers each standing comment; no responses given.', 'VALIDATION_FAILED');
      },
      description: 'Developer submits revised materials with a response to each standing comment (BJ-15).',
    },
  );

  // --- Officer ----------------------------------------------------------------------------------
  setHandler(
    claimUpdate,
    ({ actor }) =>
      step(async () => {
        const previous = assignedOfficerId;
        assignedOfficerId = actor.userId;
        await record(previous ? 'reassigned' : 'claimed', [], actor, { from: previous, to: actor.userId, toName: actor.name });
      }),
    { validator: ({ actor }) => validate(actor, 'claim', ['officer']), description: 'An officer takes the case.' },
  );

  setHandler(
    assignUpdate,
    ({ actor, officerId, officerName }) =>
      step(async () => {
        const previous = assignedOfficerId;
        assignedOfficerId = officerId;
        await record(previous ? 'reassigned' : 'assigned', [{ to: { userId: officerId }, kind: 'case_assigned', message: `${input.caseNo} was assigned to you by ${actor.name}.` }], actor, { from: previous, to: officerId, toName: officerName });
      }),
    { validator: ({ actor }) => validate(actor, 'assign', ['officer', 'bureau', 'admin']), description: 'Assign or reassign the case to an officer (recorded).' },
  );

  setHandler(
    reviewUpdate,
    ({ actor, outcome, reasons }) =>
      step(async () => {
        reviewedBy = actor.userId;
        assignedOfficerId ??= actor.userId;
        const next = statusAfterReview(outcome);
        if (next === 'awaiting_supplement') await enterDeadlineState(next, 'supplement_due', now());
        else status = next;
        const message =
          outcome === 'pass'
            ? `${input.caseNo} passed technical review; publicity will open.`
            : outcome === 'reject'
              ? `${input.caseNo} was rejected: ${reasons}`
              : `${input.caseNo}: supplement requested (${reasons}); due ${deadline?.closesAtLocal}.`;
        await record(`review_${outcome}`, [{ to: developer, kind: `review_${outcome}`, message }], actor, { outcome, reasons, reviewedBy });
      }),
    {
      validator: ({ actor, outcome, reasons }) => {
        validate(actor, 'review', ['officer']);
        if (outcome !== 'pass' && !reasons?.trim()) throw ApplicationFailure.nonRetryable('BJ-15: a supplement request or rejection needs reasons.', 'VALIDATION_FAILED');
      },
      description: 'Technical review: pass / request supplement / reject with reasons (BJ-15).',
    },
  );

  setHandler(
    openPublicityUpdate,
    ({ actor }) =>
      step(async () => {
        const openedAt = now();
        await enterDeadlineState('in_publicity', 'publicity_close', openedAt);
        await call('openPublicityNotice', `publish publicity notice, round ${round}`, {
          key: `${workflowId}/publicity/${round}`,
          caseNo: input.caseNo,
          round,
          openedAt,
          closesAt: deadline!.closesAt,
          calendarVersion: deadline!.calendarVersion,
        });
        await record('publicity_opened', [{ to: developer, kind: 'publicity_opened', message: `${input.caseNo}: publicity round ${round} open until ${deadline!.closesAtLocal}.` }], actor);
      }),
    { validator: ({ actor }) => validate(actor, 'openPublicity', ['officer']), description: 'Open the 10-working-day publicity (BJ-15).' },
  );

  setHandler(
    dismissCommentUpdate,
    ({ actor, commentId, reason, note }) =>
      step(async () => {
        await call('dismissComment', `dismiss comment ${commentId} (${reason})`, { caseNo: input.caseNo, round, commentId, reason, note, actor, at: now() });
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

  setHandler(
    completeRegistrationUpdate,
    ({ actor }) =>
      step(async () => {
        ({ registrationNo } = await call('registerProject', 'assign registration number; project becomes Class I', { caseNo: input.caseNo, at: now() }));
        status = 'registered';
        const late = overdue;
        deadline = null;
        overdue = false;
        await record('registered', [{ to: developer, kind: 'registered', message: `${input.caseNo}: project registered as Class I, No. ${registrationNo}.` }], actor, { registrationNo, completedAfterDeadline: late });
      }),
    { validator: ({ actor }) => validate(actor, 'completeRegistration', ['officer']), description: 'Complete registration (BJ-16).' },
  );

  setHandler(caseViewQuery, view);
  setHandler(calendarChangedSignal, () => {
    calendarChanged = true;
  });

  // --- Deadlines nobody has to watch (BJ-15, BJ-16, CAL-2) ---------------------------------------
  async function onDeadlinePassed(d: Deadline) {
    switch (d.kind) {
      case 'publicity_close': {
        const { standingComments } = await call('closePublicityNotice', `close publicity round ${round}; count standing comments`, { caseNo: input.caseNo, round, closedAt: d.closesAt });
        const next = statusAfterPublicity(standingComments);
        // The close is 24:00 of the last publicity day: that day is the start day of the next period.
        const startedAt = periodStartAfterClose(d.closesAt);
        if (next === 'awaiting_revision') {
          await enterDeadlineState(next, 'revision_due', startedAt);
          await record('publicity_closed', [{ to: developer, kind: 'revision_required', message: `${input.caseNo}: ${standingComments} comment(s) stand after publicity; submit revised materials with responses by ${deadline!.closesAtLocal}.` }], undefined, { standingComments });
        } else {
          await enterDeadlineState(next, 'registration_due', startedAt);
          await record('publicity_closed', [{ to: officer(), kind: 'registration_due', message: `${input.caseNo}: publicity closed clean; complete registration by ${deadline!.closesAtLocal}.` }], undefined, { standingComments });
        }
        return;
      }
      case 'supplement_due':
      case 'revision_due':
        // BJ-15 Decision: no answer in time → the case lapses (逾期视为撤回), all parties notified.
        assertAllowed(status, 'lapse');
        status = 'lapsed';
        await record('lapsed', [
          { to: developer, kind: 'lapsed', message: `${input.caseNo} lapsed: the ${PERIODS[d.kind].words} deadline ${d.closesAtLocal} passed (逾期视为撤回).` },
          { to: officer(), kind: 'lapsed', message: `${input.caseNo} lapsed at ${d.closesAtLocal}.` },
        ], undefined, { deadline: d.kind });
        return;
      case 'registration_due':
        // BJ-16: the deadline binds the registry: flag and escalate, never auto-approve.
        overdue = true;
        escalated = true;
        await record('registration_overdue', [
          { to: BUREAU, kind: 'escalation', message: `${input.caseNo}: registry missed the registration deadline ${d.closesAtLocal}.` },
          { to: officer(), kind: 'overdue', message: `${input.caseNo}: registration is overdue since ${d.closesAtLocal}.` },
        ], undefined, { deadline: d.kind });
        return;
    }
  }

  await condition(() => status !== 'draft');
  while (!TERMINAL_STATUSES.includes(status)) {
    const current = { status, deadline };
    const active = overdue ? null : deadline;
    const changed = () => status !== current.status || deadline !== current.deadline || busy;
    if (!active) {
      await condition(changed);
    } else {
      const result = await waitForChangeOrDeadline(changed, () => calendarChanged, active.closesAt, `${PERIODS[active.kind].words} at ${active.closesAtLocal}`);
      if (result.kind === 'expired') await step(() => onDeadlinePassed(active));
      else if (result.kind === 'recompute') {
        calendarChanged = false;
        await step(async () => {
          const moved = await computeDeadline(active.kind, active.startedAt);
          if (moved.closesAt !== active.closesAt) {
            deadline = moved;
            await record('deadline_recomputed', [], undefined, { kind: active.kind, from: active.closesAt, to: moved.closesAt });
          }
        });
      }
    }
    // Let an action already inside its handler finish before we look at the state again.
    await condition(() => !busy);
  }
  await condition(allHandlersFinished);
  return view();
}
