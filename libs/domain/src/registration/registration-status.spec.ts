import {
  allowedActions,
  assertAllowed,
  REGISTRATION_ACTIONS,
  REGISTRATION_STATUSES,
  RegistrationAction,
  RegistrationStatus,
  statusAfterPublicity,
  statusAfterReview,
} from './registration-status';

const allowedPairs: [RegistrationStatus, RegistrationAction][] = [
  ['draft', 'submit'],
  ['under_review', 'review'],
  ['under_review', 'claim'],
  ['awaiting_supplement', 'submitSupplement'],
  ['awaiting_supplement', 'lapse'],
  ['review_passed', 'openPublicity'],
  ['in_publicity', 'dismissComment'],
  ['in_publicity', 'closePublicity'],
  ['awaiting_revision', 'submitRevision'],
  ['awaiting_revision', 'lapse'],
  ['awaiting_registration', 'completeRegistration'],
  ['awaiting_registration', 'assign'],
];

describe('registration case transition table', () => {
  it.each(allowedPairs)('BJ-15/16: %s allows %s', (status, action) => {
    expect(() => assertAllowed(status, action)).not.toThrow();
  });

  const forbidden = REGISTRATION_STATUSES.flatMap((s) =>
    REGISTRATION_ACTIONS.filter((a) => !allowedActions(s).includes(a)).map((a) => [s, a] as const),
  );
  it.each(forbidden)('%s forbids %s with WRONG_STATE', (status, action) => {
    expect(() => assertAllowed(status, action)).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
  });

  it('BJ-16: the registry deadline never completes registration by itself (no lapse from awaiting_registration)', () => {
    expect(allowedActions('awaiting_registration')).not.toContain('lapse');
  });

  it('a wrong-state message says the state and what is allowed', () => {
    expect(() => assertAllowed('in_publicity', 'review')).toThrow(
      'Cannot review a case that is in_publicity. Allowed now: claim, assign, dismissComment, closePublicity.',
    );
    expect(() => assertAllowed('registered', 'review')).toThrow('The case is closed; nothing more can be done.');
  });

  it.each([
    ['pass', 'review_passed'],
    ['request_supplement', 'awaiting_supplement'],
    ['reject', 'rejected'],
  ] as const)('BJ-15: review outcome %s leads to %s', (outcome, status) => {
    expect(statusAfterReview(outcome)).toBe(status);
  });

  it('BJ-15: standing comments at the close open the revision window', () => {
    expect(statusAfterPublicity(2)).toBe('awaiting_revision');
  });
  it('BJ-16: a clean close starts the registry registration deadline', () => {
    expect(statusAfterPublicity(0)).toBe('awaiting_registration');
  });
});
