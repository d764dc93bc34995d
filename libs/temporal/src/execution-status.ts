/**
 * How a case workflow can end without its own code running, in words for timelines and messages (keyed by the
 * client's execution status names). A case closed this way is marked `terminated` (reconciliation, or the API
 * when someone acts on it).
 */
const CLOSED_OUTSIDE_PROCEDURE: Record<string, string> = { TERMINATED: 'was terminated', TIMED_OUT: 'timed out', FAILED: 'failed', CANCELLED: 'was cancelled' };

export const howWorkflowClosed = (statusName: string): string => CLOSED_OUTSIDE_PROCEDURE[statusName] ?? statusName.toLowerCase().replace(/_/g, ' ');
