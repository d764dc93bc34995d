import { mayReceiveCaseEvent, webhookEventOf, webhookEventsFor } from './webhook-events';

describe('webhook events (issue 10, ROLE-1)', () => {
  const c = { organisationId: 'dev-a', verifierOrganisationId: 'ver-a' };
  it.each([
    ['developer', 'dev-a', 'case.submitted', true],
    ['developer', 'dev-b', 'case.submitted', false],
    ['developer', 'dev-b', 'case.registered', true],
    ['developer', 'dev-b', 'case.publicity_opened', true],
    ['verifier', 'ver-a', 'case.review_pass', true],
    ['verifier', 'ver-b', 'case.review_pass', false],
    ['registry', 'reg', 'case.lapsed', true],
    ['bureau', 'bur', 'case.submitted_to_bureau', true],
    ['exchange', 'exc', 'case.submitted', false],
    ['exchange', 'exc', 'case.issued', true],
    ['emitter', 'emi', 'case.review_reject', false],
  ] as const)('ROLE-1: a %s subscriber (%s) receives %s of developer A\'s case: %s', (kind, organisationId, event, expected) => {
    expect(mayReceiveCaseEvent({ kind, organisationId }, event, c)).toBe(expected);
  });

  it('an exchange or emitter may subscribe to the public events only; a developer to all', () => {
    expect(webhookEventsFor('exchange')).toEqual(['case.publicity_opened', 'case.publicity_closed', 'case.registered', 'case.issued']);
    expect(webhookEventsFor('developer')).toContain('case.review_request_supplement');
  });

  it.each([
    ['publicity_opened', 'case.publicity_opened'],
    ['workflow_closed_outside_procedure', 'case.terminated'],
    ['claimed', null],
    ['deadline_reminder', null],
  ])('the timeline event %s is the webhook event %s', (type, event) => {
    expect(webhookEventOf(type)).toBe(event);
  });
});
