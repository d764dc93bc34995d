/**
 * The deadlines of registration and issuance cases (BJ-15, BJ-16, BJ-23): how many working days each
 * runs, and whom it binds. A developer deadline that passes lapses the case; a registry deadline
 * escalates to the bureau, never approves.
 */
export const DEADLINE_KINDS = ['publicity_close', 'supplement_due', 'revision_due', 'registration_due', 'bureau_submission_due'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface PeriodRule {
  workingDays: number;
  bindsOn: 'developer' | 'registry';
  /** What the deadline is, in words for timelines, notifications and Temporal timer summaries. */
  words: string;
}

export const CASE_PERIODS: Record<DeadlineKind, PeriodRule> = {
  publicity_close: { workingDays: 10, bindsOn: 'registry', words: 'publicity (公示) closes' }, // BJ-15, BJ-23
  supplement_due: { workingDays: 10, bindsOn: 'developer', words: 'developer supplement due' }, // BJ-15 Decision
  revision_due: { workingDays: 10, bindsOn: 'developer', words: 'developer revision due' }, // BJ-15, BJ-23
  registration_due: { workingDays: 10, bindsOn: 'registry', words: 'registry must complete registration' }, // BJ-16
  bureau_submission_due: { workingDays: 10, bindsOn: 'registry', words: 'registry must ask the bureau to issue' }, // BJ-23
};

/**
 * CAL-2: a period that follows the close of another (revision window, registration deadline) starts on
 * the day the previous one closed. A close is 24:00 of its last working day, i.e. the first instant of
 * the next calendar day, so the start day is the instant just before the close.
 */
export function periodStartAfterClose(closesAt: string): string {
  return new Date(Date.parse(closesAt) - 1).toISOString();
}
