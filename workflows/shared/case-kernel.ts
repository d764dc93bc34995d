import {
  ActivityFailure, allHandlersFinished, ApplicationFailure, CancellationScope, condition, isCancellation, patched, setCurrentDetails, setHandler,
  upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import {
  Actor, actionArgs, assertActionFrom, assertCanReadCase, assertMayTake, DeadlineReminder, isDomainErrorCode, isTerminal, nextStatus, noticesFor, NoticeContext,
  periodStartAfterClose, recipientOf, personActions, Procedure, REMINDER_KINDS, reminderMessage, reminderParty, rulePack,
} from '../../libs/domain/src';
import {
  ActionRequest, AssignedOfficer, BaseCaseView, calendarChangedSignal, CaseInput, caseActionUpdate, CaseStatus, CaseStep, caseViewQuery, CaseView, Deadline,
  NeedsAttention, NextDeadline, OfficerName, Overdue, retryStepSignal,
} from '../../libs/temporal/src';
import { call } from './activity-calls';
import { waitForChangeOrDeadline } from './deadline-wait';
import { asFailure } from './domain-failure';

/** What a case workflow holds, whatever its type. Plain data, so a failed step can put it back as it was. */
export interface CaseState {
  status: string;
  round: number;
  assignedOfficerId: string | null;
  assignedOfficerName: string | null;
  deadline: Deadline | null;
  overdue: boolean;
  escalated: boolean;
  needsAttention: boolean;
  reviewers: string[];
  facts: Record<string, unknown>;
  /** Steps recorded so far: each step's idempotency key is built from it. */
  steps: number;
  /** CAL-5 reminders sent, by key (deadline kind, instant and which), so each goes once. */
  reminded: string[];
}

/** What an action's effect sees. */
export interface EffectContext {
  state: Readonly<CaseState>;
  args: Record<string, unknown>;
  actor: Actor | undefined;
  /** Workflow time of the step (ISO). */
  at: string;
  /** The deadline whose passing started this (system) step. */
  passed: Deadline | null;
}

/** What an effect found or made: the outcome that picks the next status, facts to keep, data to record. */
export interface EffectResult {
  outcome?: string;
  result?: Record<string, unknown>;
  facts?: Record<string, unknown>;
}

/**
 * The case type's own I/O around a step, keyed by action: `before` runs before the transition (check
 * materials, close a notice, issue credits…), `after` once the new status and deadline are set (publish a
 * notice until the new deadline). Everything else — who may act, what follows, deadlines, recording,
 * notifying — comes from the procedure table.
 */
export interface Effect {
  before?: (c: EffectContext) => Promise<EffectResult | void>;
  after?: (c: EffectContext) => Promise<void>;
}

const OPERATOR_RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000];
/**
 * CAL-5 reminders are timers of the case's own deadline wait (issue 10). Cases whose history predates them replay
 * without: their deadlines were computed without reminder instants, and a deadline computed from now on has them.
 */
export const REMINDERS_PATCH = 'cal-5-reminders';

/**
 * The case kernel: runs any case type's procedure table from a jurisdiction's rule pack.
 *
 * - People act through Updates named after the table's person actions; validators check role, ownership
 *   (ROLE-1), state, the action's guard (ROLE-2) and its argument rule, so an invalid action never enters
 *   history. One action at a time: a second one mid-step is refused with BUSY.
 * - A step either happens whole — effects, transition, deadline, projection record — or not at all: on any
 *   failure the state is put back as it was, so the case's status and running deadline are unchanged.
 * - A failure that is not a business rule (the database gone for longer than the activity retries, data it
 *   refuses) marks the case NeedsAttention (search attribute, projection, operators told). A person's step
 *   answers an error; a system step (a deadline passing, an operator's cancellation) waits and tries again,
 *   sooner when an operator sends `retryStep`.
 * - Deadlines are waited on with the calendar in mind (CAL-4): a `calendarChanged` signal recomputes the
 *   running deadline and records the new instant, provisional flag and calendar version.
 * - Cancelling the workflow (e.g. in the Temporal UI) withdraws the case with the operator's reason; the
 *   execution then shows as Canceled.
 */
export async function runCase<V extends CaseView>(input: CaseInput, spec: {
  effects: Partial<Record<string, Effect>>;
  /** The case type's fields of the view (on top of the base view). */
  view: (s: Readonly<CaseState>) => Omit<V, keyof BaseCaseView>;
}): Promise<V> {
  const pack = rulePack(input.jurisdiction);
  const proc = pack.procedures[input.caseType] as unknown as Procedure;
  const { workflowId } = workflowInfo();
  const s: CaseState = {
    status: proc.initial, round: 0, assignedOfficerId: null, assignedOfficerName: null, deadline: null, overdue: false, escalated: false,
    needsAttention: false, reviewers: [], facts: { ...input.facts }, steps: 0, reminded: [],
  };
  let busy = false;
  /** A system step fell due and has not happened yet (it is waiting to retry): people wait for it. */
  let systemPending = false;
  let calendarChanged = false;
  let retryRequested = false;
  const now = () => new Date().toISOString();

  const view = (): V => ({
    caseNo: input.caseNo,
    status: s.status,
    round: s.round,
    assignedOfficerId: s.assignedOfficerId,
    assignedOfficerName: s.assignedOfficerName,
    deadline: s.deadline && {
      kind: s.deadline.kind, closesAt: s.deadline.closesAt, closesAtLocal: s.deadline.closesAtLocal, calendarVersion: s.deadline.calendarVersion,
      provisional: s.deadline.provisional, bindsOn: s.deadline.bindsOn,
    },
    overdue: s.overdue,
    escalated: s.escalated,
    needsAttention: s.needsAttention,
    ...spec.view(s),
  }) as V;

  // --- Recording a step ------------------------------------------------------------------------------

  function showInTemporalUi() {
    if (input.searchAttributesEnabled) {
      upsertSearchAttributes([
        { key: CaseStatus, value: s.status },
        { key: AssignedOfficer, value: s.assignedOfficerId ?? '' },
        { key: OfficerName, value: s.assignedOfficerName ?? '' },
        // Kept while overdue, so `Overdue = true AND NextDeadline < …` finds how late a case is.
        { key: NextDeadline, value: s.deadline ? new Date(s.deadline.closesAt) : null },
        { key: Overdue, value: s.overdue },
        { key: NeedsAttention, value: s.needsAttention },
      ]);
    }
    const words = s.deadline ? pack.periods[s.deadline.kind].words : '';
    setCurrentDetails(
      `**${input.caseNo}** — ${s.status}, round ${s.round}` +
        (s.assignedOfficerName ? `, officer ${s.assignedOfficerName}` : '') +
        (s.deadline ? `\n\n${s.overdue ? 'Passed' : 'Next'} deadline: ${words} at ${s.deadline.closesAtLocal}` : '') +
        (s.overdue ? '\n\n**OVERDUE — escalated to the bureau**' : '') +
        (s.needsAttention ? '\n\n**NEEDS ATTENTION — a step failed; see the timeline and the pending activities**' : ''),
    );
  }

  async function record(type: string, notify: CaseStep['notify'], actor: Actor | undefined, data: Record<string, unknown>) {
    s.steps += 1;
    await call('recordCaseStep', `record step: ${type} → ${s.status}`, {
      key: `${workflowId}/${s.steps}/${type}`,
      caseNo: input.caseNo, caseType: input.caseType, jurisdiction: input.jurisdiction, at: now(), type, actor,
      status: s.status, round: s.round, assignedOfficerId: s.assignedOfficerId, deadline: s.deadline, overdue: s.overdue, escalated: s.escalated,
      needsAttention: s.needsAttention, reviewers: [...s.reviewers], facts: s.facts, data, notify,
    });
    showInTemporalUi();
  }

  const computeDeadline = (kind: Deadline['kind'], startedAt: string): Promise<Deadline> =>
    call('computeDeadline', `compute deadline: ${pack.periods[kind].words} (${pack.periods[kind].workingDays} working days)`, { jurisdiction: input.jurisdiction, kind, startedAt });

  // --- Taking an action --------------------------------------------------------------------------------

  /** One action of the table: effects, transition, deadline, record. The caller holds the step (busy). */
  async function perform(action: string, actor: Actor | undefined, raw: Record<string, unknown>, passed: Deadline | null) {
    const rule = proc.actions[action];
    if (!actor) asFailure(() => assertActionFrom(proc, s.status, action)); // a person's action was checked by its validator
    const args = asFailure(() => actionArgs(proc, action, raw));
    const at = now();
    const context = (): EffectContext => ({ state: s, args, actor, at, passed });
    const effect = spec.effects[action];
    const r = (await effect?.before?.(context())) ?? {};
    const outcome = r.outcome ?? (typeof args.outcome === 'string' ? args.outcome : null);
    const next = asFailure(() => nextStatus(proc, action, outcome));
    const wasAssigned = s.assignedOfficerId;
    const late = s.overdue;
    if (r.facts) s.facts = { ...s.facts, ...r.facts };
    if (rule.reviews && actor && !s.reviewers.includes(actor.userId)) s.reviewers.push(actor.userId);
    if (rule.assigns === 'actor' || (rule.assigns === 'actorIfUnassigned' && !s.assignedOfficerId)) {
      s.assignedOfficerId = actor!.userId;
      s.assignedOfficerName = actor!.name;
    } else if (rule.assigns === 'assignee') {
      s.assignedOfficerId = String(args.officerId);
      s.assignedOfficerName = String(args.officerName);
    }
    if (rule.round === 'first') s.round = 1;
    else if (rule.round === 'next') s.round += 1;
    if (next !== null && next !== s.status) {
      s.status = next;
      const kind = proc.statuses[next].deadline;
      s.deadline = kind ? await computeDeadline(kind, rule.countsFromClose && passed ? periodStartAfterClose(passed.closesAt) : at) : null;
      s.overdue = false;
    }
    if (rule.escalates) {
      s.overdue = true;
      s.escalated = true;
    }
    s.needsAttention = false;
    await effect?.after?.(context());
    const words: NoticeContext = {
      caseNo: input.caseNo, round: s.round, actorName: actor?.name ?? null, args, outcome, deadlineLocal: s.deadline?.closesAtLocal ?? null,
      passed: passed && { kind: passed.kind, closesAtLocal: passed.closesAtLocal, words: pack.periods[passed.kind].words },
      result: r.result ?? {}, facts: s.facts,
    };
    const parties = { organisationId: input.organisationId, assignedOfficerId: s.assignedOfficerId, assigneeId: args.officerId };
    const notify = noticesFor(rule, outcome).map((n) => ({ to: recipientOf(n.to, parties), kind: n.kind, message: n.message(words) }));
    const assignment = rule.assigns && s.assignedOfficerId !== wasAssigned ? { from: wasAssigned, to: s.assignedOfficerId, toName: s.assignedOfficerName } : {};
    await record(rule.event({ outcome, reassigned: wasAssigned !== null }), notify, actor, {
      ...args, ...r.result, ...assignment,
      ...(passed ? { deadline: passed.kind } : {}),
      ...(late && actor ? { afterDeadline: true } : {}),
    });
  }

  /**
   * Runs a step under the busy flag; on failure puts the state back as it was, marks the case as needing
   * attention unless a business rule said no, and rethrows for the caller (an Update answers with it).
   */
  async function step(action: string, fn: () => Promise<void>): Promise<void> {
    busy = true;
    const before = JSON.stringify(s);
    try {
      await fn();
    } catch (e) {
      Object.assign(s, JSON.parse(before));
      if (isCancellation(e)) throw e;
      const failure = explain(e);
      if (!isDomainErrorCode(failure.type)) attention(action, failure);
      throw failure;
    } finally {
      busy = false;
    }
  }

  /** NeedsAttention: search attribute at once; projection, timeline and operators through an activity that retries. */
  function attention(action: string, failure: ApplicationFailure) {
    s.needsAttention = true;
    showInTemporalUi();
    const at = now();
    void call('reportStepFailure', `report failed step: ${action}`, {
      key: `${workflowId}/failure/${s.steps}/${action}/${at}`, caseNo: input.caseNo, caseType: input.caseType, action, error: failure.message, at,
    }).catch(() => undefined);
  }

  /** A system step (a deadline passed, an operator cancelled) must happen: on failure it waits and tries again. */
  async function systemStep(action: string, fn: () => Promise<void>) {
    systemPending = true;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await condition(() => !busy);
          await step(action, fn);
          return;
        } catch (e) {
          if (isCancellation(e)) throw e;
          if (isDomainErrorCode((e as ApplicationFailure).type)) return; // the table said no (e.g. the state moved on): nothing to do
          retryRequested = false;
          await condition(() => retryRequested, OPERATOR_RETRY_BACKOFF_MS[Math.min(attempt, OPERATOR_RETRY_BACKOFF_MS.length - 1)]);
        }
      }
    } finally {
      systemPending = false;
    }
  }

  for (const action of personActions(proc)) {
    const rule = proc.actions[action];
    setHandler(
      caseActionUpdate<V>(action),
      async ({ actor, ...args }: ActionRequest) => {
        await step(action, () => perform(action, actor, args, null));
        return view();
      },
      {
        validator: ({ actor, ...args }: ActionRequest) => {
          if (busy || systemPending) throw ApplicationFailure.nonRetryable('Another action on this case is being processed; try again in a moment.', 'BUSY');
          asFailure(() => {
            assertMayTake(proc, s.status, action, actor, s);
            assertCanReadCase(actor, input.organisationId); // ROLE-1, checked again here: the workflow is the authority
            actionArgs(proc, action, args);
          });
        },
        description: rule.summary,
      },
    );
  }
  setHandler(caseViewQuery, view);
  setHandler(calendarChangedSignal, () => void (calendarChanged = true));
  setHandler(retryStepSignal, () => void (retryRequested = true));

  // --- Waiting out the case -------------------------------------------------------------------------

  /** CAL-4: the running deadline on the current calendar; recorded when its instant, provisional flag or calendar version changed. */
  async function recompute(d: Deadline) {
    const moved = await computeDeadline(d.kind, d.startedAt);
    if (moved.closesAt === d.closesAt && moved.provisional === d.provisional && moved.calendarVersion === d.calendarVersion) return;
    s.deadline = moved;
    await record('deadline_recomputed', [], undefined, {
      kind: d.kind, from: d.closesAt, to: moved.closesAt, provisional: moved.provisional, calendarVersion: moved.calendarVersion,
    });
  }

  // --- CAL-5 reminders -----------------------------------------------------------------------------------

  const reminderKey = (d: Deadline, r: DeadlineReminder) => `${workflowId}/reminder/${d.kind}/${d.closesAt}/${r.which}`;

  /** The next reminder of the running deadline still to send, soonest first: none once its instant has passed unsent. */
  function nextReminder(d: Deadline): DeadlineReminder | undefined {
    const due = (d.reminders ?? []).filter((r) => Date.parse(r.at) > Date.now() && !s.reminded.includes(reminderKey(d, r)));
    return due.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  }

  /** Whoever the deadline binds is told: the developer for its windows, the registry for its own deadlines. */
  async function remind(d: Deadline, r: DeadlineReminder) {
    const period = pack.periods[d.kind];
    const key = reminderKey(d, r);
    const to = recipientOf(reminderParty(period), { organisationId: input.organisationId, assignedOfficerId: s.assignedOfficerId });
    await call('remindDeadline', `CAL-5 reminder: ${period.words} ${r.which === 'due_today' ? 'today' : 'in 3 working days'} (${d.closesAtLocal})`, {
      key, caseNo: input.caseNo, caseType: input.caseType, at: now(), status: s.status, round: s.round,
      deadline: { kind: d.kind, closesAt: d.closesAt, closesAtLocal: d.closesAtLocal }, which: r.which,
      notify: { to, kind: REMINDER_KINDS[r.which], message: reminderMessage(input.caseNo, period, d.closesAtLocal, r.which) },
    });
    s.reminded.push(key);
  }

  /** The deadline wait, with the deadline's reminders as timers on the way: they move with it and end when the case moves on. */
  async function waitOutDeadline(active: Deadline, changed: () => boolean) {
    const words = `${pack.periods[active.kind].words} at ${active.closesAtLocal}`;
    for (;;) {
      const r = nextReminder(active);
      if (!r || !patched(REMINDERS_PATCH)) return waitForChangeOrDeadline(changed, () => calendarChanged, active.closesAt, words);
      const woke = await waitForChangeOrDeadline(changed, () => calendarChanged, r.at, `CAL-5 reminder ${r.which === 'due_today' ? 'on the day' : '3 working days before'}: ${words}`);
      if (woke.kind !== 'expired') return woke;
      await systemStep('remind', () => remind(active, r));
    }
  }

  async function runUntilClosed() {
    await condition(() => s.status !== proc.initial);
    while (!isTerminal(proc, s.status)) {
      const current = { status: s.status, deadline: s.deadline };
      const active = s.overdue ? null : s.deadline;
      const changed = () => s.status !== current.status || s.deadline !== current.deadline || busy;
      if (!active) {
        await condition(changed);
      } else {
        const result = await waitOutDeadline(active, changed);
        if (result.kind === 'expired') {
          const action = pack.periods[active.kind].onExpiry;
          await systemStep(action, () => perform(action, undefined, {}, active));
        } else if (result.kind === 'recompute') {
          calendarChanged = false;
          await systemStep('recompute', () => recompute(active));
        }
      }
      await condition(() => !busy); // let an action already inside its handler finish before looking again
    }
  }

  try {
    await runUntilClosed();
  } catch (e) {
    if (!isCancellation(e) || isTerminal(proc, s.status)) throw e;
    // An operator cancelled the workflow: the case closes as withdrawn, with their reason, notices closed and parties told.
    await CancellationScope.nonCancellable(async () => {
      const why = await call('describeCancellation', 'read who cancelled the case and why', { workflowId }).catch(() => ({ reason: '', operator: '' }));
      await systemStep('withdraw', () => perform('withdraw', undefined, why, null));
    });
    throw e;
  }
  await condition(allHandlersFinished);
  return view();
}

/** The failure an Update answers with: a domain code as it is, anything else with a code the API maps (4xx or 503). */
function explain(e: unknown): ApplicationFailure {
  for (let c = e as { cause?: unknown } | undefined; c; c = c.cause as typeof c) {
    if (c instanceof ApplicationFailure && c.type && (isDomainErrorCode(c.type) || c.type === 'INVALID_DATA' || c.type === 'CONSTRAINT_VIOLATED')) {
      return ApplicationFailure.nonRetryable(c.message, c.type, ...(c.details ?? []));
    }
  }
  const what = e instanceof ActivityFailure ? `${e.activityType} failed: ${(e.cause as Error | undefined)?.message ?? e.message}` : (e as Error)?.message ?? String(e);
  return ApplicationFailure.nonRetryable(`The step could not be completed (${what}); the case is unchanged and operators have been told. Try again later.`, 'STEP_FAILED');
}
