import type { Procedure } from '../cases/procedure';
import { ISSUANCE_PROCEDURE, REGISTRATION_PROCEDURE } from '../packs/case-procedures';
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
