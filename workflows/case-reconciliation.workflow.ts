import { call } from './shared/activity-calls';

/**
 * Run by a Temporal Schedule (`case-reconciliation`, every few minutes): the projection must tell the truth
 * about every case workflow, and a workflow terminated, timed out or failed — by an operator in the
 * Temporal UI or by the server — runs no code of its own to say so. This finds them and closes their cases
 * through the procedure table's `markTerminated`, telling the parties and the operators.
 */
export async function caseReconciliationWorkflow(input: { lookbackHours?: number } = {}): Promise<{ examined: number; marked: string[] }> {
  return call('reconcileClosedCases', 'find case workflows closed outside their procedure and close their cases', { lookbackHours: input.lookbackHours ?? 48 });
}
