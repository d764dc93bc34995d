import type { PeriodRule } from './periods';
import type { Party } from './procedure';

/**
 * CAL-5: reminders go to whoever must act — the developer for its supplement and revision windows, the registry (the
 * case's officer, or every officer while unassigned) for its registration and bureau-submission deadlines — 3 working
 * days before a deadline and on the day it passes.
 */
/** A reminder of a deadline — 3 working days before its last working day, or on that day — and its instant (ISO). */
export interface DeadlineReminder {
  which: 'three_working_days' | 'due_today';
  at: string;
}

export const REMINDER_KINDS: Record<DeadlineReminder['which'], string> = { three_working_days: 'deadline_reminder', due_today: 'deadline_today' };

export function reminderParty(period: PeriodRule): Party {
  return period.bindsOn === 'developer' ? 'developer' : 'registry';
}

export function reminderMessage(caseNo: string, period: PeriodRule, closesAtLocal: string, which: DeadlineReminder['which']): string {
  return which === 'due_today'
    ? `${caseNo}: ${period.words} today — the deadline is ${closesAtLocal} (24:00 Beijing time today).`
    : `${caseNo}: ${period.words} in 3 working days — the deadline is ${closesAtLocal}.`;
}
