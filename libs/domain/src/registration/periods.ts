/**
 * CAL-2: a period that follows the close of another (revision window, registration deadline) starts on
 * the day the previous one closed. A close is 24:00 of its last working day, i.e. the first instant of
 * the next calendar day, so the start day is the instant just before the close.
 */
export function periodStartAfterClose(closesAt: string): string {
  return new Date(Date.parse(closesAt) - 1).toISOString();
}
