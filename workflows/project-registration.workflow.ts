import { allHandlersFinished, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  Actor, assertAllowed, RegistrationAction, RegistrationStatus, statusAfterPublicity, statusAfterReview, TERMINAL_STATUSES,
} from '../libs/domain/src';
import { caseViewQuery, completeRegistrationUpdate, RegistrationCaseInput, RegistrationCaseView, reviewUpdate, submitUpdate } from '../libs/temporal/src';
import { call } from './shared/activity-calls';
import { BUREAU, CaseState, caseKernel, Deadline, OFFICERS } from './shared/case-kernel';
import { installSharedProcedure } from './shared/shared-procedure';

/**
 * A Beijing Class I project registration case (BJ-13…BJ-16), from submission to registered, rejected
 * or lapsed. People act through Updates (validated: role, ownership, state); deadlines are absolute
 * instants computed by an activity (CAL-3) and waited on here; every step is written to the
 * PostgreSQL projection by an idempotent activity. The steps shared with issuance cases (claim,
 * supplement, publicity, comments, revision) are in shared/shared-procedure.
 */
export async function projectRegistrationWorkflow(input: RegistrationCaseInput): Promise<RegistrationCaseView> {
  const s: CaseState<RegistrationStatus> = { status: 'draft', round: 0, assignedOfficerId: null, deadline: null, overdue: false, escalated: false };
  let registrationNo = null as string | null;
  let reviewedBy = null as string | null;
  const k = caseKernel({ caseNo: input.caseNo, caseType: 'registration', organisationId: input.organisationId, searchAttributesEnabled: input.searchAttributesEnabled, state: s });
  const { now, record, developer, officer } = k;

  const view = (): RegistrationCaseView => ({
    ...k.baseView(),
    registrationNo,
  });
  const step = (fn: () => Promise<void>) => k.step(fn, view);
  const validate = (actor: Actor, action: RegistrationAction, roles: Actor['role'][]) => k.validate(actor, roles, action, () => assertAllowed(s.status, action));

  const onSharedDeadline = installSharedProcedure(k, s, {
    caseNo: input.caseNo,
    caseType: 'registration',
    view,
    assertAllowed,
    statusAfterPublicity,
    cleanClose: {
      status: 'awaiting_registration',
      deadline: 'registration_due',
      kind: 'registration_due',
      message: (at) => `${input.caseNo}: publicity closed clean; complete registration by ${at}.`,
    },
  });

  setHandler(
    submitUpdate,
    ({ actor }) =>
      step(async () => {
        const missing = await call('missingMaterials', 'check BJ-13 materials are complete', input.caseNo);
        if (missing.length) {
          throw ApplicationFailure.nonRetryable(`BJ-13: materials missing: ${missing.join(', ')}.`, 'MATERIALS_INCOMPLETE', { missing });
        }
        s.status = 'under_review';
        s.round = 1;
        await record('submitted', [{ to: OFFICERS, kind: 'case_submitted', message: `${input.caseNo} submitted for technical review.` }], actor);
      }),
    { validator: ({ actor }) => validate(actor, 'submit', ['developer']), description: 'Developer submits the application (BJ-13).' },
  );

  setHandler(
    reviewUpdate,
    ({ actor, outcome, reasons }) =>
      step(async () => {
        reviewedBy = actor.userId;
        s.assignedOfficerId ??= actor.userId;
        const next = statusAfterReview(outcome);
        if (next === 'awaiting_supplement') await k.enterDeadlineState(next, 'supplement_due', now());
        else s.status = next;
        const message =
          outcome === 'pass'
            ? `${input.caseNo} passed technical review; publicity will open.`
            : outcome === 'reject'
              ? `${input.caseNo} was rejected: ${reasons}`
              : `${input.caseNo}: supplement requested (${reasons}); due ${s.deadline?.closesAtLocal}.`;
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
    completeRegistrationUpdate,
    ({ actor }) =>
      step(async () => {
        ({ registrationNo } = await call('registerProject', 'assign registration number; project becomes Class I', { caseNo: input.caseNo, at: now() }));
        s.status = 'registered';
        const late = s.overdue;
        s.deadline = null;
        s.overdue = false;
        await record('registered', [{ to: developer, kind: 'registered', message: `${input.caseNo}: project registered as Class I, No. ${registrationNo}.` }], actor, { registrationNo, completedAfterDeadline: late });
      }),
    { validator: ({ actor }) => validate(actor, 'completeRegistration', ['officer']), description: 'Complete registration (BJ-16).' },
  );

  setHandler(caseViewQuery, view);

  // --- Deadlines nobody has to watch (BJ-15, BJ-16, CAL-2) ---------------------------------------
  async function onDeadlinePassed(d: Deadline) {
    if (await onSharedDeadline(d)) return;
    if (d.kind === 'registration_due') {
      // BJ-16: the deadline binds the registry: flag and escalate, never auto-approve.
      s.overdue = true;
      s.escalated = true;
      await record('registration_overdue', [
        { to: BUREAU, kind: 'escalation', message: `${input.caseNo}: registry missed the registration deadline ${d.closesAtLocal}.` },
        { to: officer(), kind: 'overdue', message: `${input.caseNo}: registration is overdue since ${d.closesAtLocal}.` },
      ], undefined, { deadline: d.kind });
    }
  }

  await condition(() => s.status !== 'draft');
  await k.runUntil(TERMINAL_STATUSES, onDeadlinePassed);
  await condition(allHandlersFinished);
  return view();
}
