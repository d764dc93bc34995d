import { ApplicationFailure, condition, setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { Actor, assertCanReadCase, assertRole, CASE_PERIODS as PERIODS, DeadlineKind } from '../../libs/domain/src';
import { AssignedOfficer, CaseStatus, CaseStep, NextDeadline, NotificationRequest } from '../../libs/temporal/src';
import { call } from './activity-calls';
import { waitForChangeOrDeadline } from './deadline-wait';
import { asFailure } from './domain-failure';

export type Deadline = NonNullable<CaseStep['deadline']>;

/** What every case workflow holds, whatever its type: the status, the round and the one running deadline. */
export interface CaseState<S extends CaseStep['status']> {
  status: S;
  round: number;
  assignedOfficerId: string | null;
  deadline: Deadline | null;
  overdue: boolean;
  escalated: boolean;
}

export const OFFICERS: NotificationRequest['to'] = { role: 'officer' };
export const BUREAU: NotificationRequest['to'] = { role: 'bureau' };

/**
 * The machinery registration and issuance cases share, so each workflow file holds only its own rules:
 * one action at a time (a second action mid-step is refused, never interleaved), validators that check
 * role, ownership and state, the record of each step in the projection and Temporal UI, and the
 * deadline loop (a passed deadline, a moved calendar, or a person acting — whichever comes first).
 */
export function caseKernel<S extends CaseStep['status']>(opts: {
  caseNo: string;
  caseType: CaseStep['caseType'];
  organisationId: string;
  searchAttributesEnabled: boolean;
  state: CaseState<S>;
  /** Case-type fields written with every step (e.g. the audited quantity of an issuance case). */
  extra?: () => Pick<CaseStep, 'issuance'>;
}) {
  const { workflowId } = workflowInfo();
  const s = opts.state;
  let busy = false;
  let calendarChanged = false;
  let stepSeq = 0;

  const now = () => new Date().toISOString();

  /** Validators are synchronous and pure: an invalid action is rejected and never enters history. */
  function validate(actor: Actor, roles: Actor['role'][], what: string, assertState: () => void) {
    if (busy) throw ApplicationFailure.nonRetryable('Another action on this case is being processed; try again in a moment.', 'BUSY');
    asFailure(() => {
      assertRole(actor, roles, `${what} on this case`);
      assertCanReadCase(actor, opts.organisationId); // ROLE-1, checked again here: the workflow is the authority
      assertState();
    });
  }

  const computeDeadline = (kind: DeadlineKind, startedAt: string): Promise<Deadline> =>
    call('computeDeadline', `compute deadline: ${PERIODS[kind].words} (${PERIODS[kind].workingDays} working days)`, { kind, startedAt });

  async function enterDeadlineState(next: S, kind: DeadlineKind, startedAt: string) {
    const d = await computeDeadline(kind, startedAt);
    s.status = next;
    s.deadline = d;
    s.overdue = false;
  }

  /** Record a step: projection row, timeline event, inbox notifications; then Temporal UI metadata. */
  async function record(type: string, notify: NotificationRequest[], actor?: Actor, data?: Record<string, unknown>) {
    stepSeq += 1;
    await call('recordCaseStep', `record step: ${type} → ${s.status}`, {
      key: `${workflowId}/${stepSeq}/${type}`,
      caseNo: opts.caseNo,
      caseType: opts.caseType,
      at: now(),
      type,
      actor,
      status: s.status,
      round: s.round,
      assignedOfficerId: s.assignedOfficerId,
      deadline: s.deadline,
      overdue: s.overdue,
      escalated: s.escalated,
      data,
      notify,
      ...opts.extra?.(),
    });
    if (opts.searchAttributesEnabled) {
      upsertSearchAttributes([
        { key: CaseStatus, value: s.status },
        { key: AssignedOfficer, value: s.assignedOfficerId ?? '' },
        { key: NextDeadline, value: s.deadline && !s.overdue ? new Date(s.deadline.closesAt) : null },
      ]);
    }
    setCurrentDetails(
      `**${opts.caseNo}** — ${s.status}, round ${s.round}` +
        (s.deadline ? `\n\nNext deadline: ${PERIODS[s.deadline.kind].words} at ${s.deadline.closesAtLocal}` : '') +
        (s.overdue ? '\n\n**OVERDUE — escalated to the bureau**' : ''),
    );
  }

  /** Runs one action under the busy flag; the update returns the case as it now stands. */
  async function step<V>(fn: () => Promise<void>, view: () => V): Promise<V> {
    busy = true;
    try {
      await fn();
    } finally {
      busy = false;
    }
    return view();
  }

  /**
   * Waits out the case: until it is terminal, each running deadline either passes (`onDeadlinePassed`),
   * is recomputed when the calendar changes (CAL-4), or is overtaken by a person's action.
   */
  async function runUntil(terminal: readonly S[], onDeadlinePassed: (d: Deadline) => Promise<void>) {
    while (!terminal.includes(s.status)) {
      const current = { status: s.status, deadline: s.deadline };
      const active = s.overdue ? null : s.deadline;
      const changed = () => s.status !== current.status || s.deadline !== current.deadline || busy;
      if (!active) {
        await condition(changed);
      } else {
        const result = await waitForChangeOrDeadline(changed, () => calendarChanged, active.closesAt, `${PERIODS[active.kind].words} at ${active.closesAtLocal}`);
        if (result.kind === 'expired') await step(() => onDeadlinePassed(active), () => undefined);
        else if (result.kind === 'recompute') {
          calendarChanged = false;
          await step(async () => {
            const moved = await computeDeadline(active.kind, active.startedAt);
            if (moved.closesAt !== active.closesAt) {
              s.deadline = moved;
              await record('deadline_recomputed', [], undefined, { kind: active.kind, from: active.closesAt, to: moved.closesAt });
            }
          }, () => undefined);
        }
      }
      // Let an action already inside its handler finish before we look at the state again.
      await condition(() => !busy);
    }
  }

  /** The fields every case view has, as the Updates and the query return them. */
  const baseView = () => ({
    caseNo: opts.caseNo,
    status: s.status,
    round: s.round,
    assignedOfficerId: s.assignedOfficerId,
    deadline: s.deadline && {
      kind: s.deadline.kind,
      closesAt: s.deadline.closesAt,
      closesAtLocal: s.deadline.closesAtLocal,
      calendarVersion: s.deadline.calendarVersion,
      provisional: s.deadline.provisional,
      bindsOn: s.deadline.bindsOn,
    },
    overdue: s.overdue,
    escalated: s.escalated,
  });

  return {
    workflowId,
    baseView,
    now,
    validate,
    record,
    step,
    computeDeadline,
    enterDeadlineState,
    runUntil,
    onCalendarChanged: () => {
      calendarChanged = true;
    },
    /** Whoever should act for the registry: the assigned officer, or every officer. */
    officer: (): NotificationRequest['to'] => (s.assignedOfficerId ? { userId: s.assignedOfficerId } : OFFICERS),
    developer: { organisationId: opts.organisationId, role: 'developer' } as NotificationRequest['to'],
  };
}
