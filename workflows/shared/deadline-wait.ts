import { condition } from '@temporalio/workflow';

export type DeadlineWaitResult = { kind: 'changed' } | { kind: 'expired' } | { kind: 'recompute' };

/**
 * The one deadline helper (style.md practice 4): wait until something changes the case, the absolute
 * deadline passes, or the calendar changes (CAL-4) and the deadline must be recomputed. The timer's
 * summary says in words what it waits for, so the Temporal UI history reads like the case file.
 */
export async function waitForChangeOrDeadline(
  changed: () => boolean,
  calendarChanged: () => boolean,
  closesAt: string,
  summary: string,
): Promise<DeadlineWaitResult> {
  const remainingMs = Date.parse(closesAt) - Date.now();
  if (changed()) return { kind: 'changed' };
  if (remainingMs <= 0) return { kind: 'expired' };
  const woke = await condition(() => changed() || calendarChanged(), remainingMs, { summary });
  if (!woke) return { kind: 'expired' };
  return changed() ? { kind: 'changed' } : { kind: 'recompute' };
}
