import { allHandlersFinished, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  Actor, assertFourEyes, assertIssuanceAllowed, IssuanceAction, IssuanceStatus, ISSUANCE_TERMINAL_STATUSES, issuanceStatusAfterPublicity, issuedQuantity,
  parseQuantity, statusAfterReview, Tonnes,
} from '../libs/domain/src';
import {
  IssuanceCaseInput, IssuanceCaseView, issuanceReviewUpdate, issuanceViewQuery, refuseIssuanceUpdate, signOffUpdate, submitToBureauUpdate, submitUpdate,
} from '../libs/temporal/src';
import { call } from './shared/activity-calls';
import { BUREAU, CaseState, caseKernel, Deadline, OFFICERS } from './shared/case-kernel';
import { asFailure } from './shared/domain-failure';
import { installSharedProcedure } from './shared/shared-procedure';

/**
 * A Beijing reduction issuance case (BJ-21…BJ-23): technical review fixes the audited quantity →
 * 10-working-day publicity (with the same revision loop as registration) → within 10 working days the
 * registry asks the bureau to issue (missed: escalated, never auto-issued) → a bureau user who did not
 * review the case signs off (ROLE-2) → the over-claim rule gives the quantity, issued as one serial
 * block into the developer's account (LED-2), exactly once whatever is retried.
 */
export async function reductionIssuanceWorkflow(input: IssuanceCaseInput): Promise<IssuanceCaseView> {
  const s: CaseState<IssuanceStatus> = { status: 'draft', round: 0, assignedOfficerId: null, deadline: null, overdue: false, escalated: false };
  const claimed = new Tonnes(input.claimedTco2e);
  let audited = null as Tonnes | null;
  const reviewedBy: string[] = [];
  let signedOffBy = null as string | null;
  let issuedTco2e = null as string | null;
  let block = null as IssuanceCaseView['block'];
  const k = caseKernel({
    caseNo: input.caseNo,
    caseType: 'issuance',
    organisationId: input.organisationId,
    searchAttributesEnabled: input.searchAttributesEnabled,
    state: s,
    extra: () => ({ issuance: { auditedTco2e: audited?.toFixed() ?? null, reviewedBy: [...reviewedBy] } }),
  });
  const { now, record, developer, officer } = k;

  const issuable = () => {
    if (!audited) return null;
    const q = issuedQuantity(claimed, audited); // BJ-23, decided in libs/domain
    return { tco2e: q.issued.toFixed(), basis: q.basis, explanation: q.explanation };
  };
  const view = (): IssuanceCaseView => ({
    ...k.baseView(),
    claimedTco2e: claimed.toFixed(),
    auditedTco2e: audited?.toFixed() ?? null,
    issuable: issuable(),
    reviewedBy: [...reviewedBy],
    signedOffBy,
    issuedTco2e,
    block,
  });
  const step = (fn: () => Promise<void>) => k.step(fn, view);
  const validate = (actor: Actor, action: IssuanceAction, roles: Actor['role'][]) => k.validate(actor, roles, action, () => assertIssuanceAllowed(s.status, action));

  const onSharedDeadline = installSharedProcedure(k, s, {
    caseNo: input.caseNo,
    caseType: 'issuance',
    view,
    assertAllowed: assertIssuanceAllowed,
    statusAfterPublicity: issuanceStatusAfterPublicity,
    cleanClose: {
      status: 'awaiting_bureau_submission',
      deadline: 'bureau_submission_due',
      kind: 'bureau_submission_due',
      message: (at) => `${input.caseNo}: publicity closed clean; ask the bureau to issue by ${at} (BJ-23).`,
    },
  });

  setHandler(
    submitUpdate,
    ({ actor }) =>
      step(async () => {
        const missing = await call('missingMaterials', 'check BJ-21 materials are complete', input.caseNo, 'issuance');
        if (missing.length) {
          throw ApplicationFailure.nonRetryable(`BJ-21: materials missing: ${missing.join(', ')}.`, 'MATERIALS_INCOMPLETE', { missing });
        }
        s.status = 'under_review';
        s.round = 1;
        await record('submitted', [{ to: OFFICERS, kind: 'case_submitted', message: `${input.caseNo}: issuance application (${claimed} tCO2e claimed) submitted for technical review.` }], actor);
      }),
    { validator: ({ actor }) => validate(actor, 'submit', ['developer']), description: 'Developer submits the issuance application (BJ-21).' },
  );

  setHandler(
    issuanceReviewUpdate,
    ({ actor, outcome, reasons, auditedTco2e }) =>
      step(async () => {
        if (!reviewedBy.includes(actor.userId)) reviewedBy.push(actor.userId);
        s.assignedOfficerId ??= actor.userId;
        if (outcome === 'pass') audited = new Tonnes(auditedTco2e!);
        const next = statusAfterReview(outcome) as IssuanceStatus;
        if (next === 'awaiting_supplement') await k.enterDeadlineState(next, 'supplement_due', now());
        else s.status = next;
        const message =
          outcome === 'pass'
            ? `${input.caseNo} passed technical review: audited ${audited} tCO2e (claimed ${claimed}); ${issuable()!.explanation} → ${issuable()!.tco2e} t. Publicity will open.`
            : outcome === 'reject'
              ? `${input.caseNo} was rejected: ${reasons}`
              : `${input.caseNo}: supplement requested (${reasons}); due ${s.deadline?.closesAtLocal}.`;
        await record(`review_${outcome}`, [{ to: developer, kind: `review_${outcome}`, message }], actor, { outcome, reasons, auditedTco2e: audited?.toFixed() ?? null, issuable: issuable() });
      }),
    {
      validator: ({ actor, outcome, reasons, auditedTco2e }) => {
        validate(actor, 'review', ['officer']);
        if (outcome !== 'pass' && !reasons?.trim()) throw ApplicationFailure.nonRetryable('BJ-23: a supplement request or rejection needs reasons.', 'VALIDATION_FAILED');
        if (outcome === 'pass') {
          if (auditedTco2e === undefined) throw ApplicationFailure.nonRetryable('BJ-23: a passing review fixes the audited quantity (auditedTco2e).', 'VALIDATION_FAILED');
          asFailure(() => parseQuantity(auditedTco2e, 'auditedTco2e'));
        }
      },
      description: 'Technical review: pass with the audited quantity / request supplement / reject with reasons (BJ-23).',
    },
  );

  setHandler(
    submitToBureauUpdate,
    ({ actor, note }) =>
      step(async () => {
        const late = s.overdue;
        s.status = 'awaiting_signoff';
        s.deadline = null;
        s.overdue = false;
        await record('submitted_to_bureau', [{ to: BUREAU, kind: 'signoff_requested', message: `${input.caseNo}: the registry asks the bureau to issue ${issuable()!.tco2e} t (audited ${audited}, claimed ${claimed}).` }], actor, { note, submittedAfterDeadline: late });
      }),
    { validator: ({ actor }) => validate(actor, 'submitToBureau', ['officer']), description: 'The registry asks the bureau to issue (BJ-23, within 10 working days of a clean close).' },
  );

  setHandler(
    signOffUpdate,
    ({ actor }) =>
      step(async () => {
        const quantity = issuable()!.tco2e;
        block = await call('issueCredits', `issue ${quantity} t as one serial block (idempotent per case)`, {
          caseNo: input.caseNo,
          quantity,
          signedOffBy: { userId: actor.userId, name: actor.name },
          at: now(),
        });
        signedOffBy = actor.userId;
        issuedTco2e = quantity;
        s.status = 'issued';
        const message = block
          ? `${input.caseNo}: ${quantity} t issued into account ${block.accountNo}, serials ${block.prefix}-${block.serialFrom}…${block.serialTo}.`
          : `${input.caseNo}: signed off; nothing issued (${issuable()!.explanation}).`;
        await record('issued', [{ to: developer, kind: 'issued', message }, { to: officer(), kind: 'issued', message }], actor, { issuedTco2e: quantity, basis: issuable()!.basis, block });
      }),
    {
      validator: ({ actor }) => {
        validate(actor, 'signOff', ['bureau']);
        asFailure(() => assertFourEyes(actor, reviewedBy)); // ROLE-2
      },
      description: 'The bureau signs off; the over-claim rule gives the quantity, issued as one serial block (BJ-23, ROLE-2).',
    },
  );

  setHandler(
    refuseIssuanceUpdate,
    ({ actor, reasons }) =>
      step(async () => {
        s.status = 'rejected';
        await record('issuance_refused', [{ to: developer, kind: 'issuance_refused', message: `${input.caseNo}: the bureau refused issuance: ${reasons}` }, { to: officer(), kind: 'issuance_refused', message: `${input.caseNo}: refused by the bureau.` }], actor, { reasons });
      }),
    {
      validator: ({ actor, reasons }) => {
        validate(actor, 'refuse', ['bureau']);
        if (!reasons?.trim()) throw ApplicationFailure.nonRetryable('A refusal needs reasons.', 'VALIDATION_FAILED');
      },
      description: 'The bureau refuses issuance, with reasons.',
    },
  );

  setHandler(issuanceViewQuery, view);

  async function onDeadlinePassed(d: Deadline) {
    if (await onSharedDeadline(d)) return;
    if (d.kind === 'bureau_submission_due') {
      // BJ-23: the 10 working days bind the registry: flag and escalate, never auto-issue.
      s.overdue = true;
      s.escalated = true;
      await record('bureau_submission_overdue', [
        { to: BUREAU, kind: 'escalation', message: `${input.caseNo}: the registry missed its deadline ${d.closesAtLocal} to ask the bureau to issue.` },
        { to: officer(), kind: 'overdue', message: `${input.caseNo}: asking the bureau to issue is overdue since ${d.closesAtLocal}.` },
      ], undefined, { deadline: d.kind });
    }
  }

  await condition(() => s.status !== 'draft');
  await k.runUntil(ISSUANCE_TERMINAL_STATUSES, onDeadlinePassed);
  await condition(allHandlersFinished);
  return view();
}
