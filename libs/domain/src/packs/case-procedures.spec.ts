import { Actor, Role, ROLES } from '../access/roles';
import { allowedActions, assertMayTake, nextStatus, Procedure, statusesWaitingFor, terminalStatuses, liveStatuses, openStatuses, actionArgs } from '../cases/procedure';
import { ISSUANCE_ACTIONS, ISSUANCE_STATUSES } from '../issuance/issuance-status';
import { REGISTRATION_ACTIONS, REGISTRATION_STATUSES } from '../registration/registration-status';
import { BEIJING } from './beijing';

/**
 * The procedure tables against the requirements, written out independently here: for every (status,
 * action, role) triple of both case types, who may act where (BJ-13…BJ-16, BJ-21…BJ-23, ROLE-1, ROLE-2).
 */
const REG_OPEN = ['under_review', 'awaiting_supplement', 'review_passed', 'in_publicity', 'awaiting_revision', 'awaiting_registration'];
const ISS_OPEN = ['under_review', 'awaiting_supplement', 'review_passed', 'in_publicity', 'awaiting_revision', 'awaiting_bureau_submission', 'awaiting_signoff'];

/** action → [roles that take it, statuses it starts from]; actions absent here are the system's. */
const SHARED = (open: string[]): Record<string, [Role[], string[]]> => ({
  submit: [['developer'], ['draft']], // BJ-13, BJ-21
  claim: [['officer'], open],
  assign: [['officer', 'bureau', 'admin'], open],
  review: [['officer'], ['under_review']], // BJ-15, BJ-23
  submitSupplement: [['developer'], ['awaiting_supplement']],
  openPublicity: [['officer'], ['review_passed']],
  dismissComment: [['officer'], ['in_publicity']], // BJ-15 Decision
  submitRevision: [['developer'], ['awaiting_revision']],
});
const EXPECTED: Record<'registration' | 'issuance', Record<string, [Role[], string[]]>> = {
  registration: { ...SHARED(REG_OPEN), completeRegistration: [['officer'], ['awaiting_registration']] }, // BJ-16
  issuance: {
    ...SHARED(ISS_OPEN),
    submitToBureau: [['officer'], ['awaiting_bureau_submission']], // BJ-23
    signOff: [['bureau'], ['awaiting_signoff']],
    refuse: [['bureau'], ['awaiting_signoff']],
  },
};

const actor = (role: Role): Actor => ({ userId: `user-${role}`, organisationId: 'org', role, name: role });

const triples = (caseType: 'registration' | 'issuance', statuses: readonly string[], actions: readonly string[]) =>
  statuses.flatMap((status) => actions.flatMap((action) => ROLES.map((role) => {
    const expected = EXPECTED[caseType][action];
    const outcome = !expected ? 'NOT_FOUND' : !expected[0].includes(role) ? 'FORBIDDEN' : !expected[1].includes(status) ? 'WRONG_STATE' : 'OK';
    return [caseType, status, action, role, outcome] as const;
  })));

const ALL = [
  ...triples('registration', REGISTRATION_STATUSES, REGISTRATION_ACTIONS),
  ...triples('issuance', ISSUANCE_STATUSES, ISSUANCE_ACTIONS),
];

describe('procedure tables: every (status, action, role) triple of both case types', () => {
  const proc = (t: 'registration' | 'issuance') => BEIJING.procedures[t] as unknown as Procedure;

  it(`covers ${ALL.length} triples`, () => {
    expect(ALL.length).toBe(REGISTRATION_STATUSES.length * REGISTRATION_ACTIONS.length * ROLES.length + ISSUANCE_STATUSES.length * ISSUANCE_ACTIONS.length * ROLES.length);
  });

  it.each(ALL)('ROLE-1/BJ-15/BJ-23: %s case %s, %s by %s → %s', (caseType, status, action, role, outcome) => {
    const take = () => assertMayTake(proc(caseType), status, action, actor(role));
    if (outcome === 'OK') expect(take).not.toThrow();
    else expect(take).toThrow(expect.objectContaining({ code: outcome }));
    expect(allowedActions(proc(caseType), status, actor(role)).includes(action)).toBe(outcome === 'OK');
  });

  it.each([
    ['registration', 'in_publicity', 'review', /Cannot review a case that is in_publicity\. Allowed now: claim, assign, dismissComment\./],
    ['registration', 'registered', 'claim', /The case is closed; nothing more can be done\./],
    ['issuance', 'withdrawn', 'signOff', /The case is closed/],
  ] as const)('a refused %s action says the state and what the person may do now', (caseType, status, action, message) => {
    const role = action === 'signOff' ? 'bureau' : 'officer';
    expect(() => assertMayTake(proc(caseType), status, action, actor(role))).toThrow(message);
  });
});

describe('procedure tables: what follows each action', () => {
  const reg = BEIJING.procedures.registration;
  const iss = BEIJING.procedures.issuance;
  it.each([
    [reg, 'submit', null, 'under_review'],
    [reg, 'review', 'pass', 'review_passed'],
    [reg, 'review', 'request_supplement', 'awaiting_supplement'],
    [reg, 'review', 'reject', 'rejected'],
    [reg, 'submitSupplement', null, 'under_review'],
    [reg, 'openPublicity', null, 'in_publicity'],
    [reg, 'closePublicity', 'standing', 'awaiting_revision'], // BJ-15
    [reg, 'closePublicity', 'clean', 'awaiting_registration'], // BJ-16
    [reg, 'submitRevision', null, 'under_review'],
    [reg, 'completeRegistration', null, 'registered'],
    [reg, 'lapse', null, 'lapsed'],
    [reg, 'escalate', null, null], // BJ-16: never approves by itself
    [reg, 'withdraw', null, 'withdrawn'],
    [reg, 'markTerminated', null, 'terminated'],
    [reg, 'claim', null, null],
    [iss, 'closePublicity', 'clean', 'awaiting_bureau_submission'], // BJ-23
    [iss, 'submitToBureau', null, 'awaiting_signoff'],
    [iss, 'signOff', null, 'issued'],
    [iss, 'refuse', null, 'rejected'],
    [iss, 'escalate', null, null], // BJ-23: never issues by itself
  ] as [Procedure, string, string | null, string | null][])('BJ-15/16/23: %#: %s (%s) → %s', (p, action, outcome, next) => {
    expect(nextStatus(p, action, outcome)).toBe(next);
  });

  it('an outcome the action does not have is refused', () => {
    expect(() => nextStatus(reg as unknown as Procedure, 'review', 'maybe')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it.each([
    [reg, 'awaiting_supplement', 'supplement_due'],
    [reg, 'in_publicity', 'publicity_close'],
    [reg, 'awaiting_revision', 'revision_due'],
    [reg, 'awaiting_registration', 'registration_due'],
    [iss, 'awaiting_bureau_submission', 'bureau_submission_due'],
    [reg, 'under_review', undefined],
    [iss, 'awaiting_signoff', undefined],
  ] as [Procedure, string, string | undefined][])('CAL-3: %#: entering %s starts the %s deadline', (p, status, kind) => {
    expect(p.statuses[status].deadline).toBe(kind);
  });

  it('BJ-15/16/23: a passed developer deadline lapses the case; a passed registry deadline escalates; publicity closes itself', () => {
    expect(Object.fromEntries(Object.entries(BEIJING.periods).map(([k, v]) => [k, [v.workingDays, v.bindsOn, v.onExpiry]]))).toEqual({
      publicity_close: [10, 'registry', 'closePublicity'],
      supplement_due: [10, 'developer', 'lapse'],
      revision_due: [10, 'developer', 'lapse'],
      registration_due: [10, 'registry', 'escalate'],
      bureau_submission_due: [10, 'registry', 'escalate'],
    });
  });

  it('the worklists: the registry acts in review, before and during publicity and after a clean close; the bureau at sign-off', () => {
    expect(statusesWaitingFor(reg, 'registry')).toEqual(['under_review', 'review_passed', 'in_publicity', 'awaiting_registration']);
    expect(statusesWaitingFor(iss, 'registry')).toEqual(['under_review', 'review_passed', 'in_publicity', 'awaiting_bureau_submission']);
    expect(statusesWaitingFor(iss, 'bureau')).toEqual(['awaiting_signoff']);
    expect(openStatuses(reg)).toEqual(REG_OPEN);
    expect(openStatuses(iss)).toEqual(ISS_OPEN);
  });

  it('BJ-14/BJ-21: rejected, lapsed, withdrawn and terminated cases release what they claimed; registered and issued keep it', () => {
    expect(terminalStatuses(reg).sort()).toEqual(['lapsed', 'registered', 'rejected', 'terminated', 'withdrawn']);
    expect(terminalStatuses(iss).sort()).toEqual(['issued', 'lapsed', 'rejected', 'terminated', 'withdrawn']);
    for (const p of [reg, iss] as unknown as Procedure[]) {
      expect(terminalStatuses(p).filter((s) => !liveStatuses(p).includes(s)).sort()).toEqual(['lapsed', 'rejected', 'terminated', 'withdrawn']);
    }
  });

  it('ROLE-2: the bureau user who reviewed the case is not offered sign-off and is refused it', () => {
    const bureau = actor('bureau');
    expect(allowedActions(iss, 'awaiting_signoff', bureau, { reviewers: [bureau.userId] })).toEqual(['assign', 'refuse']);
    expect(() => assertMayTake(iss, 'awaiting_signoff', 'signOff', bureau, { reviewers: [bureau.userId] })).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('ROLE-2') }));
    expect(allowedActions(iss, 'awaiting_signoff', bureau, { reviewers: ['someone-else'] })).toEqual(['assign', 'signOff', 'refuse']);
  });

  it('argument rules run from the table: BJ-23 audited quantity on a passing issuance review; BJ-15 reasons otherwise', () => {
    expect(actionArgs(iss, 'review', { outcome: 'pass', auditedTco2e: '1000.50' })).toEqual({ outcome: 'pass', reasons: '', auditedTco2e: '1000.5' });
    expect(() => actionArgs(iss, 'review', { outcome: 'pass' })).toThrow(/auditedTco2e/);
    expect(() => actionArgs(reg, 'review', { outcome: 'reject', reasons: '  ' })).toThrow(/needs reasons/);
    expect(actionArgs(reg, 'review', { outcome: 'pass', extra: 'dropped' })).toEqual({ outcome: 'pass', reasons: '' });
  });
});
