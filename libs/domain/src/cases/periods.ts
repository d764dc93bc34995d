/**
 * The deadlines of registration and issuance cases (BJ-15, BJ-16, BJ-23). How long each runs, whom it
 * binds and what happens when it passes belong to a jurisdiction's rule pack (Beijing: 10 working days
 * each); a developer deadline that passes lapses the case, a registry deadline escalates, never approves.
 */
export const DEADLINE_KINDS = ['publicity_close', 'supplement_due', 'revision_due', 'registration_due', 'bureau_submission_due'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface PeriodRule {
  workingDays: number;
  bindsOn: 'developer' | 'registry';
  /** What the deadline is, in words for timelines, notifications and Temporal timer summaries. */
  words: string;
  /** The system action the case takes when the deadline passes (an action of its procedure). */
  onExpiry: 'closePublicity' | 'lapse' | 'escalate';
  /** CAL-5: whoever the deadline binds is reminded (not of a period that ends by itself and asks no one to act). */
  reminds: boolean;
}

/**
 * CAL-2: a period that follows the close of another (revision window, registration deadline) starts on
 * the day the previous one closed. A close is 24:00 of its last working day, i.e. the first instant of
 * the next calendar day, so the start day is the instant just before the close.
 */
export function periodStartAfterClose(closesAt: string): string {
  return new Date(Date.parse(closesAt) - 1).toISOString();
}
