import { call } from '../../workflows/shared/activity-calls';
import type { CaseActivities } from '../../libs/temporal/src';

/**
 * Test-only: the issuance activity alone, scheduled exactly as the issuance workflow schedules it
 * (same options, same retry policy), so a test can kill the worker that is running it.
 */
export async function issueOnceWorkflow(req: Parameters<CaseActivities['issueCredits']>[0]) {
  return call('issueCredits', `issue ${req.quantity} t for ${req.caseNo} (kill/retry test)`, req);
}
