import type { Procedure } from '../cases/procedure';
import { ISSUANCE_PROCEDURE, REGISTRATION_PROCEDURE } from '../packs/case-procedures';
import { notificationKindsFor } from './notification-audience';
import { NOTIFICATION_KINDS, notificationKind } from './notification-kinds';

describe('notification kinds (issue 10)', () => {
  const procedures = [REGISTRATION_PROCEDURE, ISSUANCE_PROCEDURE] as unknown as Procedure[];
  const tableKinds = procedures.flatMap((p) => Object.values(p.actions).flatMap((a) => a.notify.map((n) => n.kind)));

  it.each([...new Set(tableKinds)])('every kind a procedure table sends is described in both languages: %s', (kind) => {
    expect(Object.keys(NOTIFICATION_KINDS)).toContain(kind);
    const k = notificationKind(kind);
    for (const text of [k.titleZh, k.titleEn, k.todoZh, k.todoEn]) expect(text.trim()).not.toBe('');
  });

  it('BJ-15/BJ-16/BJ-23: whoever must act is e-mailed by default — submitted, supplement, revision, registered, lapsed, issued, sign-off, escalation', () => {
    for (const k of ['case_submitted', 'review_request_supplement', 'revision_required', 'registered', 'lapsed', 'issued', 'signoff_requested', 'escalation', 'deadline_reminder', 'deadline_today']) {
      expect([k, notificationKind(k).emailByDefault]).toEqual([k, true]);
    }
    expect(notificationKind('publicity_opened').emailByDefault).toBe(false);
  });
});

describe('notification kinds per role (issue 10, preferences)', () => {
  it.each([
    ['developer', ['review_request_supplement', 'revision_required', 'lapsed', 'registered', 'issued', 'deadline_reminder'], ['case_submitted', 'signoff_requested']],
    ['officer', ['case_submitted', 'case_assigned', 'registration_due', 'deadline_today', 'needs_attention'], ['signoff_requested', 'registered']],
    ['bureau', ['signoff_requested', 'escalation'], ['case_submitted', 'deadline_reminder']],
  ] as const)('a %s chooses for the kinds they can receive, and only those', (role, has, hasNot) => {
    const kinds = notificationKindsFor(role);
    expect(kinds).toEqual(expect.arrayContaining([...has]));
    for (const k of hasNot) expect(kinds).not.toContain(k);
  });
});
