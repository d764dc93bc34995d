import { assertRole } from '../access/case-access';
import { Actor, Role } from '../access/roles';
import { DomainError } from '../errors';
import type { DeadlineKind } from './periods';

/**
 * A case type's procedure as one table (style practice 8): for each status, whose move it is and which
 * deadline runs; for each action, who takes it (a person through an Update, or the system when a deadline
 * passes or an operator intervenes), its roles, the statuses it may start from, its argument rule, its next
 * status and whom it tells. The workflow validators, the API's "allowed actions", the worklists and the
 * projection all derive from it; no code assigns a status except through it.
 */

/** Who is told about a step (CAL-5, BJ-15: whoever must act next). */
export type Party =
  | 'developer' // the applicant organisation's developers
  | 'registry' // the officer the case is assigned to, or every officer while it is unassigned
  | 'officers' // every officer
  | 'bureau' // every bureau user
  | 'operators' // platform admins: a case needs a person to look at it
  | 'assignee'; // the officer an assignment names

/** Whom a notification is addressed to: a user, an organisation's users (of a role), or everyone in a role. */
export type Recipient = { userId: string } | { organisationId: string; role?: Role } | { role: Role };

/** The recipient a party of a case is, now. */
export function recipientOf(party: Party, c: { organisationId: string; assignedOfficerId: string | null; assigneeId?: unknown }): Recipient {
  switch (party) {
    case 'developer': return { organisationId: c.organisationId, role: 'developer' };
    case 'registry': return c.assignedOfficerId ? { userId: c.assignedOfficerId } : { role: 'officer' };
    case 'officers': return { role: 'officer' };
    case 'bureau': return { role: 'bureau' };
    case 'operators': return { role: 'admin' };
    case 'assignee': return { userId: String(c.assigneeId) };
  }
}

/** What a notice's words may use. */
export interface NoticeContext {
  caseNo: string;
  round: number;
  actorName: string | null;
  /** The action's arguments, after its argument rule. */
  args: Record<string, unknown>;
  outcome: string | null;
  /** The deadline running after the step, Beijing time ('2026-10-17T00:00:00+08:00'). */
  deadlineLocal: string | null;
  /** The deadline whose passing caused this (system) step. */
  passed: { kind: DeadlineKind; closesAtLocal: string; words: string } | null;
  /** What the step's effect found or made (standing comments, a registration number, an issued block …). */
  result: Record<string, unknown>;
  /** The case type's own facts (claimed and audited quantities …). */
  facts: Record<string, unknown>;
}

export interface Notice {
  to: Party;
  kind: string;
  message: (c: NoticeContext) => string;
  /** Only for these outcomes of the action. */
  when?: readonly string[];
}

export interface StatusRule {
  /** Whose move it is: 'registry' statuses are the officers' worklist, 'bureau' statuses the bureau's queue. */
  waitsFor: 'developer' | 'registry' | 'bureau' | null;
  /** The deadline that starts when a case enters this status (CAL-3). */
  deadline?: DeadlineKind;
  /** Nothing more happens to a case in a terminal status. */
  terminal?: true;
  /**
   * The case still claims what it applies for: a registration its site identifiers (BJ-14), an issuance its
   * monitoring period (BJ-21). A rejected, lapsed, withdrawn or terminated case releases them.
   */
  live: boolean;
  /** Materials may be uploaded (drafting; answering a supplement request or standing comments). */
  acceptsMaterials?: true;
}

export interface ActionRule<S extends string> {
  by: 'person' | 'system';
  /** Who may take it (person actions; system actions list none). The one place a role list lives. */
  roles: readonly Role[];
  from: readonly S[];
  /** The status after the action: one for every outcome, one per outcome, or unchanged (null). */
  next: S | Readonly<Record<string, S>> | null;
  /**
   * Argument rule (pure): returns the arguments as they are recorded (text normalised) or throws
   * VALIDATION_FAILED naming the field. Runs at the edge, in the workflow's validator and in its handler.
   */
  args?: (args: Record<string, unknown>) => Record<string, unknown>;
  /** A rule on the actor and the case beyond role and state (ROLE-2 four eyes). Throws FORBIDDEN. */
  guard?: (actor: Actor, c: { reviewers: readonly string[] }) => void;
  /** 'first' starts round 1 (submission); 'next' starts another review + publicity round (revision). */
  round?: 'first' | 'next';
  /** Who the case is assigned to afterwards. */
  assigns?: 'actor' | 'assignee' | 'actorIfUnassigned';
  /** The actor did the technical review (ROLE-2 remembers every reviewer). */
  reviews?: true;
  /** A registry deadline passed: the case is flagged overdue and escalated, never decided (BJ-16, BJ-23). */
  escalates?: true;
  /** The next status's deadline counts from the close that caused this step, not from now (CAL-2). */
  countsFromClose?: true;
  /** The timeline event's type. */
  event: (o: { outcome: string | null; reassigned: boolean }) => string;
  notify: readonly Notice[];
  /** In words, for the OpenAPI document, Update descriptions and the Temporal UI. */
  summary: string;
}

export interface Procedure<S extends string = string, A extends string = string> {
  caseType: 'registration' | 'issuance';
  /** The status the API creates a case in; the workflow starts when the first action leaves it. */
  initial: S;
  /** Who may create a case of this type (the draft, before any action). */
  openedBy: readonly Role[];
  statuses: Readonly<Record<S, StatusRule>>;
  actions: Readonly<Record<A, ActionRule<S>>>;
}

export const actionNames = <S extends string, A extends string>(p: Procedure<S, A>): A[] => Object.keys(p.actions) as A[];
export const statusNames = <S extends string, A extends string>(p: Procedure<S, A>): S[] => Object.keys(p.statuses) as S[];
export const isTerminal = <S extends string>(p: Procedure<S>, status: S): boolean => p.statuses[status]?.terminal === true;
export const terminalStatuses = <S extends string, A extends string>(p: Procedure<S, A>): S[] => statusNames(p).filter((s) => isTerminal(p, s));
/** Statuses with a running case workflow: neither the draft nor closed. */
export const openStatuses = <S extends string, A extends string>(p: Procedure<S, A>): S[] =>
  statusNames(p).filter((s) => s !== p.initial && !isTerminal(p, s));
export const statusesWaitingFor = <S extends string, A extends string>(p: Procedure<S, A>, party: StatusRule['waitsFor']): S[] =>
  statusNames(p).filter((s) => p.statuses[s].waitsFor === party);
export const liveStatuses = <S extends string, A extends string>(p: Procedure<S, A>): S[] => statusNames(p).filter((s) => p.statuses[s].live);
export const personActions = <S extends string, A extends string>(p: Procedure<S, A>): A[] => actionNames(p).filter((a) => p.actions[a].by === 'person');

/** The status an action leads to, for its outcome; null when the status does not change. */
export function nextStatus<S extends string, A extends string>(p: Procedure<S, A>, action: A, outcome?: string | null): S | null {
  const next = p.actions[action].next;
  if (next === null || typeof next === 'string') return next as S | null;
  const byOutcome = (next as Record<string, S>)[outcome ?? ''];
  if (!byOutcome) throw new DomainError('VALIDATION_FAILED', `${action} has no outcome "${String(outcome)}"; expected one of ${Object.keys(next).join(', ')}.`);
  return byOutcome;
}

/** WRONG_STATE unless `action` may start from `status`, with the state and what is allowed now in the message. */
export function assertActionFrom<S extends string, A extends string>(p: Procedure<S, A>, status: S, action: A, actor?: Actor): void {
  const rule = p.actions[action];
  if (rule?.from.includes(status)) return;
  const now = allowedActions(p, status, actor);
  throw new DomainError(
    'WRONG_STATE',
    `Cannot ${action} a case that is ${status}. ` + (isTerminal(p, status) ? 'The case is closed; nothing more can be done.' : now.length ? `Allowed now: ${now.join(', ')}.` : 'Nothing can be done by you now.'),
    { status, action, allowed: now },
  );
}

/**
 * May this actor take this person action now? Role (FORBIDDEN), state (WRONG_STATE), the action's own
 * guard (ROLE-2). Ownership of the case (ROLE-1) is the caller's check: it needs the case's organisation.
 */
export function assertMayTake<S extends string, A extends string>(p: Procedure<S, A>, status: S, action: A, actor: Actor, c: { reviewers: readonly string[] } = { reviewers: [] }): void {
  const rule = p.actions[action];
  if (!rule || rule.by !== 'person') throw new DomainError('NOT_FOUND', `No action ${String(action)} on a ${p.caseType} case.`);
  assertRole(actor, rule.roles, `${action} on this case`);
  assertActionFrom(p, status, action, actor);
  rule.guard?.(actor, c);
}

/** The person actions this actor may take now (or that anyone may take, without an actor). */
export function allowedActions<S extends string, A extends string>(p: Procedure<S, A>, status: S, actor?: Actor, c: { reviewers: readonly string[] } = { reviewers: [] }): A[] {
  return personActions(p).filter((a) => {
    const rule = p.actions[a];
    if (!rule.from.includes(status)) return false;
    if (!actor) return true;
    if (!rule.roles.includes(actor.role)) return false;
    try {
      rule.guard?.(actor, c);
      return true;
    } catch {
      return false;
    }
  });
}

/** The action's arguments as they are recorded, or VALIDATION_FAILED naming the field. */
export function actionArgs<S extends string, A extends string>(p: Procedure<S, A>, action: A, args: Record<string, unknown>): Record<string, unknown> {
  const rule = p.actions[action];
  return rule.args ? rule.args(args ?? {}) : {};
}

/** The notices a step sends, for its outcome. */
export const noticesFor = (rule: ActionRule<string>, outcome: string | null): Notice[] => rule.notify.filter((n) => !n.when || (outcome !== null && n.when.includes(outcome)));
